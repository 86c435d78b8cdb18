"""The folders name the stages: a stage imports only earlier stages and the base modules, never a later one."""

from __future__ import annotations

import ast
from pathlib import Path

from paths import ROOT

# design.md §3, in data-flow order. A module's stage is its first folder below ttbgen/; modules at the top are
# the base (errors, i18n, vn, the version), which every stage may use and which import only each other.
STAGES = ["spec", "compose", "render", "office", "check", "tasks", "importer", "build", "cli"]
ENTRY_POINTS = {"__main__"}  # `python -m ttbgen` runs the CLI; nothing imports it


def stage_of(module: str) -> int:
    """Return a ttbgen module's stage rank: 0 for the base, 1.. for the stage folders in data-flow order."""
    parts = module.split(".")
    return STAGES.index(parts[1]) + 1 if len(parts) > 1 and parts[1] in STAGES else 0


def module_name(path: Path, package: Path) -> str:
    """Return the dotted module name of a file inside the package folder."""
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    """Return (line, module) for every ttbgen import in a module, those inside functions and TYPE_CHECKING too."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, module, is_package)
            found += [(node.lineno, base)] + [(node.lineno, f"{base}.{a.name}") for a in node.names
                                             if base == "ttbgen"]
    return [(line, name) for line, name in found if name == "ttbgen" or name.startswith("ttbgen.")]


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """Resolve a relative `from . import x` against the importing module."""
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    keep = len(parts) - node.level + (1 if is_package else 0)
    return ".".join(parts[:keep] + ([node.module] if node.module else []))


def violations(package: Path) -> list[str]:
    """Return every import in the package that goes against the data flow, as 'file:line: a imports b'."""
    found = []
    for path in sorted(package.rglob("*.py")):
        module = module_name(path, package)
        if module.split(".")[-1] in ENTRY_POINTS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for line, target in imported(tree, module, path.name == "__init__.py"):
            if stage_of(target) > stage_of(module):
                found.append(f"{path.relative_to(package.parent)}:{line}: {module} imports {target}, a later stage")
    return found


def test_every_stage_imports_only_earlier_ones() -> None:
    assert violations(ROOT / "ttbgen") == []


def test_the_stages_exist() -> None:
    present = {p.name for p in (ROOT / "ttbgen").iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert {"spec", "compose", "render", "office", "check", "build", "cli"} <= present


def test_a_later_import_is_caught(tmp_path: Path) -> None:
    """The fixture package breaks the rule in each way it can be broken; each is reported."""
    package = tmp_path / "ttbgen"
    for folder in ("spec", "render", "check"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("", encoding="utf-8")
    (package / "vn.py").write_text("from ttbgen.spec import model\n", encoding="utf-8")
    (package / "spec" / "load.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ttbgen.render.engine import Compiled\n",
        encoding="utf-8")
    (package / "render" / "engine.py").write_text(
        "def f():\n    from ..check import api\n    import ttbgen.spec.load\n", encoding="utf-8")
    (package / "check" / "api.py").write_text("from ttbgen import cli\n", encoding="utf-8")
    assert violations(package) == [
        "ttbgen/check/api.py:1: ttbgen.check.api imports ttbgen.cli, a later stage",
        "ttbgen/render/engine.py:2: ttbgen.render.engine imports ttbgen.check, a later stage",
        "ttbgen/spec/load.py:3: ttbgen.spec.load imports ttbgen.render.engine, a later stage",
        "ttbgen/vn.py:1: ttbgen.vn imports ttbgen.spec, a later stage",
    ]
