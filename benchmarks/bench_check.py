"""Time `ttbgen check`: per document in one process (goal, issue 15: ≤ 2.0 ms a notice), and per CLI call.

Run: python benchmarks/bench_check.py [FILE.docx …] (default: generated test notices and a notice built from
specs/example.yaml). With --baseline DIR (a folder holding another ttbgen package, e.g. made by
`git archive OLD ttbgen | tar -x -C DIR`), both versions are timed in the same run, in alternating worker
processes, so a machine shared with other work loads both alike: compare the ratio, not the milliseconds.
Wall time and CPU time (thread_time) are shown; on a busy machine the CPU time is the steadier one.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "check"))

import d30notice  # noqa: E402
import handmade  # noqa: E402

# Runs in a worker process: check each file `rounds` times after one warm-up; print wall and CPU times in ms.
WORKER = """
import json, sys, time
from pathlib import Path
from ttbgen.check.api import check_document
rounds, files, out = int(sys.argv[1]), [Path(f) for f in sys.argv[2:]], {}
for path in files:
    check_document(path)
for path in files:
    wall, cpu = [], []
    for _ in range(rounds):
        w0, c0 = time.perf_counter(), time.thread_time()
        check_document(path)
        cpu.append((time.thread_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
    out[str(path)] = {"wall": wall, "cpu": cpu}
print(json.dumps(out))
"""

# --once: check the first file (a process's first check is cold), then every file once, as a batch of distinct
# notices does (no memo of their own parts helps then); print CPU ms per document.
WORKER_ONCE = """
import sys, time
from pathlib import Path
from ttbgen.check.api import check_document
files = [Path(f) for f in sys.argv[1:]]
check_document(files[0])
started = time.thread_time()
for path in files:
    check_document(path)
print((time.thread_time() - started) * 1000 / len(files))
"""


def measure_once(package_root: Path, files: list[Path]) -> float:
    """Return CPU ms per document when each file is checked once in a fresh process importing `package_root`."""
    env = dict(os.environ, PYTHONPATH=str(package_root))
    command = [sys.executable, "-c", WORKER_ONCE, *map(str, files)]
    done = subprocess.run(command, env=env, cwd=tempfile.gettempdir(), capture_output=True, text=True, check=True)
    return float(done.stdout)


def measure(package_root: Path, files: list[Path], rounds: int) -> dict[str, dict[str, list[float]]]:
    """Time check_document on each file in a fresh process that imports ttbgen from `package_root`."""
    env = dict(os.environ, PYTHONPATH=str(package_root))
    command = [sys.executable, "-c", WORKER, str(rounds), *map(str, files)]
    done = subprocess.run(command, env=env, cwd=tempfile.gettempdir(), capture_output=True, text=True, check=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def cli_command() -> list[str]:
    """Return the command line that runs the checker: `ttbgen check`, or the command module alone."""
    exe = shutil.which("ttbgen")
    if exe and subprocess.run([exe, "check", "--help"], capture_output=True).returncode == 0:
        return [exe, "check"]
    return [sys.executable, "-c", "from ttbgen.cli import main; main()", "check"]


def per_call(path: Path, rounds: int = 10) -> float:
    """Return the median wall time of one CLI call on a file, in ms."""
    command = [*cli_command(), str(path)]
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def default_files(tmp: Path) -> list[Path]:
    """Return the generated notices, the hand-made one, and ttbgen's own build of specs/example.yaml."""
    files = [
        d30notice.build(tmp / "generated.docx"),
        d30notice.build(tmp / "generated-long.docx", body=d30notice.BODY[:-1] * 4 + d30notice.BODY[-1:]),
        handmade.build(tmp / "handmade.docx"),
    ]
    build = [sys.executable, "-c", "from ttbgen.cli import main; main()", "build", str(ROOT / "specs" / "example.yaml"),
             "-o", str(tmp / "built"), "--no-check"]
    if subprocess.run(build, capture_output=True, check=False).returncode == 0:
        files += sorted((tmp / "built").glob("*.docx"))
    return files


def main() -> None:
    """Print a table of timings (and of the baseline's, with --baseline)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--baseline", type=Path, help="a folder holding another ttbgen package to compare with")
    parser.add_argument("--rounds", type=int, default=100, help="checks of each file per worker process")
    parser.add_argument("--repeat", type=int, default=3, help="worker processes per version (alternating)")
    parser.add_argument("--no-cli", action="store_true", help="skip the per-CLI-call column")
    parser.add_argument("--once", action="store_true",
                        help="check each file once per worker (a batch of distinct notices): CPU ms per document")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    files = [f.resolve() for f in args.files] or default_files(tmp)
    versions = {"now": ROOT} | ({"baseline": args.baseline.resolve()} if args.baseline else {})
    if args.once:
        _once(files, versions, args.repeat)
        shutil.rmtree(tmp)
        return
    times: dict[str, dict[str, dict[str, list[float]]]] = {name: {} for name in versions}
    for _ in range(args.repeat):
        for name, root in versions.items():
            for path, got in measure(root, files, args.rounds).items():
                slot = times[name].setdefault(path, {"wall": [], "cpu": []})
                slot["wall"] += got["wall"]
                slot["cpu"] += got["cpu"]
    _table(files, times, args.no_cli)
    shutil.rmtree(tmp)


def _once(files: list[Path], versions: dict[str, Path], repeat: int) -> None:
    """Print the median CPU ms per document of each version, each file checked once per worker process."""
    got: dict[str, list[float]] = {name: [] for name in versions}
    for _ in range(repeat):
        for name, root in versions.items():
            got[name].append(measure_once(root, files))
    line = f"{len(files)} files, each checked once: {statistics.median(got['now']):.2f} ms CPU per document"
    if "baseline" in got:
        ratio = statistics.median(got["now"]) / statistics.median(got["baseline"])
        line += f" (baseline {statistics.median(got['baseline']):.2f}, ratio {ratio:.2f})"
    print(line)


def _table(files: list[Path], times: dict[str, dict[str, dict[str, list[float]]]], no_cli: bool) -> None:
    """Print medians per file: wall and CPU ms now (and of the baseline, with the ratio now / baseline)."""
    base = "baseline" in times
    head = f"{'file':34} {'size':>7} {'wall ms':>8} {'cpu ms':>7}"
    head += f" {'base wall':>9} {'base cpu':>8} {'cpu ratio':>9}" if base else ""
    print(("" if no_cli else f"CLI: {' '.join(cli_command())}\n") + head + ("" if no_cli else f" {'CLI ms':>7}"))
    for path in files:
        now = times["now"][str(path)]
        line = f"{path.name[:34]:34} {path.stat().st_size:>7} {statistics.median(now['wall']):>8.2f} " \
               f"{statistics.median(now['cpu']):>7.2f}"
        if base:
            old = times["baseline"][str(path)]
            ratio = statistics.median(now["cpu"]) / statistics.median(old["cpu"])
            line += f" {statistics.median(old['wall']):>9.2f} {statistics.median(old['cpu']):>8.2f} {ratio:>9.2f}"
        print(line + ("" if no_cli else f" {per_call(path):>7.0f}"), flush=True)


if __name__ == "__main__":
    main()
