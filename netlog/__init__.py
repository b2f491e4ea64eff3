"""netlog: a plain-text personal networking log.

The pipeline, in the order the modules run:

    config.py      find mkdocs.yml, read the netlog plugin's options
    frontmatter.py split a file into front matter and body, keep key lines
    load.py        folder -> (Log, problems); never raises on bad user data
    followups.py   pure: (log, today, options) -> follow-up items
    audit.py       pure: findings over the log (dormant, one-sided, ...)
    pages/         pure: (log, today, options) -> {src_uri: markdown}
    plugin.py      the MkDocs plugin, a thin front end over pages/
    engine.py      MkDocs or ProperDocs: load the config, build, serve
    neutral.py     `netlog render`: the pages and a config that build without the plugin
    cli.py         the Click command line, a thin front end over all of it
"""

__version__ = "0.1.0"
