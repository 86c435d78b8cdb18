"""The default rule set read from the user cache is the same data as the YAML file it was made from."""

from __future__ import annotations

from pathlib import Path

import pytest

from ttbgen.check import ruleset


def test_cached_rule_set_equals_the_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTBGEN_CACHE_DIR", str(tmp_path))
    fresh = ruleset._default_data()  # builds the cache entry
    assert list(tmp_path.rglob("ruleset-*.json")), "no cache entry was written"
    assert ruleset._default_data() == fresh == ruleset.load_yaml(ruleset.DEFAULT_PATH, fast=True)
