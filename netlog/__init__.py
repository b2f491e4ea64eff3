"""netlog: a plain-text personal networking log.

The pipeline, in the order the modules run:

    config.py      find mkdocs.yml, read the netlog plugin's options
    frontmatter.py split a file into front matter and body, keep key lines
    load.py        folder -> (Log, problems); never raises on bad user data
    followups.py   pure: (log, today, options) -> follow-up items
    serendipity.py pure: introducers, chains, tie strength, ties, warm routes
    audit.py       pure: findings over the log (dormant, one-sided, ...)
    pages/         pure: (log, today, options) -> {src_uri: markdown}
    plugin.py      the MkDocs plugin, a thin front end over pages/
    cli.py         the Click group; commands/ holds the commands, one module per family

One home per rule, used by every stage: people.py (how refs name people),
titles.py, dates.py (offsets, "today"), checks.py (problem codes),
errors.py (what the library raises), options.py (the plugin's options),
mkdocs_log.py (MkDocs' log), suggest.py ("did you mean").
"""

__version__ = "0.1.0"
