"""One or many specs → documents: load, derive, render, and write safely."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import field
from pathlib import Path
from typing import Protocol

from ttbgen import __version__, files
from ttbgen.build import protect
from ttbgen.check.ruleset import office_ruleset
from ttbgen.compose.derive import build_context
from ttbgen.errors import OutputError, SpecError, TemplateError, TtbgenError
from ttbgen.files import atomic_write
from ttbgen.i18n import _
from ttbgen.records import record
from ttbgen.render.engine import CompiledTemplate, DocumentInfo
from ttbgen.render.templates import (
    Manifest,
    custom_property_parts,
    find_template,
    load_manifest,
    pin_matches,
    satisfies,
)
from ttbgen.spec.lint import SpecWarning, warnings_for
from ttbgen.spec.load import load_spec
from ttbgen.spec.model import Notice, Office, TemplateRef
from ttbgen.spec.office import load_office

CONTENT_HASH = "ttbgen.content-sha256"


class BatchError(TtbgenError):
    """Some specs of a batch failed: every error is reported and nothing is written."""

    def __init__(self, errors: list[TtbgenError]) -> None:
        super().__init__("\n".join(e.render() for e in errors))
        self.errors = errors


@record
class Rendered:
    """A document rendered in memory from a spec and one of its templates, not yet written."""

    spec: Path
    notice: Notice
    name: str  # output file name
    data: bytes
    warnings: list[SpecWarning]

    @property
    def office(self) -> Office:
        """Return the office profile the document was made for."""
        return self.notice.office


class Output(Protocol):
    """A document ready to be written: rendered in memory, or staged in a spill folder (build/workers.py)."""

    @property
    def spec(self) -> Path: ...
    @property
    def name(self) -> str: ...
    @property
    def data(self) -> bytes: ...
    @property
    def office(self) -> Office | None: ...
    @property
    def warnings(self) -> list[SpecWarning]: ...


@record(frozen=False)
class Built:
    """One document written (or left as it was, when unchanged)."""

    spec: Path
    output: Path
    written: bool
    office: Office | None = None
    backup: Path | None = None
    warnings: list[SpecWarning] = field(default_factory=list)


@record(frozen=False)
class Builder:
    """Builds notices, caching compiled templates across a batch."""

    outdir: Path
    force: bool = False
    strict: bool = False
    templates: tuple[str, ...] = ()  # --template: render through these instead of the spec's own
    _templates: dict[tuple[Path, str], CompiledTemplate] = field(default_factory=dict)
    _offices: dict[tuple[str, Path], Office] = field(default_factory=dict)
    _found: dict[tuple[str, Path], Path] = field(default_factory=dict)
    _manifests: dict[Path, tuple[tuple[FileStamp, FileStamp], Manifest]] = field(default_factory=dict)

    def office(self, name: str, spec_dir: Path) -> Office:
        """Return an office profile, read once per batch and spec folder."""
        key = (name, _absolute(spec_dir))
        if key not in self._offices:
            self._offices[key] = load_office(name, spec_dir)
        return self._offices[key]

    def compiled(self, folder: Path) -> tuple[CompiledTemplate, Manifest]:
        """Return a template folder's compiled template and manifest, compiling once per batch."""
        # Keyed by the folder's absolute path and the template's hash: a process that builds again (a library user,
        # a worker kept between batches) never renders a stale template that skipped the gate (issue 13).
        manifest = self.manifest(folder)
        key = (_absolute(folder), manifest.sha256)
        if key not in self._templates:
            self._templates[key] = CompiledTemplate(folder / "template.docx")
        return self._templates[key], manifest

    def manifest(self, folder: Path) -> Manifest:
        """Return a template folder's manifest, read and hashed again only when template.yaml or template.docx
        changed on disk (a new file, size or time): not once per document of a batch (issue 15)."""
        key, stamps = _absolute(folder), (file_stamp(folder / "template.yaml"), file_stamp(folder / "template.docx"))
        cached = self._manifests.get(key)
        if cached is not None and cached[0] == stamps:
            return cached[1]
        manifest = load_manifest(folder)
        if manifest.ttbgen and not satisfies(__version__, manifest.ttbgen):
            raise TemplateError(_("{folder}: template {name} {version} needs ttbgen {need}; this is ttbgen "
                                  "{mine}").format(folder=folder, name=manifest.name, version=manifest.version,
                                                   need=manifest.ttbgen, mine=__version__))
        if settled(stamps):
            self._manifests[key] = stamps, manifest
        return manifest

    def template(self, ref: TemplateRef, notice: Notice, spec_dir: Path) -> tuple[CompiledTemplate, Manifest]:
        """Find, compile and version-check the template a spec names."""
        try:
            folder = self.find(ref.name, spec_dir)
        except TemplateError as exc:
            raise SpecError(str(exc), notice.marks.get(ref.path), ref.path) from None
        compiled, manifest = self.compiled(folder)
        if manifest.content == "report":
            raise SpecError(_("{name} lays out the follow-up report: write it with `ttbgen tasks SPEC... --report`, "
                              "and build notices through a notice template").format(name=ref.name),
                            notice.marks.get(ref.path), ref.path)
        if ref.version and not pin_matches(manifest.version, ref.version):
            raise SpecError(_("the spec pins {name} version {pin}, but the template found is version {version} "
                              "({folder})").format(name=ref.name, pin=ref.version, version=manifest.version,
                                                   folder=folder), notice.marks.get(ref.path), ref.path)
        return compiled, manifest

    def find(self, name: str, spec_dir: Path) -> Path:
        """Find a template folder once per batch and spec folder (the search path is walked once)."""
        key = (name, _absolute(spec_dir))  # a relative folder means another place after a chdir
        if key not in self._found:
            self._found[key] = find_template(name, spec_dir)
        return self._found[key]

    def refs(self, notice: Notice) -> tuple[TemplateRef, ...]:
        """Return the templates to render: --template's, else the spec's."""
        if self.templates:
            return tuple(TemplateRef(name, "", "--template") for name in self.templates)
        return notice.templates

    def render(self, spec: Path) -> list[Rendered]:
        """Load a spec and render one document per template, in memory."""
        notice = load_spec(spec, self.office, display=display_path(spec))
        office_ruleset(notice.office)  # a house style wider than Decree 30 is refused before anything is written
        warnings = self.check_warnings(notice)
        out: list[Rendered] = []
        for index, ref in enumerate(self.refs(notice)):
            compiled, manifest = self.template(ref, notice, spec.parent)
            context = build_context(notice, manifest.geometry, manifest.doc_type_name, manifest.doc_type,
                                    manifest.content, manifest.print_due)
            info = document_info(notice, context["title"], manifest, (context["number_line"], context["date_line"]))
            data = compiled.render(context, info, stamper(manifest))
            out.append(Rendered(spec, notice, output_name(spec, ref.name, index), data, warnings))
        return out

    def check_warnings(self, notice: Notice) -> list[SpecWarning]:
        """Return a notice's semantic warnings; with --strict they are errors."""
        found = warnings_for(notice)
        if self.strict and found:
            raise BatchError([w.as_error() for w in found])
        return found

    def build(self, spec: Path) -> list[Built]:
        """Build one spec into the output folder."""
        return [write_output(self.outdir, r, self.force) for r in self.render(spec)]


def display_path(path: Path) -> str:
    """Show a path relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(_resolved(os.getcwd())))
    except ValueError:
        return str(path)


@functools.lru_cache(maxsize=8)
def _resolved(folder: str) -> Path:
    """Resolve the working folder once per folder, not once per spec of a batch (issue 15)."""
    return Path(folder).resolve()


FileStamp = tuple[int, int, int, int, int] | None
RACY_NS = 2_000_000_000  # a file changed less than this long ago is read again, whatever its stamp says


def file_stamp(path: Path) -> FileStamp:
    """Return what tells a file's versions apart without reading it (device, inode, size, times), or None."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def settled(stamps: tuple[FileStamp, ...]) -> bool:
    """Tell whether files changed long enough ago for their stamps to tell the next change apart.

    A file's times move in clock ticks of some milliseconds: two writes of the same size within one tick leave
    the same stamp. A stamp is trusted only once its file is older than RACY_NS (git's "racy" rule), so any
    later write lands in a later tick and changes it.
    """
    now = time.time_ns()
    return all(s is not None and now - s[4] > RACY_NS for s in stamps)


def _absolute(path: Path) -> Path:
    """Return a cache key for a folder: absolute, without a file-system call per spec (unlike resolve())."""
    return Path(os.path.abspath(path))


def document_info(notice: Notice, title: str, manifest: Manifest, lines: tuple[str, ...] = ()) -> DocumentInfo:
    """Return the core properties of a notice, all taken from the spec (deterministic): the title is the trích
    yếu, the subject the type with the number and date lines, which LibreOffice carries into a PDF."""
    date = notice.date
    created = dt.datetime(date.year, date.month or 1, date.day or 1, tzinfo=dt.UTC)
    subject = " — ".join([manifest.subject, *(" ".join(line.split()) for line in lines)])
    return DocumentInfo(title=title, creator=notice.office.display_name, subject=subject,
                        created=created, keywords=manifest.name)


def stamper(manifest: Manifest) -> Callable[[dict[str, bytes], dict[str, bytes]], dict[str, bytes]]:
    """Return the step that records which template and ttbgen made a document, and a hash of its content."""

    def stamp(template: dict[str, bytes], rendered: dict[str, bytes]) -> dict[str, bytes]:
        content = hashlib.sha256(rendered["word/document.xml"]).hexdigest()
        final = {**template, **rendered}
        final.update(custom_property_parts(final, {}))  # the package as written, to hash all of it
        return custom_property_parts(template, {
            protect.PACKAGE_HASH: protect.package_digest(final),
            "ttbgen.version": __version__, "ttbgen.template": manifest.name,
            "ttbgen.template-version": manifest.version, "ttbgen.template-sha256": manifest.sha256,
            CONTENT_HASH: content,
        })

    return stamp


def output_name(spec: Path, template: str = "", index: int = 0) -> str:
    """Name the output after the spec (a document number contains "/"): SPEC.docx, then SPEC.TEMPLATE.docx."""
    return safe_stem(spec.stem + (f".{template}" if index else "")) + ".docx"


_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')  # control characters, and what Windows refuses in a name
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_stem(stem: str) -> str:
    """Make a plain file name that stays inside the output folder: no separators, control characters, leading
    dots (.., hidden files) or names Windows reserves."""
    stem = _UNSAFE.sub("_", stem).strip(" .") or "notice"
    return "_" + stem if stem.split(".")[0].upper() in _RESERVED else stem


def expand(paths: list[Path]) -> list[Path]:
    """Expand folders into the spec files they hold (*.yaml, *.yml; sorted; no hidden files, no follow-up status
    file of `ttbgen tasks`)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            # Only a folder can hold a status file: a one-spec build does not import the task register.
            from ttbgen.tasks.register import is_status_file

            names = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))
            out += [p for p in map(spec_file, names) if not is_status_file(p)]
        elif path.exists() or path.is_symlink():
            out.append(spec_file(path))
        else:
            raise SpecError(_("{path}: no such file or folder").format(path=path))
    if not out:
        raise SpecError(_("no spec files (*.yaml) in {paths}").format(paths=", ".join(map(str, paths))))
    return out


def spec_file(path: Path) -> Path:
    """Refuse a document given where a spec is expected (build takes a spec, check takes a .docx), and a
    symbolic link that leads nowhere or to itself."""
    if not path.exists():
        raise SpecError(_("{path}: a link (shortcut) that leads nowhere or to itself; remove it, or point it at a "
                          "spec").format(path=path))
    suffix = path.suffix.lower()
    if suffix == ".docx":
        raise SpecError(_("{path}: this is a Word document; `ttbgen build` takes a spec (.yaml). To check a "
                          "document, run: ttbgen check {path}").format(path=path))
    if suffix in (".doc", ".rtf", ".odt", ".pdf"):
        raise SpecError(_("{path}: `ttbgen build` takes a spec (.yaml), not a {kind} file; to check a document, "
                          "save it as .docx and run: ttbgen check FILE.docx").format(path=path,
                                                                                    kind=suffix.lstrip(".").upper()))
    return path


def edited_since_built(path: Path) -> bool:
    """Tell whether an existing output was changed after ttbgen wrote it (or was not written by ttbgen)."""
    return protect.state_of(path, b"")[0] is not protect.State.BUILT  # every part, not only document.xml


def write_output(outdir: Path, rendered: Output, force: bool, overwrite_signed: bool = False) -> Built:
    """Write a document atomically; never silently replace one that someone edited, nor a signed one."""
    target, data, spec, warnings = outdir / rendered.name, rendered.data, rendered.spec, rendered.warnings
    backup = None
    if target.exists() or target.is_symlink():
        state, existing = protect.state_of(target, data)
        if state is protect.State.SAME:
            return Built(spec, target, written=False, office=rendered.office, warnings=warnings)
        refused = protect.refusal(target, state, force, overwrite_signed)
        if refused:
            raise refused
        backup = files.backup(target, existing) if state is not protect.State.BUILT else None
    atomic_write(target, data)
    return Built(spec, target, written=True, office=rendered.office, backup=backup, warnings=warnings)


def build_all(specs: list[Path], outdir: Path, force: bool = False, strict: bool = False,
              templates: tuple[str, ...] = (), jobs: int | None = None,
              progress: Callable[[int, int], None] | None = None, overwrite_signed: bool = False) -> list[Built]:
    """Build many specs: render all first, then write all, so a bad spec leaves every file as it was.

    Rendering runs on every core and spills each document to a temporary folder (build/workers.py, issue 15).
    """
    from ttbgen.build.workers import Options, render_batch, spill_root, write_batch

    # The spill folder sits in the user cache (on disk) rather than /tmp, which may be memory (tmpfs).
    with tempfile.TemporaryDirectory(prefix="batch-", dir=spill_root()) as spill:
        staged, errors = render_batch(expand(specs), Options(outdir, force, strict, templates), Path(spill), jobs,
                                      progress)
        errors += overwrite_conflicts(staged, outdir, force, overwrite_signed)
        if errors:
            raise BatchError(errors)
        protect.clean_stale(outdir)  # temporary files of an earlier run that was killed
        try:
            return write_batch(outdir, staged, force, jobs, overwrite_signed=overwrite_signed)
        except (KeyboardInterrupt, TtbgenError) as exc:  # say what was written before it stopped
            stopped = protect.interrupted(exc, [(outdir / s.name, s.data) for s in staged])
            if stopped is None:
                raise
            raise stopped from None


def overwrite_conflicts(rendered: Sequence[Output], outdir: Path, force: bool,
                        overwrite_signed: bool = False) -> list[TtbgenError]:
    """Find outputs that must not be replaced, and two specs with the same output name, before writing."""
    errors: list[TtbgenError] = []
    seen: dict[str, Path] = {}
    for item in rendered:
        spec, name = item.spec, item.name
        if name in seen:
            errors.append(OutputError(_("{a} and {b} would both write {out}; rename one").format(
                a=seen[name], b=spec, out=outdir / name)))
        seen[name] = spec
        target = outdir / name
        if target.exists() or target.is_symlink():
            try:
                refused = protect.refusal(target, protect.state_of(target, item.data)[0], force, overwrite_signed)
            except OutputError as exc:  # a folder, a device or an unreadable file where the output goes
                refused = exc
            errors += [refused] if refused else []
    return errors
