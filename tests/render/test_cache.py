"""The compiled-template cache: same bytes as without it, no docxtpl on a hit, corrupt/foreign entries rebuilt,
concurrent writers safe, and the sandbox holds for cached code (issue 15)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from paths import ROOT, spec_files

from ttbgen.build import pipeline
from ttbgen.build.pipeline import Builder, build_all
from ttbgen.errors import TtbgenError
from ttbgen.render import cache, gate, templates
from ttbgen.render.engine import CompiledTemplate

TEMPLATE = ROOT / "templates" / "thong-bao-ket-luan" / "template.docx"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the cache at an empty folder of this test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("TTBGEN_CACHE_DIR", str(folder))
    return folder


def entries(cache_dir: Path) -> list[Path]:
    """Return the compiled-template entries in the cache."""
    return sorted((cache_dir / "templates").glob("*.jinja"))


def render_all(outdir: Path) -> dict[str, bytes]:
    """Render every example spec with a fresh Builder; map output name → bytes."""
    builder = Builder(outdir)
    return {r.name: r.data for spec in spec_files() for r in builder.render(spec)}


def test_cached_uncached_and_docxtpl_free_paths_give_the_same_bytes(cache_dir: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    first = render_all(tmp_path / "a")  # misses: compiles and stores
    assert len(entries(cache_dir)) >= 2
    second = render_all(tmp_path / "b")  # hits
    monkeypatch.setenv("TTBGEN_CACHE_DIR", "off")
    uncached = render_all(tmp_path / "c")
    assert first == second == uncached and len(first) >= len(spec_files())


def test_a_hit_neither_imports_docxtpl_nor_compiles(cache_dir: Path, tmp_path: Path) -> None:
    spec = ROOT / "specs" / "example.yaml"
    code = ("import sys, jinja2\nfrom pathlib import Path\nfrom ttbgen.build.pipeline import Builder\n"
            "jinja2.Environment.compile = None\n"  # a compile on a hit would fail loudly
            f"Builder(Path({str(tmp_path)!r})).render(Path({str(spec)!r}))\n"
            "heavy = ('docxtpl', 'docx', 'vietnam_provinces', 'multiprocessing', 'urllib.request', 'email')\n"
            "assert not [m for m in heavy if m in sys.modules], sorted(sys.modules)\n")
    env = {**os.environ, "TTBGEN_CACHE_DIR": str(cache_dir)}
    warm = f"from pathlib import Path\nfrom ttbgen.build.pipeline import Builder\n{code.splitlines()[4]}\n"
    subprocess.run([sys.executable, "-c", warm], check=True, env=env)  # a first process fills the cache
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("damage", [b"", b"garbage", "truncate", "flip"])
def test_a_corrupt_entry_is_ignored_and_rebuilt(cache_dir: Path, tmp_path: Path, damage: bytes | str) -> None:
    expected = CompiledTemplate(TEMPLATE, use_cache=False).members
    CompiledTemplate(TEMPLATE)
    [entry] = entries(cache_dir)
    blob = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(blob[: len(blob) // 2])
    elif damage == "flip":
        entry.write_bytes(blob[:-10] + bytes([blob[-10] ^ 0xFF]) + blob[-9:])
    else:
        assert isinstance(damage, bytes)
        entry.write_bytes(damage)
    assert cache.load(cache.entry_key(_digest(TEMPLATE))) is None
    assert CompiledTemplate(TEMPLATE).members == expected
    assert entry.read_bytes() == blob  # rebuilt in place
    assert cache.load(cache.entry_key(_digest(TEMPLATE))) is not None


def _digest(path: Path) -> bytes:
    """Return a template's content digest as the engine computes it."""
    from ttbgen.render.engine import _digest as digest

    with zipfile.ZipFile(path) as zf:
        return digest([(i.filename, zf.read(i)) for i in zf.infolist() if not i.is_dir()])


def test_an_entry_of_another_template_is_not_used(cache_dir: Path, tmp_path: Path) -> None:
    other = ROOT / "templates" / "giay-moi" / "template.docx"
    CompiledTemplate(TEMPLATE)
    [mine] = entries(cache_dir)
    CompiledTemplate(other)
    [theirs] = [e for e in entries(cache_dir) if e != mine]
    shutil.copyfile(mine, theirs)  # a whole, valid entry under the wrong name
    assert cache.load(cache.entry_key(_digest(other))) is None
    spec = ROOT / "specs" / "chuyen-doi-so-2026-03.yaml"
    with_swap = [r.data for r in Builder(tmp_path / "a").render(spec)]
    shutil.rmtree(cache_dir)
    assert with_swap == [r.data for r in Builder(tmp_path / "b").render(spec)]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_an_entry_others_can_write_is_not_trusted(cache_dir: Path) -> None:
    CompiledTemplate(TEMPLATE)
    [entry] = entries(cache_dir)
    key = cache.entry_key(_digest(TEMPLATE))
    assert cache.load(key) is not None
    entry.chmod(0o666)
    assert cache.load(key) is None
    entry.chmod(0o600)
    (cache_dir / "templates").chmod(0o777)
    assert cache.load(key) is None


def _hammer(key: str, rounds: int) -> int:
    """Store and load one entry many times; return how many loads came back whole."""
    from ttbgen.render import cache as c

    code = compile("x = 1", "<t>", "exec")
    whole = 0
    for _ in range(rounds):
        c.store(key, {"word/document.xml": code})
        whole += c.load(key) is not None
    return whole


def test_concurrent_writers_leave_a_whole_entry(cache_dir: Path) -> None:
    key = cache.entry_key(b"concurrent")
    with ProcessPoolExecutor(2) as pool:
        loaded = list(pool.map(_hammer, [key, key, key], [60, 60, 60]))
    assert loaded == [60, 60, 60]
    assert [p.name for p in (cache_dir / "templates").iterdir()] == [entries(cache_dir)[0].name]


@pytest.mark.parametrize("payload", ["{{ ''.__class__.__mro__ }}", "{{ cycler.__init__.__globals__ }}",
                                     "{{ title.__class__.__base__.__subclasses__() }}"])
def test_the_sandbox_holds_for_cached_code(cache_dir: Path, tmp_path: Path, payload: str) -> None:
    folder = tmp_path / "specs" / "templates" / "thong-bao-ket-luan"
    shutil.copytree(TEMPLATE.parent, folder)
    with zipfile.ZipFile(TEMPLATE) as src, zipfile.ZipFile(folder / "template.docx", "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, data.replace(b"{{ title }}", payload.encode()) if info.filename.endswith(
                "document.xml") else data)
    spec = tmp_path / "specs" / "hop.yaml"
    shutil.copyfile(ROOT / "specs" / "example.yaml", spec)
    for attempt in range(2):  # the first compiles and stores; the second runs the cached code
        with pytest.raises(TtbgenError) as info:
            build_all([spec], tmp_path / "out")
        assert "the template tried something not allowed" in info.value.render(), attempt
        assert entries(cache_dir)
    assert not (tmp_path / "out").exists()


def template_copy(folder: Path) -> Path:
    """Copy the shipped template beside a spec that uses it (the spec's folder comes first on the search path)."""
    shutil.copytree(TEMPLATE.parent, folder / TEMPLATE.parent.name)
    spec = folder / "a.yaml"
    spec.write_text((ROOT / "specs" / "example.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return folder / TEMPLATE.parent.name


def versions(builder: Builder, spec: Path, times: int) -> list[str]:
    """Render a spec `times` times; return the template version each document records."""
    return [zipfile.ZipFile(io.BytesIO(r.data)).read("docProps/custom.xml").decode().split(
        'name="ttbgen.template-version"')[1].split("<vt:lpwstr>")[1].split("<")[0]
        for _ in range(times) for r in builder.render(spec)]


def test_a_template_changed_during_a_batch_is_read_again(cache_dir: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The manifest is kept between documents by its files' stamps (issue 15); any change is seen."""
    monkeypatch.setattr(pipeline, "RACY_NS", -10**12)  # trust even a file written a moment ago
    folder = template_copy(tmp_path)
    builder = Builder(tmp_path / "out")
    reads: list[Path] = []
    monkeypatch.setattr(pipeline, "load_manifest", lambda f: reads.append(f) or templates.load_manifest(f))
    assert versions(builder, tmp_path / "a.yaml", 2) == ["1.1.0", "1.1.0"] and len(reads) == 1
    manifest = folder / "template.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("1.1.0", "1.1.12"), encoding="utf-8")
    assert versions(builder, tmp_path / "a.yaml", 1) == ["1.1.12"] and len(reads) == 2


def test_a_template_written_a_moment_ago_is_read_for_every_document(cache_dir: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Two same-size writes within one clock tick leave the same stamp: a recent file's stamp is not trusted."""
    template_copy(tmp_path)
    reads: list[Path] = []
    monkeypatch.setattr(pipeline, "load_manifest", lambda f: reads.append(f) or templates.load_manifest(f))
    versions(Builder(tmp_path / "out"), tmp_path / "a.yaml", 3)
    assert len(reads) == 3


def test_only_stamps_older_than_the_racy_window_are_settled() -> None:
    now = time.time_ns()
    old, new = (1, 2, 3, now - 5 * 10**9, now - 5 * 10**9), (1, 2, 3, now, now)
    assert pipeline.settled((old, old)) and not pipeline.settled((old, new)) and not pipeline.settled((old, None))


def test_only_a_template_that_passed_the_gate_is_kept(cache_dir: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The gate runs before compiling (issue 15): a hostile template leaves no entry, and a hit, which is the very
    content that passed, is not scanned again."""
    with zipfile.ZipFile(TEMPLATE) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    members["word/vbaProject.bin"] = b"macro"
    hostile = tmp_path / "hostile.docx"
    with zipfile.ZipFile(hostile, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    with pytest.raises(TtbgenError, match="macros"):
        CompiledTemplate(hostile)
    assert entries(cache_dir) == []
    CompiledTemplate(TEMPLATE)
    monkeypatch.setattr(gate, "refuse", lambda *args, **kwargs: pytest.fail("a hit is gated again"))
    CompiledTemplate(TEMPLATE)
