"""`ttbgen templates`: what the search path offers, and checks of a template before offices use it."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import jinja2
from jinja2 import meta, nodes
from lxml import etree

from ttbgen.compose.context import NoticeContext
from ttbgen.errors import TemplateError
from ttbgen.i18n import _
from ttbgen.records import record
from ttbgen.render.engine import MAX_TEMPLATE_BYTES
from ttbgen.render.gate import scan
from ttbgen.render.templates import load_manifest
from ttbgen.safefile import MAX_DOCX_BYTES, read_bounded
from ttbgen.spec.office import search_path

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_SMART = "“”‘’„‟"  # Word's AutoFormat turns typed quotes into these; Jinja cannot read them


@record
class Entry:
    """A template or office profile found on the search path."""

    kind: str  # "template" or "office"
    name: str
    path: Path
    shadowed_by: Path | None = None  # an earlier folder with the same name wins


def entries(spec_dir: Path | None = None) -> list[Entry]:
    """List every template and office profile on the search path, noting which ones are shadowed."""
    out: list[Entry] = []
    first: dict[tuple[str, str], Path] = {}
    for root in search_path(spec_dir):
        found = [("template", p.parent.name, p.parent) for p in sorted(root.glob("*/template.docx"))]
        found += [("office", p.stem, p) for p in sorted((root / "offices").glob("*.yaml"))]
        for kind, name, path in found:
            winner = first.setdefault((kind, name), path)
            out.append(Entry(kind, name, path, None if winner == path else winner))
    return out


@record
class Problem:
    """One thing wrong with a template."""

    where: str
    message: str

    def render(self, template: Path) -> str:
        """Return `template: where: message`."""
        return f"{template}: {self.where}: {self.message}"


def paragraphs(xml: bytes) -> Iterator[tuple[int, list[str]]]:
    """Yield each paragraph's number and the texts of its w:t elements (one per run piece)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(xml, parser)
    for n, p in enumerate(root.iter(f"{_W}p"), start=1):
        yield n, [t.text or "" for t in p.iter(f"{_W}t")]


def split_tags(part: str, xml: bytes) -> Iterator[Problem]:
    """Find Jinja tags that Word split across runs (a tag must sit in one run to be safe to edit)."""
    for n, texts in paragraphs(xml):
        whole = "".join(texts)
        for tag in _TAG.findall(whole):
            if not any(tag in t for t in texts):
                yield Problem(f"{part} ¶{n}", _("the tag {tag} is split across Word runs; select it, delete it and "
                                                "type it again in one go").format(tag=tag))


def smart_quotes(part: str, xml: bytes) -> Iterator[Problem]:
    """Find typographic quotes inside tags (Word's AutoFormat), which Jinja cannot parse."""
    for n, texts in paragraphs(xml):
        for tag in _TAG.findall("".join(texts)):
            if any(q in tag for q in _SMART):
                yield Problem(f"{part} ¶{n}", _("the tag {tag} contains typographic quotes; use straight quotes "
                                                "(turn off AutoFormat's smart quotes)").format(tag=tag))


def names_used(source: str, env: jinja2.Environment) -> tuple[set[str], list[str]]:
    """Return the top-level names a template uses, and the private attributes (_x) it reaches for."""
    tree = env.parse(source)
    private = sorted({node.attr for node in tree.find_all(nodes.Getattr) if node.attr.startswith("_")})
    return set(meta.find_undeclared_variables(tree)), private


def jinja_problems(part: str, source: str) -> Iterator[Problem]:
    """Compile a part and check its names against NoticeContext."""
    from ttbgen.render.engine import make_environment

    env = make_environment()
    try:
        used, private = names_used(source, env)
    except jinja2.TemplateSyntaxError as exc:
        yield Problem(part, _("Jinja syntax error: {message}").format(message=exc.message))
        return
    for name in sorted(used - set(NoticeContext.__annotations__)):
        yield Problem(part, _("'{name}' is not in the template context; the names are: {names}").format(
            name=name, names=", ".join(NoticeContext.__annotations__)))
    for attr in private:
        yield Problem(part, _("the template reaches for the private attribute '{attr}'; templates may only lay "
                              "out the notice").format(attr=attr))


def static_problems(template: Path, data: bytes | None = None) -> Iterator[Problem]:
    """Check a template.docx without rendering it: parts, tags, quotes, names."""
    from ttbgen.render.engine import _patcher, patch_xml

    patcher = _patcher()
    data = read_bounded(template, MAX_DOCX_BYTES, TemplateError, _("the template")) if data is None else data
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if _PARTS.match(name):
                xml = zf.read(name)
                yield from split_tags(name, xml)
                yield from smart_quotes(name, xml)
                yield from jinja_problems(name, patch_xml(patcher, xml))


def template_problems(path: Path) -> tuple[Path, list[Problem]]:
    """Return a template folder (given it or its template.docx) and what its static checks find."""
    folder = path.parent if path.suffix == ".docx" else path
    template = folder / "template.docx"
    if not template.exists():
        return folder, [Problem(str(folder), _("no template.docx here"))]
    try:
        load_manifest(folder)  # template.yaml: bounded, typed (a /dev/zero symlink is refused at once)
        data = read_bounded(template, MAX_DOCX_BYTES, TemplateError, _("the template"))
        threats = gate_problems(data)
        return folder, threats or list(static_problems(template, data))
    except TemplateError as exc:
        return folder, [Problem(str(template), exc.render())]
    except (zipfile.BadZipFile, etree.XMLSyntaxError, UnicodeDecodeError, KeyError, EOFError, ValueError) as exc:
        return folder, [Problem(str(template), _("cannot read the template: {reason}").format(reason=exc))]


def gate_problems(data: bytes) -> list[Problem]:
    """Run the package gate (render/gate.py) on a template's bytes: macros, objects, external targets, …"""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
        if sum(i.file_size for i in infos) > MAX_TEMPLATE_BYTES:
            return [Problem("template.docx", _("the template is larger than {limit} bytes unpacked").format(
                limit=MAX_TEMPLATE_BYTES))]
        return [Problem(t.part, t.message) for t in scan(zf.namelist(), zf.read)]
