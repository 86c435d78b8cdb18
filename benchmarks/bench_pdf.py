"""Print the time to convert N documents to PDF in one LibreOffice call against N calls.

Run: python benchmarks/bench_pdf.py [N]. Needs LibreOffice (libreoffice-writer-nogui, fonts-liberation2).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    """Build N copies of an example notice and time both ways of converting them."""
    from ttbgen.build.pipeline import Builder
    from ttbgen.office.pdf import convert_to_pdf

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    with tempfile.TemporaryDirectory() as tmp:
        data = Builder(Path(tmp)).render(ROOT / "specs" / "example.yaml")[0].data
        docs = []
        for i in range(count):
            doc = Path(tmp) / f"notice-{i:03d}.docx"
            doc.write_bytes(data)
            docs.append(doc)
        start = time.perf_counter()
        convert_to_pdf(docs, Path(tmp) / "one-call")
        one_call = time.perf_counter() - start
        start = time.perf_counter()
        for doc in docs:
            convert_to_pdf([doc], Path(tmp) / "n-calls")
        n_calls = time.perf_counter() - start
    print(f"{count} documents in one soffice call: {one_call:.2f} s ({one_call / count * 1000:.0f} ms per document)")
    print(f"{count} documents in {count} soffice calls: {n_calls:.2f} s ({n_calls / count * 1000:.0f} ms per document)")


if __name__ == "__main__":
    main()
