"""Building blocks for the acceptance tests: a project with its parties, an open rectification
(through the real findings service), material batches and attendees."""

from __future__ import annotations

import datetime as dt
import math

from inspector.domain import Inspection, MaterialBatch, Party, Person, Project, TestReport
from inspector.domain.clock import china_today
from inspector.services import findings, signatures
from inspector.store import Store

DAY = dt.date(2026, 9, 1)

ROLES = [  # role, organisation, person — the required roles (issue 10: the 县区 organiser, a 相关部门 and
    # the 设计单位 among them; the 街道办事处 is a 相关部门, the 社区居委会 the residents' own)
    ("组织单位", "城中区人民政府", "王区长"),
    ("建设单位/实施主体", "城中区住房和城乡建设局", "李建设"),
    ("施工单位", "青海安居建设有限公司", "张项目"),
    ("监理单位", "西宁诚信监理有限公司", "赵总监"),
    ("街道办事处", "南关街街道办事处", "孙主任"),
    ("设计单位", "西宁市城乡规划设计研究院有限公司", "周设计"),
    ("社区居委会", "南关街社区居委会", "刘主任"),
    ("业主代表", "3号楼2单元", "陈业主"),
]


def make_project(store: Store, code: str = "XN-T-01") -> str:
    with store.write() as s:
        # Ready for acceptance in itself: permit, parties and key people registered. (The permit is
        # dated today: the complaint phones are not due to be posted yet, so no red flag about them.)
        p = Project(code=code, name="南关街小区改造", community_name="南关街小区", district="城中区",
                    address="西宁市城中区南关街12号", status="待验收", permit_no="630103202604010101",
                    permit_date=china_today())
        s.add(p)
        s.flush()
        for role, name, person_role, person in (
                ("建设单位", "城中区住房和城乡建设局", "", ""),
                ("施工单位", "青海安居建设有限公司", "项目负责人", "张项目"),
                ("监理单位", "西宁诚信监理有限公司", "总监理工程师", "赵总监")):
            party = Party(project_id=p.id, role=role, name=name)
            s.add(party)
            s.flush()
            if person:
                s.add(Person(project_id=p.id, party_id=party.id, role=person_role, name=person))
        return p.id


def open_rectification(store: Store, project_id: str) -> str:
    """A finding put on a notice (整改中): the rectification is open."""
    with store.write() as s:
        insp = Inspection(project_id=project_id, kind="日常巡查", status="completed", inspector_name="测试监督员")
        s.add(insp)
        insp_id = insp.id
    findings.add_finding(store, project_id=project_id, inspection_id=insp_id, description="楼道灯未安装",
                         today=DAY - dt.timedelta(days=30))
    rid, _ = findings.issue_notice(store, inspection_id=insp_id, issued_on=DAY - dt.timedelta(days=30))
    return rid


def close_rectification(store: Store, rectification_id: str) -> None:
    findings.record_reply(store, rectification_id=rectification_id, replied_on=DAY - dt.timedelta(days=25),
                          measures="已安装声控灯", result="整改完成")
    findings.reinspect(store, rectification_id=rectification_id, verdict=findings.VERDICT_CLOSE,
                       reinspected_on=DAY - dt.timedelta(days=20),
                       override_reason="测试：现场复查确认已整改，照片另存")


_report_seq = iter(range(1, 10**6))


def add_batch(store: Store, project_id: str, *, reports: tuple[str, ...] = ("合格",), used: bool = True) -> str:
    with store.write() as s:
        b = MaterialBatch(project_id=project_id, material="挤塑聚苯板", spec="B1级 50mm", batch_no="20260801",
                          retest_required=True, used=used)
        s.add(b)
        for c in reports:
            s.add(TestReport(project_id=project_id, batch_id=b.id, agency="青海省建筑工程质量检测中心",
                             report_no=f"JC-2026-{next(_report_seq):04d}", conclusion=c,
                             verification="扫码核对，与监管平台一致"))
        return b.id


def wave(phase: float = 0.0, n: int = 40) -> list[list[list[float]]]:
    """A plausible hand-written stroke pair."""
    a = [[0.1 + 0.8 * i / n, 0.5 + 0.3 * math.sin(i / 4 + phase), i * 15] for i in range(n + 1)]
    b = [[0.3, 0.2, 700], [0.35, 0.8, 800]]
    return [a, b]


def add_attendees(store: Store, acceptance_id: str, *, roles=ROLES, sign: bool = True) -> list[str]:
    ids = []
    for k, (role, org, person) in enumerate(roles):
        sid, _ = signatures.add_signatory(store, record_kind="acceptance", record_id=acceptance_id, role=role,
                                          organisation=org, person_name=person, title="负责人",
                                          phone="0971-1234567", opinion="合格")
        if sign:
            signatures.sign(store, signatory_id=sid, strokes=wave(k))
        ids.append(sid)
    return ids
