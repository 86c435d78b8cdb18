"""The docs say what the code does: the spec reference and the template context are generated or checked."""

from __future__ import annotations

import datetime as dt
import json
import re

from paths import ROOT

from ttbgen.compose.context import NoticeContext
from ttbgen.spec.schema import json_schema, schema_markdown


def test_spec_reference_matches_the_schema() -> None:
    doc = (ROOT / "docs" / "spec.md").read_text(encoding="utf-8")
    generated = doc.split("<!-- schema:begin -->\n")[1].split("<!-- schema:end -->")[0]
    assert generated == schema_markdown(), "regenerate the reference of docs/spec.md from ttbgen.spec.schema"


def test_template_doc_names_every_context_key() -> None:
    doc = (ROOT / "docs" / "template.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(\w+)` \|", doc, re.M))
    assert set(NoticeContext.__annotations__) <= documented


def test_json_schema_is_valid_and_covers_every_example() -> None:
    import jsonschema
    import yaml

    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for spec in sorted((ROOT / "specs").glob("*.yaml")):
        data = as_editor_sees(yaml.safe_load(spec.read_text(encoding="utf-8")))
        jsonschema.validate(data, schema)
    assert json.dumps(json_schema("office"), ensure_ascii=False)


def as_editor_sees(data: object) -> object:
    """Read dates back as text, as a YAML 1.2 editor plugin does (PyYAML makes them date objects)."""
    if isinstance(data, dict):
        return {k: as_editor_sees(v) for k, v in data.items()}
    if isinstance(data, list):
        return [as_editor_sees(v) for v in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def test_committed_schema_files_match_ttbgen_schema() -> None:
    from click.testing import CliRunner

    from ttbgen.cli import main

    for name, args in (("spec.schema.json", ["schema"]), ("office.schema.json", ["schema", "--office"])):
        printed = CliRunner().invoke(main, args).output
        assert (ROOT / "docs" / name).read_text(encoding="utf-8") == printed, f"regenerate docs/{name}"


DOC_SPEC_HEAD = """\
office: ubnd-lang-son
date: 2024-12
closing: ""
"""
DOC_MEETING = """\
meeting:
  date: 2024-12-20
  name: cuộc họp nghe báo cáo tiến độ
  chair: {name: Hồ Tiến Thiệu, title: Chủ tịch UBND tỉnh}
"""
_EXAMPLE = re.compile(r"<!-- example -->\n```yaml\n(.*?)```\n```text\n(.*?)```", re.S)


def example_paragraphs(tmp: object, fragment: str) -> str:
    """Build a docs/spec.md example: the opening when it sets the meeting, else the content paragraphs."""
    from pathlib import Path

    from ttbgen.compose.derive import body_blocks
    from ttbgen.spec.load import load_spec
    from ttbgen.spec.office import load_office

    path = Path(str(tmp)) / "example.yaml"
    path.write_text(DOC_SPEC_HEAD + ("" if "meeting:" in fragment else DOC_MEETING) + fragment, encoding="utf-8")
    blocks = body_blocks(load_spec(path, load_office))
    shown = blocks[:2] if "meeting:" in fragment else blocks[2:]
    return "".join(b["number"] + b["lead"] + b["text"] + "\n" for b in shown)


def test_every_tree_example_of_the_spec_doc_produces_its_paragraphs(tmp_path: object) -> None:
    doc = (ROOT / "docs" / "spec.md").read_text(encoding="utf-8")
    examples = _EXAMPLE.findall(doc)
    assert len(examples) >= 6
    for fragment, paragraphs in examples:
        assert example_paragraphs(tmp_path, fragment) == paragraphs, fragment
