"""netlog's command-line commands, one module per command family (registered in ``cli.py``)."""
