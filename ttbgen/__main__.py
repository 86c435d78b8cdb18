"""`python -m ttbgen`: the command-line interface."""

from ttbgen.cli import run

run()
