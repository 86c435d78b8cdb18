"""Template manifests and the custom document properties that record what made a document."""

from __future__ import annotations

import functools
import hashlib
import re
import zipfile
from dataclasses import field
from pathlib import Path
from typing import Any

import yaml
from lxml import etree

from ttbgen.compose.derive import Geometry
from ttbgen.errors import SpecError, TemplateError
from ttbgen.i18n import _
from ttbgen.records import record
from ttbgen.render.xmltext import escape
from ttbgen.safefile import MAX_DOCX_BYTES, MAX_MANIFEST_BYTES, read_bounded
from ttbgen.spec.nodes import Source, compose, decode
from ttbgen.spec.office import search_path

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10× faster than the pure-Python parser

_CUSTOM = "docProps/custom.xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_NS_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_NS_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the standard custom-properties format id


@record
class Manifest:
    """What a template is: name, document type, version, and the geometry its rules depend on."""

    name: str
    doc_type: str
    doc_type_name: str
    version: str
    sha256: str
    ttbgen: str = ""
    description: str = ""
    content: str = "conclusion"  # how the body is derived: conclusion, invitation, announcement or report
    geometry: Geometry = field(default_factory=Geometry)
    print_due: str = "missing"  # print a task's due in the notice: when its text states none, always, or never

    @property
    def subject(self) -> str:
        """Return the document's subject property: the document type in words."""
        return SUBJECTS.get(self.content, self.doc_type_name)


SUBJECTS = {"conclusion": "Thông báo kết luận", "invitation": "Giấy mời", "announcement": "Thông báo",
            "report": "Báo cáo kết quả thực hiện nhiệm vụ"}


def load_manifest(folder: Path) -> Manifest:
    """Read a template folder's template.yaml, and hash its template.docx."""
    path = folder / "template.yaml"
    data = _manifest_data(path) if path.exists() or path.is_symlink() else {}
    template = read_bounded(folder / "template.docx", MAX_DOCX_BYTES, TemplateError, _("the template"))
    digest = hashlib.sha256(template).hexdigest()
    return Manifest(
        name=_word(path, data, "name", folder.name), doc_type=_word(path, data, "doc_type", "TB"),
        doc_type_name=_word(path, data, "doc_type_name", "THÔNG BÁO"), version=_word(path, data, "version", "0"),
        sha256=digest, ttbgen=_word(path, data, "ttbgen", ""), description=_word(path, data, "description", ""),
        content=_content(path, data.get("content", "conclusion")),
        geometry=_geometry(path, data.get("geometry") or {}),
        print_due=_print_due(path, data.get("print_due", "missing")),
    )


def _print_due(path: Path, value: Any) -> str:
    """Read when the notice prints a task's deadline: missing (from its text), always, or never."""
    if value not in ("missing", "always", "never"):
        raise TemplateError(_("{path}: print_due must be missing, always or never, got '{value}'").format(
            path=path, value=value))
    return str(value)


def _manifest_data(path: Path) -> dict[str, Any]:
    """Read template.yaml: bounded, no anchors or aliases (billion laughs), no deep nesting, a mapping."""
    raw = read_bounded(path, MAX_MANIFEST_BYTES, TemplateError, _("the manifest"))
    return _parsed_manifest(path, raw)


@functools.lru_cache(maxsize=32)
def _parsed_manifest(path: Path, raw: bytes) -> dict[str, Any]:
    """Parse template.yaml's bytes, once per content: a batch reads the manifest again for every document (so a
    changed template is never rendered stale) and gets the same bytes; errors are not cached. The mapping is
    shared between callers, who only read it."""
    try:
        source = Source(str(path), decode(str(path), raw))
        compose(source)  # refuses anchors, aliases, deep nesting and odd tags with a located message
        data = yaml.load(source.text, Loader=_LOADER)  # the parser compose() just accepted; the same constructor
    except SpecError as exc:
        raise TemplateError(exc.render()) from None
    except yaml.YAMLError as exc:
        raise TemplateError(_("{path}: cannot read the manifest: {reason}").format(path=path, reason=exc)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise TemplateError(_("{path}: the manifest must be a mapping").format(path=path))
    return data


def _word(path: Path, data: dict[str, Any], key: str, default: str) -> str:
    """Read a short text value of the manifest (a number is taken as written: version: 1.2)."""
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or len(str(value)) > 1000:
        raise TemplateError(_("{path}: {key} must be a short text, got {value}").format(
            path=path, key=key, value=str(value)[:60]))
    return str(value)


def _content(path: Path, value: Any) -> str:
    """Read the manifest's content kind."""
    if not isinstance(value, str) or value not in SUBJECTS:
        raise TemplateError(_("{path}: content must be one of {kinds}, got '{value}'").format(
            path=path, kinds=", ".join(SUBJECTS), value=value))
    return str(value)


def _geometry(path: Path, data: Any) -> Geometry:
    """Read the manifest's geometry block (twips), keeping the defaults for what it leaves out."""
    if not isinstance(data, dict):
        raise TemplateError(_("{path}: geometry must be a mapping").format(path=path))
    known = Geometry.__dataclass_fields__
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise TemplateError(_("{path}: unknown geometry keys: {keys}").format(path=path, keys=", ".join(unknown)))
    for key, value in data.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 100_000:
            raise TemplateError(_("{path}: geometry.{key} must be a number from 0 to 100000 (twips or pt), got {value}")
                                .format(path=path, key=key, value=str(value)[:60]))
    return Geometry(**{k: v for k, v in data.items()})


def custom_properties_xml(props: dict[str, str]) -> bytes:
    """Return docProps/custom.xml holding string properties."""
    items = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name)}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(sorted(props.items()), start=2)
    )
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Properties xmlns="{_NS_CUSTOM}" xmlns:vt="{_NS_VT}">{items}</Properties>').encode()


def _with_override(content_types: bytes) -> bytes:
    """Declare the custom-properties part in [Content_Types].xml if it is not yet declared."""
    text = content_types.decode("utf-8")
    if "/docProps/custom.xml" in text:
        return content_types
    override = f'<Override PartName="/docProps/custom.xml" ContentType="{_CUSTOM_TYPE}"/>'
    return text.replace("</Types>", override + "</Types>").encode("utf-8")


def _with_relationship(rels: bytes) -> bytes:
    """Relate the package to docProps/custom.xml in _rels/.rels if it is not yet related."""
    text = rels.decode("utf-8")
    if "docProps/custom.xml" in text:
        return rels
    ids = {int(n) for n in re.findall(r'Id="rId(\d+)"', text)}
    rel = f'<Relationship Id="rId{max(ids, default=0) + 1}" Type="{_CUSTOM_REL}" Target="docProps/custom.xml"/>'
    return text.replace("</Relationships>", rel + "</Relationships>").encode("utf-8")


def custom_property_parts(parts: dict[str, bytes], props: dict[str, str]) -> dict[str, bytes]:
    """Return the package parts that set docProps/custom.xml to these properties (declared and related)."""
    return {
        "[Content_Types].xml": _with_override(parts["[Content_Types].xml"]),
        "_rels/.rels": _with_relationship(parts["_rels/.rels"]),
        _CUSTOM: custom_properties_xml(props),
    }


def read_custom_properties(zf: zipfile.ZipFile) -> dict[str, str]:
    """Read the string custom properties of an open .docx (empty when it has none)."""
    try:
        data = zf.read(_CUSTOM)
    except KeyError:
        return {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        if b"<!DOCTYPE" in data[:65536] or b"<!ENTITY" in data[:65536]:
            return {}
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return {}  # malformed or encrypted: not properties ttbgen wrote (the document counts as edited)
    return {str(p.get("name", "")): "".join(str(t) for t in p.itertext())
            for p in root.findall(f"{{{_NS_CUSTOM}}}property")}


def _numbers(version: str) -> tuple[int, ...]:
    """Parse a dotted numeric version (1.2.3); a non-numeric part ends it."""
    out: list[int] = []
    for part in version.strip().split("."):
        if not part.isdigit():
            break
        out.append(int(part))
    return tuple(out)


def pin_matches(version: str, pin: str) -> bool:
    """Tell whether a template version matches a spec's pin: 1 → 1.x.y, 1.2 → 1.2.y, 1.2.3 exactly."""
    wanted = _numbers(pin)
    return _numbers(version)[: len(wanted)] == wanted


_OPS = {">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
        "<": lambda a, b: a < b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b}


def satisfies(version: str, requirement: str) -> bool:
    """Tell whether a version meets a requirement such as ">=0.1,<0.2" (numeric parts only)."""
    for clause in filter(None, (c.strip() for c in requirement.split(","))):
        op = next((o for o in sorted(_OPS, key=len, reverse=True) if clause.startswith(o)), "==")
        bound = _numbers(clause[len(op):] if clause.startswith(op) else clause)
        width = max(len(bound), 3)
        mine = _numbers(version) + (0,) * width
        if not _OPS[op](mine[:width], bound + (0,) * (width - len(bound))):
            return False
    return True


def find_template(name: str, spec_dir: Path | None = None) -> Path:
    """Return the folder of a template (holding template.docx), searching the template path."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise TemplateError(_("'{name}' is not a template name").format(name=name))
    for root in search_path(spec_dir):
        docx = root / name / "template.docx"
        if docx.exists() or docx.is_symlink():  # a FIFO or a device too: refused when read, never skipped
            return root / name
    known = sorted({p.parent.name for root in search_path(spec_dir) for p in root.glob("*/template.docx")})
    import difflib  # only for a mistake: not imported by a build of good specs (issue 15)

    close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
    if close:
        raise TemplateError(_("template '{name}' not found; did you mean '{close}'?").format(name=name, close=close[0]))
    raise TemplateError(_("template '{name}' not found in: {roots} (known templates: {known})").format(
        name=name, roots=", ".join(str(r) for r in search_path(spec_dir)), known=", ".join(known) or _("none")))
