"""Office profiles and the search path where they and the templates are found (first match wins)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from ttbgen.errors import SpecError
from ttbgen.i18n import _
from ttbgen.spec.clerk import raise_all
from ttbgen.spec.load import Fields, archive, codes, listed, plain_data, recipient, signer, text, texts
from ttbgen.spec.model import Archive, Office, Signer
from ttbgen.spec.nodes import Reader, compose, read_source

ENV_PATH = "TTBGEN_TEMPLATE_PATH"


def builtin_root() -> Path:
    """Return the templates shipped with ttbgen (in a wheel) or the repository's templates/ folder."""
    # A wheel carries templates/ as ttbgen/builtin_templates (pyproject.toml); an editable install
    # runs from the repository, where the folder is beside the package.
    package = Path(__file__).parent.parent
    packaged = package / "builtin_templates"
    return packaged if packaged.is_dir() else package.parent / "templates"


CONFIG_NAME = "ttbgen.yaml"


def config_files(start: Path) -> list[Path]:
    """Return the config files that apply: the nearest ttbgen.yaml up from `start`, then the user's."""
    found = [d / CONFIG_NAME for d in [start, *start.parents] if (d / CONFIG_NAME).is_file()][:1]
    home = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "ttbgen" / "config.yaml"
    return found + ([home] if home.is_file() else [])


def config_template_path(config: Path) -> list[Path]:
    """Read `template_path:` (folders, relative to the config file) from a config file."""
    source = read_source(config)
    root = compose(source)
    if root is None:
        return []
    reader = Reader(source.name)
    entries = reader.mapping(root, "", ["template_path"])
    if "template_path" not in entries:
        return []
    folders = texts(reader, entries["template_path"][1], "template_path")
    return [(config.parent / folder).resolve() for folder in folders]


def project_roots(start: Path) -> list[Path]:
    """Return the templates/ folders of the project: the nearest one up from `start`."""
    return [d / "templates" for d in [start, *start.parents] if (d / "templates").is_dir()][:1]


def search_path(spec_dir: Path | None = None) -> list[Path]:
    """Return the template roots, first match wins: the spec's folder, the project's templates/, the folders of
    TTBGEN_TEMPLATE_PATH and of the config file, the templates installed with ttbgen."""
    start = (spec_dir or Path.cwd()).resolve()
    roots: list[Path] = [start, start / "templates"] if spec_dir is not None else []
    roots += project_roots(start) + project_roots(Path.cwd().resolve())
    roots += [Path(p) for p in os.environ.get(ENV_PATH, "").split(os.pathsep) if p]
    for config in config_files(start):
        roots += config_template_path(config)
    roots.append(builtin_root())
    return _unique_dirs(roots)


def _unique_dirs(roots: list[Path]) -> list[Path]:
    """Keep the existing folders, each once, in order."""
    seen: set[Path] = set()
    out: list[Path] = []
    for root in roots:
        resolved = root.resolve()
        if resolved.is_dir() and resolved not in seen:
            seen.add(resolved)
            out.append(resolved)
    return out


def find_office(name: str, spec_dir: Path | None = None) -> Path:
    """Return the profile file of an office, searching the template path."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise SpecError(_("'{name}' is not an office name (use letters, digits and -)").format(name=name))
    for root in search_path(spec_dir):
        candidate = root / "offices" / f"{name}.yaml"
        if candidate.is_file() or candidate.exists() or candidate.is_symlink():
            return candidate  # a FIFO or a device is found too, and refused when read (never skipped silently)
    known = sorted({p.stem for root in search_path(spec_dir) for p in (root / "offices").glob("*.yaml")})
    import difflib  # only for a mistake: not imported by a build of good specs (issue 15)

    close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)  # ubnd-ha-noi is not ubnd-lang-son
    if close:
        new = OFFICE_NAME.match(name)
        hint = _(" (a new office of your own: ttbgen new-office {name})").format(name=name) if new else ""
        raise SpecError(_("unknown office '{name}'; did you mean '{close}'?").format(name=name, close=close[0]) + hint)
    hint = _("; to create your own: ttbgen new-office {name} (docs/office.md)").format(name=name)
    raise SpecError(_("unknown office '{name}'; known offices: {known}").format(
        name=name, known=", ".join(known) or _("none")) + (hint if OFFICE_NAME.match(name) else ""))


OFFICE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # a name `ttbgen new-office` accepts (office_profile.py)


def load_office(name: str, spec_dir: Path | None = None) -> Office:
    """Load an office profile by name."""
    path = find_office(name, spec_dir)
    source = read_source(path)
    root = compose(source)
    reader = Reader(source.name)
    if root is None:
        raise SpecError(_("the office profile {path} is empty").format(path=path))
    f = Fields(reader, root, "", "office")
    no_lines: tuple[str, ...] = ()
    office = Office(
        key=name, display_name=f.get("name", text, name),
        agency=tuple(a.upper() for a in f.get("agency", texts, no_lines)),
        place=f.get("place", text, ""), symbol=f.get("symbol", issuer_code, ""),
        issuer_name=f.get("issuer_name", text, ""),
        supervising=tuple(s.upper() for s in f.get("supervising", texts, no_lines)),
        signer=f.get("signer", signer, None), recipients=f.get("recipients", listed(recipient), ()),
        archive=f.get("archive", archive, None), closing=f.get("closing", text, ""),
        drafting_units=f.get("drafting_units", codes, {}), house_style=f.get("house_style", plain_data, {}),
        marks=dict(reader.marks),
    )
    raise_all(reader.errors)
    return office



# Decree 30's type codes (Phụ lục III): a profile's `symbol` is the issuer's code that follows one of them.
TYPE_CODES = ("TB", "GM", "NQ", "QĐ", "CT", "QC", "QYĐ", "HD", "CTR", "KH", "PA", "ĐA", "DA", "BC", "BB", "TTR",
              "HĐ", "CĐ", "BGN", "GUQ", "GNP", "GGT", "GXN", "PG", "PC", "PB", "TL")


def issuer_code(reader: Reader, node: yaml.Node, path: str) -> str:
    """Convert an office's issuer code (UBND), refusing a type code typed before it (TB-UBND → TB-TB-UBND)."""
    value = text(reader, node, path)
    head, dash, rest = value.partition("-")
    if dash and rest and head.upper() in TYPE_CODES:
        raise reader.error(_("'{value}': an office profile's symbol is the issuer's code only, '{rest}'; ttbgen "
                             "adds the type of document in front ('TB-{rest}', 'GM-{rest}'), so '{value}' would "
                             "print as '{head}-{value}'. (In a spec, 'symbol:' is the whole symbol, e.g. "
                             "'TB-{rest}'.)").format(value=value, rest=rest, head=head.upper()), node, path)
    return value


__all__ = ["Archive", "Signer", "find_office", "load_office", "search_path"]
