"""Keep the Vietnamese catalogue in step with the code: extract, merge, compile (docs/translation.md).

    python tools/messages.py           # write ttbgen.pot from the code, merge it into vi's ttbgen.po, compile .mo
    python tools/messages.py --check   # list what is stale or untranslated; exit 1 if anything is

The messages are every `_()` and `N_()` call in ttbgen/, the doc of every spec key (`Field(kind, doc)`) and the
summary of every checker rule (`Rule(id, clause, level, summary, …)`, shown in SARIF), found by Babel as
babel.cfg maps it, and every command's and option's help text, read from the click command tree (a command's
docstring is its help).
"""

from __future__ import annotations

import datetime as dt
import inspect
import io
import re
import sys
from collections.abc import Iterator
from gettext import GNUTranslations
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ttbgen"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "ttbgen.pot"
PO = LOCALE / "vi" / "LC_MESSAGES" / "ttbgen.po"
MO = PO.with_suffix(".mo")
# Field(kind, doc): the spec schema's key docs; Rule(id, clause, level, summary, …): the checker's rule summaries.
KEYWORDS = {"_": None, "N_": None, "Field": (2,), "Rule": (4,), "RenderRule": (4,)}
# Fixed header dates: the files change only when the messages do, so a diff shows what was added.
HEADER_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
# A str.format field ({n}, {got:.1f}, {name!r}) or a %-style one; "{units, under: Group}" in a doc is not one.
PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*(?:![rsa])?(?::[^{}]*)?\}|%\([a-z_]+\)[sd]")


def extract() -> Catalog:
    """Return the template catalogue: every message in the code, located."""
    catalog = Catalog(project="ttbgen", copyright_holder="ttbgen contributors", charset="utf-8",
                      creation_date=HEADER_DATE, revision_date=HEADER_DATE,
                      fuzzy=False)
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    for filename, lineno, message, _comments, _context in extract_from_dir(PACKAGE, method_map, options_map,
                                                                          keywords=KEYWORDS):
        if isinstance(message, str):
            catalog.add(message, locations=[(f"ttbgen/{filename}", lineno)])
    for text, where in help_texts():
        catalog.add(text, locations=[where])
    return catalog


def help_texts() -> Iterator[tuple[str, tuple[str, int]]]:
    """Yield every help text of the command line with the file and line of its command."""
    sys.path.insert(0, str(ROOT))
    import click

    from ttbgen.cli import main
    from ttbgen.cli.localize import english_help

    ctx = click.Context(main)
    for name in main.list_commands(ctx):  # the commands are loaded lazily: load them all
        main.get_command(ctx, name)
    for command, text in english_help(main):
        func = inspect.unwrap(command.callback) if command.callback else None
        where = (Path(inspect.getsourcefile(func) or "").resolve().relative_to(ROOT).as_posix(),
                 inspect.getsourcelines(func)[1]) if func else ("ttbgen/cli/__init__.py", 1)
        yield text, where


def merged(template: Catalog) -> Catalog:
    """Return the Vietnamese catalogue updated to the template: new messages empty, gone ones dropped."""
    with PO.open("rb") as f:
        catalog = read_po(f, locale="vi")
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    catalog.revision_date = HEADER_DATE
    return catalog


def write(template: Catalog, catalog: Catalog) -> None:
    """Write the .pot, the .po and the compiled .mo."""
    with POT.open("wb") as f:
        write_po(f, template, width=116, ignore_obsolete=True, include_lineno=False)
    with PO.open("wb") as f:
        write_po(f, catalog, width=116, ignore_obsolete=True, include_lineno=False)
    with MO.open("wb") as f:
        write_mo(f, catalog, use_fuzzy=False)


def problems() -> list[str]:
    """Return what is stale or untranslated: the .pot, the .po, the .mo against the code and each other."""
    template = extract()
    with PO.open("rb") as f:
        catalog = read_po(f, locale="vi")
    with POT.open("rb") as f:
        committed_pot = read_po(f)
    found = _diff("ttbgen.pot", _ids(committed_pot), _ids(template))
    found += _diff("ttbgen.po", _ids(catalog), _ids(template))
    found += [f"untranslated: {m.id!r}" for m in catalog if m.id and not m.string]
    found += [f"fuzzy (check and clear the flag): {m.id!r}" for m in catalog if m.id and m.fuzzy]
    found += [f"placeholders differ: {m.id!r} → {m.string!r}" for m in catalog
              if m.id and m.string and sorted(PLACEHOLDER.findall(m.id)) != sorted(PLACEHOLDER.findall(str(m.string)))]
    if compiled(catalog) != _read_mo(MO.read_bytes()):
        found.append("ttbgen.mo is older than ttbgen.po: run python tools/messages.py")
    return found


def _ids(catalog: Catalog) -> set[str]:
    """Return a catalogue's msgids."""
    return {str(m.id) for m in catalog if m.id}


def _diff(name: str, have: set[str], want: set[str]) -> list[str]:
    """Say which messages a file lacks and which it holds that the code no longer has."""
    return ([f"{name} lacks: {m!r}" for m in sorted(want - have)]
            + [f"{name} holds a message the code no longer has: {m!r}" for m in sorted(have - want)])


def compiled(catalog: Catalog) -> dict[str, str]:
    """Return the messages a catalogue compiles to, as gettext reads them."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return _read_mo(buffer.getvalue())


def _read_mo(data: bytes) -> dict[str, str]:
    """Return the messages of a compiled catalogue (without the header)."""
    messages: dict[str, str] = GNUTranslations(io.BytesIO(data))._catalog  # type: ignore[attr-defined]
    return {k: v for k, v in messages.items() if k}


def main() -> int:
    """Update the catalogue files, or with --check report what is stale."""
    if "--check" in sys.argv[1:]:
        found = problems()
        print("\n".join(found) or "the Vietnamese catalogue is complete and up to date")
        return 1 if found else 0
    template = extract()
    catalog = merged(template)
    write(template, catalog)
    missing = sum(1 for m in catalog if m.id and not m.string)
    print(f"{len(_ids(template))} messages; {missing} without a Vietnamese translation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
