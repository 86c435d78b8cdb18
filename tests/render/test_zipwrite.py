"""PackageWriter writes the very bytes zipfile writes (issue 15: static parts deflated once per batch)."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import ROOT

from ttbgen.render.engine import write_zip, zip_time
from ttbgen.render.zipwrite import PackageWriter

TEMPLATES = sorted((ROOT / "templates").glob("*/template.docx"))


def members_of(path: object) -> list[tuple[str, bytes]]:
    """Read a package's members in order."""
    with zipfile.ZipFile(path) as zf:  # type: ignore[arg-type]
        return [(i.filename, zf.read(i)) for i in zf.infolist() if not i.is_dir()]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.parent.name)
def test_same_bytes_as_zipfile_for_every_template(template: object) -> None:
    members = members_of(template)
    replaced = {"word/document.xml": b"<w:document>changed</w:document>", "docProps/custom.xml": b"<new/>"}
    writer = PackageWriter(members)
    for _ in range(2):  # the second write uses the parts deflated by the first
        assert writer.write(replaced, zip_time()) == write_zip(members, replaced)


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                               min_size=1, max_size=12), st.binary(max_size=3000), min_size=1, max_size=6),
       st.sets(st.integers(0, 5)), st.tuples(st.integers(1980, 2100), st.integers(1, 12), st.integers(1, 28),
                                             st.integers(0, 23), st.integers(0, 59), st.integers(0, 59)))
def test_same_bytes_as_zipfile_for_any_members(parts: dict[str, bytes], changed: set[int],
                                                stamp: tuple[int, int, int, int, int, int]) -> None:
    members = list(parts.items())
    replaced = {name: data[::-1] + b"x" for i, (name, data) in enumerate(members) if i in changed}
    replaced["new/part.xml"] = b"<added/>"
    ours = PackageWriter(members).write(replaced, stamp)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in [*members, ("new/part.xml", b"")]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            zf.writestr(info, replaced.get(name, data))
    assert ours == buffer.getvalue()
