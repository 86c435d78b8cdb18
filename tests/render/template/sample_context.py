"""Hand-written NoticeContext samples for the template tests (realistic text, with & < and quotes)."""

from __future__ import annotations

from ttbgen.compose.context import Block, BlockKind, NoticeContext, RecipientLine, RuleGeometry, Rules
from ttbgen.compose.textwidth import text_width_twips

# Column widths of the template (tools/make_template.py): header left/right, text area.
AGENCY_COLUMN = 3856
MOTTO_COLUMN = 5783
TEXT_WIDTH = 9354


def centred_rule(column: int, length: int) -> RuleGeometry:
    """A rule of the given length centred in a column."""
    left = (column - length) // 2
    return {"left": left, "right": column - length - left, "length": length}


def sample_rules(agency: list[str], motto: str) -> Rules:
    """Rules as docs/decree30.md §2.2 wants: agency 1/3–1/2 of its line, motto as long as its text."""
    agency_line = max(text_width_twips(line, 13, bold=True) for line in agency)
    return {
        "agency": centred_rule(AGENCY_COLUMN, round(agency_line * 0.45)),
        "motto": centred_rule(MOTTO_COLUMN, text_width_twips(motto, 14, bold=True)),
        "title": centred_rule(TEXT_WIDTH, TEXT_WIDTH // 3),
    }


def block(kind: BlockKind, number: str, text: str, lead: str = "", emphasis: str = "",
          keep: bool = False) -> Block:
    """One body block."""
    return {"kind": kind, "number": number, "lead": lead, "text": text, "emphasis": emphasis, "keep": keep}


def recipient(text: str, level: int = 1) -> RecipientLine:
    """One Nơi nhận line."""
    return {"level": level, "text": text}


MOTTO = "Độc lập - Tự do - Hạnh phúc"
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
_AGENCY = ["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"]

_OPENING = (
    "Ngày 22/8/2022, đồng chí Hồ Tiến Thiệu, Chủ tịch UBND tỉnh đã chủ trì Hội nghị triển khai thực hiện "
    "các chương trình mục tiêu quốc gia giai đoạn 2021 - 2025 và năm 2022 tỉnh Lạng Sơn. Tham dự họp có "
    "đại diện Công ty TNHH Xây dựng A & B, Hợp tác xã \"Nông nghiệp sạch\" và một số thành phần liên quan."
)
_HEARD = (
    "Sau khi nghe Sở Kế hoạch và Đầu tư trình bày báo cáo chung (tỷ lệ giải ngân <50% kế hoạch) và ý kiến "
    "thảo luận của các sở, ban, ngành, đồng chí Hồ Tiến Thiệu, Chủ tịch UBND tỉnh kết luận như sau:"
)
_ASSESSMENT = (
    "Với tinh thần chủ động, tích cực, quyết tâm triển khai thực hiện các chương trình mục tiêu quốc gia "
    "(MTQG) theo kế hoạch đề ra, các sở, ngành, cơ quan chuyên môn của tỉnh đã có nhiều cố gắng, tích cực "
    "xây dựng phương án, tham mưu UBND tỉnh triển khai thực hiện; tập trung xây dựng hoàn thiện hệ thống "
    "văn bản quy phạm pháp luật quy định nguyên tắc, tiêu chí, định mức phân bổ vốn, tổ chức giao kế hoạch "
    "vốn 03 chương trình MTQG ngay trong những ngày đầu tháng 7/2022."
)
_LIMITS = (
    "Tuy nhiên, đến nay vẫn còn 10/11 huyện, thành phố chưa hoàn thành giao kế hoạch vốn thực hiện các "
    "chương trình MTQG giai đoạn 2021 - 2025 cấp huyện; các dự án, tiểu dự án đã có văn bản hướng dẫn, đủ "
    "điều kiện triển khai nhưng còn chậm thực hiện; việc lồng ghép các nguồn vốn còn lúng túng, tuy đã có "
    "hướng dẫn trong các văn bản của Trung ương nhưng các huyện còn tâm lý chờ đợi chỉ đạo của tỉnh, chưa "
    "chủ động thực hiện; một số sở, ngành chậm hướng dẫn và chưa tích cực, chủ động tham mưu UBND tỉnh ban "
    "hành hướng dẫn..."
)
_TASK_A = (
    "khẩn trương trình HĐND cùng cấp ban hành Nghị quyết phân bổ ngân sách nhà nước thực hiện các chương "
    "trình MTQG trên địa bàn giai đoạn 2021-2025 và năm 2022; UBND các huyện, thành phố thực hiện giao kế "
    "hoạch vốn hoàn thành trong tháng 8/2022."
)
_TASK_B = (
    "tập trung đẩy nhanh tiến độ triển khai thực hiện các công trình, dự án, tiểu dự án đã đủ điều kiện; "
    "phát huy vai trò của Ban Chỉ đạo các cấp, tăng cường công tác kiểm tra, giám sát, hướng dẫn, tháo gỡ "
    "khó khăn, vướng mắc nhất là tại cấp cơ sở trong quá trình triển khai thực hiện."
)
_TASK_C = (
    "Chủ trì, phối hợp với các sở, ngành bám sát các bộ, ngành chủ chương trình để chủ động ban hành (hoặc "
    "đề xuất cấp có thẩm quyền ban hành) hướng dẫn chung về việc triển khai các chương trình MTQG thuộc "
    "phạm vi phụ trách; hoàn thành trước ngày 15/9/2022."
)
_FOLLOW_ON = (
    "Trường hợp chưa có hướng dẫn của bộ, ngành Trung ương thì ban hành hướng dẫn tạm thời để có định hướng "
    "cho các huyện, thành phố thực hiện."
)
_BULLET = (
    "Rà soát, tổng hợp, ban hành các văn bản hướng dẫn triển khai thực hiện các dự án, tiểu dự án, hoạt "
    "động trên cơ sở điều kiện thực tế của tỉnh."
)
_SUBBULLET = "Thời hạn xong trong tháng 9/2022 & báo cáo kết quả về Văn phòng UBND tỉnh."
_CLOSING = (
    "Yêu cầu các sở, ban, ngành, cơ quan liên quan và UBND các huyện, thành phố đẩy nhanh tiến độ thực hiện, "
    "quyết tâm phấn đấu hoàn thành giải ngân 100% kế hoạch vốn được phân bổ năm 2022. Tại thời điểm hiện nay "
    "chưa đặt vấn đề kéo dài việc sử dụng vốn sang năm 2023./."
)

BODY: list[Block] = [
    block("paragraph", "", _OPENING),
    block("paragraph", "", _HEARD),
    block("heading", "1. ", "Nhận định chung"),
    block("paragraph", "", _ASSESSMENT),
    block("paragraph", "", _LIMITS),
    block("heading", "2. ", "Nhiệm vụ thời gian tới"),
    block("point", "a) ", _TASK_A, lead="Đối với các huyện, thành phố chưa hoàn thành giao kế hoạch vốn: "),
    block("point", "b) ", _TASK_B, lead="UBND các huyện, thành phố: "),
    block("point", "c) ", _TASK_C, lead="Sở Nông nghiệp & Phát triển nông thôn: "),
    block("paragraph", "", _FOLLOW_ON),
    block("bullet", "- ", _BULLET),
    block("subbullet", "+ ", _SUBBULLET),
    block("paragraph", "", _CLOSING),
]

SAMPLE: NoticeContext = {
    "supervising": [],
    "agency": _AGENCY,
    "number_line": "Số:      /TB-UBND",
    "national": NATIONAL,
    "motto": MOTTO,
    "date_line": "Lạng Sơn, ngày      tháng 8 năm 2022",
    "doc_type": "THÔNG BÁO",
    "title": (
        "Kết luận của đồng chí Hồ Tiến Thiệu, Chủ tịch UBND tỉnh tại Hội nghị triển khai thực hiện các "
        "chương trình mục tiêu quốc gia giai đoạn 2021 - 2025 và năm 2022 tỉnh Lạng Sơn"
    ),
    "body": BODY,
    "recipients_label": "Nơi nhận:",
    "recipients": [
        recipient("- Thường trực HĐND tỉnh;"),
        recipient("- Chủ tịch, Phó Chủ tịch UBND tỉnh;"),
        recipient("- Công ty TNHH A & B <chi nhánh Lạng Sơn>;"),
        recipient("- C, PVP UBND tỉnh, các phòng CM, Trung tâm TH-CB;"),
        recipient("- Lưu: VT, KT (VAT)."),
    ],
    "signer": {
        "authority": ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG"],
        "title": "PHÓ CHÁNH VĂN PHÒNG",
        "name": "Vũ Quang Khánh",
    },
    "rules": sample_rules(_AGENCY, MOTTO),
}

_SUPERVISING = ["UBND TỈNH MAI SƠN"]
_OFFICE = ["VĂN PHÒNG"]

SAMPLE_SUPERVISING: NoticeContext = {
    "supervising": _SUPERVISING,
    "agency": _OFFICE,
    "number_line": "Số: 05/TB-VP",
    "national": NATIONAL,
    "motto": MOTTO,
    "date_line": "Mai Sơn, ngày 05 tháng 02 năm 2024",
    "doc_type": "THÔNG BÁO",
    "title": "Kết luận của Phó Chủ tịch Thường trực UBND tỉnh tại cuộc họp về \"Dự án A & B\"",
    "body": [
        block("paragraph", "", "Ngày 24/01/2024, Phó Chủ tịch Thường trực UBND tỉnh Mai Sơn chủ trì hội "
              "nghị; sau khi nghe các cơ quan báo cáo, Phó Chủ tịch Thường trực UBND tỉnh kết luận như sau:"),
        block("heading", "1. ", "Về công tác chỉ đạo điều hành"),
        block("bullet", "- ", "Tích cực, chủ động, quyết liệt trong chỉ đạo điều hành (tỷ lệ < 80%)."),
        block("heading", "2.1. ", "UBND các huyện, thành phố"),
        block("point", "2.2. ", "Chủ trì phối hợp với các cơ quan liên quan; báo cáo trước ngày "
              "20/02/2024./.", lead="Sở Y tế: "),
    ],
    "recipients_label": "Nơi nhận:",
    "recipients": [
        recipient("- Chủ tịch, các PCT UBND tỉnh;"),
        recipient("- Văn phòng UBND tỉnh:"),
        recipient("+ LĐVP, TKCT, TH;", level=2),
        recipient("+ Lưu: VT, KGVX.", level=2),
    ],
    "signer": {"authority": [], "title": "CHÁNH VĂN PHÒNG", "name": "Lê Tuấn Phú"},
    "rules": sample_rules(_OFFICE, MOTTO),
}
