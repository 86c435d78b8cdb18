"""The batch on worker processes: the same files, bytes, errors and order as one process; nothing written when a
spec fails; the cached, uncached and parallel paths give byte-identical documents (issue 15)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from paths import ROOT, spec_files

from ttbgen.build import workers
from ttbgen.build.pipeline import BatchError, build_all
from ttbgen.errors import SpecError

sys.path.insert(0, str(ROOT / "benchmarks"))
import genspecs


def tree(folder: Path) -> dict[str, bytes]:
    """Map every file name in a folder to its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """A folder of 40 generated specs and a copy of every example spec."""
    folder = tmp_path / "specs"
    genspecs.generate(folder, 40)
    for spec in spec_files():
        shutil.copyfile(spec, folder / spec.name)
    return folder


def test_parallel_cached_and_uncached_builds_are_byte_identical(batch: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTBGEN_CACHE_DIR", str(tmp_path / "cache"))
    parallel = build_all([batch], tmp_path / "parallel", jobs=2)  # cold cache: workers compile and store
    one = build_all([batch], tmp_path / "one", jobs=1)  # warm cache
    monkeypatch.setenv("TTBGEN_CACHE_DIR", "off")
    uncached = build_all([batch], tmp_path / "uncached", jobs=1)
    assert workers.jobs_for(len(parallel), 2) == 2
    assert [b.output.name for b in parallel] == [b.output.name for b in one] == [b.output.name for b in uncached]
    assert tree(tmp_path / "parallel") == tree(tmp_path / "one") == tree(tmp_path / "uncached")
    assert len(tree(tmp_path / "one")) == len(parallel) > 40
    assert {b.office.key for b in parallel if b.office} == {b.office.key for b in one if b.office}


def test_one_bad_spec_in_a_parallel_batch_writes_nothing(batch: Path, tmp_path: Path) -> None:
    (batch / "notice-00007.yaml").write_text("office: ubnd-lang-son\nnumber: [\n", encoding="utf-8")
    (batch / "notice-00031.yaml").write_text("office: no-such-office\n", encoding="utf-8")
    errors = []
    for jobs in (1, 2):
        with pytest.raises(BatchError) as info:
            build_all([batch], tmp_path / f"out{jobs}", jobs=jobs)
        errors.append([(e.render(), len(getattr(e, "errors", [e]))) for e in info.value.errors])
        assert not (tmp_path / f"out{jobs}").exists()
    assert errors[0] == errors[1] and len(errors[0]) == 2
    assert "notice-00007.yaml" in errors[0][0][0] and "notice-00031.yaml" in errors[0][1][0]


def test_errors_cross_the_process_boundary_whole(tmp_path: Path) -> None:
    from ttbgen.errors import Mark

    located = SpecError("bad value", Mark("a.yaml", 3, 7), "meeting.date")
    assert workers._portable(located) is located  # pickles with its mark and path

    class Odd(SpecError):
        def __init__(self, a: str, b: str) -> None:
            super().__init__(f"{a}/{b}")

    relayed = workers._portable(Odd("x", "y"))
    assert isinstance(relayed, workers.RelayedError) and relayed.render() == "x/y" and relayed.exit_code == 2

    class Group(SpecError):  # like spec.clerk.SpecErrors: several errors, and an __init__ pickle cannot call
        def __init__(self, errors: list[SpecError]) -> None:
            super().__init__(errors[0].message)
            self.errors = errors

        def render(self) -> str:
            return "\n".join(e.render() for e in self.errors)

    group = workers._portable(Group([located, SpecError("second")]))
    import pickle

    copy = pickle.loads(pickle.dumps(group))
    assert copy.render() == "a.yaml:3:7: meeting.date: bad value\nsecond"
    assert [e.render() for e in copy.errors] == ["a.yaml:3:7: meeting.date: bad value", "second"]


def test_small_batches_stay_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    assert workers.jobs_for(3, 8) == 1
    monkeypatch.setenv(workers.ENV_JOBS, "1")
    assert workers.jobs_for(1000) == 1
    monkeypatch.setenv(workers.ENV_JOBS, "3")
    assert workers.jobs_for(1000) == 3
    parts = workers.chunks(list(range(100)), 2)
    assert [i for _first, part in parts for i in part] == list(range(100)) and len(parts) >= 4


def test_spill_folders_left_by_a_killed_run_are_cleaned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import time

    monkeypatch.setenv("TTBGEN_CACHE_DIR", str(tmp_path / "cache"))
    root = workers.spill_root()
    assert root is not None
    old, recent = root / "batch-old", root / "batch-recent"
    for folder in (old, recent):
        folder.mkdir()
        (folder / "0000001-0.docx").write_bytes(b"x")
    os.utime(old, (time.time() - 2 * 86_400,) * 2)
    workers.spill_root()
    assert not old.exists() and recent.exists()
    build_all([ROOT / "specs" / "example.yaml"], tmp_path / "out")
    assert sorted(p.name for p in root.iterdir()) == ["batch-recent"]  # a run leaves nothing behind


@pytest.mark.parametrize("budget", [0, 200_000])
def test_held_and_spilled_documents_are_the_same_bytes(batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       budget: int) -> None:
    """Documents wait in memory while the batch's budget lasts and in the spill folder beyond it (issue 15): the
    same files either way, and the batch never holds more than the budget."""
    held = build_all([batch], tmp_path / "held", jobs=2)
    monkeypatch.setattr(workers, "MEMORY_BUDGET", budget)
    (tmp_path / "spill").mkdir()
    staged, errors = workers.render_batch(sorted(batch.iterdir()), workers.Options(tmp_path / "x"),
                                          tmp_path / "spill", jobs=2)
    assert not errors and sum(len(s.content or b"") for s in staged) <= budget
    assert any(s.path for s in staged) and (budget == 0) == all(s.content is None for s in staged)
    build_all([batch], tmp_path / "spilled", jobs=2)
    assert [b.output.name for b in held] == sorted(tree(tmp_path / "spilled"))
    assert tree(tmp_path / "held") == tree(tmp_path / "spilled")
