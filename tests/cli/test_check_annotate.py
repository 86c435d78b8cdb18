"""`ttbgen check --annotate OUT.docx`: a Word comment on each finding, at the paragraph it names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
from click.testing import CliRunner

from ttbgen.cli.check import check_command

Make = Callable[..., Path]


def run(*args: str | Path) -> tuple[int, str, str]:
    """Invoke the command; return exit code, stdout, stderr."""
    result = CliRunner().invoke(check_command, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def comments(path: Path) -> list[tuple[str, str]]:
    """Return (commented text, comment text) for each comment of a document."""
    document = docx.Document(str(path))
    found = []
    for para in document.paragraphs + [p for t in document.tables for r in t.rows for c in r.cells
                                       for p in c.paragraphs]:
        for comment_id in {int(x) for x in para._p.xpath(".//w:commentRangeStart/@w:id")}:
            comment = document.comments.get(comment_id)
            assert comment is not None
            found.append((para.text, comment.text))
    return sorted(set(found))


def test_each_finding_becomes_a_comment_on_its_paragraph(make: Make, tmp_path: Path) -> None:
    source = make(date="Lạng Sơn, ngày 05 tháng 06 năm 2024", margins=(1134, 1134, 1134, 1134))
    out = tmp_path / "reviewed.docx"
    code, _out, err = run(source, "--annotate", out)
    assert code == 1
    assert f"{out}: 2 comment(s) written" in err
    found = comments(out)
    assert ("Lạng Sơn, ngày 05 tháng 06 năm 2024", "error: place and date line (ô 4): month 06 takes no leading "
            "zero (6)\n[date-line] docs/decree30.md §4") in found
    assert any("section 1: left margin 20.0 mm" in text and "[margins]" in text for _para, text in found)


def test_a_clean_document_gets_a_copy_without_comments(make: Make, tmp_path: Path) -> None:
    out = tmp_path / "reviewed.docx"
    code, _out, err = run(make(), "--annotate", out)
    assert code == 0 and "0 comment(s) written" in err
    assert comments(out) == []


def test_annotate_never_overwrites(make: Make, tmp_path: Path) -> None:
    out = tmp_path / "reviewed.docx"
    out.write_bytes(b"keep me")
    code, _out, err = run(make(date="Lạng Sơn, ngày 5 tháng 02 năm 2024"), "--annotate", out)
    assert code == 2 and "already exists" in err
    assert out.read_bytes() == b"keep me"


def test_annotate_takes_one_file(make: Make, tmp_path: Path) -> None:
    code, _out, err = run(make("a"), make("b"), "--annotate", tmp_path / "x.docx")
    assert code == 2 and "one file at a time" in err
    assert not (tmp_path / "x.docx").exists()
