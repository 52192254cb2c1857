"""The checklist item model, independent of TOML and of any rendering.

A `Checklist` is what `forms/*.toml` holds after validation. `to_json()` is the snapshot an inspection
stores (`ChecklistVersion.content`); `from_json()` rebuilds it, so an old record renders from exactly
what it was answered against. `content_sha256` hashes the canonical JSON, not the file bytes, so
comments and key order in the TOML do not change it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

ANSWER_TYPES = ("yes-no-na", "number", "text", "date", "choice")
SEVERITIES = ("一般", "较重", "严重")
# "none" is the reference's "—" (GS-11): the item is recorded, failing it asks for no action.
ON_FAIL = ("rectify", "stop-work", "partial-stop", "refer", "rectify+refer", "stop-work+refer",
           "partial-stop+rectify", "none")
PHOTO_RULES = ("none", "required-on-fail", "required")
YES_NO_NA = ("yes", "no", "na")
NA = "na"
# Date rules. "after-deadline": the date is later than `deadline.from` + the offset. "date-chain": the
# earlier dates of a chain must not decrease and not exceed the value; the chain is the one recorded
# for the report issued on the answered day (context["date_chains"][ISO day]: one list per report),
# else context["date_chain"].
DATE_RULES = ("after-deadline", "date-chain")
# Facts of the project/record a date rule may start from; the caller passes them as `context`.
DATE_CONTEXT_KEYS = ("permit_date", "acceptance_date", "notice_date", "start_date")
# Facts of the inspection record an item's `when` condition may test (XC-22: the recorded wind).
WHEN_CONTEXT_KEYS = {"wind_level": "风力等级", "temperature_c": "气温"}
# Answers computed from records instead of typed (FB-14: the project manager's attendance rate).
DERIVED = {"pm_attendance_rate": "项目负责人到岗率（按本项目历次检查的到岗记录计算）"}

NUMBER_RULE = re.compile(r"^\s*(<=|>=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$")
STOP_WORK = "停工整改"
RECTIFY = "限期整改"


@dataclass(frozen=True)
class Section:
    id: str
    zh: str
    en: str


@dataclass(frozen=True)
class Deadline:
    """A deadline relative to a context date: `days` calendar days, or `working_days` counted on the
    public-holiday calendar (`forms/calendar/`, or context["calendar"] when the caller has one)."""

    base: str
    days: int | None = None
    working_days: int | None = None

    def resolve(self, context: Mapping[str, Any] | None) -> dt.date | None:
        start = _as_date((context or {}).get(self.base))
        if start is None:
            return None
        if self.working_days is not None:
            calendar = (context or {}).get("calendar") or _default_calendar()
            return calendar.add_working_days(start, self.working_days)
        return start + dt.timedelta(days=self.days or 0)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"from": self.base}
        if self.days is not None:
            out["days"] = self.days
        if self.working_days is not None:
            out["working_days"] = self.working_days
        return out


@dataclass(frozen=True)
class Item:
    id: str
    section: str
    text_zh: str
    text_en: str
    answer: str
    severity: str
    on_fail: str
    photo: str = "none"
    required: bool = True
    basis: str = ""
    fail_when: str | tuple[str, ...] | None = None
    choices: tuple[str, ...] = ()
    unit: str = ""
    min: float | None = None
    max: float | None = None
    deadline: Deadline | None = None
    note_required_on_fail: bool = False
    hint: str = ""          # how to answer (e.g. what the number is); shown beside the item
    on_fail_note: str = ""  # the reference's qualifier of the action, e.g. 涉及结构的局部停工
    when: str = ""          # e.g. "wind_level >= 5": the answer fails only while the record says so
    derive: str = ""        # a DERIVED key: the app computes the answer from records
    refer_to: str = ""      # who a referral goes to (ReferralAuthority), for an item that refers

    # ---- actions ---------------------------------------------------------------------------------

    @property
    def required_action(self) -> str:
        """The action on the notice: 停工整改 for any stop (full or partial), else 限期整改."""
        return STOP_WORK if self.stops_work else RECTIFY

    @property
    def stops_work(self) -> bool:
        return self.on_fail.startswith(("stop-work", "partial-stop"))

    @property
    def partial_stop(self) -> bool:
        return self.on_fail.startswith("partial-stop")

    @property
    def refers(self) -> bool:
        """Failing also means 移送 (referral for enforcement and a credit record)."""
        return "refer" in self.on_fail

    @property
    def refers_only(self) -> bool:
        """Failing means only 移送: nothing the station can order rectified on a notice."""
        return self.on_fail == "refer"

    # ---- answers ---------------------------------------------------------------------------------

    def check_value(self, value: str | None) -> str | None:
        """A Chinese message when `value` has the wrong shape for this item, else None.
        None (no answer yet) and "na" are always acceptable shapes; "na" still needs a reason
        (see `note_problem`)."""
        if value is None or value == NA:
            return None
        v = str(value).strip()
        if not v:
            return None
        if self.answer == "yes-no-na":
            return None if v in YES_NO_NA else "请选择：是 / 否 / 不适用"
        if self.answer == "number":
            num = _number(v)
            if num is None:
                return "请输入数字"
            if self.fail_when != "outside":
                if self.min is not None and num < self.min:
                    return f"数值不能小于 {_fmt(self.min)}{self.unit}"
                if self.max is not None and num > self.max:
                    return f"数值不能大于 {_fmt(self.max)}{self.unit}"
            return None
        if self.answer == "date":
            return None if _as_date(v) is not None else "请输入日期（格式：YYYY-MM-DD）"
        if self.answer == "choice":
            return None if v in self.choices else "请从选项中选择：" + " / ".join(self.choices)
        return None  # text: anything goes

    def is_failed(self, value: str | None, context: Mapping[str, Any] | None = None) -> bool:
        """Whether the answer fails the item. No answer, "na" and values of the wrong shape never
        fail (they are caught as missing or invalid instead). Date rules need `context` (e.g.
        {"permit_date": date}); without the date they depend on, they cannot fail."""
        if value is None or self.fail_when is None:
            return False
        v = str(value).strip()
        if not v or v == NA or self.check_value(v) is not None:
            return False
        if self.when and not _when_holds(self.when, context):
            return False
        if self.answer == "yes-no-na":
            return v == self.fail_when
        if self.answer == "choice":
            return v in (self.fail_when or ())
        if self.answer == "number":
            return _number_fails(self, _number(v))  # type: ignore[arg-type]
        if self.answer == "date":
            return _date_fails(self, _as_date(v), context)  # type: ignore[arg-type]
        return False

    def context_problem(self, value: str | None, context: Mapping[str, Any] | None) -> str | None:
        """What the record still lacks for this answer to be judged (XC-22 answered “yes” while the
        inspection has no wind level), else None."""
        if not self.when or value in (None, "", NA) or value != self.fail_when:
            return None
        key = _when_parts(self.when)[0]
        if (context or {}).get(key) in (None, ""):
            return f"须先在检查记录中填写{WHEN_CONTEXT_KEYS.get(key, key)}，才能判定本项"
        return None

    def note_problem(self, value: str | None, note: str | None) -> str | None:
        """The model's rule on notes: "na" needs a reason; a failed YN+TXT item needs the facts."""
        if (note or "").strip():
            return None
        if value == NA:
            return "选择“不适用”须在备注中说明理由"
        if self.note_required_on_fail and self.is_failed(value):
            return "不符合时须在备注中说明具体情况"
        return None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "section": self.section, "text": {"zh": self.text_zh, "en": self.text_en},
            "answer": self.answer, "severity": self.severity, "on_fail": self.on_fail,
            "photo": self.photo, "required": self.required, "basis": self.basis,
        }
        # Optional keys only when set, so adding an optional key later leaves old hashes unchanged.
        if self.fail_when is not None:
            out["fail_when"] = list(self.fail_when) if isinstance(self.fail_when, tuple) else self.fail_when
        if self.choices:
            out["choices"] = list(self.choices)
        if self.unit:
            out["unit"] = self.unit
        if self.min is not None:
            out["min"] = self.min
        if self.max is not None:
            out["max"] = self.max
        if self.deadline is not None:
            out["deadline"] = self.deadline.to_json()
        if self.note_required_on_fail:
            out["note_required_on_fail"] = True
        if self.hint:
            out["hint"] = self.hint
        if self.on_fail_note:
            out["on_fail_note"] = self.on_fail_note
        if self.when:
            out["when"] = self.when
        if self.derive:
            out["derive"] = self.derive
        if self.refer_to:
            out["refer_to"] = self.refer_to
        return out

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Item:
        fail = d.get("fail_when")
        dl = d.get("deadline")
        return cls(
            id=str(d["id"]), section=str(d.get("section", "")), text_zh=str(d["text"]["zh"]),
            text_en=str(d["text"].get("en", "")), answer=str(d["answer"]), severity=str(d["severity"]),
            on_fail=str(d["on_fail"]), photo=str(d.get("photo", "none")), required=bool(d.get("required", True)),
            basis=str(d.get("basis", "")), fail_when=tuple(fail) if isinstance(fail, list) else fail,
            choices=tuple(d.get("choices", ())), unit=str(d.get("unit", "")),
            min=_num_or_none(d.get("min")), max=_num_or_none(d.get("max")),
            deadline=Deadline(base=dl["from"], days=dl.get("days"), working_days=dl.get("working_days"))
            if dl else None,
            note_required_on_fail=bool(d.get("note_required_on_fail", False)),
            hint=str(d.get("hint", "")), on_fail_note=str(d.get("on_fail_note", "")),
            when=str(d.get("when", "")), derive=str(d.get("derive", "")), refer_to=str(d.get("refer_to", "")),
        )


@dataclass(frozen=True)
class Checklist:
    id: str
    version: int
    title_zh: str
    title_en: str
    basis: str
    sections: tuple[Section, ...]
    items: tuple[Item, ...]
    content_sha256: str = ""
    source: str = field(default="", compare=False)  # the file it came from; "" for a stored snapshot

    def __post_init__(self) -> None:
        if not self.content_sha256:
            object.__setattr__(self, "content_sha256", content_hash(self.to_json()))

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def section_title(self, section_id: str, lang: str = "zh") -> str:
        sec = self.section(section_id)
        if sec is None:
            return section_id
        return sec.en if lang == "en" else sec.zh

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "version": self.version, "title": {"zh": self.title_zh, "en": self.title_en},
            "basis": self.basis, "sections": [{"id": s.id, "zh": s.zh, "en": s.en} for s in self.sections],
            "items": [i.to_json() for i in self.items],
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any], *, source: str = "") -> Checklist:
        return cls(
            id=str(d["id"]), version=int(d["version"]), title_zh=str(d["title"]["zh"]),
            title_en=str(d["title"].get("en", "")), basis=str(d.get("basis", "")),
            sections=tuple(Section(str(s["id"]), str(s.get("zh", "")), str(s.get("en", "")))
                           for s in d.get("sections", ())),
            items=tuple(Item.from_json(i) for i in d["items"]), source=source,
        )


def canonical_json(content: Mapping[str, Any]) -> str:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def content_hash(content: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


# ---- helpers ------------------------------------------------------------------------------------

def _number(v: str) -> float | None:
    try:
        num = float(v.replace("，", "").replace(",", ""))
    except ValueError:
        return None
    return num if math.isfinite(num) else None


def _num_or_none(v: Any) -> float | None:
    return None if v is None else v if isinstance(v, int) else float(v)


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _number_fails(item: Item, num: float) -> bool:
    rule = item.fail_when
    if rule == "outside":
        return (item.min is not None and num < item.min) or (item.max is not None and num > item.max)
    m = NUMBER_RULE.match(str(rule))
    if not m:
        return False
    op, limit = m.group(1), float(m.group(2))
    return {"<": num < limit, "<=": num <= limit, ">": num > limit, ">=": num >= limit}[op]


def _date_fails(item: Item, day: dt.date, context: Mapping[str, Any] | None) -> bool:
    if item.fail_when == "after-deadline" and item.deadline is not None:
        due = item.deadline.resolve(context)
        return due is not None and day > due
    if item.fail_when == "date-chain":
        ctx = context or {}
        chains = (ctx.get("date_chains") or {}).get(day.isoformat()) or [ctx.get("date_chain") or ()]
        for raw in chains:
            chain = [d for d in (_as_date(x) for x in raw or ()) if d]
            chain.append(day)
            if any(a > b for a, b in zip(chain, chain[1:], strict=False)):
                return True
    return False


WHEN_RULE = re.compile(r"^\s*([a-z_]+)\s*(<=|>=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$")


def _when_parts(rule: str) -> tuple[str, str, float]:
    m = WHEN_RULE.match(rule)
    if not m:
        return "", "", 0.0
    return m.group(1), m.group(2), float(m.group(3))


def _when_holds(rule: str, context: Mapping[str, Any] | None) -> bool:
    """Whether the record's fact meets `rule` ("wind_level >= 5"). Without the fact the answer
    cannot be judged, so it does not fail (completion asks for the fact: `context_problem`)."""
    key, op, limit = _when_parts(rule)
    raw = (context or {}).get(key)
    try:
        num = float(raw)
    except (TypeError, ValueError):
        return False
    return {"<": num < limit, "<=": num <= limit, ">": num > limit, ">=": num >= limit}.get(op, False)


def _default_calendar() -> Any:
    from inspector.checklists.calendar import default_calendar

    return default_calendar()


def _as_date(v: Any) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v.strip()):
        try:
            return dt.date.fromisoformat(v.strip())
        except ValueError:  # 2025-02-30
            return None
    return None
