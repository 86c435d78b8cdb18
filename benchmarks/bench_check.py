"""Time `ttbgen check`: per document in one process, and per CLI call (goal: ≤ 3 ms per 2-page notice in
one process). Run: python benchmarks/bench_check.py [FILE.docx …] (default: generated test notices)."""

from __future__ import annotations

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

from ttbgen.check.api import check_document  # noqa: E402


def in_process(path: Path, rounds: int = 200) -> tuple[float, float]:
    """Return the median and the minimum time of check_document on a file, in ms."""
    check_document(path)  # warm the imports and the rule-set cache
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        check_document(path)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), min(times)


def cli_command() -> list[str]:
    """Return the command line that runs the checker: `ttbgen check`, or the command module alone."""
    exe = shutil.which("ttbgen")
    if exe and subprocess.run([exe, "check", "--help"], capture_output=True).returncode == 0:
        return [exe, "check"]
    return [sys.executable, "-m", "ttbgen.cli.check"]


def per_call(path: Path, rounds: int = 10) -> float:
    """Return the median wall time of one CLI call on a file, in ms."""
    command = [*cli_command(), str(path)]
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    """Print a table of timings."""
    tmp = Path(tempfile.mkdtemp())
    files = [Path(a) for a in sys.argv[1:]] or [
        d30notice.build(tmp / "generated.docx"),
        d30notice.build(tmp / "generated-long.docx", body=d30notice.BODY[:-1] * 4 + d30notice.BODY[-1:]),
        handmade.build(tmp / "handmade.docx"),
    ]
    print(f"CLI: {' '.join(cli_command())}")
    print(f"{'file':40} {'size':>8} {'¶':>4} {'median ms':>10} {'min ms':>8} {'CLI ms':>8}")
    for path in files:
        from ttbgen.check.reader import read_document

        paras = len(read_document(path).paras)
        median, best = in_process(path)
        print(f"{path.name:40} {path.stat().st_size:>8} {paras:>4} {median:>10.2f} {best:>8.2f} {per_call(path):>8.0f}")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
