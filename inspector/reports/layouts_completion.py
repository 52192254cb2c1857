"""The completion and enforcement records: 竣工联合验收记录, 移交记录, 案件线索移送函 (see
`layouts.py` for the field records)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from inspector.domain.rules.acceptance import check_rows
from inspector.domain.vocab import RECTIFICATION_STATUS_LABELS
from inspector.reports.blocks import (
    BLANK,
    Assets,
    closing,
    findings_table,
    parties_table,
    photo_section,
    project_header,
    signature_grid,
    staff_signoff,
    staff_text,
    text_box,
    title_block,
)
from inspector.reports.layout import CONTENT_W, S, grid_table, heading, kv_table, lead, para, spacer, wide


def _check_text(value: Any) -> str:
    if isinstance(value, dict):
        return "；".join(f"{k}：{_check_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "；".join(_check_text(v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return "" if value is None else str(value)


def acceptance(d: dict[str, Any], assets: Assets) -> list[Flowable]:
    p = d["project"]
    story = title_block(d)
    story += [heading("一、工程概况"), project_header(p, extra=[
        ("改造年度", p["plan_year"]), ("楼栋/户数", f"{p['buildings']} 栋 / {p['households']} 户"),
        ("改造面积", p["floor_area"]), ("合同价", p["contract_price"]),
        ("开工日期", p["start_date"]), ("完工日期", p["finish_date"]),
        ("改造内容", wide("、".join(p["renovation_items"]) or "（未填写）")),
        ("验收日期", d["held_on"]), ("验收地点", d["location"]), ("组织单位", wide(d["organiser"])),
    ]), spacer(), parties_table(p)]
    if d.get("basis"):
        story += [spacer(), text_box("验收依据", d["basis"], min_h=8 * mm)]
    required = d.get("functional_required")
    story += [heading("二、验收核查"), grid_table(
        ["项目", "验收记录"], [list(row) for row in check_rows(d["checks"], list(required) if required is not None
                                                            else None)],
        [46 * mm, CONTENT_W - 46 * mm], empty="（未填写）")]
    if required:
        story += [spacer(1 * mm), para("本项目须做的功能性试验：" + "；".join(
            f"{t}（{'、'.join(items)}）" for t, items in required.items()), S.small)]
    notices = "；".join(f"{n['no']}（{RECTIFICATION_STATUS_LABELS.get(n['status'], n['status'])}）"
                       for n in d["notices"])
    story += [spacer(), text_box("前期整改", notices or "（无整改通知）")]
    if d["blockers"]:
        story += [heading("验收前置条件未满足事项"), grid_table(
            ["序号", "依据", "事项"],
            [[str(i), b.get("code", ""), b.get("text", "")] if isinstance(b, dict) else [str(i), "", _check_text(b)]
             for i, b in enumerate(d["blockers"], 1)],
            [12 * mm, 24 * mm, CONTENT_W - 36 * mm]),
            text_box("继续验收理由", f"{d['override_reason']}（决定人：{d['override_by']}）"
                     if d["override_reason"] else "（无）")]
    story += [heading("三、存在问题及整改要求"), text_box("问题", d["problems"]),
              text_box("居民意见", d["resident_opinion"])]
    story += [heading("四、综合验收结论"), text_box("结论", d["conclusion"] or "（未填写）", min_h=8 * mm)]
    parties = [x for x in d["signatories"] if x["role"] != "质量安全监督机构"]
    station = [x for x in d["signatories"] if x["role"] == "质量安全监督机构"]
    story += [heading("五、验收各方意见及签字"), signature_grid(parties, assets, with_seal="supervisors" in d)]
    story += [heading("六、监督意见（列席监督，不作为验收方签字）"), text_box("监督意见", d["station_opinion"])]
    if "supervisors" in d:
        story += [spacer(), lead("监督人员："), staff_signoff(d["supervisors"], [], d["held_on"])]
    if station:
        story += [spacer(), signature_grid(station, assets, with_opinion=False)]
    story += closing(d, d["held_on"], receipt="receipt_party" in d)
    return story + photo_section(d["photos"], assets)


_LIST_LABELS = {"name": "名称", "location": "位置", "quantity": "数量/规格", "spec": "规格型号",
                "condition": "状况", "model": "型号", "serial": "编号", "count": "数量", "holder": "保管人",
                "note": "备注", "pages": "页数", "copies": "份数", "receiver": "接收单位（专营单位）",
                "maintainer": "维保单位", "registration_no": "使用登记证号", "valid_to": "检验有效期至"}
# The columns of each list, in the order a reader expects: what it is, where, how many, its state,
# remarks (the facility table printed 状况/位置/名称/备注/数量 before). Keys a row has beyond these
# print after them.
_COLUMNS = {
    "facilities": ("name", "location", "quantity", "condition", "note"),
    "documents": ("name", "quantity", "copies", "pages", "note"),
    "keys": ("name", "quantity", "count", "holder", "note"),
    "equipment": ("name", "model", "serial", "location", "maintainer", "registration_no", "valid_to", "note"),
    "utility_assets": ("name", "location", "quantity", "receiver", "note"),
}


def _list_table(items: list, kind: str) -> Flowable:
    if not items:
        return para("（无）", S.body)
    present = {k for it in items if isinstance(it, dict) for k, v in it.items() if v not in ("", None)}
    order = _COLUMNS.get(kind, ("name",))
    keys = [k for k in order if k in present or k == "name"]
    keys += sorted(k for k in present if k not in keys)
    rows = [[_check_text(it.get(k, "")) if isinstance(it, dict) else (str(it) if k == "name" else "")
             for k in keys] for it in items]
    first = 10 * mm
    w = (CONTENT_W - first) / len(keys)
    return grid_table(["序号", *[_LIST_LABELS.get(k, k) for k in keys]],
                      [[str(i), *r] for i, r in enumerate(rows, 1)], [first] + [w] * len(keys))


def _blank(value: Any) -> str:
    """A field the record leaves for the paper to fill in: a line, never a role word."""
    return _check_text(value) or BLANK


def handover(d: dict[str, Any], assets: Assets) -> list[Flowable]:
    p = d["project"]
    story = title_block(d)
    acc = d["acceptance"]
    story += [project_header(p, extra=[
        ("验收记录", f"{acc['record_no']}（{acc['held_on']}，{acc['conclusion']}）" if acc else "（未关联）"),
        ("移交日期", d["handed_on"]),
    ]), spacer(), kv_table([("移交方", wide(d["giver"])), ("接收方", wide(f"{d['receiver']}（{d['receiver_kind']}）")),
                            ("见证方", wide(d["witness"]))])]
    story += [heading("一、设施清单"), _list_table(d["facilities"], "facilities")]
    if "equipment" in d:
        story += [heading("二、设备清单"), _list_table(d["equipment"], "equipment")]
    if "utility_assets" in d:
        story += [heading("三、移交专营单位的管线设施"), _list_table(d["utility_assets"], "utility_assets")]
    story += [heading("四、资料清单"), _list_table(d["documents"], "documents"),
              heading("五、钥匙、密码及账号"), _list_table(d["keys"], "keys")]
    w = d["warranty"]
    story += [heading("六、保修"), kv_table([
        ("保修单位", wide(_blank(w.get("unit")))), ("联系人", _blank(w.get("contact"))), ("电话", _blank(w.get("phone"))),
        ("保修期起", _blank(w.get("from"))), ("保修期止", _blank(w.get("to"))),
    ])]
    if d.get("warranty_items"):
        story += [spacer(), lead(f"分项保修期（自竣工验收合格之日起计算，依据{d.get('warranty_basis', '')}）："),
                  grid_table(["序号", "改造内容", "保修范围", "最低保修期限", "起", "止", "依据"],
                             [[str(i), x.get("item", ""), x.get("scope", ""), x.get("period", ""), x.get("from", ""),
                               x.get("to", ""), x.get("basis", "")] for i, x in enumerate(d["warranty_items"], 1)],
                             [9 * mm, 28 * mm, 32 * mm, 22 * mm, 19 * mm, 21 * mm, CONTENT_W - 131 * mm])]
    story += [heading("七、后续管理"), text_box("管理安排", d["maintenance"]), text_box("遗留问题", d["open_issues"])]
    story += [heading("八、签字"), signature_grid(d["signatories"], assets, with_opinion=False,
                                                 with_seal="equipment" in d)]
    story += closing(d, d["handed_on"], receipt="receipt_party" in d)
    return story + photo_section(d["photos"], assets)


def referral(d: dict[str, Any], assets: Assets) -> list[Flowable]:
    p = d["project"]
    story = title_block(d)
    story += [para(f"{d['authority_name']}：", S.body)]
    insp = d.get("inspection")
    seen = f"（监督检查记录 {insp['record_no']}，{insp['started_at']}）" if insp else ""
    who = "、".join(d.get("concerned") or []) or "有关单位"
    story += [para(f"本机构在对{p['name']}实施工程质量安全监督检查时{seen}，发现{who}涉嫌存在下列违法违规行为。"
                   "本机构无相应行政处罚权，现将案件线索及有关证据材料移送你单位，请依法调查处理，"
                   "并将处理结果函告本机构。")]
    story += [spacer(), project_header(p)]
    story += [heading("一、涉嫌违法违规事实"), findings_table(d["findings"], empty="（未列入问题）", with_deadline=False)]
    if d.get("facts"):
        story += [spacer(), text_box("其他事实", d["facts"])]
    story += [heading("二、法律依据"), text_box("涉嫌违反", d.get("breached") or "（见上表各项依据）")]
    if d.get("competence_basis"):
        story += [text_box("管辖依据", d["competence_basis"], min_h=8 * mm)]
    story += [heading("三、移送材料"), text_box("证据材料", d.get("evidence") or "（无）")]
    story += [heading("四、监督人员"), lead(f"联系人：{staff_text(d) or BLANK}"),
              staff_signoff(d.get("staff", []), d.get("inspectors", []), d["issued_on"])]
    story += closing(d, d["issued_on"])
    if d["signatories"]:
        story += [heading("其他签字"), signature_grid(d["signatories"], assets, with_opinion=False)]
    return story + photo_section(d["photos"], assets, title="附件：证据照片")
