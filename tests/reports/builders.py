"""Realistic records for the report tests and the benchmark, written through the real store."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
from pathlib import Path

from PIL import Image, ImageDraw

from inspector.domain import (
    Acceptance,
    Answer,
    ChecklistVersion,
    Finding,
    Handover,
    Inspection,
    InspectionChecklist,
    Party,
    Person,
    Photo,
    PhotoLink,
    Project,
    Rectification,
    RectificationFinding,
    RectificationReply,
    Signatory,
)
from inspector.domain.clock import CHINA_TZ as CST  # test data written in China time
from inspector.store import Store

ITEMS = [
    ("FB-09", "项目负责人与施工单位订立劳动合同", "yes", False, ""),
    ("FB-10", "项目负责人养老保险由施工单位缴纳(查近3个月缴费记录)", "no", True, "社保缴纳单位为青海某劳务公司"),
    ("XC-17", "屋面防水基层平整、干燥，阴阳角做成圆弧", "yes", False, ""),
    ("XC-22", "热熔法施工已办理动火许可证并设监护人", "no", True, "3号楼屋面动火作业无监护人"),
    ("XC-30", "楼道照明线路穿管敷设，接头在接线盒内", "na", False, "本次未施工"),
]


def checklist_content() -> dict:
    return {"id": "site-quality", "version": 2,
            "title": {"zh": "现场质量安全检查", "en": "Site quality and safety"},
            "items": [{"id": i, "text": {"zh": t, "en": ""}, "answer": "yes-no-na"} for i, t, *_ in ITEMS]}


def signature_png(seed: int) -> bytes:
    """A drawn-signature-like PNG (transparent background, dark strokes)."""
    rnd = random.Random(seed)
    im = Image.new("RGBA", (480, 160), (255, 255, 255, 0))
    d = ImageDraw.Draw(im)
    x, y = 30, 80
    for _ in range(14):
        nx, ny = min(450, x + rnd.randint(10, 40)), max(20, min(140, y + rnd.randint(-45, 45)))
        d.line([(x, y), (nx, ny)], fill=(20, 20, 60, 255), width=5)
        x, y = nx, ny
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def add_photo(store: Store, s, data: bytes, *, name: str, lat: float | None = 36.6232, lon: float | None = 101.7789,
              annotation: list | None = None) -> str:
    sha = store.blobs.put_bytes(data)
    if s.get(Photo, sha) is None:
        s.add(Photo(id=sha, original_name=name, format="JPEG", byte_size=len(data), width=0, height=0,
                    taken_at=dt.datetime(2026, 5, 12, 2, 30, tzinfo=dt.UTC), lat=lat, lon=lon,
                    imported_by="王建国", caption="", annotation=annotation))
    return sha


def make_project(store: Store) -> dict[str, str]:
    with store.write() as s:
        p = Project(code="XN-2026-CD-017", name="城东区八一路小区老旧小区改造工程", community_name="八一路小区",
                    district="城东区", street="八一路街道", community="东环社区", address="西宁市城东区八一中路12号",
                    supervision_no="JD-2026-0417", permit_no="630102202604120101", buildings=8, households=412,
                    floor_area=28600.0, plan_year=2026, contract_price=12860000.0,
                    renovation_items=["屋面防水", "外墙保温", "楼道照明"],
                    start_date=dt.date(2026, 4, 20), finish_date=dt.date(2026, 9, 30))
        s.add(p)
        ids = {"project": p.id}
        for role, name in [("建设单位", "西宁市城东区住房和城乡建设局"), ("施工单位", "青海宏远建设工程有限公司"),
                           ("监理单位", "青海正诚工程监理有限公司"), ("检测单位", "西宁市建设工程质量检测中心")]:
            party = Party(project_id=p.id, role=role, name=name, contact_person="联系人", contact_phone="0971-8123456")
            s.add(party)
            ids[role] = party.id
        pm = Person(party_id=ids["施工单位"], project_id=p.id, name="李志强", role="项目负责人",
                    registration_no="青163202012345")
        chief = Person(party_id=ids["监理单位"], project_id=p.id, name="赵敏", role="总监理工程师",
                       registration_no="63001234")
        s.add_all([pm, chief])
        ids["pm"], ids["chief"] = pm.id, chief.id
    return ids


def make_inspection(store: Store, ids: dict[str, str], photos: list[tuple[str, bytes]] = ()) -> str:
    with store.write() as s:
        content = checklist_content()
        cv = ChecklistVersion(checklist_id="site-quality", version=2, content_sha256=hashlib.sha256(b"x").hexdigest(),
                              title_zh="现场质量安全检查", content=content)
        s.add(cv)
        insp = Inspection(project_id=ids["project"], record_no="〔2026〕第0012号", kind="专项检查",
                          inspector_name="王建国", co_inspector_name="马晓燕",
                          started_at=dt.datetime(2026, 5, 12, 9, 30, tzinfo=CST),
                          finished_at=dt.datetime(2026, 5, 12, 11, 45, tzinfo=CST), weather="晴", temperature_c=14.5,
                          wind_level=3, progress_note="1-4号楼屋面防水完成80%，5-8号楼外墙保温施工中",
                          attendance={ids["pm"]: True, ids["chief"]: False},
                          summary="现场质量总体受控，屋面动火作业管理薄弱，责令限期整改。", status="completed")
        s.add(insp)
        s.add(InspectionChecklist(inspection_id=insp.id, checklist_version_id=cv.id, position=0))
        answers = {}
        for item_id, _text, value, failed, note in ITEMS:
            a = Answer(inspection_id=insp.id, checklist_version_id=cv.id, item_id=item_id, value=value,
                       failed=failed, note=note)
            s.add(a)
            answers[item_id] = a.id
        s.add(Finding(project_id=ids["project"], inspection_id=insp.id, answer_id=answers["XC-22"], checklist_item="XC-22",
                      description="3号楼屋面热熔法动火作业未设监护人", location="3号楼屋面", severity="严重",
                      action="停工整改", basis="GB 50720 6.3.1", deadline=dt.date(2026, 5, 12)))
        s.add(Finding(project_id=ids["project"], inspection_id=insp.id, answer_id=answers["FB-10"], checklist_item="FB-10",
                      description="项目负责人养老保险非施工单位缴纳", location="项目部", severity="严重",
                      action="限期整改", basis="发承包办法8", deadline=dt.date(2026, 5, 19)))
        for n, (name, data) in enumerate(photos):
            sha = add_photo(store, s, data, name=name,
                            annotation=[{"type": "circle", "x1": 0.3, "y1": 0.3, "x2": 0.6, "y2": 0.6,
                                         "color": "#ff0000"}] if n == 0 else None)
            # An item's photo hangs on the inspection, the item in item_id (as the services link it).
            target = ("answer", insp.id, "XC-22") if n == 0 else ("inspection", insp.id, "")
            s.add(PhotoLink(photo_id=sha, target_kind=target[0], target_id=target[1], item_id=target[2]))
        return insp.id


def make_rectification(store: Store, ids: dict[str, str], inspection_id: str, *, stop: bool = True) -> str:
    from sqlalchemy import select

    with store.write() as s:
        r = Rectification(project_id=ids["project"], inspection_id=inspection_id, notice_no="西建质改〔2026〕第0031号",
                          action="停工整改" if stop else "限期整改", addressee_party_id=ids["施工单位"],
                          issued_on=dt.date(2026, 5, 12), deadline=dt.date(2026, 5, 15),
                          requirements="立即停止3号楼屋面动火作业，配备持证监护人及灭火器材后报监理复查。",
                          stop_scope="局部：3号楼屋面防水热熔作业")
        s.add(r)
        for pos, f in enumerate(s.scalars(select(Finding).where(Finding.inspection_id == inspection_id)
                                          .order_by(Finding.checklist_item))):
            s.add(RectificationFinding(rectification_id=r.id, finding_id=f.id, position=pos))
            f.rectification_id = r.id
            f.status = "notified"
        return r.id


def make_reply(store: Store, rectification_id: str, photos: list[tuple[str, bytes]] = ()) -> str:
    with store.write() as s:
        reply = RectificationReply(rectification_id=rectification_id, reply_no="西建质改〔2026〕第0031号-回1",
                                   replied_on=dt.date(2026, 5, 14), measures="增设专职动火监护人2名，配置灭火器8具",
                                   result="已整改完毕，动火许可证已办理", responsible_person="李志强",
                                   supervisor_opinion="经复查，整改到位，同意复工。", reinspected_on=dt.date(2026, 5, 15),
                                   reinspector_name="王建国", verdict="同意销项", verdict_note="现场核实")
        s.add(reply)
        for n, (name, data) in enumerate(photos):
            sha = add_photo(store, s, data, name=name)
            s.add(PhotoLink(photo_id=sha, target_kind="reply", target_id=reply.id, role="整改前" if n == 0 else "整改后"))
        return reply.id


ACCEPTANCE_ROLES = ["组织单位", "建设单位/实施主体", "施工单位", "监理单位", "设计单位", "县区住建部门",
                    "社区居委会", "业主代表"]


def make_acceptance(store: Store, ids: dict[str, str], *, attendees: int = 8,
                    photos: list[tuple[str, bytes]] = ()) -> str:
    with store.write() as s:
        a = Acceptance(project_id=ids["project"], record_no="西建验〔2026〕第0005号", held_on=dt.date(2026, 10, 8),
                       location="八一路小区活动中心", organiser="西宁市城东区人民政府",
                       checks={"subunits": {"total": 6, "ok": 6}, "quality_docs": {"total": 32, "ok": 32},
                               "functional": {"屋面淋水/蓄水试验": "合格", "给水管道试压": "合格"}},
                       blockers=[{"code": "YS-09", "kind": "rectification", "record_id": "r-31",
                                  "text": "整改通知 西建质改〔2026〕第0031号 已复查未归档"}],
                       override_reason="通知已复查销项，归档手续在办", override_by="城东区住建局 刘刚",
                       problems="5号楼单元门禁调试未完成，限10月20日前完成，施工单位负责。",
                       resident_opinion="居民代表满意，共收回意见表46份，满意44份。", conclusion="合格",
                       station_opinion="验收组织形式、程序符合规定，执行标准正确。监督人员：王建国、马晓燕。")
        s.add(a)
        for i in range(attendees):
            role = ACCEPTANCE_ROLES[i % len(ACCEPTANCE_ROLES)]
            sig = store.blobs.put_bytes(signature_png(i))
            s.add(Signatory(record_kind="acceptance", record_id=a.id, position=i, role=role,
                            organisation=f"验收单位{i + 1:02d}", person_name=f"签字人{i + 1:02d}", title="负责人",
                            opinion="合格" if i != 3 else "不合格", reasons="" if i != 3 else "门禁未调试完成",
                            signature_sha256=sig, signed_at=dt.datetime(2026, 10, 8, 10, i % 60, tzinfo=CST)))
        for n, (name, data) in enumerate(photos):
            # A numbered marker on each photo, so the pictures differ (as real ones do) and the PDF
            # cannot share one image between them.
            mark = [{"type": "text", "x1": 0.05, "y1": 0.05, "text": f"验收照片 {n + 1}", "color": "#ffff00"},
                    {"type": "rect", "x1": 0.1 + n / 100, "y1": 0.3, "x2": 0.5, "y2": 0.7, "color": "#ff0000"}]
            sha = add_photo(store, s, data, name=name, annotation=mark)
            s.add(PhotoLink(photo_id=sha, target_kind="acceptance", target_id=a.id))
        return a.id


def make_handover(store: Store, ids: dict[str, str], acceptance_id: str) -> str:
    with store.write() as s:
        h = Handover(project_id=ids["project"], acceptance_id=acceptance_id, record_no="西建移〔2026〕第0003号",
                     handed_on=dt.date(2026, 10, 20), giver="西宁市城东区住房和城乡建设局", receiver_kind="社区居委会",
                     receiver="东环社区居民委员会", witness="八一路街道办事处",
                     facilities=[{"name": "楼道声控灯", "location": "1-8号楼", "quantity": "96套", "condition": "完好"},
                                 {"name": "单元门禁", "location": "1-8号楼", "quantity": "24套", "condition": "完好"}],
                     documents=[{"name": "竣工图", "copies": "2套"}, {"name": "质量保修书", "copies": "1份"}],
                     keys=[{"name": "配电室钥匙", "count": "2把", "holder": "社区物业办"}],
                     warranty={"unit": "青海宏远建设工程有限公司", "from": "2026-10-08", "to": "2031-10-07",
                               "contact": "李志强", "phone": "13997001234"},
                     warranty_items=[{"item": "屋面防水", "scope": "屋面防水工程", "period": "5年", "from": "2026-10-08",
                                      "to": "2031-10-07", "basis": "质量条例40(二)"}],
                     equipment=[{"name": "电梯", "model": "TKJ1000/1.0", "serial": "DT-01", "location": "2号楼1单元",
                                 "maintainer": "青海通力电梯工程有限公司", "registration_no": "梯11青A0001(26)",
                                 "valid_to": "2027-10-07", "note": ""}],
                     utility_assets=[{"name": "供水管线改造", "location": "小区内", "quantity": "1.2 km",
                                      "receiver": "西宁市供排水集团有限公司", "note": ""}],
                     maintenance="公共照明及门禁由社区委托物业服务企业维护，费用由社区公共收益列支。",
                     open_issues="5号楼门禁调试，10月20日前完成，施工单位负责。")
        s.add(h)
        for i, role in enumerate(["移交方", "接收方", "见证方"]):
            sig = store.blobs.put_bytes(signature_png(100 + i))
            s.add(Signatory(record_kind="handover", record_id=h.id, position=i, role=role,
                            organisation=[h.giver, h.receiver, h.witness][i], person_name=["刘刚", "陈秀兰", "张伟"][i],
                            signature_sha256=sig, signed_at=dt.datetime(2026, 10, 20, 15, 0, tzinfo=CST)))
        return h.id


def read_photo(photos_dir: Path, name: str) -> tuple[str, bytes]:
    return name, (photos_dir / name).read_bytes()


def make_referral(store: Store, ids: dict[str, str], inspection_id: str) -> str:
    """A 案件线索移送函 listing the inspection's FB-10 finding (referred to 住建执法)."""
    from sqlalchemy import select

    from inspector.domain import Referral, ReferralFinding

    with store.write() as s:
        f = s.scalars(select(Finding).where(Finding.inspection_id == inspection_id,
                                            Finding.checklist_item == "FB-10")).one()
        f.refer_to = "住建执法"
        r = Referral(project_id=ids["project"], inspection_id=inspection_id, referral_no="西建质送〔2026〕第0002号",
                     authority="住建执法", authority_name="西宁市城东区住房和城乡建设局执法大队",
                     issued_on=dt.date(2026, 5, 12), facts="项目负责人社会保险由劳务公司缴纳",
                     evidence="社保缴费记录复印件1份", status="draft")
        s.add(r)
        s.add(ReferralFinding(referral_id=r.id, finding_id=f.id, position=0))
        return r.id
