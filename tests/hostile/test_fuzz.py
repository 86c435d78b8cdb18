"""Fuzz the checker (and the package gate and sanitizer) with mutated XML parts of a real notice: every
mutation ends in findings or in ttbgen's own error, never another exception (issue 13).

CI runs 200 mutations; the documented longer run (docs/security.md) runs 20,000 or more:

    TTBGEN_FUZZ=20000 .venv/bin/python -m pytest -q tests/hostile/test_fuzz.py

A failure names the seed, and `TTBGEN_FUZZ_SEED=<seed> TTBGEN_FUZZ=1` replays it.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import traceback
from collections.abc import Callable
from pathlib import Path

from hostile import members, write_package
from lxml import etree

from ttbgen.check.api import check_document
from ttbgen.check.dump import dump_docx
from ttbgen.errors import TtbgenError
from ttbgen.render.gate import sanitize

RUNS = int(os.environ.get("TTBGEN_FUZZ", "200"))
FIRST_SEED = int(os.environ.get("TTBGEN_FUZZ_SEED", "0"))
NUMBERS = ["inf", "-inf", "nan", "1e400", "-1e400", "0", "-1", "", "abc", "99999999999999999999999999", "1.5",
           "0x10", "  7 ", "１２", "-0", "1e-400", "NaN", "+5"]
STRINGS = ["", "..", "../../etc/passwd", "/abs", "http://127.0.0.1:9/x", "file:///etc/passwd", "C:\\x", "\\\\h\\s",
           " DDEAUTO c:\\\\cmd ", " INCLUDEPICTURE x ", "#", "rId999", "\u0000"[:0] + "\u202e", "x" * 300]
ELEMENTS = ["w:p", "w:r", "w:t", "w:tbl", "w:tr", "w:tc", "w:sectPr", "w:pPr", "w:rPr", "w:fldSimple", "w:fldChar",
            "w:instrText", "w:object", "w:drawing", "w:pict", "w:hdr", "w:style", "w:body", "w:document"]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _tree_mutation(data: bytes, rng: random.Random) -> bytes:
    """Change one element or attribute of a parsed part."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    nodes = [n for n in root.iter() if isinstance(n.tag, str)]  # elements, not comments or PIs
    node = rng.choice(nodes)
    action = rng.randrange(6)
    if action == 0 and node.attrib:
        node.set(rng.choice(list(node.attrib)), rng.choice(NUMBERS + STRINGS))
    elif action == 1 and node.getparent() is not None:
        node.getparent().remove(node)
    elif action == 2 and node.getparent() is not None:
        node.getparent().insert(rng.randrange(len(node.getparent()) + 1), etree.fromstring(etree.tostring(node)))
    elif action == 3:
        child = etree.SubElement(node, f"{{{W}}}{rng.choice(ELEMENTS).split(':')[1]}")
        attribute = rng.choice(["val", "w", "h", "instr", "fldCharType", "type"])
        child.set(f"{{{W}}}{attribute}", rng.choice(NUMBERS + STRINGS))
    elif action == 4 and len(nodes) > 2:
        other = rng.choice(nodes)
        if other is not node and node not in other.iterancestors() and other not in node.iterancestors():
            node.append(other)  # moves it: structure nobody expects
    else:
        node.text = rng.choice(STRINGS + NUMBERS)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _byte_mutation(data: bytes, rng: random.Random) -> bytes:
    """Damage the bytes: truncate, flip, duplicate a slice, or change a number in place."""
    action = rng.randrange(4)
    at = rng.randrange(max(len(data), 1))
    if action == 0:
        return data[:at]
    if action == 1:
        return data[:at] + bytes([rng.randrange(256)]) + data[at + 1:]
    if action == 2:
        end = min(len(data), at + rng.randrange(1, 400))
        return data[:end] + data[at:end] * rng.randrange(1, 20) + data[end:]
    numbers = list(re.finditer(rb'"-?\d+"', data))
    if not numbers:
        return data
    match = rng.choice(numbers)
    return data[:match.start()] + b'"' + rng.choice(NUMBERS).encode() + b'"' + data[match.end():]


Mutation = Callable[[bytes, random.Random], bytes]


def mutate(parts: dict[str, bytes], rng: random.Random) -> dict[str, bytes]:
    """Apply one to three mutations to XML parts (sometimes removing or renaming a part)."""
    out = dict(parts)
    for _n in range(rng.randrange(1, 4)):
        name = rng.choice(sorted(n for n in out if n.endswith((".xml", ".rels"))) or ["word/document.xml"])
        if name not in out:
            continue
        if rng.random() < 0.05:
            out.pop(name)
            continue
        mutation: Mutation = _byte_mutation if rng.random() < 0.4 else _tree_mutation
        try:
            out[name] = mutation(out[name], rng)
        except etree.XMLSyntaxError:
            out[name] = _byte_mutation(out[name], rng)
    return out


def exercise(path: Path, parts: dict[str, bytes]) -> None:
    """Check, dump and sanitize a document; only ttbgen's own errors may come out."""
    for step in (lambda: check_document(path), lambda: dump_docx(path), lambda: sanitize(parts)):
        with contextlib.suppress(TtbgenError):
            step()


def test_fuzz_the_checker(tmp_path: Path, built: dict[str, Path]) -> None:
    bases = [members(built[name]) for name in sorted(built)]
    failures: list[str] = []
    for seed in range(FIRST_SEED, FIRST_SEED + RUNS):
        rng = random.Random(seed)
        parts = mutate(rng.choice(bases), rng)
        path = write_package(tmp_path / "fuzz.docx", parts)
        try:
            exercise(path, parts)
        except Exception:  # the point: anything but a TtbgenError is a finding
            failures.append(f"seed {seed}: {traceback.format_exc()}")
            if len(failures) >= 5:
                break
    assert failures == [], "\n".join(failures)
