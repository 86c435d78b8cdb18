"""The click group: the command table, read lazily, and the options every command shares."""

from __future__ import annotations

import importlib

import click

from ttbgen import __version__
from ttbgen.cli.localize import LANG_HELP, LocalizedGroup, set_lang_option
from ttbgen.i18n import LANGUAGES, N_, _

# name → (module, attribute, help). A command's module is imported only when the command runs, so
# `ttbgen --help` lists them without importing any (issue 15); tests/cli/test_lazy.py checks the help texts.
COMMANDS = {
    "build": ("ttbgen.cli.build", "build", N_("Build each SPEC (a .yaml file, or a folder of them) into "
                                              "OUTDIR/<spec name>.docx.")),
    "check": ("ttbgen.cli.check", "check_command", N_("Check .docx notices against Decree 30 (Nghị định "
                                                      "30/2020/NĐ-CP).")),
    "dump": ("ttbgen.cli.check", "dump", N_("Print the stable text dump of a .docx (text with style, alignment, "
                                            "bold/italic and size).")),
    "new": ("ttbgen.cli.build", "new", N_("Write a commented starter spec for an office to FILE; it builds as it "
                                          "is.")),
    "new-office": ("ttbgen.cli.build", "new_office", N_("Write a commented office profile to edit for your own "
                                                        "office: DIR/offices/NAME.yaml, copied from the profile "
                                                        "--like names (docs/office.md).")),
    "decree": ("ttbgen.cli.decree", "decree", N_("Print the Decree 30 rules that messages cite (docs/decree30.md), "
                                                 "or only section NUMBER (6, 2.2 or §4).")),
    "pdf": ("ttbgen.cli.pdf", "pdf_command", N_("Convert .docx documents to PDF with LibreOffice, in one call.")),
    "preview": ("ttbgen.cli.pdf", "preview_command", N_("Render a spec or a .docx to one PNG per page, for a "
                                                        "quick look.")),
    "tasks": ("ttbgen.cli.tasks", "tasks_command", N_("List the tasks that SPEC files (or folders of them) assign: "
                                                      "who leads, who helps, what, by when.")),
    "schema": ("ttbgen.cli.build", "schema", N_("Print the JSON Schema of a spec (for editor completion and "
                                                "checking).")),
    "templates": ("ttbgen.cli.templates", "templates", N_("List, show and check the templates and office "
                                                          "profiles on the search path.")),
    "import": ("ttbgen.cli.importer", "import_command", N_("Write the spec that rebuilds each notice FILE (.docx, "
                                                           ".pdf, or .txt with one paragraph a line).")),
}


class LazyGroup(LocalizedGroup):
    """A group whose commands (COMMANDS) are imported when run, and listed in --help from their help texts (in the
    language in effect: LocalizedGroup)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Return every command name, sorted."""
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Return a command, importing its module on first use."""
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attribute, _help = COMMANDS[cmd_name]
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

    def get_help(self, ctx: click.Context) -> str:
        """Return the help, and keep the top-level one for `ttbgen --help` without click (cli/quickhelp.py)."""
        text = super().get_help(ctx)
        if ctx.parent is None:
            from ttbgen.cli import quickhelp

            quickhelp.keep(ctx.info_name or "", text + "\n")  # click.echo ends it with a line break
        return text

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands with their short help, without importing them."""
        rows = {name: click.Command(name, help=_(text)) for name, (_m, _a, text) in COMMANDS.items()}
        rows.update({name: cmd for name, cmd in self.commands.items() if not cmd.hidden})
        if rows:
            limit = formatter.width - 6 - max(map(len, rows))
            with formatter.section(_("Commands")):
                formatter.write_dl([(name, rows[name].get_short_help_str(limit)) for name in sorted(rows)])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ttbgen")
@click.option("--lang", type=click.Choice(LANGUAGES), expose_value=False, is_eager=True, callback=set_lang_option,
              help=LANG_HELP)
def main() -> None:
    """Draft Decree 30 meeting-conclusion notices (Thông báo kết luận) from YAML, and check any .docx."""
