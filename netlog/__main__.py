"""``python -m netlog``: the same command line as the ``netlog`` script."""

from .cli import main

main(prog_name="netlog")
