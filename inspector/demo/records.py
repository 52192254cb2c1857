"""The demo's supervision records: inspections with findings and notices, materials and test
reports, complaints and public postings. Called by `demo.ensure_demo` inside its transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from inspector.demo import data as D
from inspector.domain import (
    Complaint,
    Finding,
    Inspection,
    MaterialBatch,
    Party,
    PublicPosting,
    Rectification,
    RectificationFinding,
    RectificationReply,
    TestReport,
    User,
)
from inspector.domain.clock import china_time
from inspector.domain.ids import fact_id
from inspector.services.numbering import next_number

if TYPE_CHECKING:
    from inspector.demo.seed import DemoContext


def user_id(login: str) -> str:
    return fact_id(User.__tablename__, [login])


def _id(kind: str, key: str) -> str:
    from inspector.demo.seed import demo_id

    return demo_id(kind, key)


@dataclass(frozen=True)
class Notice:
    deadline: int  # days from today
    state: str  # issued / replied / closed / escalated (then re-issued)
    reply: int | None = None
    reinspect: int | None = None
    reissue_deadline: int | None = None


@dataclass(frozen=True)
class Visit:
    project: str
    day: int
    kind: str
    status: str
    findings: tuple[int, ...] = ()  # indexes into demo_data.FINDINGS
    notice: Notice | None = None


# Every inspection state, and every turn of the rectification loop, somewhere in the demo.
VISITS: tuple[Visit, ...] = (
    Visit("CZ-02", -470, "日常巡查", "signed", (9,), Notice(-463, "closed", -465, -460)),
    Visit("CZ-02", -400, "专项检查", "signed"),
    Visit("CZ-02", -330, "验收前检查", "signed"),
    Visit("CX-02", -360, "日常巡查", "signed", (10,), Notice(-353, "closed", -356, -350)),
    Visit("CX-02", -210, "验收前检查", "signed"),
    Visit("DT-01", -160, "专项检查", "signed", (8,), Notice(-157, "closed", -158, -150)),
    Visit("CD-02", -150, "日常巡查", "signed"),
    Visit("CD-01", -90, "日常巡查", "signed", (4,), Notice(-87, "closed", -88, -84)),
    Visit("CX-01", -60, "日常巡查", "signed"),
    Visit("CB-01", -45, "日常巡查", "signed", (2,), Notice(-45, "closed", -45, -42)),
    Visit("CZ-01", -30, "投诉核查", "signed", (5,), Notice(-27, "closed", -28, -25)),
    Visit("DT-01", -25, "验收前检查", "completed"),
    Visit("HZ-01", -20, "专项检查", "signed", (2,), Notice(-17, "escalated", -18, -15, -8)),
    Visit("CD-02", -20, "验收前检查", "completed", (11,), Notice(-13, "replied", -15)),
    Visit("CD-01", -12, "专项检查", "completed", (0,), Notice(-11, "issued")),
    Visit("CX-01", -10, "专项检查", "completed", (3, 7), Notice(-7, "issued")),
    Visit("CZ-01", -6, "专项检查", "completed", (1, 12), Notice(-5, "replied", -4)),
    Visit("CB-01", -3, "日常巡查", "completed", (6, 9), Notice(4, "issued")),
    Visit("HZ-01", -2, "日常巡查", "completed"),
    Visit("CX-01", -1, "日常巡查", "draft"),
    Visit("CB-01", 0, "日常巡查", "draft", (10,)),
)

_WEATHER = ("晴", "多云", "晴", "阴", "晴转多云")
# The one visit that recorded rain and cold while insulation work went on (RF-31).
WET_DAY = ("CB-01", -3)
# The visits at which CX-01's project manager (also registered on CD-01, RF-18) was absent (RF-21).
PM_ABSENT = {("CX-01", -60), ("CX-01", -10)}
_PROGRESS = ("脚手架搭设完成，外墙保温施工中", "屋面防水施工中，外墙保温已完成约六成",
             "管网改造沟槽开挖中", "外立面涂料施工中，室外工程收尾", "单元门、楼道照明安装中")


def add_inspections(s: Session, ctx: DemoContext) -> None:
    notices: list[Rectification] = []
    replies: dict[str, RectificationReply] = {}  # by notice id
    inspectors = {D.INSPECTORS[0][0]: D.INSPECTORS[0][1], D.INSPECTORS[1][0]: D.INSPECTORS[1][1]}
    badges = {name: badge for _key, name, badge, _district in D.INSPECTORS}
    for n, v in enumerate(sorted(VISITS, key=lambda v: v.day)):
        p = ctx.projects[v.project]
        lead = next(name for key, name in inspectors.items() if user_id(key) == p.inspector_id)
        other = next(name for name in inspectors.values() if name != lead)
        started = ctx.at(v.day, 9 + n % 3, 15 * (n % 4))
        key = f"{v.project}:{v.day}"
        present = {person.id: not (role == "项目负责人" and (v.project, v.day) in PM_ABSENT)
                   for (suffix, role), person in ctx.persons.items() if suffix == v.project}
        wet = (v.project, v.day) == WET_DAY
        findings = [D.FINDINGS[i] for i in v.findings]
        insp = ctx.add(s, Inspection(
            id=_id("inspection", key), project_id=p.id, kind=v.kind,
            record_no=next_number(s, "inspection", china_time(started).year),
            inspector_name=lead, co_inspector_name=other, started_at=started,
            inspector_badge=badges.get(lead, ""), co_inspector_badge=badges.get(other, ""),
            finished_at=None if v.status == "draft" else started + dt.timedelta(hours=2, minutes=10),
            weather="小雨" if wet else ctx.rng.choice(_WEATHER),
            temperature_c=3.0 if wet else float(ctx.rng.randint(8, 24)),
            wind_level=ctx.rng.randint(1, 4),
            progress_note=_PROGRESS[0] if wet else ctx.rng.choice(_PROGRESS), attendance=present,
            summary=(f"本次检查发现问题 {len(findings)} 项，已当场告知施工、监理单位。" if findings
                     else "本次检查未发现明显质量安全问题。") if v.status != "draft" else "",
            status=v.status))
        _add_findings(s, ctx, v, insp, key, notices, replies)
    # Numbers are drawn in the order the notices were issued, as they would have been on the day
    # (a re-issued notice comes days after the inspection that caused it).
    for r in sorted(notices, key=lambda r: r.issued_on):
        r.notice_no = next_number(s, "rectification", r.issued_on.year, r)
        if r.id in replies:
            replies[r.id].reply_no = next_number(s, "reply", replies[r.id].replied_on.year)
        if r.reissued_from_id:
            old = next(x for x in notices if x.id == r.reissued_from_id)
            r.requirements = f"原通知书 {old.notice_no} 所列问题未整改到位，限期重新整改。"


def _add_findings(s: Session, ctx: DemoContext, v: Visit, insp: Inspection, key: str,
                  notices: list[Rectification], replies: dict[str, RectificationReply]) -> None:
    from inspector.checklists.registry import load_registry
    from inspector.domain.rules.duty import duty_role

    registry = load_registry()
    notice = v.notice
    rows: list[Finding] = []
    for i in v.findings:
        item, text, location, severity, action, basis = D.FINDINGS[i]
        # Addressed to the party that owes the duty (GS-02: the 建设单位 posts the phones).
        party = ctx.parties.get((v.project, duty_role(item))) or ctx.parties.get((v.project, "施工单位"))
        hit = registry.find_item(item)
        form_item = hit[1] if hit else None
        refer_to = (form_item.refer_to or "") if form_item is not None and form_item.refers else ""
        rows.append(ctx.add(s, Finding(
            id=_id("finding", f"{key}:{i}"), project_id=insp.project_id, inspection_id=insp.id,
            checklist_item=item, description=text, location=location, severity=severity, action=action,
            basis=basis, deadline=ctx.day(notice.deadline) if notice else ctx.day(v.day + 7),
            responsible_party_id=party.id if party else None, status="open", refer_to=refer_to)))
    if not notice or not rows:
        return
    # One notice per responsible party: the first keeps the visit's key, the others get their own.
    groups: dict[str | None, list[Finding]] = {}
    for f in rows:
        groups.setdefault(f.responsible_party_id, []).append(f)
    for n, group in enumerate(groups.values()):
        _notice_loop(s, ctx, v, insp, key if n == 0 else f"{key}:p{n + 1}", group, notices, replies)


def _notice_loop(s: Session, ctx: DemoContext, v: Visit, insp: Inspection, key: str, rows: list[Finding],
                 notices: list[Rectification], replies: dict[str, RectificationReply]) -> None:
    notice = v.notice
    assert notice is not None
    issued = ctx.day(v.day)
    stop = any(f.action == "停工整改" for f in rows)
    addressee = s.get(Party, rows[0].responsible_party_id) if rows[0].responsible_party_id else None
    r = _notice(s, ctx, key, insp, rows, issued, ctx.day(notice.deadline), stop, addressee)
    notices.append(r)
    pm = ctx.persons.get((v.project, "项目负责人"))
    if notice.reply is not None:
        r.status = "replied"
        done = ctx.day(notice.reply)
        reply = ctx.add(s, RectificationReply(
            id=_id("reply", key), rectification_id=r.id, reply_no="",
            replied_on=done, measures="已按通知要求逐项组织整改，整改情况见上表。",
            result="整改完成，附整改前后照片。", responsible_person=pm.name if pm else "",
            supervisor_opinion="经复核，整改情况属实。",
            items=[{"finding_id": f.id, "measures": _MEASURES.get(f.checklist_item, "按规范要求返工整改"),
                    "done_on": (done - dt.timedelta(days=1)).isoformat(), "result": "已整改"} for f in rows]))
        replies[r.id] = reply
        if notice.reinspect is not None:
            reply.reinspected_on = ctx.day(notice.reinspect)
            reply.reinspector_name = insp.inspector_name
            if notice.state == "closed":
                reply.verdict, reply.verdict_note = "同意销项", "现场复查整改到位。"
            else:
                reply.verdict, reply.verdict_note = "未整改到位", "复查时动火点仍无监护人，灭火器未配置。"
                for x in reply.items:
                    x["result"] = "施工单位称已整改，复查仍未到位"
    for f in rows:
        f.rectification_id = r.id
        f.status = {"issued": "notified", "replied": "replied", "closed": "closed",
                    "escalated": "escalated"}[notice.state]
        if notice.state == "closed":
            f.closed_on = ctx.day(notice.reinspect or notice.deadline)
    if notice.state == "closed":
        r.status, r.closed_on = "closed", ctx.day(notice.reinspect or notice.deadline)
    elif notice.state == "escalated":
        r.status, r.escalation_reason = "escalated", "复查未整改到位，重新下发整改通知。"
        again = _notice(s, ctx, key + ":re", insp, rows, ctx.day(notice.reinspect or notice.deadline),
                        ctx.day(notice.reissue_deadline or notice.deadline), stop, addressee)
        again.reissued_from_id = r.id
        notices.append(again)
        for f in rows:
            f.rectification_id, f.status = again.id, "notified"


# What a contractor writes it did, per item (the reply's 整改措施 column).
_MEASURES = {
    "XC-10": "按专项方案补设第5至7步连墙件，经监理验收合格",
    "XC-12b": "拆除砂袋，更换为原厂配重块并经安装单位复验",
    "XC-18": "每个动火点配备持证监护人1名、灭火器2具，动火前办理许可",
    "XC-25": "按层增设A级防火隔离带（高300 mm），隐蔽前经监理验收",
    "XC-11b": "作业层脚手板满铺并绑扎牢固",
    "XC-06": "单元出入口搭设防护棚，设置硬质隔离和通行标识",
    "XC-30": "临时配电箱增设二级漏电保护器并测试动作电流",
    "FB-09": "补签项目负责人劳动合同，提交近3个月社保缴费记录",
    "CL-05": "对已用保温板见证取样复验，复验合格前暂停后续施工",
    "XC-07": "在危险部位设置安全警示标志",
    "XC-04": "补全安全技术交底作业人员签字",
    "XC-23a": "出屋面管根部补做附加层，淋水试验无渗漏",
    "GS-02": "在小区公示栏补充公示监理单位投诉电话",
}


def _notice(s: Session, ctx: DemoContext, key: str, insp: Inspection, rows: list[Finding], issued: dt.date,
            deadline: dt.date, stop: bool, addressee) -> Rectification:  # type: ignore[no-untyped-def]
    # The measures, item by item (the deadline is the notice's own field, not a measure).
    measures = "；".join(f"{f.checklist_item}：{_MEASURES.get(f.checklist_item, '按规范要求整改')}" for f in rows)
    if stop:
        measures = "立即停止相关作业，撤出作业人员并设置警戒区；" + measures + "；整改完成经监理复查合格后书面报告本站复查。"
    r = ctx.add(s, Rectification(
        id=_id("rectification", key), project_id=insp.project_id, inspection_id=insp.id,
        notice_no="", action="停工整改" if stop else "限期整改", addressee_party_id=addressee.id if addressee else None,
        issued_on=issued, deadline=deadline,
        requirements=measures.rstrip("。") + "。",
        stop_scope="、".join(f.location for f in rows if f.action == "停工整改") + " 相关作业" if stop else "",
        status="issued"))
    for pos, f in enumerate(sorted(rows, key=lambda f: (f.checklist_item, f.id))):
        ctx.add(s, RectificationFinding(rectification_id=r.id, finding_id=f.id, position=pos))
    return r


# ---- materials and test reports ------------------------------------------------------------------

_MATERIALS = (
    ("挤塑聚苯板（XPS）", "B1级 厚50mm 导热系数≤0.030", "青海华泰保温材料有限公司", "m²", 3000),
    ("SBS改性沥青防水卷材", "Ⅰ型 PY 聚酯胎 4mm", "甘肃金盾防水材料有限公司", "m²", 2400),
    ("断桥铝合金窗", "60系列 5+12A+5中空玻璃", "西宁金辉门窗有限公司", "樘", 400),
    ("聚乙烯燃气管", "PE100 SDR11 dn63", "青海中邦管业有限公司", "m", 1200),
    ("电力电缆", "YJV-0.6/1kV 4×25+1×16", "青海华鼎电缆有限公司", "m", 800),
)
_LAB_PREFIX = {"lab-1": "QJZ", "lab-2": "ZLJC"}


def add_materials(s: Session, ctx: DemoContext) -> None:
    for index, c in enumerate(D.COMMUNITIES):
        p = ctx.projects[c.code_suffix]
        if p.start_date is None:
            continue
        lab = D.FIRMS_BY_KEY[c.lab]
        owner = ctx.parties[(c.code_suffix, "建设单位")]
        witness = ctx.persons.get((c.code_suffix, "见证人员"))
        picks = [0, *sorted(ctx.rng.sample(range(1, len(_MATERIALS)), 2))]
        if c.code_suffix == "CZ-01":
            picks.append(0)  # a second lot of insulation board, for the copied report number below
        if c.code_suffix == "CX-01":
            picks.append(2)  # a windows lot whose report predates its sampling
        if c.code_suffix == "CB-01" and 1 not in picks:
            picks.append(1)  # the membrane lot that fails its re-test
        span = max(10, min(90, (ctx.today - p.start_date).days - 10))
        first_report_no = ""
        for lot, m in enumerate(picks):
            name, spec, maker, unit, qty = _MATERIALS[m]
            entry = p.start_date + dt.timedelta(days=5 + lot * span // len(picks))
            key = f"{c.code_suffix}:{lot}"
            batch = ctx.add(s, MaterialBatch(
                id=_id("batch", key), project_id=p.id, material=name, spec=spec, manufacturer=maker,
                batch_no=f"{entry:%Y%m%d}-{lot + 1:02d}", quantity=float(qty // 2 + lot * (qty // 20)), unit=unit,
                entry_date=entry, certificate_no=f"HG{entry:%y%m}{index:02d}{lot + 1:02d}",
                certificate_quantity=float(qty), retest_required=True,
                witness_name=witness.name if witness else "", sampled_on=entry + dt.timedelta(days=1),
                used=True, used_on=entry + dt.timedelta(days=10), location=f"{1 + lot % c.buildings}号楼"))
            sampled = batch.sampled_on
            assert sampled is not None
            report_date = sampled + dt.timedelta(days=6)
            # Per lab and year, numbers rise with the date (TR-05) and differ between projects.
            serial = (report_date - dt.date(report_date.year, 1, 1)).days * 100 + index * 6 + lot
            report_no = f"{_LAB_PREFIX[c.lab]}-{report_date.year}-{serial:05d}"
            tr = TestReport(
                id=_id("test-report", key), project_id=p.id, batch_id=batch.id, agency=lab.name,
                agency_qualification_no=lab.qualification_no,
                agency_qualification_expiry=ctx.day(lab.expiry_offset_days), report_no=report_no,
                sample=f"{name} {spec}", sampled_on=sampled, tested_on=sampled + dt.timedelta(days=2),
                report_date=report_date, conclusion="合格",
                anti_forgery_code="".join(str(ctx.rng.randint(0, 9)) for _ in range(12)),
                verification="扫描报告二维码，与检测监管平台信息一致", client=owner.name,
                witness_name=witness.name if witness else "")
            _anomalies(c.code_suffix, lot, m, lot == len(picks) - 1, tr, batch, first_report_no)
            if c.code_suffix == "CD-01" and lot == 1:  # commissioned by the contractor, not the 建设单位 (RF-08)
                tr.client = ctx.parties[(c.code_suffix, "施工单位")].name
            first_report_no = first_report_no or tr.report_no
            ctx.add(s, tr)


def _anomalies(suffix: str, lot: int, material: int, last: bool, tr: TestReport, batch: MaterialBatch,
               first_report_no: str) -> None:
    """The report problems the demo must show (TR-05, TR-09, TR-01, RF-07, RF-10) and a failed test."""
    assert tr.sampled_on is not None and tr.report_date is not None
    if suffix == "CZ-01" and last:
        tr.report_no = first_report_no  # the first lot's report, presented again for the second lot
        tr.verification = "扫描报告二维码，平台显示该编号报告对应第一批次，与本批次纸质报告不一致"  # RF-10
        batch.note = "施工单位提供的复验报告编号与第一批次相同"
    if suffix == "HZ-01" and lot == 1:
        tr.witness_name = batch.witness_name = "马占林"  # not an authorised witness of the project (RF-07)
    if suffix == "CX-01" and last:
        tr.report_date = tr.sampled_on - dt.timedelta(days=3)  # issued before the sample was taken
        tr.tested_on = tr.report_date
        tr.verification = "未核验"
    if suffix == "HZ-01" and lot == 0:
        tr.agency_qualification_expiry = tr.report_date - dt.timedelta(days=15)  # lapsed on the report date
    if suffix == "CB-01" and material == 1:
        tr.conclusion = "不合格"
        batch.used, batch.used_on = False, None
        batch.note = "复验不合格，已封存退场"


# ---- complaints and postings ---------------------------------------------------------------------

_COMPLAINTS = (
    # project, day, channel, content, location, name, phone, linked (visit day, finding index), status, days to close
    ("CZ-01", -32, "12345热线", "2号楼2单元门口搭了脚手架，没有防护棚，老人小孩进出很危险", "2号楼2单元",
     "张女士", "13897123456", (-30, 5), "resolved", 7),
    ("CD-01", -14, "电话", "3号楼东边脚手架晃得厉害，好像和墙拉结的地方松了", "3号楼东立面", "李先生",
     "13909718765", (-12, 0), "in_progress", None),
    ("CD-01", -8, "现场反映", "3号楼脚手架还没整改完，工人照样在上面干活", "3号楼东立面", "李先生",
     "13909718765", None, "open", None),
    ("CX-01", -5, "网络", "外墙贴保温板的时候旁边有人电焊，火星乱飞", "1号楼南侧", "", "18809711234",
     None, "open", None),
    ("CB-01", -2, "来访", "楼道里施工用电线私拉乱接，晚上看不清容易绊倒", "5号楼1单元楼道", "王大爷",
     "0971-5123456", None, "open", None),
    ("DT-01", -40, "信件", "屋面防水做完以后顶层还是漏水", "4号楼顶层", "赵女士", "15209714321", None,
     "resolved", 10),
    ("HZ-01", -16, "12345热线", "屋面烤卷材时没人看着，也没有灭火器", "2号楼屋面", "马先生", "13519700007",
     (-20, 2), "in_progress", None),
)


def add_complaints_and_postings(s: Session, ctx: DemoContext) -> None:
    for n, (suffix, day, channel, content, location, name, phone, link, status, close) in enumerate(_COMPLAINTS):
        p = ctx.projects[suffix]
        resolved = ctx.day(day + close) if close else None
        ctx.add(s, Complaint(
            id=_id("complaint", f"{suffix}:{day}:{n}"), project_id=p.id, received_at=ctx.at(day, 10 + n % 6),
            channel=channel, content=content, location=location, complainant_name=name,
            complainant_phone=phone, deadline=ctx.day(day + 7), status=status,
            finding_id=_id("finding", f"{suffix}:{link[0]}:{link[1]}") if link else None,
            resolution="已责令施工单位整改，现场复查整改到位，已电话回复投诉人。" if resolved else "",
            resolved_on=resolved))
    for c in D.COMMUNITIES:
        p = ctx.projects[c.code_suffix]
        if p.permit_date is None:
            continue
        posted = p.permit_date + dt.timedelta(days=3)
        checked = ctx.day(-1) if c.status == "在建" else p.finish_date
        supervisor = D.FIRMS_BY_KEY[c.supervisor]
        postings = [("质量监督投诉电话", D.STATION_PHONE, posted, True, ""),
                    ("监理单位投诉电话", supervisor.complaint_phone, posted, True, ""),
                    ("五牌一图", "", posted, None, "")]
        if c.code_suffix == "CZ-01":
            postings.pop(1)  # GS-02: the supervisor's phone was never posted
        if c.code_suffix == "CB-01":
            late = p.permit_date + dt.timedelta(days=40)
            postings[1] = ("监理单位投诉电话", supervisor.complaint_phone, late, True, "许可后40天才公示")
        if c.code_suffix == "HZ-01":
            postings[1] = ("监理单位投诉电话", supervisor.complaint_phone, posted, False, "拨打三次无人接听")
        for kind, phone, on, answered, note in postings:
            ctx.add(s, PublicPosting(
                id=_id("posting", f"{c.code_suffix}:{kind}"), project_id=p.id, kind=kind, phone=phone,
                posted_on=on, checked_on=checked, call_answered=answered, note=note))
