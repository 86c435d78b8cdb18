"""Properties (hypothesis): any valid spec builds a valid, checked document holding every input string; any
mutation of a valid spec gives a located error, never another exception, and writes nothing.

`TTBGEN_HYPOTHESIS_EXAMPLES=500` runs more examples than the default 30 (CI budget);
`TTBGEN_CHECK_EXAMPLES=2000` sets the examples of the checker property alone (default: a third of the
above), the longer run documented in docs/check.md.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import spec_files

from ttbgen.build.pipeline import Builder, build_all
from ttbgen.check.dump import paragraph_texts
from ttbgen.errors import SpecError, TtbgenError

EXAMPLES = int(os.environ.get("TTBGEN_HYPOTHESIS_EXAMPLES", "30"))
CHECK_EXAMPLES = int(os.environ.get("TTBGEN_CHECK_EXAMPLES", str(max(5, EXAMPLES // 3))))
settings.register_profile("ttbgen", max_examples=EXAMPLES, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile("ttbgen")

VOWELS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
LETTERS = VOWELS + "bcdđghklmnpqrstvx"
ALPHABET = LETTERS + LETTERS.upper() + "0123456789" + " &<>\"'%,;()-+/#!?@[]{}*|~"


def words(max_size: int = 60) -> st.SearchStrategy[str]:
    """One line of Vietnamese-like text: every diacritic, XML-special characters, YAML indicators."""
    return st.text(ALPHABET, min_size=1, max_size=max_size).map(lambda s: " ".join(s.split())).filter(
        lambda s: bool(s) and s[0].isalnum() and s[-1].isalnum())


# A person's name: capitalised words, sometimes very many of them.
NAMES = st.lists(st.text(LETTERS, min_size=1, max_size=8).map(str.capitalize), min_size=2, max_size=40).map(" ".join)
TITLES = st.lists(st.text(LETTERS, min_size=1, max_size=8), min_size=1, max_size=6).map(" ".join)
DATES = st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))


@st.composite
def points(draw: st.DrawFn, meeting: dt.date) -> dict[str, Any]:
    """A task: text, maybe a lead, a deadline after the meeting, bullets."""
    point: dict[str, Any] = {"text": draw(words())}
    if draw(st.booleans()):
        point["lead"] = draw(st.lists(words(30), min_size=1, max_size=2))
    if draw(st.booleans()):
        point["due"] = (meeting + dt.timedelta(days=draw(st.integers(0, 300)))).isoformat()
    if draw(st.booleans()):
        point["bullets"] = draw(st.lists(words(), min_size=1, max_size=3))
    return point


@st.composite
def specs(draw: st.DrawFn) -> dict[str, Any]:
    """A valid spec over the real schema, with empty optional parts left out at random."""
    meeting = draw(DATES)
    issued = meeting + dt.timedelta(days=draw(st.integers(0, 20)))
    spec: dict[str, Any] = {
        "office": draw(st.sampled_from(["ubnd-lang-son", "ubnd-mai-son", "vp-ubnd-lang-son"])),
        "date": draw(st.sampled_from([issued.isoformat(), f"{issued.year}-{issued.month:02d}"])),
        "meeting": {"date": meeting.isoformat(), "name": draw(words()),
                    "chair": {"title": draw(words(40)), "name": draw(NAMES)}},
    }
    optional: dict[str, st.SearchStrategy[Any]] = {
        "number": st.integers(1, 9999).map(str),
        "title": words(),
        "assessment": st.fixed_dictionaries({"heading": words(40), "paragraphs": st.lists(words(), max_size=3)}),
        "tasks": st.fixed_dictionaries({"heading": words(40), "items": st.lists(points(meeting), min_size=1,
                                                                                 max_size=4)}),
        "recipients": st.lists(words(40), min_size=1, max_size=4),
        "signer": st.fixed_dictionaries({"authority": st.sampled_from(["TL. CHỦ TỊCH", "KT. CHỦ TỊCH"]),
                                         "title": TITLES, "name": NAMES}),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            spec[key] = draw(strategy)
    return spec


def dump(spec: dict[str, Any]) -> str:
    """Write a spec as YAML text, as a clerk's editor would save it."""
    return yaml.safe_dump(spec, allow_unicode=True, sort_keys=False, width=100)


def strings(value: Any) -> Iterator[str]:
    """Yield every input string of a spec as the document shows it (not dates, numbers, codes or leads, which
    are data; the signer's title is printed in capitals)."""
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "signer":
                yield from (child["title"].upper(), child["name"])
            elif key not in ("office", "date", "due", "number", "lead"):
                yield from strings(child)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    else:
        yield str(value)


def normal(text: str) -> str:
    """NFC, white space collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def build_one(text: str, folder: Path) -> Path:
    """Write and build one spec; return the document."""
    spec = folder / "x.yaml"
    spec.write_text(text, encoding="utf-8")
    return Builder(folder / "out").build(spec)[0].output


@given(specs())
def test_valid_specs_build_and_keep_every_string(spec: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = build_one(dump(spec), Path(tmp))
        text = normal("\n".join(paragraph_texts(out)))
        for value in strings(spec):
            assert normal(value) in text, value


@given(specs())
@settings(max_examples=CHECK_EXAMPLES)
def test_valid_specs_pass_the_checker_and_the_schema(spec: dict[str, Any]) -> None:
    from openxml_audit import OpenXmlValidator

    check_api = pytest.importorskip("ttbgen.check.api")
    with tempfile.TemporaryDirectory() as tmp:
        out = build_one(dump(spec), Path(tmp))
        findings = [f.text_line() for f in check_api.check_document(out) if f.level.value != "not-evaluated"]
        assert findings == []  # no error, warning or info on anything ttbgen builds
        assert list(OpenXmlValidator().validate(str(out)).errors) == []


# Mutations of valid specs.

BASE_SPECS = spec_files()
JUNK: list[Any] = [["a", "b"], {"x": "y"}, 12, 3.5, True, None, "", "!!!", "2024-13-45", [], {}]


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Yield the path of every value in a nested spec."""
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return
    for key, child in items:
        yield (*prefix, key)
        yield from paths(child, (*prefix, key))


def parent_of(data: Any, path: tuple[Any, ...]) -> Any:
    """Return the container holding the value at a path."""
    for key in path[:-1]:
        data = data[key]
    return data


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A valid spec (generated or one of specs/), changed in one way a clerk or a disk might change it."""
    source = draw(st.one_of(specs().map(dump), st.sampled_from(BASE_SPECS).map(lambda p: p.read_text("utf-8"))))
    data = yaml.safe_load(source)
    kind = draw(st.sampled_from(["drop", "replace", "unknown", "indent", "truncate", "byte"]))
    if kind in ("drop", "replace", "unknown"):
        path = draw(st.sampled_from(list(paths(data))))
        holder = parent_of(data, path)
        if kind == "drop":
            del holder[path[-1]]
        elif kind == "replace":
            holder[path[-1]] = draw(st.sampled_from(JUNK))
        elif isinstance(holder, dict):
            holder[draw(st.sampled_from(["sigener", "nơi nhận", "extra", "Date"]))] = "x"
        return dump(data).encode()
    raw = source.encode()
    if kind == "indent":
        lines = source.splitlines(keepends=True)
        i = draw(st.integers(0, len(lines) - 1))
        lines[i] = draw(st.sampled_from([" ", "   ", "\t", ""])) + lines[i].lstrip(" ")
        return "".join(lines).encode()
    at = draw(st.integers(0, len(raw)))
    if kind == "truncate":
        return raw[:at]
    return raw[:at] + bytes([draw(st.integers(0, 255))]) + raw[at:]


@given(mutated())
@settings(max_examples=EXAMPLES * 3)
def test_mutations_give_located_errors_and_write_nothing(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "x.yaml").write_bytes(data)
        old = Path.cwd()
        os.chdir(folder)
        try:
            build_all([Path("x.yaml")], Path("out"))
        except TtbgenError as exc:
            assert exc.render().startswith("x.yaml:"), exc.render()
            errors = getattr(exc, "errors", [exc])
            assert all(isinstance(e, SpecError) and e.mark is not None for e in errors), exc.render()
            assert not (folder / "out").exists()
        finally:
            os.chdir(old)


def test_yaml_dump_of_strings_round_trips() -> None:
    """The generator's YAML keeps special strings as text (a check on the test itself)."""
    assert yaml.safe_load(dump({"a": "045", "b": "no", "c": "a: b", "d": "- x"})) == {
        "a": "045", "b": "no", "c": "a: b", "d": "- x"}
    assert re.fullmatch(r"[^\x00-\x1f]+", ALPHABET)
