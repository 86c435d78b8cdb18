"""The command line in the user's language: `--lang`, help texts translated when shown, click's own words.

Help texts are built when the command modules are imported, before anyone knows the language, so they are
written with `N_()` (English) and translated here, at each invocation, once the language is chosen. The
language is read from the arguments before click parses them, so `ttbgen --help --lang vi` is Vietnamese too.
"""

from __future__ import annotations

import gettext
import importlib
import sys
from collections.abc import Iterator, Sequence
from typing import Any
from weakref import WeakKeyDictionary

import click

from ttbgen.i18n import LANGUAGES, N_, _, set_language

LANG_HELP = N_("Language of messages and help: vi (Vietnamese) or en (English). Default: TTBGEN_LANG, else "
               "the system's language.")

# click's own words that users meet (usage, sections, errors), for the catalogue; click looks them up through
# install_click_words(). The singular and plural of click's ngettext messages are both listed.
CLICK_WORDS = (
    N_("Usage:"), N_("Options"), N_("Commands"), N_("Positional arguments"), N_("Show this message and exit."),
    N_("Show the version and exit."), N_("%(prog)s, version %(version)s"), N_("Error: {message}"),
    N_("Try '{command} {option}' for help."), N_("Missing argument"), N_("Missing option"),
    N_("Missing parameter"), N_("Missing command."), N_("No such command {name!r}."),
    N_("No such option {name!r}."), N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"), N_("default: {default}"), N_("Aborted!"), N_("file"), N_("directory"),
    N_("path"), N_("{name} {filename!r} does not exist."), N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is a file."), N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."), N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid {number_type}."), N_("Option {name!r} does not take a value."),
    N_("Got unexpected extra argument ({args})"), N_("Got unexpected extra arguments ({args})"),
    N_("Did you mean {possibility}?"), N_("(Did you mean one of: {possibilities}?)"),
    N_("Option {name!r} requires an argument."), N_("Option {name!r} requires {nargs} arguments."),
    N_("{value!r} is not {choice}."), N_("{value!r} is not one of {choices}."),
)
_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils")
# command, option or path type → {attribute: its English text}, remembered the first time it is translated
_MSGIDS: WeakKeyDictionary[object, dict[str, str | None]] = WeakKeyDictionary()


def lang_in(args: Sequence[str]) -> str | None:
    """Return a valid `--lang` value given before the command name, or None (click reports a bad one)."""
    tokens = iter(args)
    for arg in tokens:
        value = next(tokens, None) if arg == "--lang" else arg.partition("=")[2] if arg.startswith("--lang=") \
            else None
        if value is not None:
            return value if value in LANGUAGES else None
        if not arg.startswith("-"):  # the command name: what follows is the command's own
            return None
    return None


def set_lang_option(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """Apply `--lang` (click's callback; the value was already read before parsing, this validates it)."""
    if value:
        set_language(value)


class LocalizedGroup(click.Group):
    """The main command group: chooses the language before parsing; afterwards the language and every help text are
    as they were (English), so that nothing outside a run sees a translation."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line in the language asked for."""
        argv = kwargs.get("args", args[0] if args else None)
        previous = set_language(lang_in(sys.argv[1:] if argv is None else list(argv)))
        install_click_words()
        localize(self)
        try:
            return super().main(*args, **kwargs)
        finally:
            set_language(previous)
            restore()

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Return a subcommand with its help texts in the language in effect (it may be loaded only now)."""
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            localize(command)
        return command


def localize(command: click.Command) -> None:
    """Translate the help texts of a command tree into the language in effect (they stay English msgids)."""
    for item in _help_bearers(command):
        _translate(item, "help")
        if isinstance(item, click.Parameter) and isinstance(item.type, click.Path):
            _translate(item.type, "name")  # "file", "directory": click keeps the word it had at import time


def _translate(item: object, attribute: str) -> None:
    """Set an attribute to the translation of its English text, remembered the first time."""
    if not hasattr(item, attribute):  # arguments have no help before click 8.2
        return
    msgid = _MSGIDS.setdefault(item, {}).setdefault(attribute, getattr(item, attribute))
    setattr(item, attribute, _(msgid) if msgid else msgid)


def restore() -> None:
    """Put every translated help text back to its English."""
    for item, texts in list(_MSGIDS.items()):
        for attribute, msgid in texts.items():
            setattr(item, attribute, msgid)


def _help_bearers(command: click.Command) -> Iterator[click.Command | click.Parameter]:
    """Yield a command, its parameters and its subcommands', depth first."""
    yield command
    yield from command.params
    if getattr(command, "_help_option", None) is not None:
        command._help_option = None  # click caches it with its help text: made again in the new language
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            yield from _help_bearers(sub)


def install_click_words() -> None:
    """Let click's own messages (usage, errors) go through ttbgen's catalogue."""
    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if getattr(module, "_", None) is gettext.gettext:
            module._ = _  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = _ngettext  # type: ignore[attr-defined]


def _ngettext(singular: str, plural: str, n: int) -> str:
    """click's plural messages: each form is its own msgid (Vietnamese has one form)."""
    return _(singular if n == 1 else plural)


def english_help(command: click.Command) -> Iterator[tuple[click.Command, str]]:
    """Yield (command, English help text) for a command, its options and its subcommands (for the catalogue)."""
    for item in (command, *command.params):
        msgid = _MSGIDS.get(item, {}).get("help", getattr(item, "help", None))
        if msgid:
            yield command, msgid
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            yield from english_help(sub)
