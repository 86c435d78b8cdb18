"""The spec and office-profile schema as data: allowed keys, kinds, one-line docs; and its JSON Schema."""

from __future__ import annotations

from typing import Any

from ttbgen.i18n import _
from ttbgen.records import record

# Kinds of value: "str" one line of text; "paragraphs" one text or a list of texts (one paragraph
# each); "names" one name or a list; "date" a full ISO date; "pdate" a date whose day or month may be
# left open (2024, 2024-02); "number" a document number (digits) or blank; "enum:a|b" one of the
# words; "map:NAME" a nested mapping; "list:NAME" a list of NAME; "bullets" a list of bullet texts.


@record
class Field:
    """One key of a mapping: its kind, whether it is required, and what it means."""

    kind: str
    doc: str
    required: bool = False
    since: int = 1  # the first `schema:` version that has the key


SCHEMA_VERSION = 2  # the current spec schema; a spec without `schema:` is read as this version
_STYLES = "decimal|roman|letters|dash|plus|none"
_KINDS = "hop|hoi-nghi|lam-viec|kiem-tra|giao-ban|họp|hội nghị|làm việc|kiểm tra|giao ban"


SCHEMA: dict[str, dict[str, Field]] = {
    "notice": {
        "schema": Field("version", "Spec schema version: 1 (sections) or 2 (adds the content tree, meeting kinds); "
                        "default 2. Keys marked 'schema 2' are refused under `schema: 1`."),
        "office": Field("str", "Office profile name, e.g. ubnd-lang-son (`ttbgen templates list` shows them).", True),
        "template": Field("template", "Template name (default thong-bao-ket-luan), or {name, version} to pin a "
                          "version (1 = any 1.x.y, 1.2 = any 1.2.y, 1.2.3 exactly); a list renders one document "
                          "per template (the first is SPEC.docx, the others SPEC.NAME.docx)."),
        "number": Field("number", "Document number; leave blank (~) until the notice is registered."),
        "symbol": Field("str", "The whole symbol after the number, type code included, e.g. TB-UBND; leave it "
                               "out to derive TB- + the office's issuer code."),
        "date": Field("pdate", "Issue date: 2024-02-05, or 2024-02 / 2024 for a draft.", True),
        "title": Field("str", "Trích yếu; derived from the chair and meeting when omitted."),
        "meeting": Field("map:meeting", "The meeting the notice concludes.", True),
        "opening": Field("paragraphs", "Opening paragraphs; derived from the meeting when omitted."),
        "assessment": Field("map:section", "General assessment (Đánh giá chung / Nhận định chung)."),
        "tasks": Field("map:section", "Tasks assigned, one point per task."),
        "proposals": Field("map:proposals", "Responses to proposals (Về các đề xuất, kiến nghị)."),
        "sections": Field("list:section", "Further numbered sections."),
        "content": Field("list:node", "Schema 2: the whole content as one tree of nodes (instead of "
                         "assessment, tasks, proposals, sections).", since=2),
        "order": Field("list:enum:assessment|tasks|proposals|sections",
                       "Order of the parts (default: assessment, tasks, proposals, sections)."),
        "headings": Field("enum:arabic|roman", "Section numbers: arabic 1. 2. (default), or roman I. II. with the "
                          "headings in capitals, for long notices."),
        "closing": Field("str", "Closing sentence; \"\" for none (./. then ends the last paragraph)."),
        "recipients": Field("list:recipient", "Nơi nhận lines; a mapping `Group: [lines]` nests one level."),
        "archive": Field("archive", "Lưu line units, e.g. \"VT, KT\"; or {units, under: Group}."),
        "drafter": Field("drafter", "Drafting unit code (and initials): KT, or {unit: KT, initials: VAT} → "
                         "Lưu: VT, KT (VAT). Checked against the office's drafting_units."),
        "signer": Field("map:signer", "The signature block; defaults to the office's signer."),
        "invitation": Field("map:invitation", "For the Giấy mời: invitees (default: the meeting's attendees), "
                            "paragraphs, closing."),
    },
    "invitation": {
        "number": Field("number", "The invitation's own number (blank until registered)."),
        "date": Field("pdate", "The invitation's issue date (default: the meeting's month, day left open)."),
        "invitees": Field("names", "Who is invited, one line each (default: meeting.attendees)."),
        "paragraphs": Field("paragraphs", "Paragraphs after time and place, e.g. what to prepare."),
        "closing": Field("str", "Closing sentence (default: Rất mong các đồng chí tham dự đúng thời gian.)."),
    },
    "meeting": {
        "date": Field("date", "Meeting date, e.g. 2024-01-24.", True),
        "name": Field("str", "The meeting as named after \"tại\"/\"chủ trì\", e.g. cuộc họp nghe báo cáo …", True),
        "chair": Field("map:chair", "Who chaired the meeting.", True),
        "place": Field("str", "Where, e.g. tại trụ sở UBND tỉnh."),
        "time": Field("str", "Start time, e.g. 14 giờ 00 (used by the invitation, Giấy mời)."),
        "attendees": Field("attendees", "A list of attendees, or one sentence used as written."),
        "heard": Field("names", "What was heard (reports, opinions); joined with \"; \"."),
        "kind": Field(f"enum:{_KINDS}", "Schema 2: the kind of meeting, which words the derived opening: "
                      "hop (default), hoi-nghi, lam-viec, kiem-tra, giao-ban (or họp, hội nghị, làm việc, kiểm tra, "
                      "giao ban).", since=2),
        "visited": Field("names", "Schema 2, kiem-tra: places inspected (\"Sau khi kiểm tra thực tế tại …\").",
                         since=2),
    },
    "chair": {
        "title": Field("str", "Title, e.g. Chủ tịch UBND tỉnh.", True),
        "name": Field("str", "Full name; omit to refer to the chair by title only."),
        "honorific": Field("str", "Word before the name (default \"đồng chí\"; \"\" for none)."),
        "short_title": Field("str", "Schema 2: the title of the second mention (\"…, Chủ tịch UBND tỉnh kết luận "
                             "như sau:\"); default: title.", since=2),
    },
    "section": {
        "heading": Field("str", "Heading; the section is numbered 1., 2., … when it has one."),
        "paragraphs": Field("paragraphs", "Paragraphs before the points."),
        "bullets": Field("bullets", "`-` bullets; an entry {text, bullets} adds `+` sub-bullets."),
        "items": Field("list:item", "Points: a) b) … or 2.1. 2.2. …"),
        "numbering": Field("enum:letters|decimal", "Point labels: letters a) b) (default) or decimal 2.1."),
        "after": Field("paragraphs", "Paragraphs after the points."),
    },
    "item": {
        "text": Field("str", "The point's text."),
        "heading": Field("str", "Run-in heading printed before the text, e.g. Sở Y tế (then \": \")."),
        "lead": Field("names", "Lead unit(s) of a task (data for checks and export)."),
        "support": Field("names", "Supporting units of a task."),
        "due": Field("pdate", "Deadline of a task: 2024-02-20, or 2024-02 for within the month."),
        "paragraphs": Field("paragraphs", "Follow-on paragraphs."),
        "bullets": Field("bullets", "`-` bullets under the point."),
        "id": Field("str", "Stable task id for the task register, e.g. ubnd-2024-12-t3 (letters, digits, . _ -)."),
    },
    "node": {
        "number": Field(f"enum:{_STYLES}", "Label style: decimal 1. (2.1. under a decimal node), roman I., "
                        "letters a), dash -, plus +, none. Default: the parent's numbering (see the tree rules)."),
        "heading": Field("str", "Heading: before the text in one paragraph (run-in), or its own paragraph."),
        "run_in": Field("bool", "true: `a) Heading: text`; false: the heading is its own paragraph. Default: "
                        "false at the top level, true below."),
        "emphasis": Field("enum:bold|italic|plain", "Emphasis of a heading below the top level (default plain; "
                          "top-level headings are bold, Roman ones in capitals)."),
        "text": Field("str", "The node's text (after its label and run-in heading)."),
        "paragraphs": Field("paragraphs", "Unnumbered paragraphs after the node's own paragraph."),
        "items": Field("list:node", "Child nodes (a text alone is a node with only a text)."),
        "numbering": Field(f"enum:{_STYLES}", "Default label style of the child nodes."),
        "lead": Field("names", "Lead unit(s): makes the node a task."),
        "support": Field("names", "Supporting units of the task."),
        "due": Field("pdate", "Deadline of the task: 2024-02-20, or 2024-02 for within the month."),
        "id": Field("str", "Stable task id for the task register, e.g. ubnd-2024-12-t3 (letters, digits, . _ -)."),
    },
    "proposals": {
        "heading": Field("str", "Heading (default: Về các đề xuất, kiến nghị)."),
        "paragraphs": Field("paragraphs", "Paragraphs before the points."),
        "items": Field("list:proposal", "One point per proposal."),
        "numbering": Field("enum:letters|decimal", "Point labels."),
        "after": Field("paragraphs", "Paragraphs after the points."),
    },
    "proposal": {
        "by": Field("str", "Who proposed it, e.g. Sở Tài chính."),
        "proposal": Field("str", "What was proposed."),
        "response": Field("str", "The chair's response, e.g. Đồng ý …", True),
        "heading": Field("str", "Run-in heading; derived from by and proposal when omitted."),
    },
    "signer": {
        "authority": Field("names", "Authority lines: TM. …, KT. …, TL. …, TUQ. …, Q. …"),
        "title": Field("str", "Title above the name, e.g. CHÁNH VĂN PHÒNG.", True),
        "name": Field("str", "Full name, without academic titles.", True),
    },
    "archive": {
        "units": Field("str", "Units after \"Lưu:\", e.g. VT, KT (VAT).", True),
        "under": Field("str", "Recipient group to nest the line under, e.g. Văn phòng UBND tỉnh."),
    },
    "office": {
        "name": Field("str", "Display name, e.g. UBND tỉnh Lạng Sơn.", True),
        "supervising": Field("names", "Supervising agency lines, e.g. UBND TỈNH LẠNG SƠN."),
        "agency": Field("names", "Issuing agency lines, e.g. [ỦY BAN NHÂN DÂN, TỈNH LẠNG SƠN].", True),
        "place": Field("str", "Place name of the date line, e.g. Lạng Sơn.", True),
        "symbol": Field("str", "The issuer's code only, e.g. UBND: ttbgen adds the type in front (TB-UBND, "
                               "GM-UBND); TB-UBND here is refused.", True),
        "issuer_name": Field("str", "How the issuer names itself in running text, e.g. Ủy ban nhân dân tỉnh.",
                             True),
        "signer": Field("map:signer", "Default signer."),
        "recipients": Field("list:recipient", "Default recipients."),
        "archive": Field("archive", "Default Lưu line units."),
        "closing": Field("str", "Default closing sentence."),
        "drafting_units": Field("codes", "Drafting units: code → name, e.g. KT: Phòng Kinh tế (for Lưu lines)."),
        "house_style": Field("house_style", "Narrower Decree 30 ranges for `ttbgen check`, e.g. "
                             "{sizes_pt: {body: [14, 14]}} (keys of ttbgen/check/ruleset.yaml); never wider "
                             "than the decree."),
    },
    "drafter": {
        "unit": Field("str", "Drafting unit code, e.g. KT.", True),
        "initials": Field("str", "Drafter's initials, e.g. VAT."),
    },
    "template": {
        "name": Field("str", "Template name, e.g. thong-bao-ket-luan.", True),
        "version": Field("str", "Version the spec needs: 1, 1.2 or 1.2.3.", True),
    },
}


def newer_keys(version: int, name: str = "notice", prefix: str = "") -> list[str]:
    """Return the key paths (meeting.kind, …) that a spec of an older schema version may not use."""
    out: list[str] = []
    for key, spec in SCHEMA[name].items():
        if spec.since > version:
            out.append(prefix + key)
        elif spec.kind.startswith("map:"):
            out += newer_keys(version, spec.kind[4:], f"{prefix}{key}.")
    return out


def _kind_schema(kind: str) -> dict[str, Any]:
    """Return the JSON Schema of one value kind."""
    text = {"type": "string"}
    if kind.startswith("map:"):
        return {"$ref": f"#/$defs/{kind[4:]}"}
    if kind in ("item", "node"):  # a point or node may be written as just its text
        return {"anyOf": [text, {"$ref": f"#/$defs/{kind}"}]}
    if kind.startswith("list:"):
        return {"type": "array", "items": _kind_schema(kind[5:])}
    if kind.startswith("enum:"):
        return {"enum": kind[5:].split("|")}
    simple: dict[str, dict[str, Any]] = {
        "str": text,
        "paragraphs": {"anyOf": [text, {"type": "array", "items": text}]},
        "names": {"anyOf": [text, {"type": "array", "items": text}]},
        "attendees": {"anyOf": [text, {"type": "array", "items": text}]},
        "date": {"type": "string", "pattern": r"^\d{4}-\d{1,2}-\d{1,2}$"},
        "pdate": {"type": "string", "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$"},
        "number": {"anyOf": [{"type": "string", "pattern": r"^\d*$"}, {"type": "integer"}, {"type": "null"}]},
        "bullets": {"type": "array", "items": {"anyOf": [text, {"$ref": "#/$defs/bullet"}]}},
        "recipient": {"anyOf": [text, {"type": "object", "minProperties": 1, "maxProperties": 1,
                                       "additionalProperties": {"type": "array", "items": text}}]},
        "archive": {"anyOf": [text, {"$ref": "#/$defs/archive"}]},
        "drafter": {"anyOf": [text, {"$ref": "#/$defs/drafter"}]},
        "template": {"anyOf": [text, {"$ref": "#/$defs/template"},
                               {"type": "array", "items": {"anyOf": [text, {"$ref": "#/$defs/template"}]}}]},
        "codes": {"type": "object", "additionalProperties": text},
        "house_style": {"type": "object"},
        "bool": {"type": "boolean"},
        "version": {"enum": [1, 2]},
    }
    return simple.get(kind, {"$ref": f"#/$defs/{kind}"})


def _mapping_schema(name: str) -> dict[str, Any]:
    """Return the JSON Schema of one mapping type."""
    fields = SCHEMA[name]
    props = {key: {**_kind_schema(f.kind), "description": _(f.doc)} for key, f in fields.items()}
    required = [key for key, f in fields.items() if f.required]
    return {"type": "object", "properties": props, "required": required, "additionalProperties": False}


def json_schema(root: str = "notice") -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a spec (root "notice") or an office profile ("office")."""
    defs = {name: _mapping_schema(name) for name in SCHEMA if name != root}
    defs["bullet"] = {"type": "object", "required": ["text"], "additionalProperties": False,
                      "properties": {"text": {"type": "string"},
                                     "bullets": {"type": "array", "items": {"type": "string"}}}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://ttbgen.invalid/schema/{root}.json",
        "title": "ttbgen meeting notice spec" if root == "notice" else "ttbgen office profile",
        **_mapping_schema(root),
        "$defs": defs,
    }


_KIND_NAMES = {
    "str": "text", "paragraphs": "text or list of texts", "names": "text or list of texts",
    "attendees": "list of texts, or one sentence", "date": "date `2024-01-31`",
    "pdate": "date, or `2024-01` / `2024`", "number": "digits or `~`", "bullets": "list of bullets",
    "recipient": "recipient", "archive": "text or mapping", "drafter": "text or mapping",
    "template": "text, mapping or list", "codes": "mapping of code: name", "house_style": "mapping (rule set)",
    "bool": "`true` or `false`", "version": "`1` or `2`",
}


def _kind_label(kind: str) -> str:
    """Name a value kind in the reference tables of docs/spec.md."""
    if kind.startswith("map:"):
        return f"mapping ({kind[4:]})"
    if kind.startswith("list:enum:"):
        return "list of: " + ", ".join(f"`{w}`" for w in kind[10:].split("|"))
    if kind.startswith("list:"):
        return f"list of {_KIND_NAMES.get(kind[5:], kind[5:])}"
    if kind.startswith("enum:"):
        return "one of: " + ", ".join(f"`{w}`" for w in kind[5:].split("|"))
    return _KIND_NAMES[kind]


def schema_markdown() -> str:
    """Return the key reference of docs/spec.md, generated from SCHEMA so the two cannot drift apart."""
    out: list[str] = []
    for name, fields in SCHEMA.items():
        out += [f"### `{name}`", "", "| key | value | required | meaning |", "|---|---|---|---|"]
        out += [f"| `{key}` | {_kind_label(f.kind)} | {'yes' if f.required else ''} | {f.doc} |"
                for key, f in fields.items()]
        out.append("")
    return "\n".join(out)
