"""The official forms (checklists-and-records.md §3), one story builder per record kind: the field
records here (监督检查记录, 责令整改通知书 / 停工整改通知书, 整改回复单); the completion and
enforcement records in `layouts_completion.py`.

Every record: the issuing station and its 文书字号 at the top, 落款 (station, date) over a place for
the seal, and a 签收 block with the 拒签 note. A record signed before a field existed renders
without it (its `signed_content` has no such key)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from inspector.reports.blocks import (
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
from inspector.reports.layouts_completion import acceptance, handover, referral

RESUME_CONDITION = "整改完成，经监理单位复查合格，书面报告本机构复查同意后方可复工。"
REPLY_DEMAND = ("请于整改期限内完成整改，并提交整改回复单（逐项写明整改措施和完成日期，附整改前后同一视角、带时间的照片），"
                "由施工单位、监理单位、建设单位签字盖章后报本机构复查。")
NOTICE_WARNING = "逾期不整改或整改不到位的，本机构将依据有关法律法规的规定处理，涉嫌违法的移送有关部门依法查处。"


def inspection(d: dict[str, Any], assets: Assets) -> list[Flowable]:
    p = d["project"]
    story = title_block(d)
    story += [heading("一、工程概况"), project_header(p, extra=[
        ("合同价", p["contract_price"]), ("改造内容", "、".join(p["renovation_items"]))]), spacer(),
        parties_table(p, ("建设单位", "施工单位", "监理单位", "检测单位"))]
    story += [heading("二、检查基本情况"), kv_table([
        ("检查类型", d["kind_label"]), ("监督人员", staff_text(d)),
        ("开始时间", d["started_at"]), ("结束时间", d["finished_at"]),
        ("天气", d["weather"]), ("气温/风力", " ".join(x for x in (d["temperature"], d["wind"]) if x)),
    ])]
    if "basis_sources" in d:
        story += [heading("三、检查依据"), text_box("依据", "；".join(d["basis_sources"]) or "（无）")]
    story += [heading("四、关键人员到岗情况"), grid_table(
        ["单位", "岗位", "姓名", "证书编号", "到岗"],
        [[a["party"], a["role"], a["name"], a["cert"], a["present"]] for a in d["attendance"]],
        [56 * mm, 30 * mm, 26 * mm, 40 * mm, CONTENT_W - 152 * mm], empty="（未记录）")]
    story += [heading("五、检查情况"), text_box("形象进度", d["progress_note"] or "（未填写）", min_h=8 * mm), spacer(),
              lead("检查内容："), grid_table(
        ["检查表", "版本", "符合", "不符合", "不适用", "未检查"],
        [[c["title"] or c["id"], str(c["version"]), str(c["counts"]["pass"]), str(c["counts"]["fail"]),
          str(c["counts"]["na"]), str(c["counts"]["open"])] for c in d["checklists"]],
        [CONTENT_W - 92 * mm, 12 * mm, 20 * mm, 20 * mm, 20 * mm, 20 * mm], empty="（未使用检查表）")]
    failed = [[c["title"] or c["id"], f["item"], f["text"], f["answer"], f["note"]]
              for c in d["checklists"] for f in c["failed"]]
    if failed:
        story += [spacer(), lead("不符合项："), grid_table(
            ["检查表", "检查项", "检查内容", "结果", "说明"], failed,
            [34 * mm, 16 * mm, 70 * mm, 14 * mm, CONTENT_W - 134 * mm])]
    story += [spacer(), text_box("检查结论", d["summary"])]
    if "measured" in d:
        story += [heading("六、抽查抽测"), grid_table(
            ["检查项", "抽测内容", "实测值", "要求", "结果", "部位/方法"],
            [[m["item"], m["text"], m["value"], m["limit"], m["result"], m["note"]] for m in d["measured"]],
            [16 * mm, 62 * mm, 20 * mm, 22 * mm, 14 * mm, CONTENT_W - 134 * mm], empty="（本次未抽测）")]
    sc = d["severity_counts"]
    story += [heading("七、发现问题汇总"),
              lead(f"共 {len(d['findings'])} 项：一般 {sc.get('一般', 0)} 项，较重 {sc.get('较重', 0)} 项，"
                   f"严重 {sc.get('严重', 0)} 项。"), spacer(1 * mm), findings_table(d["findings"])]
    notices = "；".join(f"{n.get('title') or n['action']} {n['no']}（期限 {n['deadline'] or '立即'}）"
                        for n in d["notices"])
    referrals = "；".join(f"{r['no']}（移送{r['authority']}）" for r in d.get("referrals", []))
    story += [heading("八、处理措施"), text_box("整改通知", notices or "（未下发整改通知）")]
    if "referrals" in d:
        story += [text_box("移送处理", referrals or "（无）")]
    if "previous" in d:
        story += [heading("九、上次整改复查情况"), grid_table(
            ["通知书", "下发/期限", "状态", "回复日期", "复查日期", "复查结论"],
            [[f"{x['title']}\n{x['no']}", f"{x['issued_on']}\n{x['deadline']}", x["status"], x["replied_on"],
              x["reinspected_on"], x["verdict"] + (f"：{x['note']}" if x["note"] else "")] for x in d["previous"]],
            [50 * mm, 24 * mm, 16 * mm, 20 * mm, 20 * mm, CONTENT_W - 130 * mm], empty="（本项目此前无整改通知）")]
    story += [heading("十、签字"), lead("监督人员："), staff_signoff(d.get("staff", []), d["inspectors"],
                                                                   d["started_at"][:10])]
    story += [spacer(), lead("受检单位陪同人员（施工、监理）："),
              signature_grid(d["signatories"], assets, with_opinion=False)]
    story += closing(d, d["started_at"][:10])
    return story + photo_section(d["photos"], assets)


def rectification(d: dict[str, Any], assets: Assets) -> list[Flowable]:
    p = d["project"]
    story = title_block(d)
    story += [kv_table([("受检单位", wide(d["addressee"])), ("抄送", wide("、".join(d["cc"]) or "（无）"))]),
              spacer(), project_header(p)]
    insp = d["inspection"]
    if insp:
        story += [spacer(), kv_table([("检查日期", insp["started_at"]), ("检查类型", insp["kind"]),
                                      ("监督人员", wide(staff_text(d))), ("检查记录", wide(insp["record_no"]))])]
    story += [spacer(), para(f"{d['addressee']}：", S.body),
              lead("经检查，你单位在该工程中存在下列问题："), spacer(1 * mm),
              findings_table(d["findings"])]
    if d.get("order_basis"):
        order = (f"根据{d['order_basis']}的规定，责令你单位自{d['issued_on']}起暂时停止"
                 f"{d['stop_scope'] or '全部'}的施工，从危险区域内撤出作业人员，对上述问题进行整改。") if d["stop"] \
            else f"根据{d['order_basis']}的规定，责令你单位对上述问题限期整改。"
        story += [heading("处理决定"), para(order)]
    story += [heading("整改要求"), text_box("整改措施", d.get("measures", d["requirements"])),
              text_box("整改期限", d["deadline"], min_h=8 * mm)]
    if d["stop"]:
        story += [heading("停工要求"), text_box("停工范围", d["stop_scope"] or "全部"),
                  text_box("停工起始", d["issued_on"]),
                  text_box("复工条件", d.get("resume_condition", RESUME_CONDITION))]
    story += [heading("回复要求"), para(REPLY_DEMAND), para(NOTICE_WARNING)]
    if d.get("appeal"):
        story += [heading("告知事项"), para(d["appeal"]), para(f"（依据：{d['appeal_basis']}）", S.small)]
    story += [heading("监督人员"), staff_signoff(d.get("staff", []), d["inspectors"], d["issued_on"])]
    story += closing(d, d["issued_on"])
    if d["signatories"]:
        story += [heading("其他签字"), signature_grid(d["signatories"], assets, with_opinion=False)]
    return story + photo_section(d["photos"], assets)


def _photo_refs(numbers: list[int]) -> str:
    return "、".join(f"照片{n}" for n in numbers) or "—"


def reply(d: dict[str, Any], assets: Assets) -> list[Flowable]:
    p = d["project"]
    story = title_block(d)
    story += [kv_table([("原通知书编号", wide(f"{d['notice_no']}（{d['notice_title']}）")),
                        ("整改期限", d.get("notice_deadline", "")), ("回复日期", d["replied_on"]),
                        ("回复单位", wide(d["replier"]))]), spacer(), project_header(p)]
    items = d.get("items")
    if items is not None:
        # Per item: what was done and when, and which photos show it before and after.
        story += [heading("一、原通知问题及逐项整改情况"), grid_table(
            ["序号", "检查项", "原问题", "整改措施", "完成日期", "整改结果", "整改前", "整改后"],
            [[x["no"], x["item"], x["description"], x["measures"] or "（见总体整改措施）", x["done_on"],
              x["result"], _photo_refs(x["before"]), _photo_refs(x["after"])] for x in items],
            [8 * mm, 13 * mm, 37 * mm, 37 * mm, 18 * mm, 23 * mm, 19 * mm, CONTENT_W - 155 * mm],
            empty="（原通知书所列问题见原通知书）")]
        if d.get("bases"):
            story += [text_box("问题依据", d["bases"], min_h=8 * mm)]
    else:
        story += [heading("一、原通知问题及整改情况"),
                  findings_table(d["findings"], with_status=True, empty="（原通知书所列问题见原通知书）")]
    story += [spacer(), text_box("整改措施", d["measures"]), text_box("整改结果", d["result"]),
              text_box("整改责任人", d["responsible_person"])]
    story += [heading("二、监理单位复查意见"), text_box("复查意见", d["supervisor_opinion"])]
    story += [heading("三、监督机构复查"), kv_table([
        ("复查日期", d["reinspected_on"] or "（未复查）"), ("复查人员", d["reinspector"]),
        ("复查结论", d["verdict"] or "（未复查）"), ("说明", d["verdict_note"])])]
    if d.get("stop") and d.get("verdict"):
        resume = "同意复工" if d["verdict"] == "同意销项" else "不同意复工，须继续整改后重新报送复查"
        story += [text_box("复工意见", resume, min_h=8 * mm)]
    if d["signatories"]:
        story += [heading("四、签字"), signature_grid(d["signatories"], assets)]
    story += closing(d, d["reinspected_on"] or d["replied_on"])
    return story + photo_section(d["photos"], assets, title="附件：整改前后照片")


BUILDERS = {"inspection": inspection, "rectification": rectification, "reply": reply,
            "acceptance": acceptance, "handover": handover, "referral": referral}
