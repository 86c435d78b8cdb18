"""The persistent LibreOffice profile: kept between runs, never shared by two at once, dropped after a failure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ttbgen.office.profile import SLOTS, libreoffice_profile


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TTBGEN_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_profile_persists_between_runs(cache_dir: Path, tmp_path: Path) -> None:
    with libreoffice_profile(tmp_path / "fresh") as first:
        first.mkdir()
        (first / "registrymodifications.xcu").write_text("kept", encoding="utf-8")
    with libreoffice_profile(tmp_path / "fresh") as second:
        assert second == first and (second / "registrymodifications.xcu").exists()
    assert cache_dir in first.parents


def test_two_runs_at_once_never_share_a_profile(cache_dir: Path, tmp_path: Path) -> None:
    held = []
    with libreoffice_profile(tmp_path / "a") as a, libreoffice_profile(tmp_path / "b") as b:
        held += [a, b]
        # another process sees both taken and uses a third
        code = ("from pathlib import Path\nfrom ttbgen.office.profile import libreoffice_profile\n"
                f"with libreoffice_profile(Path({str(tmp_path / 'c')!r})) as p:\n    print(p)")
        other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        held.append(Path(other.stdout.strip()))
    assert len(set(held)) == 3


def test_every_slot_taken_falls_back_to_a_fresh_profile(cache_dir: Path, tmp_path: Path) -> None:
    import contextlib

    with contextlib.ExitStack() as stack:
        taken = [stack.enter_context(libreoffice_profile(tmp_path / f"s{i}")) for i in range(SLOTS)]
        assert all(cache_dir in p.parents for p in taken)
        with libreoffice_profile(tmp_path / "fresh") as extra:
            assert extra == tmp_path / "fresh"


def test_a_failed_run_drops_its_profile(cache_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), libreoffice_profile(tmp_path / "fresh") as profile:
        profile.mkdir()
        raise RuntimeError("soffice crashed")
    assert not profile.exists()


def test_cache_off_uses_a_fresh_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTBGEN_CACHE_DIR", "off")
    with libreoffice_profile(tmp_path / "fresh") as profile:
        assert profile == tmp_path / "fresh"


def test_watch_reports_pdfs_as_they_appear(tmp_path: Path) -> None:
    import time

    from ttbgen.office.profile import PDF_PROGRESS, watch

    seen: list[tuple[int, int]] = []
    out = tmp_path / "out"
    out.mkdir()
    token = PDF_PROGRESS.set(lambda done, total: seen.append((done, total)))  # as `check --render` sets it
    try:
        with watch(out, 3, None):
            for i in range(3):
                (out / f"n{i}.pdf").write_bytes(b"%PDF-")
                time.sleep(0.3)
    finally:
        PDF_PROGRESS.reset(token)
    assert seen and seen[-1] == (3, 3) and all(total == 3 for _done, total in seen)
    assert [done for done, _total in seen] == sorted(done for done, _total in seen)
    with watch(out, 3, None):  # nobody listening: no thread, nothing reported
        pass
