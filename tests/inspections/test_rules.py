"""Pure rectification rules and record numbering."""

from __future__ import annotations

import datetime as dt

import pytest

from inspector.domain.rules import rectification as rules
from inspector.services.numbering import next_number

D = dt.date(2026, 5, 10)


def test_transitions_allowed_and_refused() -> None:
    assert rules.notice_transition_error("issued", "replied") is None
    assert rules.notice_transition_error("replied", "closed") is None
    assert rules.notice_transition_error("replied", "escalated") is None
    msg = rules.notice_transition_error("issued", "closed")
    assert msg and "已下发" in msg and "已销项" in msg
    assert rules.notice_transition_error("closed", "replied")
    assert rules.finding_transition_error("open", "notified") is None
    assert rules.finding_transition_error("escalated", "notified") is None
    assert "已销项" in rules.finding_transition_error("closed", "open")


@pytest.mark.parametrize("status, today, expected", [
    ("issued", D, False),                          # the deadline day itself is not overdue
    ("issued", D + dt.timedelta(days=1), True),
    ("replied", D + dt.timedelta(days=5), False),  # contractor answered: the next move is ours
    ("closed", D + dt.timedelta(days=5), False),
    ("notified", D + dt.timedelta(days=2), True),  # a finding on a notice
])
def test_is_overdue(status: str, today: dt.date, expected: bool) -> None:
    assert rules.is_overdue(D, status, today) is expected
    assert rules.days_overdue(D, status, today) == ((today - D).days if expected else 0)


def test_no_deadline_never_overdue_and_due_within() -> None:
    assert not rules.is_overdue(None, "issued", D)
    assert rules.due_within(D + dt.timedelta(days=7), "issued", D)
    assert not rules.due_within(D + dt.timedelta(days=8), "issued", D)
    assert not rules.due_within(D - dt.timedelta(days=1), "issued", D)


def test_deadlines_and_notice_kind() -> None:
    # D is a Sunday: 一般 +7 lands on a Sunday and moves to Monday; 严重 (at once) still gets the
    # next working day; 较重 +3 is a Wednesday.
    assert D.weekday() == 6
    assert rules.default_deadline("一般", D) == D + dt.timedelta(days=8)
    assert rules.default_deadline("较重", D) == D + dt.timedelta(days=3)
    assert rules.default_deadline("严重", D) == D + dt.timedelta(days=1)
    friday = dt.date(2026, 5, 15)
    assert rules.default_deadline("严重", friday) == dt.date(2026, 5, 18)  # not Saturday: Monday
    assert rules.next_working_day(friday) == dt.date(2026, 5, 18)
    assert rules.issue_date(D, D + dt.timedelta(days=1)) == D + dt.timedelta(days=1)  # never before the inspection
    assert rules.notice_action(["限期整改", "停工整改"]) == "停工整改"
    assert rules.notice_action(["限期整改"]) == "限期整改"
    assert rules.notice_title("停工整改") == "停工整改通知书"
    assert rules.worst_severity(["一般", "严重", "较重"]) == "严重"


def test_numbers_count_per_series_and_year_and_carry_the_device_code(store) -> None:
    from inspector.domain import Rectification
    from inspector.services.numbering import derived_code

    code = derived_code(store.device_id)
    stop = Rectification(action="停工整改")
    with store.write() as s:
        assert next_number(s, "rectification", 2026) == f"宁建质监整字〔2026〕第{code}-0001号"
        assert next_number(s, "rectification", 2026) == f"宁建质监整字〔2026〕第{code}-0002号"
        # A 停工整改 notice has its own series: it never shares a number with a 限期整改 one.
        assert next_number(s, "rectification", 2026, stop) == f"宁建质监停字〔2026〕第{code}-0001号"
        assert next_number(s, "inspection", 2026) == f"宁建质监检字〔2026〕第{code}-0001号"
        assert next_number(s, "rectification", 2027) == f"宁建质监整字〔2027〕第{code}-0001号"
    # a rolled-back transaction gives its number back
    with pytest.raises(RuntimeError):
        with store.write() as s:
            next_number(s, "rectification", 2026)
            raise RuntimeError("abort")
    with store.write() as s:
        assert next_number(s, "rectification", 2026) == f"宁建质监整字〔2026〕第{code}-0003号"
    # The prefix and the device's code are settings (the office assigns the code at sign-in).
    store.set_setting("doc_prefix", "西建质监")
    store.set_setting("number_code", "07")
    with store.write() as s:
        assert next_number(s, "acceptance", 2026) == "西建质监验字〔2026〕第07-0001号"


def test_two_laptops_issuing_on_the_same_day_never_share_a_number(tmp_path) -> None:
    from inspector.store import Actor, open_workspace

    numbers = []
    for name in ("a", "b"):
        ws = open_workspace(tmp_path / name, Actor(f"监督员{name}"))
        with ws.write() as s:
            numbers += [next_number(s, kind, 2026) for kind in ("inspection", "rectification", "reply",
                                                                 "acceptance", "handover") for _ in range(3)]
        ws.close()
    assert len(numbers) == 30 and len(set(numbers)) == 30
