"""Score `ttbgen check` against the reviewer's judgements of the real Word documents in ../shared/realdocs.

Per (document, rule), the findings now are compared by count with those judged then: true (TP), debatable (DEB);
false ones (FP, FPS) count against, "not evaluated" findings and judgements (NE) are left out.
precision = Σ min(now, true + debatable) / Σ now; kept = Σ min(now, true) / Σ true.
Run: python benchmarks/realdocs.py [--json] [--judged EXTRA.csv] (TTBGEN_SHARED moves ../shared).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ttbgen.check import check_document
from ttbgen.errors import DocxError

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ("doc", "rule", "level", "cls", "why", "where", "message")
NOT_EVALUATED = "not-evaluated"
Key = tuple[str, str]  # (document stem, rule id)


@dataclass
class RuleScore:
    """Summed counts for one rule (or all): findings now, judged true and debatable then, matches."""

    rule: str
    now: int = 0
    true: int = 0
    debatable: int = 0
    right: int = 0  # Σ min(now, true + debatable)
    kept_true: int = 0  # Σ min(now, true)

    @property
    def beyond(self) -> int:
        """Return the findings beyond the true and debatable ones (the false alarms by count)."""
        return self.now - self.right

    @property
    def precision(self) -> float | None:
        """Return the share of today's findings that were judged true or debatable."""
        return self.right / self.now if self.now else None

    @property
    def kept(self) -> float | None:
        """Return the share of the true findings still reported."""
        return self.kept_true / self.true if self.true else None

    def add(self, now: int, true: int, debatable: int) -> None:
        """Add the counts of one (document, rule) pair."""
        self.now, self.true, self.debatable = self.now + now, self.true + true, self.debatable + debatable
        self.right += min(now, true + debatable)
        self.kept_true += min(now, true)

    def as_dict(self) -> dict[str, object]:
        """Return the figures as plain data."""
        return {**asdict(self), "beyond": self.beyond, "precision": self.precision, "kept": self.kept}


@dataclass
class Scores:
    """The score of the checker on the real documents: per rule, in total, and files it could not read."""

    rules: dict[str, RuleScore]
    total: RuleScore
    documents: int
    unusable: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """Return the scores as plain data (the --json output)."""
        return {
            "documents": self.documents, "unusable": self.unusable, "total": self.total.as_dict(),
            "rules": {rule: score.as_dict() for rule, score in self.rules.items()},
        }


def realdocs_dir(root: Path) -> Path:
    """Return the folder of real documents beside the repository at `root` (or under $TTBGEN_SHARED)."""
    return Path(os.environ.get("TTBGEN_SHARED", root.parent / "shared")) / "realdocs"


def read_judgements(path: Path, extra: bool = False) -> list[dict[str, str]]:
    """Return the rows of a judgements CSV, checking its columns (an extra file also needs `reason`)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        wanted = set(COLUMNS) | ({"reason"} if extra else set())
        missing = wanted - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: missing columns {', '.join(sorted(missing))}")
        return list(reader)


def merge(base: list[dict[str, str]], extra: list[dict[str, str]]) -> list[dict[str, str]]:
    """Return base + extra, the extra rows replacing the base rows of each (document, rule) they judge."""
    rejudged = {(row["doc"], row["rule"]) for row in extra}
    return [row for row in base if (row["doc"], row["rule"]) not in rejudged] + extra


def judged_counts(rows: Iterable[dict[str, str]]) -> tuple[Counter[Key], Counter[Key], set[Key]]:
    """Return the true and debatable counts per (document, rule), and every pair judged at all."""
    true: Counter[Key] = Counter()
    debatable: Counter[Key] = Counter()
    for row in rows:
        key = (row["doc"], row["rule"])
        true[key] += int(row["cls"] == "TP")
        debatable[key] += int(row["cls"] == "DEB")
    return true, debatable, set(true)


def findings_now(folder: Path) -> tuple[Counter[Key], int, list[str]]:
    """Check every .docx in the folder; return the findings per (document, rule), the count, the unusable."""
    now: Counter[Key] = Counter()
    paths = sorted(folder.glob("*.docx"))
    unusable: list[str] = []
    for path in paths:
        try:
            findings = check_document(path)
        except DocxError as exc:
            unusable.append(f"{path.name}: {exc}")
            continue
        now.update((path.stem, f.rule) for f in findings if f.level.value != NOT_EVALUATED)
    return now, len(paths), unusable


def score(root: Path, judged: Path | None = None) -> Scores:
    """Score the checker on the real documents beside the repository at `root`, with optional extra judgements."""
    folder = realdocs_dir(root)
    if not folder.is_dir():
        raise FileNotFoundError(f"no real documents at {folder} (set TTBGEN_SHARED to the shared folder)")
    rows = read_judgements(folder / "judgements.csv")
    if judged is not None:
        rows = merge(rows, read_judgements(judged, extra=True))
    true, debatable, pairs = judged_counts(rows)
    now, documents, unusable = findings_now(folder)
    rules: dict[str, RuleScore] = {}
    total = RuleScore("total")
    for key in sorted(pairs | set(now)):
        counts = (now[key], true[key], debatable[key])
        rules.setdefault(key[1], RuleScore(key[1])).add(*counts)
        total.add(*counts)
    return Scores(dict(sorted(rules.items())), total, documents, unusable)


def percent(value: float | None) -> str:
    """Return a share as a percentage, or a dash when there is nothing to divide."""
    return "—" if value is None else f"{value:.1%}"


def table(scores: Scores) -> str:
    """Return the per-rule and total figures as a text table."""
    head = f"{'rule':20} {'now':>6} {'true':>6} {'deb':>5} {'beyond':>7} {'precision':>10} {'kept':>7}"
    lines = [head, "-" * len(head)]
    for item in [*scores.rules.values(), scores.total]:
        lines.append(
            f"{item.rule:20} {item.now:>6} {item.true:>6} {item.debatable:>5} {item.beyond:>7} "
            f"{percent(item.precision):>10} {percent(item.kept):>7}"
        )
    lines.insert(-1, "-" * len(head))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the scores as a table or JSON; exit 2 when the documents or judgements are missing."""
    parser = argparse.ArgumentParser(description="Score ttbgen check against the reviewer's judgements.")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--judged", type=Path, help="extra judgements CSV (judgements.csv columns + reason)")
    args = parser.parse_args(argv)
    try:
        scores = score(ROOT, args.judged)
    except (OSError, ValueError) as exc:
        print(f"realdocs: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(scores.as_dict(), ensure_ascii=False, indent=2))
        return 0
    print(f"{scores.documents} documents in {realdocs_dir(ROOT)}")
    for line in scores.unusable:
        print(f"unusable: {line}")
    print(table(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
