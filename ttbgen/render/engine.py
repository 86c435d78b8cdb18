"""Render a NoticeContext through a docxtpl Word template into deterministic .docx bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
import markupsafe
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from ttbgen.compose.context import NoticeContext
from ttbgen.errors import TemplateError
from ttbgen.i18n import _
from ttbgen.records import record
from ttbgen.render import gate, limits
from ttbgen.render.cache import compiled_parts
from ttbgen.render.xmltext import escape
from ttbgen.render.zipwrite import PackageWriter
from ttbgen.safefile import MAX_DOCX_BYTES, read_bounded

# Parts that docxtpl renders: the body, headers and footers.
_RENDERED = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
# Text docxtpl's resolve_listing would change: a tab, bell, newline or form feed inside a <w:t>.
_LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")
_EPOCH_1980 = (1980, 1, 1, 0, 0, 0)
MAX_TEMPLATE_BYTES = 20_000_000


@record
class DocumentInfo:
    """Core properties written into the document (docProps/core.xml), taken from the spec."""

    title: str
    creator: str
    subject: str
    created: dt.datetime
    keywords: str = ""


class _NoFiles(jinja2.BaseLoader):
    """A loader that refuses every name: a template may not include, import or extend a file."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, None]:
        """Refuse to load anything."""
        raise jinja2.exceptions.SecurityError(_("a template may not include, import or extend '{name}'").format(
            name=template))


def make_environment() -> SandboxedEnvironment:
    """Return the Jinja environment templates run in: sandboxed, strict, autoescaping (pitfalls.md).

    Templates are untrusted data shared between offices (design.md §5): the sandbox blocks attribute
    tricks such as ''.__class__, and the loader refuses every file.
    """
    return limits.LimitedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True, finalize=keep_braces,
                                     keep_trailing_newline=True, loader=_NoFiles())


def keep_braces(value: Any) -> Any:
    """Escape a text's `{_` and `_}` as XML character references, so that the `{_{` → `{{` clean-up that
    docxtpl (and render_parts) applies to the rendered XML, meant for the template's own literal braces,
    cannot change what the clerk wrote: `{_{ x }_}` in a spec reaches the document as `{_{ x }_}`."""
    if not isinstance(value, str) or isinstance(value, markupsafe.Markup) or ("{_" not in value and "_}" not in value):
        return value
    escaped = str(markupsafe.escape(value)).replace("{_", "&#123;_").replace("_}", "_&#125;")
    return markupsafe.Markup(escaped)


def _patcher() -> Any:
    """Return a docxtpl object whose tag-cleaning methods (patch_xml, resolve_listing) we reuse."""
    from docxtpl import DocxTemplate

    return DocxTemplate(io.BytesIO())


# LibreOffice Writer saves a quote typed inside a tag as an entity ({{ x | join(&apos;, &apos;) }}), which Jinja
# cannot read ("unexpected char '&'"); docxtpl unescapes only &lt; &gt; there. Text outside tags keeps its entities.
_ENTITIES = {"&apos;": "'", "&#39;": "'", "&#x27;": "'", "&quot;": '"', "&#34;": '"', "&#x22;": '"', "&amp;": "&"}
_ENTITY = re.compile("|".join(map(re.escape, _ENTITIES)))
_IN_TAG = re.compile(r"(?<=\{[{%])(.*?)(?=[}%]\})", re.S)


def unescape_tags(xml: str) -> str:
    """Turn the XML entities inside {{ }} and {% %} tags back into the characters Jinja reads."""
    return _IN_TAG.sub(lambda m: _ENTITY.sub(lambda e: _ENTITIES[e.group(0)], m.group(0)), xml)


def patch_xml(patcher: Any, data: bytes) -> str:
    """Clean a part's XML the way docxtpl does, and unescape the entities inside its tags."""
    return unescape_tags(patcher.patch_xml(data.decode("utf-8")))


class CompiledTemplate:
    """A Word template read and compiled once, rendered many times (docxtpl recompiles per call)."""

    def __init__(self, path: Path, use_cache: bool = True) -> None:
        self.path = path
        self.members = _read_members(path)
        self._docxtpl: Any = None
        self._env = make_environment()
        self._parts = compiled_parts(_digest(self.members), self._compile_all, self._env, use_cache)
        self._writer = PackageWriter(self.members)
        self._clean: dict[str, bytes] = {}  # part → the last rendered bytes found well-formed and safe

    def _compile_all(self) -> dict[str, CodeType]:
        """Gate, clean and compile every rendered part (a cache miss: the only place docxtpl is imported).

        The gate runs here, before anything is compiled: an entry is stored only for a template that passed it,
        and the entry's key covers every member's name and bytes and ttbgen's version, so a hit is a template
        that passed this same gate (design.md §5: hostile until checked; issue 15: not parsed again per run).
        """
        gate.refuse(self.path, [n for n, _d in self.members], dict(self.members).__getitem__)
        self._docxtpl = self._docxtpl or _patcher()
        return {name: self._compile(name, data) for name, data in self.members if _RENDERED.match(name)}

    def _compile(self, name: str, data: bytes) -> CodeType:
        """Clean a part's XML the way docxtpl does and compile it."""
        limits.check_part_size(self.path, name, data.decode("utf-8"))  # before docxtpl's quadratic tag cleaning
        xml = patch_xml(self._docxtpl, data)
        xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
        try:
            return self._env.compile(xml)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(_("{path} ({part}): template syntax error: {message}; near: {near}").format(
                path=self.path, part=name, message=exc.message, near=_near(xml, exc.lineno))) from None

    def render_parts(self, context: NoticeContext) -> dict[str, bytes]:
        """Render every templated part and check that each is well-formed XML."""
        return self._render_checked(context)[0]

    def _render_checked(self, context: NoticeContext) -> tuple[dict[str, bytes], dict[str, etree._Element]]:
        """Render every templated part; return the parts, and the parsed tree of each part that changed.

        A part rendered byte-equal to the last one found well-formed and safe is neither parsed nor gated
        again (a notice's headers and footers come out the same for every document of a batch).
        """
        rendered: dict[str, bytes] = {}
        roots: dict[str, etree._Element] = {}
        for name, template in self._parts.items():
            data = rendered[name] = self._render_part(name, template, context)
            if self._clean.get(name) != data:
                roots[name] = _check_xml(self.path, name, data)
        return rendered, roots

    def _render_part(self, name: str, template: jinja2.Template, context: NoticeContext) -> bytes:
        """Render one part; a template fault becomes a TemplateError naming the template."""
        try:
            xml = limits.render_limited(self._env, template, dict(context))
        except limits.LimitError as exc:
            raise TemplateError(_("{path} ({part}): {message}; see docs/limits.md").format(
                path=self.path, part=name, message=exc)) from None
        except jinja2.exceptions.SecurityError as exc:
            message = _("{path}: the template tried something not allowed ({message}); templates may only lay out "
                        "the notice").format(path=self.path, message=exc)
            raise TemplateError(message) from None
        except jinja2.UndefinedError as exc:
            raise TemplateError(_("{path} ({part}): {message}; the names a template may use are: {names}").format(
                path=self.path, part=name, message=exc.message, names=", ".join(NoticeContext.__annotations__))) \
                from None
        except jinja2.TemplateError as exc:
            raise TemplateError(_("{path} ({part}): {message}").format(
                path=self.path, part=name, message=exc)) from None
        return self._finish(xml).encode("utf-8")

    def _finish(self, xml: str) -> str:
        """Undo the line breaks _compile put before paragraphs, restore literal braces, and apply docxtpl's listing
        step where it can change anything; each step first looks (in C) for what it would replace (issue 15)."""
        xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")  # _compile put one before each
        if "{_" in xml or "_}" in xml:
            xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if _may_list(xml) and _LISTING.search(xml):  # only then can the listing step change anything
            self._docxtpl = self._docxtpl or _patcher()
            xml = str(self._docxtpl.resolve_listing(xml))
        return xml

    def render(self, context: NoticeContext, info: DocumentInfo,
               extra: Callable[[dict[str, bytes], dict[str, bytes]], dict[str, bytes]] | None = None) -> bytes:
        """Render a document to .docx bytes in one zip write: same inputs, same bytes.

        `extra(template_parts, rendered_parts)` may return more parts to add or replace (the custom
        properties that record what made the document, which hash the rendered content).
        """
        rendered, roots = self._render_checked(context)
        gate.refuse(self.path, list(roots), rendered.__getitem__, template=False, roots=roots)  # what tags produced
        self._clean.update((name, rendered[name]) for name in roots)
        rendered["docProps/core.xml"] = core_properties(info)
        if extra is not None:
            rendered.update(extra(dict(self.members), rendered))
        return self._writer.write(rendered, zip_time()) or write_zip(self.members, rendered)


def _may_list(xml: str) -> bool:
    """Tell whether a tab, bell, line feed or form feed follows the first '<w:t': _LISTING needs one after a w:t."""
    start = xml.find("<w:t")
    return start >= 0 and any(xml.find(char, start) >= 0 for char in "\t\a\n\f")


def _digest(members: list[tuple[str, bytes]]) -> bytes:
    """Return a hash of a template's content (names and bytes of its parts), the cache's key."""
    h = hashlib.sha256()
    for name, data in members:
        h.update(b"%d:%s\0%d\0" % (len(name), name.encode(), len(data)))
        h.update(data)
    return h.digest()


def _read_members(path: Path) -> list[tuple[str, bytes]]:
    """Read a template's zip members, in order, refusing what cannot be a template (the gate runs before
    compiling: CompiledTemplate._compile_all)."""
    data = read_bounded(path, MAX_DOCX_BYTES, TemplateError, _("the template"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if sum(i.file_size for i in infos) > MAX_TEMPLATE_BYTES:
                raise TemplateError(_("{path}: the template is larger than {limit} bytes unpacked").format(
                    path=path, limit=MAX_TEMPLATE_BYTES))
            members = [(i.filename, zf.read(i)) for i in infos if not i.is_dir()]
    except (OSError, zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise TemplateError(_("{path}: cannot open the template as a .docx: {reason}").format(
            path=path, reason=exc)) from None
    if "word/document.xml" not in dict(members):
        raise TemplateError(_("{path}: not a Word document (no word/document.xml)").format(path=path))
    return members


def _near(xml: str, lineno: int | None) -> str:
    """Return the text (tags removed) around a line of template XML, for error messages."""
    lines = xml.splitlines()[max((lineno or 1) - 2, 0): (lineno or 1) + 1]
    return re.sub(r"<[^>]+>", "", " ".join(lines)).strip()[:120]


def _check_xml(path: Path, part: str, data: bytes) -> etree._Element:
    """Parse rendered XML strictly (a broken template must fail here, not in Word); return the tree for the gate."""
    try:
        return etree.fromstring(data, gate.PARSER)
    except etree.XMLSyntaxError as exc:
        message = _("{path} ({part}): the rendered XML is broken ({message}); a template tag may sit across Word "
                    "runs or inside a tag").format(path=path, part=part, message=exc)
        raise TemplateError(message) from None


def zip_time() -> tuple[int, int, int, int, int, int]:
    """Return the zip member timestamp: SOURCE_DATE_EPOCH when set, else 1980-01-01 (reproducible)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return _EPOCH_1980
    stamp = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return max(_EPOCH_1980, (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second))


def write_zip(members: list[tuple[str, bytes]], replaced: dict[str, bytes]) -> bytes:
    """Write the package with fixed timestamps and member order, replacing the rendered parts."""
    buffer = io.BytesIO()
    stamp = zip_time()
    names = [name for name, _data in members]
    extra = [name for name in replaced if name not in names]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in [*members, *((n, b"") for n in extra)]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, replaced.get(name, data))
    return buffer.getvalue()


def modified_time(created: dt.datetime) -> dt.datetime:
    """Return the modification time: SOURCE_DATE_EPOCH when set, else the creation time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC) if epoch.isdigit() else created


def core_properties(info: DocumentInfo) -> bytes:
    """Return docProps/core.xml for a notice."""
    created = info.created.strftime("%Y-%m-%dT%H:%M:%SZ")
    modified = modified_time(info.created).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(info.title)}</dc:title><dc:subject>{escape(info.subject)}</dc:subject>"
        f"<dc:creator>{escape(info.creator)}</dc:creator><cp:keywords>{escape(info.keywords)}</cp:keywords>"
        f"<cp:lastModifiedBy>ttbgen</cp:lastModifiedBy><dc:language>vi-VN</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{modified}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def render_with_docxtpl(template: Path, context: NoticeContext, out: io.BytesIO) -> None:
    """Render with plain docxtpl (the reference path, for benchmarks and equivalence tests)."""
    from docxtpl import DocxTemplate

    doc = DocxTemplate(template)
    doc.render(dict(context), jinja_env=make_environment(), autoescape=True)
    doc.save(out)
