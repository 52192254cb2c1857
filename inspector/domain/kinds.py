"""The one registry of record kinds: the signable records (监督检查记录, 责令整改通知书 /
停工整改通知书, 整改回复单, 竣工联合验收记录, 移交记录, 案件线索移送函), their model, the one name each goes by, the number series, and which rows a
signed record's lock covers. The store's hooks and triggers, the seal, the records, the photos and
signing all read it from here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inspector.domain.acceptance import Acceptance, Handover
from inspector.domain.inspection import Inspection, Rectification, RectificationReply
from inspector.domain.referral import Referral
from inspector.domain.vocab import RequiredAction


@dataclass(frozen=True)
class RecordKind:
    key: str  # "inspection": used in commands, photo links, signatories
    model: type
    label: str  # the one name of the record, in the app, the records and the red flags
    number_column: str  # the column that holds its 文书编号
    series: str  # numbering series (the character in the 文书字号: 宁建质监检字〔2026〕…)
    photo_targets: tuple[str, ...]  # PhotoLink.target_kind values that hang on the record itself
    status_when_signed: str | None = None  # its status column's value once signed, if it has one

    @property
    def table(self) -> str:
        return self.model.__tablename__

    def label_of(self, row: Any) -> str:
        """The name of this particular record (a stop-work notice is a 停工整改通知书)."""
        if self.key == "rectification" and getattr(row, "action", "") == RequiredAction.STOP_WORK.value:
            return STOP_WORK_LABEL
        return self.label

    def series_of(self, row: Any) -> str:
        if self.key == "rectification" and getattr(row, "action", "") == RequiredAction.STOP_WORK.value:
            return STOP_WORK_SERIES
        return self.series

    def number_of(self, row: Any) -> str:
        return getattr(row, self.number_column, "") or ""


STOP_WORK_LABEL = "停工整改通知书"
STOP_WORK_SERIES = "停"

RECORD_KINDS: dict[str, RecordKind] = {k.key: k for k in (
    RecordKind("inspection", Inspection, "监督检查记录", "record_no", "检", ("inspection", "answer"), "signed"),
    RecordKind("rectification", Rectification, "责令整改通知书", "notice_no", "整", ("rectification",)),
    RecordKind("reply", RectificationReply, "整改回复单", "reply_no", "复", ("reply",)),
    RecordKind("acceptance", Acceptance, "竣工联合验收记录", "record_no", "验", ("acceptance",), "signed"),
    RecordKind("handover", Handover, "移交记录", "record_no", "移", ("handover",), "signed"),
    # 移 is the handover's: a referral draws from 送 (宁建质监送字〔2026〕…).
    RecordKind("referral", Referral, "案件线索移送函", "referral_no", "送", ("referral",), "signed"),
)}

# Every numbering series, in the order the settings show them.
SERIES = ("检", "整", "停", "复", "验", "移", "送")


def kind(key: str) -> RecordKind:
    try:
        return RECORD_KINDS[key]
    except KeyError:
        raise KeyError(f"unknown record kind {key!r} (known: {', '.join(RECORD_KINDS)})") from None


def kind_of_model(model: type) -> RecordKind | None:
    for k in RECORD_KINDS.values():
        if k.model is model:
            return k
    return None


def kind_of_table(table: str) -> RecordKind | None:
    for k in RECORD_KINDS.values():
        if k.table == table:
            return k
    return None


KIND_LABELS = {k.key: k.label for k in RECORD_KINDS.values()}
