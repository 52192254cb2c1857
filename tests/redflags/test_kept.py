"""Every project's flags, kept in the store (`services/redflag_results`): the same flags the rules
compute, paged, filtered, sorted and searched by SQL; they follow decisions and renames at once, say
when the records, the day or the settings moved on, and a decision made while they are computed is
not lost."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import text

from inspector.services import projects as ps
from inspector.services import redflag_results as rr
from inspector.services import redflags as rs
from tests.redflags.test_service import TODAY, batch, clean, project, report  # noqa: F401 - fixture

ALL = frozenset(rr.ST)


@pytest.fixture
def flagged(store, clean):  # noqa: F811 - the fixture imported above
    """Two projects with flags of several rules, a third with none."""
    a, b = clean
    dup1 = batch(store, a, batch_no="D1", used=True, used_on="2026-05-20")
    report(store, a, dup1, report_no="BG-2026-0815", conclusion="不合格", report_date="2026-05-01",
           sampled_on="2026-05-03", tested_on="2026-05-04", agency_qualification_expiry="2026-04-30")
    dup2 = batch(store, b, batch_no="D2")
    report(store, b, dup2, report_no="BG-2026-0815")
    for n in range(4):  # no report, entered long ago: RF-11 each
        batch(store, a, batch_no=f"N{n}", entry_date="2026-03-20")
    batch(store, b, batch_no="N9", entry_date="2026-03-20")
    project(store, "XN-003")
    return a, b


def every_page(store, q: rr.FlagQuery, size: int = 3) -> list[rs.FlagRow]:
    """The pages of `q`, `size` rows at a time, joined (as the list scrolls)."""
    rows, offset = [], 0
    while True:
        page = rr.page_flags(store, q, offset=offset, limit=size, today=TODAY)
        rows += page.rows
        offset += len(page.rows)
        if len(page.rows) < size:
            assert page.total == len(rows) or offset == 0
            return rows


def test_kept_flags_are_the_computed_ones_and_stay_until_the_records_change(store, flagged):
    assert rr.state(store, today=TODAY) == rr.State(None, False)
    assert rr.page_flags(store, rr.FlagQuery(), today=TODAY).rows == []  # nothing kept yet
    computed = rs.all_flags(store, today=TODAY)
    assert len(computed) >= 9
    kept = rr.refresh(store, today=TODAY)
    assert kept.fresh and kept.computed_at is not None
    assert rr.current_flags(store, today=TODAY) == computed
    assert every_page(store, rr.FlagQuery(statuses=ALL, sort="place"), size=4) == computed

    # A record the rules read changed: stale, and the kept flags are still there to show.
    batch(store, flagged[1], batch_no="N10", entry_date="2026-03-21")
    assert not rr.state(store, today=TODAY).fresh
    assert rr.page_flags(store, rr.FlagQuery(statuses=ALL, sort="place"), limit=None, today=TODAY).rows == computed
    now = rs.all_flags(store, today=TODAY)
    assert rr.current_flags(store, today=TODAY) == now != computed  # computed again first
    assert rr.state(store, today=TODAY).fresh
    # The next day, several rules count on: stale again. So are other rule settings.
    assert not rr.state(store, today=TODAY + dt.timedelta(days=1)).fresh
    store.set_setting("redflag.retest_grace_days", "120")
    assert not rr.state(store, today=TODAY).fresh
    assert rr.current_flags(store, today=TODAY) == rs.all_flags(store, today=TODAY)


def test_the_pages_filter_sort_and_search_as_the_rules_say(store, flagged):
    a, b = flagged
    rr.refresh(store, today=TODAY)
    flags = rs.all_flags(store, today=TODAY)
    some = next(f for f in flags if f.rule == "RF-11")
    rs.decide(store, project_id=some.project_id, flag_key=some.key, decision="dismissed", reason="已补复验",
              today=TODAY)
    flags = rs.all_flags(store, today=TODAY)
    rank = {"open": 0, "confirmed": 1, "dismissed": 2}
    place = {f.id: k for k, f in enumerate(flags)}
    cases = [
        (rr.FlagQuery(), lambda f: f.status != "dismissed", lambda f: (rank[f.status], place[f.id])),
        (rr.FlagQuery(statuses=frozenset({"dismissed"})), lambda f: f.status == "dismissed", lambda f: place[f.id]),
        (rr.FlagQuery(project_id=b, statuses=ALL), lambda f: f.project_id == b, lambda f: (rank[f.status], place[f.id])),
        (rr.FlagQuery(rule="RF-11", statuses=ALL), lambda f: f.rule == "RF-11", lambda f: (rank[f.status], place[f.id])),
        (rr.FlagQuery(statuses=ALL, sort="title"), lambda f: True, lambda f: (f.title, place[f.id])),
        (rr.FlagQuery(statuses=ALL, sort="project"), lambda f: True, lambda f: (f.project_code, place[f.id])),
        (rr.FlagQuery(statuses=ALL, sort="message"), lambda f: True, lambda f: (f.message, place[f.id])),
        (rr.FlagQuery(statuses=ALL, text="xn-002"), lambda f: f.project_code == "XN-002", lambda f: place[f.id]),
        (rr.FlagQuery(statuses=ALL, text="批 rf-11"), lambda f: f.rule == "RF-11", lambda f: place[f.id]),
    ]
    for q, wanted, key in cases:
        expected = sorted((f for f in flags if wanted(f)), key=key)
        assert expected, q
        for descending in (False, True):
            q2 = dataclasses.replace(q, descending=descending)
            want = expected[::-1] if descending else expected
            if q.text:  # a search's order is its sort's: compare the sets
                assert sorted(x.id for x in every_page(store, q2)) == sorted(x.id for x in want), q2
            else:
                assert [x.id for x in every_page(store, q2)] == [x.id for x in want], q2
    dismissed = rr.page_flags(store, rr.FlagQuery(statuses=frozenset({"dismissed"})), today=TODAY)
    assert (dismissed.rows[0].reason, dismissed.rows[0].decided_by) == ("已补复验", "测试监督员")
    assert rr.page_flags(store, rr.FlagQuery(), today=TODAY).open == sum(f.status == "open" for f in flags)
    assert rr.page_flags(store, rr.FlagQuery(project_id=b), today=TODAY).open == \
        sum(f.status == "open" and f.project_id == b for f in flags)


def test_decisions_and_renames_show_at_once_without_computing_again(store, flagged):
    a, _b = flagged
    rr.refresh(store, today=TODAY)
    flag = rr.page_flags(store, rr.FlagQuery(project_id=a, rule="RF-11"), today=TODAY).rows[0]
    rs.decide(store, project_id=a, flag_key=flag.key, decision="confirmed", reason="现场核实", today=TODAY)
    assert rr.state(store, today=TODAY).fresh  # a decision changes a flag's status, not the flags
    shown = rr.page_flags(store, rr.FlagQuery(project_id=a, rule="RF-11", sort="status"), today=TODAY).rows
    assert (shown[-1].id, shown[-1].status, shown[-1].reason) == (flag.id, "confirmed", "现场核实")
    rs.decide(store, project_id=a, flag_key=flag.key, decision="open", reason="", today=TODAY)
    again = rr.page_flags(store, rr.FlagQuery(project_id=a, rule="RF-11"), today=TODAY).rows
    assert [f.status for f in again] == ["open"] * len(again) and again[0].id == flag.id

    ps.update_project(store, project_id=a, fields={"name": "更名后的小区"})
    renamed = rr.page_flags(store, rr.FlagQuery(text="更名后"), today=TODAY)
    assert renamed.total > 0 and {f.project_name for f in renamed.rows} == {"更名后的小区"}

    ps.delete_record(store, kind="project", record_id=a)  # its flags leave with it, at once
    left = rr.page_flags(store, rr.FlagQuery(statuses=ALL), limit=None, today=TODAY).rows
    assert left and a not in {f.project_id for f in left}


def test_a_decision_made_while_the_flags_are_computed_is_kept(store, flagged):
    a, _b = flagged
    flag = next(f for f in rs.all_flags(store, today=TODAY) if f.project_id == a)

    def write_after_a_decision(fn):  # type: ignore[no-untyped-def]
        rs.decide(store, project_id=a, flag_key=flag.key, decision="dismissed", reason="同时排除", today=TODAY)
        return fn()

    rr.refresh(store, today=TODAY, write=write_after_a_decision)
    (kept,) = [f for f in rr.current_flags(store, today=TODAY) if f.id == flag.id]
    assert (kept.status, kept.reason) == ("dismissed", "同时排除")


def test_one_projects_flags_are_computed_in_place_of_its_kept_ones(store, flagged):
    a, b = flagged
    rr.refresh(store, today=TODAY)
    before = rr.current_flags(store, today=TODAY)
    batch(store, b, batch_no="N11", entry_date="2026-03-22")
    rr.refresh_project(store, project_id=b, today=TODAY)
    kept = rr.page_flags(store, rr.FlagQuery(statuses=ALL, sort="place"), limit=None, today=TODAY).rows
    assert [f for f in kept if f.project_id == b] == rs.flags_for_project(store, project_id=b, today=TODAY)
    assert [f for f in kept if f.project_id != b] == [f for f in before if f.project_id != b]
    assert [f.project_id for f in kept] == sorted((f.project_id for f in kept), key=[a, b].index)  # in place
    assert not rr.state(store, today=TODAY).fresh  # the others were not computed again


def test_search_words_are_text_and_bad_queries_are_refused(store, flagged):
    rr.refresh(store, today=TODAY)
    with store.read() as s:
        before = s.execute(text("SELECT count(*), total(st) FROM redflag_results")).one()
    for hostile in ("%", "_", "\\", "' OR 1=1 --", "\"", "a%b", "RF_11"):
        assert rr.page_flags(store, rr.FlagQuery(statuses=ALL, text=hostile), today=TODAY).rows == [], hostile
    with pytest.raises(ValueError):
        rr.page_flags(store, rr.FlagQuery(sort="rowid; DROP TABLE projects"), today=TODAY)
    with pytest.raises(ValueError):
        rr.page_flags(store, rr.FlagQuery(statuses=frozenset({"0) OR (1"})), today=TODAY)
    with store.read() as s:
        assert s.execute(text("SELECT count(*), total(st) FROM redflag_results")).one() == before


def test_at_a_citys_scale_they_are_computed_in_a_process_of_their_own(store, flagged, monkeypatch):
    """Above APART_ABOVE projects the whole-store read runs in a child process (`inspector redflags
    --refresh`): its progress is heard here, the kept flags are the same, and a cancel stops it."""
    from inspector.services.changes import Cancelled, Progress

    monkeypatch.setattr(rr, "APART_ABOVE", 1)
    monkeypatch.setattr(rs, "judge_all", lambda *a, **kw: pytest.fail("computed in this process"))
    heard: list[tuple[int, int]] = []

    class Heard(Progress):
        def report(self, done: int, total: int, text: str = "") -> None:
            heard.append((done, total))

    state = rr.refresh_apart(store, progress=Heard())
    assert state.fresh and heard[-1] == (rs.ALL_STEPS, rs.ALL_STEPS) and len(heard) == rs.ALL_STEPS + 1
    monkeypatch.undo()
    assert rr.current_flags(store) == rs.all_flags(store)

    class Stop(Progress):
        cancelled = True

    batch(store, flagged[0], batch_no="N20", entry_date="2026-03-20")
    with pytest.raises(Cancelled):
        monkeypatch.setattr(rr, "APART_ABOVE", 1)
        rr.refresh_apart(store, progress=Stop())
    assert not rr.state(store).fresh  # nothing kept from the stopped run
    import sys

    monkeypatch.setattr(rr, "command_line", lambda: [sys.executable, "-c",
                                                      "import sys; print('错误：磁盘已满', file=sys.stderr); sys.exit(1)"])
    with pytest.raises(rr.UserError, match="计算风险提示失败：磁盘已满"):
        rr.refresh_apart(store, progress=Progress())
    assert not rr.state(store).fresh


def test_the_child_ends_itself_when_the_app_is_gone(store, flagged):
    """The app keeps the child's stdin open: when the app goes (closed, killed), the child stops
    instead of computing a city's flags for nobody, and keeps nothing."""
    import subprocess

    from inspector.paths import command_line

    proc = subprocess.run([*command_line(), "--data-dir", str(store.data_dir), "redflags", "--refresh",
                           "--progress-lines"], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert not rr.state(store).fresh
