"""Print build timings: per document in a warm batch, one CLI call, and raw docxtpl on the same template.

Run: python benchmarks/bench_build.py [--rounds N]. Medians move ±25–35% between runs on these machines
(pitfalls.md), so compare the variants printed by one run, not across runs.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPECS = sorted((ROOT / "specs").glob("*.yaml"))


def median_ms(action: Callable[[], object], rounds: int) -> float:
    """Run an action `rounds` times and return the median wall time in milliseconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Measure and print."""
    from ttbgen.build.pipeline import Builder
    from ttbgen.compose.derive import build_context
    from ttbgen.render.engine import render_with_docxtpl

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as tmp:
        builder = Builder(Path(tmp))
        spec = ROOT / "specs" / "mai-son-2024-01-mtqg.yaml"
        builder.render(spec)  # warm: templates compiled, modules imported
        batch = median_ms(lambda: [builder.render(s) for s in SPECS], rounds) / len(SPECS)
        one = median_ms(lambda: builder.render(spec), rounds)
        notice = builder.render(spec)[0].notice
        compiled, manifest = builder.template(notice.templates[0], notice, spec.parent)
        context = build_context(notice, manifest.geometry)
        raw = median_ms(lambda: render_with_docxtpl(compiled.path, context, io.BytesIO()), rounds)
        ours = median_ms(lambda: compiled.render_parts(context), rounds)
        cli = median_ms(lambda: subprocess.run([sys.executable, "-m", "ttbgen.cli", "build", str(spec), "-o", tmp,
                                                "--no-check", "--force"], check=True, capture_output=True),
                        max(3, rounds // 5))
    print(f"warm batch ({len(SPECS)} specs): {batch:.1f} ms per spec (load, derive, render, zip)")
    print(f"warm single spec (mai-son, 3 pages): {one:.1f} ms")
    print(f"  of which Jinja on the pre-compiled template: {ours:.2f} ms")
    print(f"raw docxtpl load+render+save of the same template and context: {raw:.1f} ms")
    print(f"one CLI call (new process, build --no-check): {cli:.0f} ms")


if __name__ == "__main__":
    main()
