"""Each rule: a document that passes it and one that fails it, built here, the finding asserted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from d30notice import BODY, RECIPIENTS, REL, with_fmt

from ttbgen.check.components import BODY as BODY_COMP
from ttbgen.check.components import KINH_GUI, NOI_NHAN_LABEL, TRICH_YEU_CV, find_components
from ttbgen.check.findings import Finding, Level
from ttbgen.check.reader import read_document
from ttbgen.check.rules import RULE_IDS

Check = Callable[..., list[Finding]]
# A công văn (Mẫu 1.5): no type line, "V/v" under the number, "Kính gửi:" above the content.
CONG_VAN: dict[str, Any] = {"doc_type": "", "title": "", "number": "Số: 05/UBND-KT",
                            "subject": "V/v triển khai các dự án trọng điểm", "kinh_gui": "Kính gửi: Sở Tài chính",
                            "recipients": ["- Như trên;", *RECIPIENTS[1:]]}
APPENDIX = ["PHỤ LỤC", "Danh sách các dự án trọng điểm năm 2024 của tỉnh kèm theo thông báo này."]


def of(findings: list[Finding], rule: str) -> list[Finding]:
    """Return the findings of one rule that are not 'not evaluated'."""
    return [f for f in findings if f.rule == rule and f.level is not Level.NOT_EVALUATED]


def test_full_notice_passes_every_rule(check: Check) -> None:
    findings = check()
    assert findings == [], "\n".join(f.text_line() for f in findings)


FAILING: list[tuple[str, dict[str, Any], str]] = [
    ("structure", {"motto": "", "rules": {"agency": 0.4, "motto": None, "title": 0.4}}, "Tiêu ngữ not found"),
    ("page-size", {"page": (12240, 15840)}, "page is 215.9 × 279.4 mm"),
    ("page-size", {"page": (16838, 11906), "orient": "landscape"}, "landscape"),
    ("margins", {"margins": (1134, 1134, 1134, 1134)}, "left margin 20.0 mm is outside 30–35 mm"),
    ("margins", {"margins": (850, 1134, 1701, 1134)}, "top margin 15.0 mm"),
    ("font-family", {"fmt": with_fmt("body", fonts={"hAnsi": "Arial"})}, "hAnsi font is Arial, not Times New Roman"),
    ("font-family", {"fmt": with_fmt("quoc_hieu", font=".VnTimeH")}, "legacy TCVN3 font .VnTimeH"),
    ("font-family", {"fmt": with_fmt("body", font="VNI-Times")}, "legacy VNI font VNI-Times"),
    ("text-colour", {"fmt": with_fmt("ten_loai", color="FF0000")}, "text colour FF0000 is not black"),
    ("nfc", {"title": "Kết luận của Chủ tịch UBND tỉnh tại cuộc ho\u0323p"}, "not in precomposed Unicode"),
    ("component-size", {"fmt": with_fmt("quoc_hieu", size=14)}, "Quốc hiệu is 14 pt; Decree 30 wants 12–13 pt"),
    ("component-size", {"fmt": with_fmt("so_ky_hieu", size=14)}, "number line is 14 pt; Decree 30 wants 13 pt"),
    ("component-size", {"fmt": with_fmt("noi_nhan_item", size=12)}, "Nơi nhận item is 12 pt; Decree 30 wants 11 pt"),
    ("component-size", {"fmt": with_fmt("body", size=12)}, "body is 12 pt"),
    ("size-pairing", {"fmt": with_fmt("tieu_ngu", size=13)}, "Tiêu ngữ is 13 pt; with a 13 pt Quốc hiệu"),
    ("size-pairing", {"fmt": with_fmt("dia_danh_ngay", size=13, italic=True)}, "date line is 13 pt"),
    ("component-style", {"fmt": with_fmt("so_ky_hieu", size=13, bold=True)}, "number line should not be bold"),
    ("component-style", {"fmt": with_fmt("dia_danh_ngay", italic=False)}, "place and date line should be italic"),
    ("component-style", {"doc_type": "Thông báo"}, "document type should be in capitals"),
    ("component-style", {"fmt": with_fmt("noi_nhan_label", italic=False)}, "Nơi nhận label should be italic"),
    ("component-style", {"fmt": with_fmt("co_quan_ban_hanh", bold=False)}, "issuing agency should be bold"),
    ("component-style", {"fmt": with_fmt("quoc_hieu", size=13, bold=True, jc="left")}, "Quốc hiệu should be centred"),
    ("national-motto", {"motto": "Độc lập – Tự do – Hạnh phúc"}, "en or em dash"),
    ("national-motto", {"motto": "Độc lập-Tự do-Hạnh phúc"}, "one space each side of each hyphen"),
    ("national-motto", {"national": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT  NAM"}, "Quốc hiệu should read"),
    ("number-line", {"number": "Số: 5/TB-UBND"}, "number 5 needs a leading zero (05)"),
    ("number-line", {"number": "Số 05/TB-UBND"}, "'Số' needs a colon"),
    ("number-line", {"number": "Số: 05/TB - UBND"}, "no spaces inside the symbol"),
    ("number-line", {"number": "Số: 05/TBKL-UBND"}, "type code should be TB"),
    ("number-line", {"doc_type": "GIẤY MỜI", "number": "Số: 05/TB-UBND"}, "type code should be GM (Giấy mời)"),
    ("date-line", {"date": "Lạng Sơn, ngày 5 tháng 02 năm 2024"}, "day 5 needs a leading zero (05)"),
    ("date-line", {"date": "Lạng Sơn, ngày 05 tháng 06 năm 2024"}, "month 06 takes no leading zero (6)"),
    ("date-line", {"date": "Lạng Sơn, ngày 05 tháng 1 năm 2024"}, "month 1 needs a leading zero (01)"),
    ("date-line", {"date": "Lạng Sơn ngày 05 tháng 02 năm 2024"}, "a comma follows the place"),
    ("title", {"doc_type": "THÔNG BÁO KẾT LUẬN"}, "document type should read exactly"),
    ("title", {"title": "Kết luận của Chủ tịch UBND tỉnh."}, "no final full stop"),
    ("rule-lines", {"rules": {"agency": None, "motto": 1.0, "title": 0.4}}, "no rule under the issuing agency"),
    ("rule-lines", {"rules": {"agency": 0.4, "motto": 0.55, "title": 0.4}}, "rule under the Tiêu ngữ is"),
    ("rule-lines", {"rules": {"agency": 0.4, "motto": 1.0, "title": 0.9}}, "rule under the trích yếu is"),
    ("rule-lines", {"rules": {"agency": 0.4, "motto": 1.0, "title": None}}, "no rule under the trích yếu"),
    ("body-justify", {"fmt": with_fmt("body", size=14, jc="left", first=567, after=120)}, "left-aligned"),
    ("body-indent", {"fmt": with_fmt("body", size=14, jc="both", first=0, after=120)}, "first-line indent is 0.00 cm"),
    ("body-indent", {"fmt": with_fmt("body", size=14, jc="both", first=-567, after=120)}, "first-line indent is -1.00"),
    ("body-spacing", {"fmt": with_fmt("body", size=14, jc="both", first=567, after=0)}, "0 pt between this paragraph"),
    ("body-line-spacing", {"fmt": with_fmt("body", size=14, jc="both", first=567, after=120, line=480)},
     "line spacing is 2.00 lines"),
    ("body-line-spacing", {"fmt": with_fmt("body", size=14, jc="both", first=567, after=120, line=260,
                                           line_rule="exact")}, "(exact 13 pt)"),
    ("end-mark", {"body": [*BODY[:-1], "Văn phòng UBND tỉnh thông báo để biết, thực hiện."]}, "should end with"),
    ("end-mark", {"body": [*BODY[:-1], "Văn phòng UBND tỉnh thông báo để biết, thực hiện ./."]}, "attached"),
    ("recipients", {"recipients_label": "Nơi nhận"}, "the label reads \"Nơi nhận:\""),
    ("recipients", {"recipients": ["- Sở Tài chính,", *RECIPIENTS[1:]]}, "ends with ';'"),
    ("recipients", {"recipients": ["– Sở Y tế;", *RECIPIENTS[1:]]}, "starts with '-'"),
    ("recipients", {"recipients": [*RECIPIENTS[:-1], "- Lưu VT."]}, "the last line reads"),
    ("recipients", {"recipients": ["- Như trên;", *RECIPIENTS[1:]]}, "Như trên"),
    ("signature", {"authority": ["T/L CHỦ TỊCH"]}, "'T/L' is the Party-document form"),
    ("signature", {"authority": ["T/M ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]}, "'T/M' is the Party-document form"),
    ("signature", {"authority": ["TL CHỦ TỊCH"]}, "needs a dot and a space"),
    ("signature", {"name": "TS. Nguyễn Văn An"}, "no academic title"),
    ("page-numbers", {"title_pg": False}, "page 1 shows a page number"),
    ("page-numbers", {"page_field": "footer"}, "not the footer"),
    ("page-numbers", {"page_align": "left"}, "page number should be centred"),
    ("page-numbers", {"page_field": "none"}, "no PAGE field"),
    ("subject-size", {**CONG_VAN, "fmt": with_fmt("trich_yeu_cong_van", size=14)}, "trích yếu (V/v) is 14 pt"),
    ("muc-titles", {"body": ["I. Tình hình chung", *BODY]}, "mục title should be in capitals"),
    ("muc-titles", {"body": ["I. TÌNH HÌNH CHUNG", *BODY], "fmt": with_fmt("heading", bold=False)},
     "mục title should be bold"),
    ("khoan-titles", {"fmt": with_fmt("heading", bold=False)}, "khoản title should be bold"),
    ("appendix-pages", {"appendix": APPENDIX, "appendix_restart": False}, "appendix continues the document's page"),
    ("active-content", {"extra_rels": [f'<Relationship Id="rIdX" Type="{REL}/image" TargetMode="External" '
                                       'Target="http://127.0.0.1:9/beacon.png"/>']}, "points outside the document"),
    ("active-content", {"page_instr": ' DDEAUTO "c:\\windows\\system32\\cmd.exe" "/k calc" '},
     "the field DDEAUTO is not allowed"),
]


@pytest.mark.parametrize(("rule", "changes", "message"), FAILING,
                         ids=[f"{r}-{i}" for i, (r, _c, _m) in enumerate(FAILING)])
def test_variant_fails_its_rule(check: Check, rule: str, changes: dict[str, Any], message: str) -> None:
    found = of(check(**changes), rule)
    assert any(message in f.message for f in found), [f.text_line() for f in found]


def test_every_rule_has_a_failing_variant() -> None:
    assert {rule for rule, _c, _m in FAILING} == set(RULE_IDS)


PASSING: list[tuple[str, dict[str, Any]]] = [
    ("structure", {"name": "A A"}),  # a short name in capitals is still the name under the title
    ("number-line", {"doc_type": "GIẤY MỜI", "number": "Số: 05/GM-UBND"}),
    ("title", {"doc_type": "GIẤY MỜI"}),
    ("number-line", {"number": "Số:      /TB-UBND"}),
    ("number-line", {"number": "Số: 123/TB-VPUBND"}),
    ("date-line", {"date": "Lạng Sơn, ngày      tháng 8 năm 2022"}),
    ("date-line", {"date": "Hà Nội, ngày 29 tháng 6 năm 2019"}),
    ("national-motto", {"national": "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"}),
    ("size-pairing", {"fmt": {"quoc_hieu": {"size": 12, "bold": True}, "tieu_ngu": {"size": 13, "bold": True},
                              "dia_danh_ngay": {"size": 13, "italic": True}}}),
    ("body-line-spacing", {"fmt": with_fmt("body", size=14, jc="both", first=567, after=120, line=340,
                                           line_rule="exact")}),
    ("body-indent", {"fmt": with_fmt("body", size=14, jc="both", first=720, after=120)}),
    ("recipients", {"recipients": ["- Chủ tịch, các PCT UBND tỉnh;", "- Văn phòng UBND tỉnh:", "+ LĐVP, TKCT, TH;",
                                   "+ Lưu: VT, KGVX."]}),
    ("recipients", {"recipients": ["- Thường trực HĐND tỉnh;", "- Lưu: VT, KT (VAT)."]}),
    ("recipients", {"recipients": ["- Sở Nội vụ;", "- Lưu: VT, NC.Châu."]}),
    ("signature", {"authority": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "signer_title": "PHÓ CHỦ TỊCH"}),
    ("signature", {"authority": [], "signer_title": "CHÁNH VĂN PHÒNG"}),
    ("component-style", {"supervising": ["UBND TỈNH LẠNG SƠN"], "agency": ["VĂN PHÒNG"]}),
    ("subject-size", CONG_VAN),
    ("subject-size", {**CONG_VAN, "fmt": with_fmt("trich_yeu_cong_van", size=12)}),
    ("muc-titles", {"body": ["I. TÌNH HÌNH CHUNG", *BODY]}),
    ("khoan-titles", {"body": ["1. Giao Sở Tài chính chủ trì", "2. Giao Sở Xây dựng phối hợp", BODY[-1]],
                      "fmt": with_fmt("heading", bold=False)}),  # a numbered list, not titles
    ("appendix-pages", {"appendix": APPENDIX}),
    ("appendix-pages", {"appendix": APPENDIX, "appendix_restart": False, "page_field": "none"}),  # no numbers
    ("date-line", {"date": "Lạng Sơn, ngày      tháng      năm 2024"}),  # ttbgen's draft for `date: 2024`
    ("date-line", {"date": "Lạng Sơn, ngày  05  tháng 02  năm 2024"}),  # extra spaces print as gaps only
    ("number-line", {"number": "Số:  05/TB-UBND"}),
    ("text-colour", {"fmt": with_fmt("ten_loai", size=14, bold=True, before=240, color="0D0D0D")}),  # near-black
    ("recipients", {"body": [*BODY[:-1], "- Nơi nhận hồ sơ: Bộ phận một cửa UBND tỉnh;", BODY[-1]]}),
    # a clickable web link fetches nothing by itself, and a NUMPAGES field is not active content
    ("active-content", {"extra_rels": [f'<Relationship Id="rIdL" Type="{REL}/hyperlink" TargetMode="External" '
                                       'Target="https://vanban.chinhphu.vn/"/>'], "page_instr": " PAGE \\* Arabic "}),
]


@pytest.mark.parametrize(("rule", "changes"), PASSING, ids=[f"{r}-{i}" for i, (r, _c) in enumerate(PASSING)])
def test_variant_passes_its_rule(check: Check, rule: str, changes: dict[str, Any]) -> None:
    assert of(check(**changes), rule) == []


def test_a_cong_van_passes_every_rule(check: Check) -> None:
    findings = check(**CONG_VAN)
    assert [f.text_line() for f in findings] == []


def test_a_notice_with_an_appendix_numbered_on_its_own_passes_every_rule(check: Check) -> None:
    assert [f.text_line() for f in check(appendix=APPENDIX)] == []


def test_cong_van_is_recognised_with_its_components(make: Callable[..., Path]) -> None:
    comps = find_components(read_document(make(**CONG_VAN)))
    assert comps.doc_type == "CV"
    assert [p.text for p in comps[TRICH_YEU_CV]] == ["V/v triển khai các dự án trọng điểm"]
    assert [p.text for p in comps[KINH_GUI]] == ["Kính gửi: Sở Tài chính"]
    assert comps[BODY_COMP][0].text == BODY[0]


def test_cong_van_rules_for_a_notice_do_not_fire(check: Check) -> None:
    findings = check(**{**CONG_VAN, "number": "Số: 05/UBND-KT"})
    assert of(findings, "number-line") == [] and of(findings, "title") == [] and of(findings, "structure") == []


def test_a_bullet_naming_nơi_nhận_is_body_text(make: Callable[..., Path]) -> None:
    body = [*BODY[:-1], "- Nơi nhận hồ sơ: Bộ phận một cửa UBND tỉnh;", BODY[-1]]
    comps = find_components(read_document(make(body=body)))
    assert comps[NOI_NHAN_LABEL][0].text == "Nơi nhận:"
    assert any("Nơi nhận hồ sơ" in p.text for p in comps[BODY_COMP])


def test_unknown_type_is_not_evaluated_by_type_rules(check: Check) -> None:
    findings = check(doc_type="PHIẾU TRÌNH", number="Số: 05/PT-VP")
    structure = [f for f in findings if f.rule == "structure"]
    assert [f.level for f in structure] == [Level.NOT_EVALUATED]


def test_missing_component_is_not_evaluated(check: Check) -> None:
    findings = check(number="")
    skipped = [f for f in findings if f.rule == "number-line"]
    assert [f.level for f in skipped] == [Level.NOT_EVALUATED]
    assert "not evaluated" in skipped[0].message


def test_finding_names_file_paragraph_snippet_rule_and_clause(check: Check) -> None:
    finding = of(check(number="Số: 5/TB-UBND"), "number-line")[0]
    assert finding.clause.startswith("docs/decree30.md §4")
    line = finding.text_line()
    assert line.endswith('number 5 needs a leading zero (05) "Số: 5/TB-UBND" [number-line]')
    assert ":number line (ô 3), ¶4 (table 1 row 1 cell 1): error: " in line


def test_without_the_type_line_body_rules_are_not_evaluated(check: Check) -> None:
    findings = check(doc_type="")
    assert [f.level for f in findings if f.rule == "body-justify"] == [Level.NOT_EVALUATED]
    assert any(f.rule == "structure" and "document type not found" in f.message for f in findings)
