"""netlog: a plain-text personal networking log.

The pipeline, in the order the modules run:

    config.py      find mkdocs.yml, read the netlog plugin's options
    frontmatter.py split a file into front matter and body, keep key lines
    load.py        folder -> (Log, problems); never raises on bad user data
    followups.py   pure: (log, today, options) -> follow-up items
    serendipity.py pure: introducers, chains (intros.py), tie strength, ties, warm routes
    audit.py       pure: findings over the log (dormant, one-sided, ...) and the network audit
    since.py       pure: the review mark and what changed since it (audit, dashboard, digest)
    pages/         pure: (log, today, options) -> {src_uri: markdown}
    plugin.py      the MkDocs plugin, a thin front end over pages/
    engine.py      MkDocs or ProperDocs: load the config, build, serve
    neutral.py     `netlog render`: the pages and a config that build without the plugin
    cli.py         the Click group; commands/ holds the commands, one module per family

One home per rule, used by every stage: people.py (how refs name people),
titles.py, dates.py (offsets, "today"), checks.py (problem codes),
errors.py (what the library raises), options.py (the plugin's options),
mkdocs_log.py (the engine's log), engine.py (MkDocs or ProperDocs), suggest.py ("did you mean"), yamltext.py
(where YAML's reading differs from the text typed), paths.py (what a path
must be to be published, URLs), sanitize.py (the terminal, outside URLs,
imported text), attachments.py (what --share drops), safeio.py (writes
that fail leave nothing half-written), hostile.py (notes Markdown would
take too long on).
"""

__version__ = "0.1.0"
