"""Allow ``python -m motorisasi``."""

from motorisasi.outputs.cli import main

if __name__ == "__main__":  # not again in the worker processes of a Dask cluster
    main()
