"""Item rules (is_failed, check_value, notes, actions) and the JSON snapshot with its hash."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from inspector.checklists.loader import load_checklist_file
from inspector.checklists.model import Checklist, Deadline, Item, content_hash
from inspector.checklists.registry import load_registry


def make(**kw) -> Item:
    base = dict(id="T-01", section="s", text_zh="文本", text_en="text", answer="yes-no-na",
                severity="较重", on_fail="rectify", fail_when="no")
    base.update(kw)
    return Item(**base)


def test_yes_no_na() -> None:
    item = make()
    assert item.is_failed("no") and not item.is_failed("yes") and not item.is_failed("na")
    assert not item.is_failed(None)
    assert item.check_value("yes") is None and item.check_value("na") is None
    assert item.check_value("maybe") == "请选择：是 / 否 / 不适用"
    assert not item.is_failed("maybe")  # a wrong shape is invalid, not failed


def test_number_rules() -> None:
    lt = make(answer="number", fail_when="< 30", min=0, max=100, unit="%")
    assert lt.is_failed("29.5") and not lt.is_failed("30") and not lt.is_failed("na")
    assert lt.check_value("三十") == "请输入数字"
    assert lt.check_value("101") == "数值不能大于 100%"
    assert lt.check_value("-1") == "数值不能小于 0%"
    assert make(answer="number", fail_when=">= 5").is_failed("5")
    assert not make(answer="number", fail_when="> 5").is_failed("5")
    assert make(answer="number", fail_when="<= 5").is_failed("5")
    out = make(answer="number", fail_when="outside", min=28, max=29)
    assert out.is_failed("20") and out.is_failed("30") and not out.is_failed("28")
    assert out.check_value("20") is None  # outside the pass range is a failure, not a typing error
    assert make(answer="number", fail_when="< 1").check_value("nan") == "请输入数字"


def test_choice_text_and_date() -> None:
    ch = make(answer="choice", choices=("合格", "一般", "差"), fail_when=("差",))
    assert ch.is_failed("差") and not ch.is_failed("一般")
    assert ch.check_value("好") == "请从选项中选择：合格 / 一般 / 差"
    txt = make(answer="text", fail_when=None)
    assert not txt.is_failed("分包给了个人") and txt.check_value("任意文字") is None
    d = make(answer="date", fail_when="after-deadline", deadline=Deadline("permit_date", days=3))
    assert d.check_value("2025-02-30") == "请输入日期（格式：YYYY-MM-DD）"
    assert d.check_value("2025/03/01") is not None
    assert d.is_failed("2025-03-05", {"permit_date": "2025-03-01"})
    assert not d.is_failed("2025-03-04", {"permit_date": "2025-03-01"})
    assert not d.is_failed("2025-03-05")  # without the permit date the rule cannot be judged
    wd = make(answer="date", fail_when="after-deadline", deadline=Deadline("acceptance_date", working_days=-7))
    assert wd.deadline.resolve({"acceptance_date": "2025-06-20"}).isoformat() == "2025-06-11"


def test_notes_and_actions() -> None:
    item = make(on_fail="partial-stop+rectify")
    assert item.note_problem("na", "") == "选择“不适用”须在备注中说明理由"
    assert item.note_problem("na", "本工程无屋面") is None
    assert item.note_problem("no", "") is None
    txt = make(note_required_on_fail=True, on_fail="refer")
    assert txt.note_problem("no", " ") == "不符合时须在备注中说明具体情况"
    assert txt.note_problem("yes", "") is None
    assert item.required_action == "停工整改" and item.partial_stop and not item.refers
    assert make(on_fail="stop-work+refer").required_action == "停工整改"
    assert make(on_fail="rectify+refer").required_action == "限期整改"
    assert make(on_fail="refer").refers and make(on_fail="refer").required_action == "限期整改"


def test_round_trip_of_every_shipped_checklist() -> None:
    for cl in load_registry().checklists.values():
        stored = json.loads(json.dumps(cl.to_json(), ensure_ascii=False))  # as ChecklistVersion keeps it
        back = Checklist.from_json(stored)
        assert back == cl
        assert back.content_sha256 == cl.content_sha256 == content_hash(stored)
        assert back.to_json() == cl.to_json()
        assert [i.is_failed("no") for i in back.items] == [i.is_failed("no") for i in cl.items]


def test_hash_ignores_layout_but_not_content(tmp_path: Path) -> None:
    src = Path(load_registry().get("public-notice-complaints").source).read_text(encoding="utf-8")
    a = tmp_path / "a.toml"
    a.write_text(src, encoding="utf-8")
    # Comments and blank lines removed, a key moved: same content, same hash.
    lines = [ln for ln in src.splitlines() if ln.strip() and not ln.startswith("#")]
    version = next(ln for ln in lines if ln.startswith("version = "))
    lines.remove(version)
    lines.insert(1, version)
    b = tmp_path / "b.toml"
    b.write_text("\n".join(lines) + "\n", encoding="utf-8")
    c = tmp_path / "c.toml"
    c.write_text(src.replace("公示日期(照片时间戳)", "公示日期"), encoding="utf-8")
    ha, hb, hc = (load_checklist_file(p)[0].content_sha256 for p in (a, b, c))
    assert ha == hb != hc
    assert len(ha) == 64


def test_frozen_and_equality_ignore_source() -> None:
    cl = load_registry().get("site-patrol")
    with pytest.raises(AttributeError):
        cl.version = 3  # type: ignore[misc]
    assert replace(cl, source="elsewhere") == cl
    assert replace(cl, version=cl.version + 1) != cl
