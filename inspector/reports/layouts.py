"""The official forms (checklists-and-records.md §3), one story builder per record kind."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from inspector.domain.rules.acceptance import check_rows
from inspector.reports.blocks import (
    Assets,
    findings_table,
    inspector_signoff,
    parties_table,
    photo_section,
    project_header,
    signature_grid,
    text_box,
)
from inspector.reports.layout import CONTENT_W, S, grid_table, heading, kv_table, para, spacer, wide

RESUME_CONDITION = "整改完成，经监理复查合格，书面报告本机构复查同意后方可复工。"
REPLY_DEMAND = ("请于整改期限内完成整改，并提交整改回复单（附整改前后同一视角、带时间的照片），"
                "由施工单位、监理单位、建设单位签字盖章后报本机构复查。")
NOTICE_WARNING = "逾期不整改或整改不到位的，本机构将依据有关法律法规的规定处理。"


def _title(d: dict[str, Any]) -> list[Flowable]:
    out: list[Flowable] = []
    if d.get("issuer"):
        out.append(para(d["issuer"], S.subtitle))
    out.append(para(d["title"], S.title))
    sub = f"编号：{d['record_no']}"
    if d.get("amends_id"):
        sub += "（更正版本）"
    out.append(para(sub, S.subtitle))
    return out


def inspection(d: dict[str, Any], assets: Assets) -> list[Flowable]:
    p = d["project"]
    story = _title(d)
    story += [heading("一、工程概况"), project_header(p, extra=[
        ("合同价", p["contract_price"]), ("改造内容", "、".join(p["renovation_items"]))]), spacer(),
        parties_table(p, ("建设单位", "施工单位", "监理单位", "检测单位"))]
    story += [heading("二、检查情况"), kv_table([
        ("检查类型", d["kind_label"]), ("检查人员", "、".join(d["inspectors"])),
        ("开始时间", d["started_at"]), ("结束时间", d["finished_at"]),
        ("天气", d["weather"]), ("气温/风力", " ".join(x for x in (d["temperature"], d["wind"]) if x)),
        ("形象进度", wide(d["progress_note"] or "（未填写）")),
    ])]
    story += [heading("三、关键人员到岗情况"), grid_table(
        ["单位", "岗位", "姓名", "证书编号", "到岗"],
        [[a["party"], a["role"], a["name"], a["cert"], a["present"]] for a in d["attendance"]],
        [56 * mm, 30 * mm, 26 * mm, 40 * mm, CONTENT_W - 152 * mm], empty="（未记录）")]
    story += [heading("四、检查内容"), grid_table(
        ["检查表", "版本", "符合", "不符合", "不适用", "未检查"],
        [[c["title"] or c["id"], str(c["version"]), str(c["counts"]["pass"]), str(c["counts"]["fail"]),
          str(c["counts"]["na"]), str(c["counts"]["open"])] for c in d["checklists"]],
        [CONTENT_W - 92 * mm, 12 * mm, 20 * mm, 20 * mm, 20 * mm, 20 * mm], empty="（未使用检查表）")]
    failed = [[c["title"] or c["id"], f["item"], f["text"], f["answer"], f["note"]]
              for c in d["checklists"] for f in c["failed"]]
    if failed:
        story += [spacer(), para("不符合项：", S.body), grid_table(
            ["检查表", "检查项", "检查内容", "结果", "说明"], failed,
            [34 * mm, 16 * mm, 70 * mm, 12 * mm, CONTENT_W - 132 * mm])]
    sc = d["severity_counts"]
    story += [heading("五、发现问题汇总"),
              para(f"共 {len(d['findings'])} 项：一般 {sc.get('一般', 0)} 项，较重 {sc.get('较重', 0)} 项，"
                   f"严重 {sc.get('严重', 0)} 项。"), spacer(), findings_table(d["findings"])]
    notices = "；".join(f"{n['action']} {n['no']}（期限 {n['deadline'] or '立即'}）" for n in d["notices"])
    story += [heading("六、处理措施"), text_box("整改通知", notices or "（未下发整改通知）"),
              text_box("检查结论", d["summary"])]
    story += [heading("七、签字"), inspector_signoff(d["inspectors"], d["started_at"][:10])]
    if d["signatories"]:
        story += [spacer(), signature_grid(d["signatories"], assets, with_opinion=False)]
    return story + photo_section(d["photos"], assets)


def rectification(d: dict[str, Any], assets: Assets) -> list[Flowable]:
    p = d["project"]
    story = _title(d)
    story += [kv_table([("受检单位", wide(d["addressee"])), ("抄送", wide("、".join(d["cc"]) or "（无）"))]),
              spacer(), project_header(p)]
    insp = d["inspection"]
    if insp:
        story += [spacer(), kv_table([("检查日期", insp["started_at"]), ("检查类型", insp["kind"]),
                                      ("检查人员", "、".join(d["inspectors"])), ("检查记录", insp["record_no"])])]
    story += [spacer(), para(f"{d['addressee']}：", S.body),
              para("经检查，你单位在该工程中存在下列问题：", S.body), spacer(1 * mm),
              findings_table(d["findings"])]
    story += [heading("整改要求"), text_box("整改措施", d["requirements"]),
              text_box("整改期限", d["deadline"], min_h=8 * mm)]
    if d["stop"]:
        story += [heading("停工要求"), text_box("停工范围", d["stop_scope"] or "全部"),
                  text_box("停工起始", d["issued_on"]), text_box("复工条件", RESUME_CONDITION)]
    story += [heading("回复要求"), para(REPLY_DEMAND), para(NOTICE_WARNING), spacer(),
              inspector_signoff(d["inspectors"], d["issued_on"])]
    story += [heading("签收栏"), signature_grid(d["signatories"], assets, with_opinion=False)]
    return story + photo_section(d["photos"], assets)


def reply(d: dict[str, Any], assets: Assets) -> list[Flowable]:
    p = d["project"]
    story = _title(d)
    story += [kv_table([("原通知书编号", f"{d['notice_no']}（{d['notice_title']}）"), ("回复日期", d["replied_on"]),
                        ("回复单位", wide(d["replier"]))]), spacer(), project_header(p)]
    story += [heading("一、原通知问题及整改情况"), findings_table(d["findings"], with_status=True)]
    story += [spacer(), text_box("整改措施", d["measures"]), text_box("整改结果", d["result"]),
              text_box("责任人", d["responsible_person"])]
    story += [heading("二、监理单位复查意见"), text_box("复查意见", d["supervisor_opinion"])]
    story += [heading("三、监督机构复查"), kv_table([
        ("复查日期", d["reinspected_on"] or "（未复查）"), ("复查人员", d["reinspector"]),
        ("复查结论", d["verdict"] or "（未复查）"), ("说明", d["verdict_note"])])]
    if d["signatories"]:
        story += [heading("四、签字"), signature_grid(d["signatories"], assets)]
    return story + photo_section(d["photos"], assets, title="附件：整改前后照片")


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
    story = _title(d)
    story += [heading("一、工程概况"), project_header(p, extra=[
        ("改造年度", p["plan_year"]), ("楼栋/户数", f"{p['buildings']} 栋 / {p['households']} 户"),
        ("改造面积", p["floor_area"]), ("合同价", p["contract_price"]),
        ("开工日期", p["start_date"]), ("完工日期", p["finish_date"]),
        ("改造内容", wide("、".join(p["renovation_items"]) or "（未填写）")),
        ("验收日期", d["held_on"]), ("验收地点", d["location"]), ("组织单位", wide(d["organiser"])),
    ]), spacer(), parties_table(p)]
    story += [heading("二、验收核查"), grid_table(
        ["项目", "验收记录"], [list(row) for row in check_rows(d["checks"])],
        [46 * mm, CONTENT_W - 46 * mm], empty="（未填写）")]
    from inspector.domain.vocab import RECTIFICATION_STATUS_LABELS

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
    story += [heading("五、验收各方意见及签字"), signature_grid(parties, assets)]
    story += [heading("六、监督意见（列席监督，不作为验收方签字）"), text_box("监督意见", d["station_opinion"])]
    if station:
        story += [spacer(), signature_grid(station, assets, with_opinion=False)]
    return story + photo_section(d["photos"], assets)


_LIST_LABELS = {"name": "名称", "location": "位置", "quantity": "数量/规格", "spec": "规格型号",
                "condition": "状况", "model": "型号", "serial": "编号", "count": "数量", "holder": "保管人",
                "note": "备注", "pages": "页数", "copies": "份数"}


def _list_table(items: list) -> Flowable:
    if not items:
        return para("（无）", S.body)
    keys: list[str] = []
    for it in items:
        for k in (it.keys() if isinstance(it, dict) else ["name"]):
            if k not in keys:
                keys.append(k)
    rows = [[_check_text(it.get(k, "")) if isinstance(it, dict) else (str(it) if k == "name" else "")
             for k in keys] for it in items]
    first = 12 * mm
    w = (CONTENT_W - first) / len(keys)
    return grid_table(["序号", *[_LIST_LABELS.get(k, k) for k in keys]],
                      [[str(i), *r] for i, r in enumerate(rows, 1)], [first] + [w] * len(keys))


_WARRANTY_LABELS = {"unit": "保修单位", "from": "保修期起", "to": "保修期止", "contact": "联系人", "phone": "电话",
                    "scope": "保修范围"}


def handover(d: dict[str, Any], assets: Assets) -> list[Flowable]:
    p = d["project"]
    story = _title(d)
    acc = d["acceptance"]
    story += [project_header(p, extra=[
        ("验收记录", f"{acc['record_no']}（{acc['held_on']}，{acc['conclusion']}）" if acc else "（未关联）"),
        ("移交日期", d["handed_on"]),
    ]), spacer(), kv_table([("移交方", wide(d["giver"])), ("接收方", wide(f"{d['receiver']}（{d['receiver_kind']}）")),
                            ("见证方", wide(d["witness"]))])]
    story += [heading("一、设施清单"), _list_table(d["facilities"]), heading("二、资料清单"),
              _list_table(d["documents"]), heading("三、钥匙、密码及账号"), _list_table(d["keys"])]
    w = d["warranty"]
    story += [heading("四、保修"), kv_table([(_WARRANTY_LABELS.get(k, k), _check_text(v)) for k, v in w.items()])
              if w else para("（未填写）")]
    story += [heading("五、后续管理"), text_box("管理安排", d["maintenance"]), text_box("遗留问题", d["open_issues"])]
    story += [heading("六、签字"), signature_grid(d["signatories"], assets, with_opinion=False)]
    return story + photo_section(d["photos"], assets)


BUILDERS = {"inspection": inspection, "rectification": rectification, "reply": reply,
            "acceptance": acceptance, "handover": handover}
