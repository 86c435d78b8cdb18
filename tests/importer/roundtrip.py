"""Round trip of an imported notice: build the spec `ttbgen import` wrote and compare the text with the
original, header lines as a set, the rest in order (run as a script to print the figures of the real notices)."""

from __future__ import annotations

import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ttbgen.build.pipeline import Builder
from ttbgen.check.dump import paragraph_texts
from ttbgen.importer.api import import_files


@dataclass
class Match:
    """How many paragraphs of the original the rebuilt notice has, word for word."""

    matched: int
    total: int
    missing: list[str]  # original paragraphs the rebuilt notice does not have
    extra: list[str]  # rebuilt paragraphs the original does not have

    @property
    def ratio(self) -> float:
        """Return the share of original paragraphs matched."""
        return self.matched / self.total if self.total else 1.0


def collapse(text: str) -> str:
    """Collapse white space, as the targets are compared (examples/README.md)."""
    return re.sub(r"\s+", " ", text).strip()


def split_header(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split paragraphs at the document type line (THÔNG BÁO): the header before it, the rest after."""
    at = next((i for i, t in enumerate(lines) if t.upper().rstrip() in ("THÔNG BÁO", "THÔNG BÁO KẾT LUẬN")), 0)
    return lines[:at], lines[at:]


def compare(original: list[str], rebuilt: list[str]) -> Match:
    """Compare two notices' paragraphs: header lines as a set, the body in order."""
    from difflib import SequenceMatcher

    original, rebuilt = [collapse(t) for t in original if collapse(t)], [collapse(t) for t in rebuilt if collapse(t)]
    head_a, body_a = split_header(original)
    head_b, body_b = split_header(rebuilt)
    common = Counter(head_a) & Counter(head_b)
    matcher = SequenceMatcher(None, body_a, body_b, autojunk=False)
    in_order = sum(block.size for block in matcher.get_matching_blocks())
    kept = {i for block in matcher.get_matching_blocks() for i in range(block.a, block.a + block.size)}
    kept_b = {j for block in matcher.get_matching_blocks() for j in range(block.b, block.b + block.size)}
    missing = list((Counter(head_a) - common).elements()) + [t for i, t in enumerate(body_a) if i not in kept]
    extra = list((Counter(head_b) - common).elements()) + [t for j, t in enumerate(body_b) if j not in kept_b]
    return Match(sum(common.values()) + in_order, len(original), missing, extra)


def source_lines(path: Path) -> list[str]:
    """Return a notice's paragraphs: a .docx read by check's reader, a text file line by line."""
    if path.suffix == ".docx":
        return paragraph_texts(path)
    from ttbgen.importer.sources import columns

    return [line for line in columns(path.read_text(encoding="utf-8").splitlines())[0] if line.strip()]


def round_trip(path: Path, folder: Path, office: str | None = None) -> tuple[Match, Path]:
    """Import a notice into `folder`, build the spec, and compare the built text with the original."""
    written = import_files([path], folder, office)[0]
    built = Builder(folder / "out").build(written.spec)[0].output
    original = source_lines(path)
    rebuilt = paragraph_texts(built)
    if split_header(original)[0] == [] and original and original[0].startswith("THÔNG BÁO"):
        rebuilt = split_header(rebuilt)[1]  # published without its header (examples/README.md)
    return compare(original, rebuilt), written.spec


def main(paths: list[str]) -> None:
    """Print the match figures of notices given as FILE or FILE=OFFICE."""
    for arg in paths:
        name, _, office = arg.partition("=")
        with tempfile.TemporaryDirectory() as tmp:
            match, _spec = round_trip(Path(name), Path(tmp), office or None)
        print(f"{Path(name).name}: {match.matched}/{match.total} paragraphs ({match.ratio:.0%})")
        for text in match.missing:
            print(f"    original: {text[:100]}")
        for text in match.extra:
            print(f"    rebuilt:  {text[:100]}")


if __name__ == "__main__":
    main(sys.argv[1:])
