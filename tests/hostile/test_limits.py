"""Issue 13, item 4 and 6: templates run under limits (iterations, string and output size, recursion, wall time),
docxtpl's tag cleaning is bounded by size, and a spec's expansion is bounded; each refusal names its limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import SPEC, hostile_template, in_body, run, snapshot

from ttbgen.render import limits


def tag(source: str) -> str:
    """A body paragraph holding template source in one run."""
    return f'<w:p><w:r><w:t xml:space="preserve">{source}</w:t></w:r></w:p>'


CASES = {
    "nested-range": ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
                     "MAX_RANGE_ITEMS"),
    "many-ranges": ("{% for i in range(400) %}{% for j in range(400) %}{% endfor %}{% endfor %}",
                    "MAX_RANGE_ITEMS"),
    "range-1e9": ("{% for i in range(10**9) %}{% endfor %}", "MAX_RANGE_ITEMS"),
    "lipsum": ("{{ lipsum(1000000) }}", "MAX_LIPSUM"),
    "power": ("{{ 7**999999999 }}", "MAX_EXPONENT_DIGITS"),
    "repeat": ("{{ 'a'*10**9 }}", "MAX_STRING"),
    "repeat-list": ("{{ ([1]*10**9)|length }}", "MAX_STRING"),
    "center-method": ("{{ title.center(10**9) }}", "MAX_STRING"),
    "ljust-method": ("{{ title.ljust(999999999) }}", "MAX_STRING"),
    "center-filter": ("{{ title|center(10**9) }}", "MAX_STRING"),
    "format-width": ("{{ '{:>999999999}'.format(1) }}", "MAX_STRING"),
    "printf-width": ("{{ '%*d' % (1000000000, 1) }}", "MAX_STRING"),
    "recursive-macro": ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}", "recurses too deeply"),
    "concat-doubling": ("{% set ns = namespace(x=title) %}{% for i in range(60) %}{% set ns.x = ns.x ~ ns.x %}"
                        "{% endfor %}{{ ns.x|length }}", "MAX_STRING"),
    "plus-doubling": ("{% set ns = namespace(x=title) %}{% for i in range(60) %}{% set ns.x = ns.x + ns.x %}"
                      "{% endfor %}{{ ns.x|length }}", "MAX_STRING"),
    "extend-doubling": ("{% set l = [1] %}{% for i in range(60) %}{{ l.extend(l) }}{% endfor %}", "MAX_STRING"),
    "output": ("{% for i in range(1000) %}{{ 'x' * 900000 }}{% endfor %}", "MAX_OUTPUT"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_template_limits(in_tmp: Path, case: str) -> None:
    source, limit = CASES[case]
    hostile_template(in_tmp, lambda parts: in_body(parts, tag(source)))
    (in_tmp / "a.yaml").write_text(SPEC, encoding="utf-8")
    before = snapshot(in_tmp)
    outcome = run("build", "a.yaml")
    outcome.assert_refused(2, limit, "template.docx")
    assert snapshot(in_tmp) == before


def test_wall_time_limit(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A render that runs past MAX_SECONDS is stopped (the limit lowered here so the test is quick)."""
    monkeypatch.setattr(limits, "MAX_SECONDS", 0.2)
    slow = "{% for i in range(90000) %}{% for c in title %}{{ c|upper }}{% endfor %}{% endfor %}"
    hostile_template(in_tmp, lambda parts: in_body(parts, tag(slow)))
    (in_tmp / "a.yaml").write_text(SPEC, encoding="utf-8")
    outcome = run("build", "a.yaml")
    outcome.assert_refused(2, "MAX_SECONDS")
    assert not (in_tmp / "out").exists()


def test_too_many_tags_are_refused_before_docxtpl_cleans_them(in_tmp: Path) -> None:
    """docxtpl's tag cleaning grows with the square of the tags: 20,000 tags would take minutes."""
    hostile_template(in_tmp, lambda parts: in_body(parts, tag("{% if true %}{% endif %}" * 10_000)))
    (in_tmp / "a.yaml").write_text(SPEC, encoding="utf-8")
    outcome = run("build", "a.yaml")
    outcome.assert_refused(2, "template tags; the limit is 5000 (limit MAX_TAGS)")


def test_an_oversized_template_part_is_refused(in_tmp: Path) -> None:
    hostile_template(in_tmp, lambda parts: in_body(parts, tag("x" * 2_100_000)))
    (in_tmp / "a.yaml").write_text(SPEC, encoding="utf-8")
    outcome = run("build", "a.yaml")
    outcome.assert_refused(2, "MAX_PART_BYTES")


def test_a_spec_within_every_list_limit_cannot_expand_without_bound(in_tmp: Path) -> None:
    """100 bullets of 100 sub-bullets each: every list is under MAX_ITEMS, the whole is over MAX_VALUES."""
    sub = "[" + ", ".join(["mục"] * 100) + "]"
    bullets = "".join(f"    - {{text: gạch đầu dòng {i}, bullets: {sub}}}\n" for i in range(100))
    spec = SPEC.replace("assessment: {paragraphs: [Các cơ quan đã tích cực triển khai nhiệm vụ.]}\n",
                        "assessment:\n  bullets:\n" + bullets)
    (in_tmp / "a.yaml").write_text(spec, encoding="utf-8")
    outcome = run("build", "a.yaml")
    outcome.assert_refused(2, "a.yaml:", "more than 5000 values in all (limit MAX_VALUES)")
    assert not (in_tmp / "out").exists()


def test_a_spec_with_too_much_text_in_all_is_refused(in_tmp: Path) -> None:
    paragraphs = "".join(f"    - {'chữ ' * 4000}{i}\n" for i in range(40))
    spec = SPEC.replace("assessment: {paragraphs: [Các cơ quan đã tích cực triển khai nhiệm vụ.]}\n",
                        "assessment:\n  paragraphs:\n" + paragraphs)
    (in_tmp / "a.yaml").write_text(spec, encoding="utf-8")
    outcome = run("build", "a.yaml")
    outcome.assert_refused(2, "(limit MAX_CHARACTERS)")


def test_a_template_within_the_limits_still_renders(in_tmp: Path) -> None:
    """The limits leave room for real work: a loop, a repeat and a padded string."""
    source = "{% for i in range(50) %}{{ i }}{% endfor %}{{ '-' * 20 }}{{ title.center(200) }}{{ 2 ** 10 }}"
    hostile_template(in_tmp, lambda parts: in_body(parts, tag(source)))
    (in_tmp / "a.yaml").write_text(SPEC, encoding="utf-8")
    outcome = run("build", "a.yaml", "--no-check")
    outcome.assert_refused(0, "wrote out/a.docx")
