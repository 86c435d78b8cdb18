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
