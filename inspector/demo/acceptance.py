"""Demo joint acceptances and handover (see `demo.py`): CZ-02 (已移交) has a signed passing
acceptance and a signed handover, CX-02 (已验收) a signed passing acceptance, CD-02 (待验收) a draft
acceptance blocked by its open notice.

The demo records are signed with a demo inspector certificate kept under `<data>/keys/demo/`, never
with (or as) the user's own key. Idempotent: records are made under fixed ids, once."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
from pathlib import Path

from sqlalchemy import select

from inspector.domain import Acceptance, Handover, Party, Person, Project, Signatory
from inspector.domain.clock import china_today
from inspector.paths import write_private
from inspector.services import acceptance as acc
from inspector.services import handover as hand
from inspector.services import signatures
from inspector.services.changes import Changes
from inspector.services.keys import DEMO_PASSPHRASE
from inspector.services.numbering import next_number
from inspector.store import Unit, use_case

log = logging.getLogger(__name__)

DEMO_SIGNER = "演示监督员（演示证书）"
CHECKS = {"subunits": {"total": 9, "ok": 9}, "quality_docs": {"total": 42, "ok": 42},
          "safety_function": {"checked": 12, "checked_ok": 12, "sampled": 6, "sampled_ok": 6},
          "appearance": {"sampled": 20, "good": 20}}


def _checks(project: Project) -> dict:
    """The 核查 rows of a passing acceptance: the residents asked counted in households (户), and
    every functional test the project's renovation items call for done and passed (an elevator
    project has its 电梯监督检验)."""
    from inspector.domain.rules.acceptance_tests import required_tests

    households = project.households or 0
    surveyed = max(1, households * 9 // 10)
    tests = required_tests(project.renovation_items or [], elevators=project.elevators)
    return {**CHECKS, "residents": {"surveyed": surveyed, "satisfied": surveyed * 94 // 100},
            "functional": {t: "合格" for t in tests}}


def _id(kind: str, key: str) -> str:
    from inspector.demo.seed import demo_id

    return demo_id(kind, key)


def _strokes(seed: int) -> list:
    """A different, plausible hand for each signatory (deterministic)."""
    n = 36
    a = [[0.08 + 0.8 * i / n, 0.5 + 0.25 * math.sin(i / (3 + seed % 3) + seed), i * 14] for i in range(n + 1)]
    b = [[0.25 + 0.05 * (seed % 4), 0.2, 620], [0.3 + 0.05 * (seed % 4), 0.85, 720]]
    return [a, b]


# Who signs the joint acceptance for a party: its registered 项目负责人, the 监理's 总监理工程师.
SIGNER_ROLE = {"监理单位": "总监理工程师"}
# CX-02's contractor signature is given by the 技术负责人 in the 项目负责人's place (RF-37).
STAND_IN = {("CX-02", "施工单位"): "技术负责人"}


def _names(s, project: Project) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    """role -> (organisation, person) from the project's parties and key personnel."""
    out = {}
    suffix = project.code.removeprefix("XN-DEMO-")
    for party in s.scalars(select(Party).where(Party.project_id == project.id, Party.deleted.is_(False))):
        people = {p.role: p.name for p in s.scalars(select(Person).where(Person.party_id == party.id,
                                                                           Person.deleted.is_(False)))}
        post = STAND_IN.get((suffix, party.role)) or SIGNER_ROLE.get(party.role, "项目负责人")
        lead = people.get(post) or next(iter(sorted(people.values())), "")
        out[party.role] = (party.name, lead or party.contact_person or "")
    return out


def street_office(project: Project) -> str:
    """礼让街街道 -> 礼让街街道办事处; 鲁沙尔镇 -> 鲁沙尔镇人民政府."""
    street = project.street or ""
    if street.endswith("镇"):
        return f"{street}人民政府"
    return f"{street}办事处" if street.endswith("街道") else f"{street}街道办事处"


def _attendees(s, project: Project) -> list[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    n = _names(s, project)
    community = project.community or "社区"
    return [
        ("组织单位", f"西宁市{project.district}人民政府", "韩志强", "副区长"),
        ("县区住建部门", f"{project.district}住房和城乡建设局", "祁德明", "副局长"),
        ("街道办事处", street_office(project), "冶秀梅", "副主任"),
        ("建设单位/实施主体", *n.get("建设单位", (f"{project.district}住房和城乡建设局", "马文军")), "项目负责人"),
        ("施工单位", *n["施工单位"], "项目经理"),
        ("监理单位", *n["监理单位"], "总监理工程师"),
        ("设计单位", *n["设计单位"], "项目负责人"),
        ("社区居委会", f"{community}居民委员会", "李秀兰", "主任"),
        ("业主代表", f"{project.community_name} 2号楼1单元", "赵永平", "业主代表"),
    ]


def _make_acceptance(uow: Unit, project_id: str, key: str, held_on: dt.date) -> str | None:
    aid = _id("acceptance", key)
    s = uow.session
    if s.get(Acceptance, aid) is not None:
        return None
    p = s.get(Project, project_id)
    from inspector.demo.data import INSPECTORS

    staff = [{"name": name, "badge": badge} for _key, name, badge, _district in INSPECTORS]
    a = Acceptance(id=aid, project_id=project_id, record_no=next_number(s, "acceptance", held_on.year),
                   held_on=held_on, location=p.address, organiser=f"西宁市{p.district}人民政府",
                   blockers=[], checks=_checks(p), conclusion="合格", status="draft", supervisors=staff,
                   problems="无影响使用功能的问题；个别楼道墙面污染已于验收前清理。",
                   resident_opinion="居民代表对改造效果满意，希望加强后续楼道照明维护。",
                   station_opinion="验收组织形式、程序和执行标准符合规定，同意验收结论。")
    s.add(a)
    for i, (role, org, person, title) in enumerate(_attendees(s, p), 1):
        s.add(Signatory(id=_id("signatory", f"{key}:A{i}"), record_kind="acceptance", record_id=aid,
                        position=i, role=role, organisation=org, person_name=person, title=title,
                        opinion="合格", phone=f"0971-61{i:02d}{len(key):03d}"[:13]))
    s.flush()
    for i in range(1, len(_attendees(s, p)) + 1):
        signatures.sign(uow, signatory_id=_id("signatory", f"{key}:A{i}"), strokes=_strokes(i + len(key)),
                        when=dt.datetime.combine(held_on, dt.time(3, 30 + i), tzinfo=dt.UTC))
    return aid


def _make_handover(uow: Unit, project_id: str, key: str, handed_on: dt.date) -> str | None:
    hid = _id("handover", key)
    s = uow.session
    if s.get(Handover, hid) is not None:
        return None
    p = s.get(Project, project_id)
    community = p.community_name
    accepted = acc.latest_signed(s, project_id)
    # What the service starts a handover with: facilities, utility networks, equipment and each
    # item's warranty from the project's renovation items and the passed acceptance, the warranty
    # from the real contractor and its 项目负责人 (never 施工单位 / 项目经理 as placeholders).
    filled = hand.prefill(s, project_id, accepted)
    sides = (filled["giver"], f"{p.community or '社区'}居民委员会", street_office(p))
    s.add(Handover(id=hid, project_id=project_id, acceptance_id=accepted.id, documents=[], keys=[],
                   record_no=next_number(s, "handover", handed_on.year), handed_on=handed_on,
                   receiver_kind="社区居委会", receiver=sides[1], witness=sides[2], status="draft", **filled))
    for i, (side, org) in enumerate(zip(("移交方", "接收方", "见证方"), sides, strict=True), 1):
        s.add(Signatory(id=_id("signatory", f"{key}:H{i}"), record_kind="handover", record_id=hid,
                        position=i, role=side, organisation=org))
    s.flush()
    d = hand.get_handover(uow, hid)
    facilities = [dict(f) for f in d.facilities]
    for f in facilities:
        f.update(location=f"{community}", condition="完好")
    equipment = [dict(e) for e in d.equipment]
    for n, e in enumerate(equipment, 1):
        e.update(model="TKJ1000/1.0-JXW" if "电梯" in e["name"] else "DS-K1T671", serial=f"DT-{p.code[-5:]}-{n:02d}",
                 location="2号楼1单元" if "电梯" in e["name"] else "各单元", maintainer="青海通力电梯工程有限公司"
                 if "电梯" in e["name"] else "西宁安居智能科技有限公司")
        if "电梯" in e["name"]:
            e.update(registration_no=f"梯11青A{n:04d}(26)", valid_to=(handed_on + dt.timedelta(days=365)).isoformat())
    hand.update_handover(uow, handover_id=hid, values={
        "facilities": facilities, "equipment": equipment,
        "documents": [{"name": "竣工图", "quantity": "1套"}, {"name": "竣工联合验收记录", "quantity": "1份"},
                      {"name": "检测报告汇编", "quantity": "1册"}, {"name": "质量保修书", "quantity": "1份"},
                      {"name": "电梯使用登记证及监督检验报告", "quantity": "1套"}],
        "keys": [{"name": "配电室钥匙", "quantity": "2把"}, {"name": "门禁管理卡", "quantity": "3张"}],
        "maintenance": "公共设施由社区居委会委托物业服务企业日常维护，费用按小区自治管理规约分担；电梯由维保单位按月维保。",
        "open_issues": "无"})
    for i, (sig, name) in enumerate(zip(hand.get_handover(uow, hid).signatories, ("马文军", "李秀兰", "王建华"),
                                        strict=True)):
        signatures.update_signatory(uow, signatory_id=sig.id, values={"person_name": name})
        signatures.sign(uow, signatory_id=sig.id, strokes=_strokes(20 + i))
    return hid


_opened: dict[tuple, object] = {}


def _demo_key(data_dir: Path):  # type: ignore[no-untyped-def]
    """The demo certificate's key, opened (each opening costs the full KDF, so once per file)."""
    from inspector.reports.signing import make_self_signed, open_pkcs12

    path = data_dir / "keys" / "demo" / "demo.p12"
    if not path.is_file():
        # Its passphrase is public (keys.DEMO_PASSPHRASE), so a slow KDF would protect nothing and
        # only slow every demo set-up down: a token iteration count.
        p12, _info = make_self_signed(DEMO_SIGNER, DEMO_PASSPHRASE, organisation="演示数据", iterations=2048)
        write_private(path, p12)  # 0600 like every key: its passphrase is public, the file need not be
    data = path.read_bytes()
    key = (str(path), hashlib.sha256(data).hexdigest())
    if key not in _opened:
        _opened.clear()
        _opened[key] = open_pkcs12(data, DEMO_PASSPHRASE)
    return _opened[key]


def sign_with_demo_key(uow: Unit, kind: str, record_id: str) -> None:
    """Sign through the one signing path (`records.sign_record`), with the demo certificate instead
    of the user's key."""
    from inspector.services import records

    records.sign_record(uow, kind=kind, record_id=record_id, passphrase=DEMO_PASSPHRASE,
                        key=_demo_key(uow.data_dir))


@use_case
def add_acceptance_demo(uow: Unit, *, today: dt.date | None = None) -> Changes:
    """Add the demo acceptances and handover if their projects are there and they are not."""
    today = today or china_today()
    made = []
    s = uow.session
    present = {k: s.get(Project, _id("project", k)) for k in ("CZ-02", "CX-02", "CD-02")}
    for key, held, handed in (("CZ-02", -315, -300), ("CX-02", -190, None)):
        project = present.get(key)
        if project is None:
            continue
        aid = _make_acceptance(uow, project.id, key, today + dt.timedelta(days=held))
        if aid:
            sign_with_demo_key(uow, "acceptance", aid)
            made.append(aid)
        if handed is not None:
            hid = _make_handover(uow, project.id, key, today + dt.timedelta(days=handed))
            if hid:
                sign_with_demo_key(uow, "handover", hid)
                made.append(hid)
    blocked = present.get("CD-02")
    aid = _id("acceptance", "CD-02")
    if blocked is not None and s.get(Acceptance, aid) is None:
        blockers = acc.check_preconditions(uow, project_id=blocked.id)
        held_on = today + dt.timedelta(days=7)
        s.add(Acceptance(id=aid, project_id=blocked.id, record_no=next_number(s, "acceptance", held_on.year),
                         held_on=held_on, location=blocked.address,
                         organiser=f"西宁市{blocked.district}人民政府", checks={}, status="draft",
                         blockers=[b.to_json() for b in blockers]))
        made.append(aid)
    log.info("demo acceptance records added: %d", len(made))
    return Changes.of("acceptances", "handovers", "signatories", ids=made)
