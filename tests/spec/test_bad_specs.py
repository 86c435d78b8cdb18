"""The bad-spec corpus: every broken spec a clerk could write gives its exact located message and writes nothing.

Each case is a file in tests/bad_specs/; tests/bad_specs/expected.yaml maps its name to the message. Huge
and hostile cases (10 MB, 10,000 tasks, a billion laughs, deep nesting) are generated here into tmp_path.
`TTBGEN_UPDATE_BAD_SPECS=1` rewrites expected.yaml from the current messages (review the diff).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from ttbgen.build.pipeline import build_all
from ttbgen.errors import TtbgenError
from ttbgen.spec.office import builtin_root

HERE = Path(__file__).parent / "bad_specs"
EXPECTED = HERE / "expected.yaml"
CASES = sorted(p.name for p in HERE.glob("*.yaml") if p != EXPECTED)

VALID = (HERE / "22-unknown-key.yaml").read_text(encoding="utf-8").replace("sigener: Vũ Quang Khánh\n", "")
HEAD = VALID.split("tasks:")[0]


def cli_build(spec: str, outdir: Path) -> tuple[int, str]:
    """Run `ttbgen build SPEC -o OUTDIR`; return the exit code and what went to stderr."""
    try:
        from click.testing import CliRunner

        from ttbgen.cli import main
    except ImportError:  # the CLI imports modules other helpers are still writing: use the library
        return library_build(spec, outdir)
    result = CliRunner().invoke(main, ["build", spec, "-o", str(outdir), "--no-check"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


def library_build(spec: str, outdir: Path) -> tuple[int, str]:
    """Build through ttbgen.build.pipeline.build_all, as the CLI does; return exit code 2 and the message on error."""
    try:
        build_all([Path(spec)], outdir)
    except TtbgenError as exc:
        count = len(exc.render().splitlines())
        return exc.exit_code, exc.render() + f"\n{count} error(s); nothing was written: fix them and build again\n"
    return 0, ""


def placeholders(folder: Path) -> dict[str, str]:
    """Machine-dependent parts of messages, written as {names} in expected.yaml."""
    return {"{spec_dir}": str(folder.resolve()), "{templates}": str(builtin_root().resolve())}


def expected_message(name: str, folder: Path) -> str:
    """Return the expected message of a case, with its placeholders filled in."""
    message = str(yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))[name])
    for key, value in placeholders(folder).items():
        message = message.replace(key, value)
    return message


def refused(in_tmp: Path, name: str) -> str:
    """Build one spec from the temporary folder; check exit code 2, no traceback, nothing written."""
    outdir = in_tmp / "out"
    code, stderr = cli_build(name, outdir)
    assert code == 2, stderr
    assert "Traceback" not in stderr
    assert not outdir.exists() or not any(outdir.iterdir())
    message, _, last = stderr.rstrip("\n").rpartition("\n")
    count = len([line for line in message.splitlines() if line and not line.startswith("  ")])
    assert last == f"{count} error(s); nothing was written: fix them and build again", stderr
    return message


def test_every_case_has_an_expectation() -> None:
    expected = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
    assert sorted(expected) == CASES
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", CASES)
def test_bad_spec(in_tmp: Path, name: str) -> None:
    shutil.copyfile(HERE / name, in_tmp / name)
    message = refused(in_tmp, name)
    if os.environ.get("TTBGEN_UPDATE_BAD_SPECS") == "1":
        update_expected(name, message, in_tmp)
    assert message == expected_message(name, in_tmp)


def update_expected(name: str, message: str, folder: Path) -> None:
    """Record a case's current message in expected.yaml."""
    expected = yaml.safe_load(EXPECTED.read_text(encoding="utf-8")) if EXPECTED.exists() else {}
    for key, value in placeholders(folder).items():
        message = message.replace(value, key)
    expected[name] = message
    EXPECTED.write_text("# file name → the exact message `ttbgen build FILE` prints (exit code 2, nothing written)\n"
                        + yaml.safe_dump(dict(sorted(expected.items())), allow_unicode=True, width=10_000),
                        encoding="utf-8")


def ten_megabytes() -> str:
    """A spec whose title holds 13 MB of text (a million words)."""
    return VALID + "title: " + "Kết luận " * 1_000_000 + "\n"


def long_field() -> str:
    """A spec under the file limit with one text far over the field limit."""
    return VALID + "title: " + "Kết luận " * 30_000 + "\n"


def ten_thousand_tasks() -> str:
    """A spec with 10,000 tasks."""
    items = "".join(f"    - Sở Tài chính thực hiện nhiệm vụ {i}.\n" for i in range(10_000))
    return HEAD + "tasks:\n  items:\n" + items + "recipients: [Sở Tài chính]\n"


def billion_laughs() -> str:
    """The classic entity-expansion bomb, in YAML anchors and aliases."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\n" + VALID


def deep_nesting() -> str:
    """A title nested 50,000 lists deep (it crashed the C composer before the depth limit)."""
    return VALID + "title: " + "[" * 50_000 + "]" * 50_000 + "\n"


def many_bullets() -> str:
    """600 bullets under one point: over the list limit."""
    bullets = "".join(f"        - ý {i}\n" for i in range(600))
    return VALID.replace("      due: 2024-03-31\n", "      due: 2024-03-31\n      bullets:\n" + bullets)


GENERATED: dict[str, tuple[Callable[[], str], str]] = {
    "ten-megabytes.yaml": (ten_megabytes, "ten-megabytes.yaml:1:1: the file is 13000435 bytes; a spec may be at "
                                          "most 1000000 bytes"),
    "long-field.yaml": (long_field, "long-field.yaml:16:8: title: the text is 269999 characters long; the limit is "
                                    "20000"),
    "ten-thousand-tasks.yaml": (ten_thousand_tasks, "ten-thousand-tasks.yaml:9:5: tasks.items: the list has 10000 "
                                                    "entries; the limit is 500"),
    "billion-laughs.yaml": (billion_laughs, "billion-laughs.yaml:1:5: anchors and aliases (&, *) are not supported; "
                                            "write the value out"),
    "deep-nesting.yaml": (deep_nesting, "deep-nesting.yaml:16:39: lists and mappings are nested more than 32 levels "
                                        "deep here; a spec never needs that many"),
    "many-bullets.yaml": (many_bullets, "many-bullets.yaml:14:9: tasks.items[0].bullets: the list has 600 entries; "
                                        "the limit is 500"),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_bad_spec(in_tmp: Path, name: str) -> None:
    make, message = GENERATED[name]
    (in_tmp / name).write_text(make(), encoding="utf-8")
    assert refused(in_tmp, name) == message


def test_the_valid_base_builds(in_tmp: Path) -> None:
    (in_tmp / "ok.yaml").write_text(VALID, encoding="utf-8")
    assert build_all([Path("ok.yaml")], in_tmp / "out")[0].output.exists()
