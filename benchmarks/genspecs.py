"""Generate N distinct specs from specs/example.yaml, for batch benchmarks and the parallel-build tests.

Run: python benchmarks/genspecs.py N FOLDER (writes FOLDER/notice-00001.yaml …).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "specs" / "example.yaml"
_MEETING = "name: cuộc họp nghe báo cáo tiến độ chuyển đổi số năm 2026"


def generate(folder: Path, count: int, source: Path = EXAMPLE) -> list[Path]:
    """Write `count` specs that differ in the meeting name and the issue day; return their paths."""
    text = source.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(1, count + 1):
        spec = text.replace(_MEETING, f"{_MEETING} (phiên {i})")
        spec = spec.replace("date: 2026-03 ", f"date: 2026-03-{i % 27 + 2:02d}")
        path = folder / f"notice-{i:05d}.yaml"
        path.write_text(spec, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    generate(Path(sys.argv[2]), int(sys.argv[1]))
