"""What a new user meets (issue 16): their own office, a folder to check, the decree reference, pre-commit."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from paths import ROOT

from ttbgen.cli import main

OFFICES = ROOT / "templates" / "offices"
TWO_LEVEL = ("ubnd-xa-tan-thanh", "ubnd-phuong-dong-kinh", "ubnd-dac-khu-van-don", "so-nnmt-lang-son")


def invoke(*args: str) -> Result:
    """Run ttbgen in the current folder."""
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("office", TWO_LEVEL)
def test_each_shipped_two_level_office_builds_clean_from_its_starter(in_tmp: Path, office: str) -> None:
    assert invoke("new", "--office", office, "n.yaml").exit_code == 0
    built = invoke("build", "n.yaml", "--strict")
    assert built.exit_code == 0, built.output
    assert "0 error(s), 0 warning(s)" in built.output
    spec = Path("n.yaml").read_text(encoding="utf-8")
    assert "tỉnh" not in spec.split("recipients:")[0] or office.startswith("so-")
    assert "Phó Chủ tịch UBND tỉnh" not in spec and "lãnh đạo các sở" not in spec


@pytest.mark.parametrize(("office", "header", "place", "chair"), [
    ("ubnd-xa-tan-thanh", "XÃ TÂN THANH", "Tân Thanh", "Phó Chủ tịch UBND xã"),
    ("ubnd-phuong-dong-kinh", "PHƯỜNG ĐÔNG KINH", "Đông Kinh", "Phó Chủ tịch UBND phường"),
    ("ubnd-dac-khu-van-don", "ĐẶC KHU VÂN ĐỒN", "Vân Đồn", "Phó Chủ tịch UBND đặc khu"),
    ("so-nnmt-lang-son", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "Lạng Sơn", "Phó Giám đốc Sở"),
])
def test_a_notice_speaks_as_its_level_of_government(in_tmp: Path, office: str, header: str, place: str,
                                                   chair: str) -> None:
    invoke("new", "--office", office, "n.yaml")
    invoke("build", "n.yaml")
    dump = invoke("dump", "out/n.docx").output
    assert f"| {header}" in dump and f"| {place}, ngày" in dump and chair in dump


def test_new_office_writes_a_commented_profile_that_loads_like_its_model(in_tmp: Path) -> None:
    from ttbgen.spec.office import load_office

    result = invoke("new-office", "ubnd-xa-hoa-binh")
    assert result.exit_code == 0 and "offices/ubnd-xa-hoa-binh.yaml" in result.output
    text = Path("offices/ubnd-xa-hoa-binh.yaml").read_text(encoding="utf-8")
    assert text.count("#") > 15 and "docs/office.md" in text
    made, model = load_office("ubnd-xa-hoa-binh", in_tmp), load_office("ubnd-xa-tan-thanh")
    assert (made.agency, made.place, made.symbol, made.signer, made.recipients, made.archive,
            made.drafting_units) == (model.agency, model.place, model.symbol, model.signer, model.recipients,
                                     model.archive, model.drafting_units)


@pytest.mark.parametrize("like", sorted(p.stem for p in OFFICES.glob("*.yaml")))
def test_new_office_round_trips_every_shipped_profile(in_tmp: Path, like: str) -> None:
    from ttbgen.spec.office import load_office

    assert invoke("new-office", "mine", "--like", like).exit_code == 0
    made, model = load_office("mine", in_tmp), load_office(like)
    assert made == type(model)(**{**model.__dict__, "key": "mine", "marks": made.marks})
    assert made.drafting_units == model.drafting_units


def test_new_quotes_a_file_name_with_spaces_in_the_command_it_suggests(in_tmp: Path) -> None:
    result = invoke("new", "--office", "ubnd-xa-tan-thanh", "họp giao ban.yaml")
    assert result.output.strip().endswith('build it with: ttbgen build "họp giao ban.yaml"')
    assert '#     ttbgen build "họp giao ban.yaml"' in Path("họp giao ban.yaml").read_text(encoding="utf-8")


def test_new_office_never_overwrites_and_refuses_odd_names(in_tmp: Path) -> None:
    assert invoke("new-office", "ubnd-xa-a").exit_code == 0
    again = invoke("new-office", "ubnd-xa-a")
    assert again.exit_code == 2 and "already exists" in again.output
    for bad in ("Xã A", "../x", "ubnd_xa", "ubnd-xã-a", "x-"):
        result = invoke("new-office", bad)
        assert result.exit_code == 2 and "is not an office name" in result.output, bad
        assert "Traceback" not in result.output


def test_templates_list_and_show_find_an_office_beside_the_specs(in_tmp: Path) -> None:
    invoke("new-office", "ubnd-xa-hoa-binh", "--dir", "specs")
    listed = invoke("templates", "list", "--dir", "specs").output
    assert re.search(r"^office\s+ubnd-xa-hoa-binh\s+.*specs/offices/ubnd-xa-hoa-binh.yaml$", listed, re.M)
    shown = invoke("templates", "show", "ubnd-xa-hoa-binh", "--dir", "specs")
    assert shown.exit_code == 0
    assert "agency: ỦY BAN NHÂN DÂN / XÃ TÂN THANH" in shown.output
    assert "date line: Tân Thanh, ngày" in shown.output and "number line: Số:      /TB-UBND" in shown.output


def test_templates_show_an_unknown_office_says_how_to_create_it(in_tmp: Path) -> None:
    result = invoke("templates", "show", "ubnd-xa-tan-thnh")
    assert result.exit_code == 2
    assert result.output.strip() == ("no template or office profile named 'ubnd-xa-tan-thnh' (did you mean "
                                     "'ubnd-xa-tan-thanh'?); to create an office profile: ttbgen new-office "
                                     "ubnd-xa-tan-thnh")
    assert "ttbgen new-office zzz" in invoke("templates", "show", "zzz").output


def test_a_spec_or_new_for_an_unknown_office_says_how_to_create_it(in_tmp: Path) -> None:
    result = invoke("new", "--office", "tinh-khac", "n.yaml")
    assert result.exit_code == 2 and not Path("n.yaml").exists()
    assert result.output.strip().endswith("; to create your own: ttbgen new-office tinh-khac (docs/office.md)")
    close = invoke("new", "--office", "ubnd-xa-vinh-thinh", "n.yaml").output.strip()
    assert close == ("unknown office 'ubnd-xa-vinh-thinh'; did you mean 'ubnd-xa-tan-thanh'? (a new office of your "
                     "own: ttbgen new-office ubnd-xa-vinh-thinh)")


def test_templates_show_still_shows_a_template(in_tmp: Path) -> None:
    shown = invoke("templates", "show", "thong-bao-ket-luan").output
    assert "document type: THÔNG BÁO (TB)" in shown and re.search(r"^sha256: [0-9a-f]{64}$", shown, re.M)


HOUSE_STYLE = "house_style:\n  sizes_pt: {body: [14, 14]}\n"


def test_the_documented_house_style_example_works(in_tmp: Path) -> None:
    from ttbgen.check.ruleset import office_ruleset
    from ttbgen.spec.office import load_office

    invoke("new-office", "mine")
    profile = Path("offices/mine.yaml")
    profile.write_text(profile.read_text(encoding="utf-8") + HOUSE_STYLE, encoding="utf-8")
    assert office_ruleset(load_office("mine", in_tmp)).range("sizes_pt", "body") == (14.0, 14.0)
    invoke("new", "--office", "mine", "n.yaml")
    assert invoke("build", "n.yaml").exit_code == 0
    doc = (ROOT / "docs" / "office.md").read_text(encoding="utf-8")
    assert HOUSE_STYLE in doc


@pytest.mark.parametrize(("style", "where", "message"), [
    ("  sizes_pt: {body: [12, 14]}\n", ":2:20: house_style.sizes_pt.body: range [12, 14] is wider",
     "than Decree 30 allows"),
    ("  components: {body: {size: [14, 14]}}\n", ":2:15: house_style.components: unknown key", "sizes_pt"),
])
def test_house_style_errors_are_located(in_tmp: Path, style: str, where: str, message: str) -> None:
    profile = Path("offices/mine.yaml")
    profile.parent.mkdir()
    profile.write_text("house_style:\n" + style + (OFFICES / "ubnd-xa-tan-thanh.yaml").read_text(encoding="utf-8"),
                       encoding="utf-8")
    invoke("new", "--office", "mine", "n.yaml")
    result = invoke("build", "n.yaml")
    assert result.exit_code == 2 and "Traceback" not in result.output
    *_, line, closing = result.output.strip().splitlines()
    assert line.startswith(str(profile.resolve()) + where) and message in line
    assert closing == "1 error(s); nothing was written: fix them and build again"


def test_check_a_folder_checks_its_docx_files_recursively(in_tmp: Path) -> None:
    invoke("build", str(ROOT / "specs" / "example.yaml"), "-o", "a", "--no-check")
    invoke("build", str(ROOT / "specs" / "mai-son-2024-01-mtqg.yaml"), "-o", "a/b", "--no-check")
    Path("a/~$example.docx").write_bytes(b"Word's owner file")  # unusable if it were checked (exit 2)
    Path("a/notes.txt").write_text("not a notice")
    result = invoke("check", "a")
    assert result.exit_code == 0, result.output
    assert "2 file(s) checked" in result.output
    both = invoke("check", "a/b", "a/example.docx")
    assert both.exit_code == 0 and "2 file(s) checked" in both.output


def test_the_json_schema_accepts_the_dates_ttbgen_accepts(in_tmp: Path) -> None:
    import jsonschema

    from ttbgen.spec.schema import json_schema

    spec = (ROOT / "specs" / "example.yaml").read_text(encoding="utf-8")
    spec = spec.replace("date: 2026-03 ", "date: 2026-3 ").replace("date: 2026-03-02", "date: 2026-3-2")
    spec = spec.replace("due: 2026-03-31", "due: 2026-12-1")
    Path("d.yaml").write_text(spec, encoding="utf-8")
    data = yaml.safe_load(spec)  # one-digit dates are not YAML timestamps: they stay text, as in an editor
    assert (data["date"], data["meeting"]["date"]) == ("2026-3", "2026-3-2")
    jsonschema.validate(data, json_schema())
    assert invoke("build", "d.yaml", "--no-check").exit_code == 0
    for wrong in ("2026-123-1", "01/12/2026", "2026-1-2-3"):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**data, "date": wrong}, json_schema())


def test_check_an_empty_folder_is_a_clear_error(in_tmp: Path) -> None:
    Path("empty/sub").mkdir(parents=True)
    result = invoke("check", "empty")
    assert result.exit_code == 2
    assert result.output.strip() == "empty: no .docx file in this folder or its subfolders"


def test_decree_prints_a_section_and_every_cited_section_exists() -> None:
    six = invoke("decree", "6")
    assert six.exit_code == 0 and six.output.startswith('## 6. "Nơi nhận" block')
    assert "## 7." not in six.output
    assert invoke("decree", "§2.2").output.startswith("### 2.2 Component table")
    missing = invoke("decree", "13")
    assert missing.exit_code == 2 and "no section 13" in missing.output


def test_pre_commit_hooks_run_ttbgen_on_the_right_files(in_tmp: Path) -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"ttbgen-build", "ttbgen-check"}
    build, check = hooks["ttbgen-build"], hooks["ttbgen-check"]

    def selected(hook: dict[str, str], path: str) -> bool:
        return bool(re.search(hook["files"], path)) and not re.search(hook.get("exclude", "^$"), path)

    assert selected(build, "specs/hop.yaml") and selected(build, "hop.yml")
    for other in ("specs/offices/ubnd-xa-a.yaml", "templates/x/template.yaml", "ttbgen.yaml",
                  ".pre-commit-config.yaml", ".github/workflows/ttbgen.yml"):
        assert not selected(build, other), other
    assert selected(check, "out/a.docx") and not selected(check, "out/~$a.docx")
    # pre-commit runs `entry` followed by the selected file names.
    shutil.copyfile(ROOT / "specs" / "example.yaml", "example.yaml")
    assert invoke(*build["entry"].split()[1:], "example.yaml").exit_code == 0
    assert invoke(*check["entry"].split()[1:], "out/example.docx").exit_code == 0


def test_every_shipped_and_generated_profile_matches_the_office_schema(in_tmp: Path) -> None:
    import jsonschema

    from ttbgen.spec.schema import json_schema

    invoke("new-office", "mine")
    schema = json_schema("office")
    for profile in [*sorted(OFFICES.glob("*.yaml")), Path("offices/mine.yaml")]:
        jsonschema.validate(yaml.safe_load(profile.read_text(encoding="utf-8")), schema)


@pytest.mark.parametrize(("agency", "chair", "lead", "advises"), [
    (("ỦY BAN NHÂN DÂN", "XÃ TÂN THANH"), "Phó Chủ tịch UBND xã", "Phòng Kinh tế", "UBND xã"),
    (("ỦY BAN NHÂN DÂN", "PHƯỜNG ĐÔNG KINH"), "Phó Chủ tịch UBND phường", "Phòng Kinh tế, Hạ tầng và Đô thị",
     "UBND phường"),
    (("ỦY BAN NHÂN DÂN", "ĐẶC KHU PHÚ QUỐC"), "Phó Chủ tịch UBND đặc khu", "Phòng Kinh tế", "UBND đặc khu"),
    (("SỞ TÀI CHÍNH",), "Phó Giám đốc Sở", "Văn phòng Sở", "Giám đốc Sở"),
    (("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"), "Phó Chủ tịch UBND thành phố", "Sở Tài chính", "UBND thành phố"),
    (("ỦY BAN NHÂN DÂN", "TỈNH CAO BẰNG"), "Phó Chủ tịch UBND tỉnh", "Sở Tài chính", "UBND tỉnh"),
    (("VĂN PHÒNG",), "Phó Chủ tịch UBND tỉnh", "Sở Tài chính", "UBND tỉnh"),
])
def test_the_starter_voice_follows_the_last_agency_line(agency: tuple[str, ...], chair: str, lead: str,
                                                       advises: str) -> None:
    from ttbgen.spec.model import Office
    from ttbgen.spec.starter import voice

    talk = voice(Office("x", "X", agency, "X", "UBND", "X"))
    assert (talk.chair, talk.lead, talk.advises) == (chair, lead, advises)
