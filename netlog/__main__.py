"""``python -m netlog``: the same command line as the ``netlog`` script."""

if __name__ == "__main__":
    from .cli import main

    main(prog_name="netlog")
