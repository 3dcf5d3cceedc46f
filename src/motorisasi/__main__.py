"""Allow ``python -m motorisasi``."""

from motorisasi.outputs.cli import main

main()
