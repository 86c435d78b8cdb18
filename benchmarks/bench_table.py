"""Print every row of issue 15's speed table, each as a ratio against its anchor measured in the same run.

Run: python benchmarks/bench_table.py [--batch 1000] [--pdf 50] [--rounds 15] [--skip pdf,batch]
Medians move ±25–35% between runs on these machines (pitfalls.md): compare the ratio column, not the
milliseconds across runs. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import genspecs  # noqa: E402

SPEC = ROOT / "specs" / "example.yaml"
BIN = Path(sys.executable).parent
ROWS: list[tuple[str, str, str, str]] = []


CLOCK = "wall"


def clock() -> float:
    """Return seconds on the chosen clock: wall time, or the CPU time of this process and its finished children.

    On a machine shared with other work, wall times move by ±30% and more; CPU time (user + system, children
    included: `ttbgen`, its workers, `soffice`) measures the work done and moves much less.
    """
    if CLOCK == "wall":
        return time.perf_counter()
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def median_ms(action: Callable[[], object], rounds: int) -> float:
    """Run an action `rounds` times; return the median time in ms on the chosen clock."""
    times = []
    for _ in range(rounds):
        start = clock()
        action()
        times.append((clock() - start) * 1000)
    return statistics.median(times)


def row(what: str, anchor: str, now: str, ratio: str) -> None:
    """Record and print one table row."""
    ROWS.append((what, anchor, now, ratio))
    print(f"| {what} | {anchor} | {now} | {ratio} |", flush=True)


def ttbgen_cmd(*args: str) -> list[str]:
    """Return the command line of the installed `ttbgen`."""
    exe = BIN / "ttbgen"
    return [str(exe), *args] if exe.exists() else [sys.executable, "-m", "ttbgen", *args]


def docxtpl_script(template: Path, context_file: Path, out: Path) -> str:
    """Return a one-shot docxtpl script that renders the template with a JSON context (the anchor process)."""
    return ("import json\nfrom docxtpl import DocxTemplate\nimport jinja2\n"
            f"d = DocxTemplate({str(template)!r})\n"
            f"ctx = json.load(open({str(context_file)!r}, encoding='utf-8'))\n"
            "d.render(ctx, jinja_env=jinja2.Environment(undefined=jinja2.StrictUndefined), autoescape=True)\n"
            f"d.save({str(out)!r})\n")


def compile_package() -> str:
    """Byte-compile the ttbgen package into its __pycache__, as `pip install` does when it installs a wheel.

    An editable install run with PYTHONDONTWRITEBYTECODE set (as on the machines these figures come from) never
    writes bytecode, so every `ttbgen` process would compile all of ttbgen's sources again (≈ 55 ms of CPU), while
    the anchor's libraries (docxtpl, jinja2, lxml) were compiled when pip installed them.
    """
    import compileall

    import ttbgen

    folder = Path(ttbgen.__file__).parent
    compileall.compile_dir(str(folder), quiet=1)
    return str(folder)


def setup(tmp: Path) -> tuple[Path, dict[str, object]]:
    """Return the example's template path and context."""
    from ttbgen.build.pipeline import Builder
    from ttbgen.compose.derive import build_context

    builder = Builder(tmp / "warm")
    notice = builder.render(SPEC)[0].notice
    compiled, manifest = builder.template(notice.templates[0], notice, SPEC.parent)
    context = build_context(notice, manifest.geometry, manifest.doc_type_name, manifest.doc_type, manifest.content)
    return compiled.path, dict(context)


def row_build_per_doc(tmp: Path, template: Path, context: dict[str, object], rounds: int) -> None:
    """Row 1: build per document in a warm batch against docxtpl and bare Jinja + zip."""
    import jinja2
    from docxtpl import DocxTemplate

    from ttbgen.build.pipeline import Builder

    specs = genspecs.generate(tmp / "r1", 20)
    builder = Builder(tmp / "r1out")
    builder.render(specs[0])
    ours = median_ms(lambda: [builder.render(s) for s in specs], max(3, rounds // 3)) / len(specs)

    def plain() -> None:
        doc = DocxTemplate(template)
        doc.render(context, jinja_env=jinja2.Environment(undefined=jinja2.StrictUndefined), autoescape=True)
        doc.save(io.BytesIO())

    raw = median_ms(plain, rounds)
    patcher = DocxTemplate(template)
    patcher.init_docx()
    with zipfile.ZipFile(template) as zf:
        members = [(i.filename, zf.read(i)) for i in zf.infolist()]
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    compiled = env.from_string(patcher.patch_xml(dict(members)["word/document.xml"].decode()))

    def bare() -> None:
        xml = compiled.render(context).encode()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in members:
                zf.writestr(name, xml if name == "word/document.xml" else data)

    floor = median_ms(bare, rounds)
    row("build per document, warm batch (no check)", f"docxtpl {raw:.1f} ms; Jinja+zip {floor:.2f} ms",
        f"{ours:.2f} ms", f"{raw / ours:.1f}× faster than docxtpl; {ours / floor:.1f}× bare Jinja")


def row_one_process(tmp: Path, template: Path, context: dict[str, object], rounds: int) -> None:
    """Row 2: `ttbgen build one.yaml` (check included) against a one-shot docxtpl script."""
    context_file = tmp / "context.json"
    context_file.write_text(json.dumps(context, ensure_ascii=False, default=str), encoding="utf-8")
    script = docxtpl_script(template, context_file, tmp / "anchor.docx")
    n = max(5, rounds // 2)
    anchor = median_ms(lambda: subprocess.run([sys.executable, "-c", script], check=True), n) / 1000
    command = ttbgen_cmd("build", str(SPEC), "-o", str(tmp / "r2"), "--force")
    subprocess.run(command, check=True, capture_output=True)  # warm the compiled-template cache (if any)
    ours = median_ms(lambda: subprocess.run(command, check=True, capture_output=True), n) / 1000
    row("`ttbgen build one.yaml`, whole process, check included", f"docxtpl one-shot script {anchor:.3f} s",
        f"{ours:.3f} s", f"{ours / anchor:.2f}× the anchor")


class TreeRss:
    """Sample the memory of a process group (a command and every worker it starts) from /proc: the summed RSS
    (an upper bound: pages forked workers share are counted once per process) and the summed PSS (shared pages
    divided among their users: the memory the batch really holds)."""

    def __init__(self, pgid: int) -> None:
        self.pgid, self.peak, self.peak_pss, self._stop = pgid, 0, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            rss, pss = self._sample()
            self.peak, self.peak_pss = max(self.peak, rss), max(self.peak_pss, pss)

    def _sample(self) -> tuple[int, int]:
        rss = pss = 0
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                if int(stat[2]) != self.pgid:
                    continue
                rss += int(stat[21]) * os.sysconf("SC_PAGE_SIZE")
                rollup = Path(f"/proc/{entry}/smaps_rollup").read_text()
                pss += int(rollup.split("\nPss:", 1)[1].split()[0]) * 1024
            except (OSError, IndexError, ValueError):
                continue
        return rss, pss

    def stop(self) -> int:
        """Stop sampling; return the peak summed RSS in bytes (peak_pss holds the PSS peak)."""
        self._stop.set()
        self._thread.join()
        return self.peak


def run_batch(folder: Path, outdir: Path) -> tuple[float, int, int]:
    """Run `ttbgen build FOLDER` in its own process group; return seconds and the peak summed RSS and PSS."""
    start = clock()
    process = subprocess.Popen(ttbgen_cmd("build", str(folder), "-o", str(outdir)), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True)
    sampler = TreeRss(process.pid)
    _out, err = process.communicate()
    seconds, peak = clock() - start, sampler.stop()
    if process.returncode != 0:
        raise SystemExit(f"batch failed: {err.decode()[-500:]}")
    return seconds, peak, sampler.peak_pss


def row_batch(tmp: Path, template: Path, context: dict[str, object], count: int) -> None:
    """Rows 3 and 4: a batch of `count` specs (docs/s, peak memory) against a docxtpl batch."""
    import jinja2
    from docxtpl import DocxTemplate

    anchor_n = min(count, 150)
    start = clock()
    for i in range(anchor_n):
        doc = DocxTemplate(template)
        doc.render(context, jinja_env=jinja2.Environment(undefined=jinja2.StrictUndefined), autoescape=True)
        doc.save(tmp / f"anchor-{i}.docx")
    anchor = anchor_n / (clock() - start)
    folder = tmp / f"batch{count}"
    genspecs.generate(folder, count)
    seconds, peak, pss = run_batch(folder, tmp / f"batch{count}-out")
    rate = count / seconds
    unit = "" if CLOCK == "wall" else " of CPU"
    row(f"batch of {count} specs, one `ttbgen build DIR`, check included",
        f"docxtpl batch {anchor:.0f} docs/s{unit}", f"{rate:.0f} docs/s{unit}",
        f"{rate / anchor:.1f}× docxtpl")
    row("peak memory of that batch (all processes)", "—",
        f"{pss / 2**20:.0f} MB PSS ({peak / 2**20:.0f} MB summed RSS)", "goal ≤ 150 MB")


def row_check(tmp: Path, rounds: int) -> None:
    """Row 5: `ttbgen check` per notice in one process against python-docx and lxml walks."""
    import docx
    from lxml import etree

    from ttbgen.build.pipeline import build_all
    from ttbgen.check.api import check_document

    path = build_all([SPEC], tmp / "r5")[0].output
    check_document(path)

    def python_docx() -> None:
        for p in docx.Document(str(path)).paragraphs:
            _ = p.text, p.style

    def lxml_walk() -> None:
        with zipfile.ZipFile(path) as zf:
            root = etree.fromstring(zf.read("word/document.xml"))
        for p in root.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
            _ = "".join(p.itertext())

    r = rounds * 5
    pd, lx, ours = median_ms(python_docx, r), median_ms(lxml_walk, r), median_ms(lambda: check_document(path), r)
    row("`ttbgen check`, per notice, one process", f"python-docx {pd:.1f} ms; lxml walk {lx:.2f} ms",
        f"{ours:.2f} ms", f"{pd / ours:.1f}× faster than python-docx; {ours / lx:.1f}× lxml")


def row_pdf(tmp: Path, count: int) -> None:
    """Row 6: PDF per document in a batch, against bare `soffice --convert-to pdf` in one call."""
    from ttbgen.build.pipeline import Builder
    from ttbgen.office.pdf import convert_to_pdf, soffice

    data = Builder(tmp / "r6").render(SPEC)[0].data
    docs = []
    for i in range(count):
        docs.append(tmp / "r6" / f"n-{i:03d}.docx")
        docs[-1].parent.mkdir(parents=True, exist_ok=True)
        docs[-1].write_bytes(data)
    profile = tmp / "bare-profile"
    bare = [soffice(), "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}", "--convert-to",
            "pdf", "--outdir", str(tmp / "r6bare")]
    subprocess.run([*bare, str(docs[0])], check=True, capture_output=True)  # a warm profile, as a user has
    convert_to_pdf(docs[:1], tmp / "r6warm")  # and ttbgen's own, if it keeps one
    start = clock()
    subprocess.run([*bare, *map(str, docs)], check=True, capture_output=True)
    anchor = (clock() - start) / count
    start = clock()
    convert_to_pdf(docs, tmp / "r6out")
    ours = (clock() - start) / count
    row(f"PDF, per document in a batch of {count}", f"bare soffice one call {anchor:.3f} s", f"{ours:.3f} s",
        f"{ours / anchor:.2f}× bare soffice")


def row_help(rounds: int) -> None:
    """Row 7: `ttbgen --help` against `python -c pass`."""
    n = max(10, rounds)
    anchor = median_ms(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), n)
    command = ttbgen_cmd("--help")
    ours = median_ms(lambda: subprocess.run(command, check=True, capture_output=True), n)
    row("`ttbgen --help`", f"`python -c pass` {anchor:.0f} ms", f"{ours:.0f} ms",
        f"{ours / anchor:.2f}× (+{ours - anchor:.0f} ms)")


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--pdf", type=int, default=50)
    parser.add_argument("--skip", default="", help="comma-separated rows to skip: build,one,batch,check,pdf,help")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="wall time, or CPU time of the work (steadier on a busy machine)")
    parser.add_argument("--no-compile", action="store_true",
                        help="do not byte-compile ttbgen first (each process then compiles its sources when "
                             "PYTHONDONTWRITEBYTECODE is set)")
    args = parser.parse_args()
    global CLOCK
    CLOCK = args.clock
    print(f"clock: {CLOCK}; {os.cpu_count()} cores; load {os.getloadavg()[0]:.1f}")
    if args.no_compile:
        print(f"bytecode: not compiled first (PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')})")
    else:
        print(f"bytecode: {compile_package()} compiled first, as pip does on install")
    skip = set(args.skip.split(","))
    print("| what | anchor, same run | ttbgen now | ratio |\n|---|---|---|---|", flush=True)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        os.environ.setdefault("TTBGEN_CACHE_DIR", str(tmp / "cache"))
        template, context = setup(tmp)
        steps: list[tuple[str, Callable[[], None]]] = [
            ("build", lambda: row_build_per_doc(tmp, template, context, args.rounds)),
            ("one", lambda: row_one_process(tmp, template, context, args.rounds)),
            ("batch", lambda: row_batch(tmp, template, context, args.batch)),
            ("check", lambda: row_check(tmp, args.rounds)),
            ("pdf", lambda: row_pdf(tmp, args.pdf) if shutil.which("soffice") else None),
            ("help", lambda: row_help(args.rounds)),
        ]
        for key, step in steps:
            if key not in skip:
                step()


if __name__ == "__main__":
    main()
