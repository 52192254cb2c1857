"""RF-31 through the store: a wet-work item answered on a cold or rainy day is a lead, read from the
inspection's answers; the same answer on a mild dry day, or 不适用 in the cold, is not."""

from __future__ import annotations

import datetime as dt

from inspector.services import inspections as svc
from inspector.services import redflags as rs


def _patrol(store, registry, project, *, weather: str, temperature: str, value: str) -> str:
    iid, _ = svc.start_inspection(store, project_id=project["id"], kind="日常巡查",
                                  checklists=[registry.checklists["site-patrol"]],
                                  started_at=dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC))
    svc.update_header(store, inspection_id=iid, values={"weather": weather, "temperature_c": temperature,
                                                         "progress_note": ""})
    cv = svc.get_inspection(store, iid).checklists[0].version_id
    svc.save_answers(store, inspection_id=iid, answers=[svc.AnswerInput(cv, "XC-29", value, "")])
    return iid


def test_wet_work_answered_on_a_cold_day_is_a_lead(store, registry, project):
    cold = _patrol(store, registry, project, weather="晴", temperature="2", value="yes")
    mild = _patrol(store, registry, project, weather="晴", temperature="12", value="yes")
    cold_na = _patrol(store, registry, project, weather="小雪", temperature="-3", value="na")
    flags = [f for f in rs.flags_for_project(store, project_id=project["id"]) if f.rule == "RF-31"]
    assert [f.target.id for f in flags] == [cold]
    assert "XC-29" in flags[0].message
    assert mild not in {f.target.id for f in rs.all_flags(store) if f.rule == "RF-31"}
    assert cold_na not in {f.target.id for f in rs.all_flags(store) if f.rule == "RF-31"}
