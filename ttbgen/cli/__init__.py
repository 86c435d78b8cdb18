"""Command line: click commands, one module per command group; each parses, calls one function, prints, exits."""

from __future__ import annotations

import click

from ttbgen import __version__
from ttbgen.cli.build import build, new, new_office, schema
from ttbgen.cli.check import check_command, dump
from ttbgen.cli.decree import decree
from ttbgen.cli.pdf import pdf_command, preview_command
from ttbgen.cli.tasks import tasks_command
from ttbgen.cli.templates import templates


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ttbgen")
def main() -> None:
    """Draft Decree 30 meeting-conclusion notices (Thông báo kết luận) from YAML, and check any .docx."""


for _command, _name in ((build, "build"), (schema, "schema"), (dump, "dump"), (new, "new"), (new_office, "new-office"),
                        (templates, "templates"),
                        (check_command, "check"), (pdf_command, "pdf"), (preview_command, "preview"),
                        (tasks_command, "tasks"), (decree, "decree")):
    main.add_command(_command, _name)
