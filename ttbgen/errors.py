"""One error base class that prints itself, and its user-facing kinds."""

from __future__ import annotations

from ttbgen.i18n import _
from ttbgen.records import record


class TtbgenError(Exception):
    """A user's mistake or an unusable input: printed as one message, exit code 2, no traceback."""

    exit_code = 2

    def render(self) -> str:
        """Return the message as the user sees it."""
        return str(self)


@record
class Mark:
    """A place in a source file: 1-based line and column."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class SpecError(TtbgenError):
    """A problem in a spec or office profile, located at file:line:col and a key path."""

    def __init__(self, message: str, mark: Mark | None = None, path: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.path = path

    def render(self) -> str:
        """Return `file:line:col: key.path: message`."""
        parts = [str(self.mark)] if self.mark else []
        if self.path:
            parts.append(self.path)
        parts.append(self.message)
        return ": ".join(parts)


class TemplateError(TtbgenError):
    """A template that cannot be loaded, compiled or rendered."""


class OutputError(TtbgenError):
    """An output file that cannot or must not be written."""


class DocxError(TtbgenError):
    """A .docx that cannot be read (missing, not a zip, corrupt, hostile)."""


def not_docx(path: object, suffix: str) -> str:
    """Say why a file is not a .docx, and what to do with it (a spec is built first; a .doc is saved as .docx)."""
    suffix = suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _("{path}: this is a spec, not a document; build it first with: ttbgen build {path} (the .docx goes "
                 "to out/; ttbgen build --pdf makes the PDF too)").format(path=path)
    if suffix in (".doc", ".rtf", ".odt", ".wps"):
        kind = _("an old Word 97-2003 document (.doc)") if suffix == ".doc" else _("a {suffix} file").format(
            suffix=suffix)
        return _("{path}: {kind}, not a .docx; open it in Word and save it as .docx (File › Save As › Word "
                 "Document), then use the .docx").format(path=path, kind=kind)
    return _("{path}: not a .docx (not a zip archive)").format(path=path)


__all__ = ["DocxError", "Mark", "OutputError", "SpecError", "TemplateError", "TtbgenError", "_", "not_docx"]
