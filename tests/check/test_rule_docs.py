"""Every rule says which document types it applies to, in its docstring and in docs/check.md, as the rule
set declares it (ruleset.yaml applies_to)."""

from __future__ import annotations

import importlib
import re

from paths import ROOT

from ttbgen.check.rules import RULES
from ttbgen.check.ruleset import default_ruleset


def scope(rule: str) -> str:
    """Return a rule's applies_to as docs/check.md shows it."""
    value = default_ruleset().data.get("applies_to", {}).get(rule, "all")
    return value if isinstance(value, str) else ", ".join(value)


def test_docs_list_every_rule_with_its_types() -> None:
    doc = (ROOT / "docs" / "check.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z-]+)` \| (.+?) \| (\w+) \| (.+?) \| (.+?) \|$", doc, re.MULTILINE)
    assert rows == [(r.id, r.clause, r.level.value, scope(r.id), r.summary) for r in RULES]


def test_every_rule_docstring_names_its_types() -> None:
    for rule in RULES:
        module = importlib.import_module(rule.check.__module__)
        assert "Applies to:" in (module.__doc__ or ""), rule.id


def test_applies_to_names_only_known_rules_and_types() -> None:
    from ttbgen.check.components import CONG_VAN, DOC_TYPES

    codes = {*DOC_TYPES.values(), CONG_VAN}
    for rule, value in default_ruleset().data["applies_to"].items():
        assert rule in {r.id for r in RULES}, rule
        assert value in ("all", "known", "named") or set(value) <= codes, (rule, value)
