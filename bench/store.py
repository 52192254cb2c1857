"""Store benchmark: project search and filter latency at the scale of a whole city's programme.

    .venv/bin/python bench/store.py [--out DIR] [--keep] [--projects N] [--inspections N] [--answers N]

1. Generates a store of 1 000 projects (5 parties and 8 key persons each), 50 000 inspections and
   1 000 000 checklist answers. The rows go in with SQLAlchemy Core `insert()` executemany, in big
   transactions, *bypassing the ORM session hooks*: no audit events, no rev bumps. That is how a
   bulk load would be done and it keeps generation to about a minute; the tables, indexes and
   triggers are the real ones (the store's own migrations make them).
2. Times `inspector.services.projects.search_projects` over varied queries — Chinese name, code,
   address, party name, person name, district / status / year filters and combinations —
   reporting median and p95 per query and overall (target < 50 ms), plus the register's own path
   (`list_projects` once, then `matches` in memory per keystroke).
3. Prints the store's size on disk.
5. Bytes per answer (`dbstat`): the bulk-loaded answers, then `--typed` answers (default 2 000)
   through the real write path — autosave, one answer per unit of work, audit and outbox — in a
   fresh store (`bench/store_bytes.py`).
4. Sync state: makes 1 000 local edits of answers through the real write path (units of work: audit,
   outbox), then times finding the changes to push (`sync.state.changes_since(store, None)`, target
   < 50 ms), and times applying a pulled batch of 10 000 rows (answers with their inspections,
   projects and checklist versions) into an empty laptop store (rows/s).

With --out DIR the store is kept there, and a later run with the same --out and sizes reuses it
instead of generating again. Without --out it goes to a temporary folder, removed unless --keep.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import human_bytes, print_table, summary, time_ms  # noqa: E402

SEED = 7
MARKER = "bench_store"
CHUNK = 50_000

_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文祁铁冶鲁"
_GIVEN = "建国海军志强永红文斌秀兰国庆德才生林明华晓燕立新卫东海涛玉梅春花成福振华得元长青国良宏伟丽萍建华小龙文静"
_STREETS = ("八一路", "东关大街", "南大街", "七一路", "西关大街", "胜利路", "冷湖路", "朝阳东路", "小桥大街",
            "祁连路", "柴达木路", "互助路", "南山路", "五四西路", "昆仑路", "长江路", "黄河路", "同仁路",
            "海湖路", "文化街", "建设巷", "花园街", "夏都大街", "湟光路", "园林路", "人民路", "明清街")
_UNITS = ("毛纺厂", "铁路", "粮食局", "供销社", "印刷厂", "商业厅", "纺织厂", "农机厂", "电厂", "建行",
          "供电局", "气象局", "地质队", "水泥厂", "邮电局", "物资局", "汽修厂", "医药公司", "百货公司", "师范学校")
_DISTRICTS = ("城东区", "城中区", "城西区", "城北区", "湟中区", "大通县", "湟源县")
_DCODE = {"城东区": "CD", "城中区": "CZ", "城西区": "CX", "城北区": "CB", "湟中区": "HZ", "大通县": "DT", "湟源县": "HY"}
_STATUSES = ("储备", "计划", "在建", "在建", "在建", "待验收", "已验收", "已移交", "已移交")
_ROLES = ("建设单位", "设计单位", "施工单位", "监理单位", "检测单位")
_PERSON_ROLES = ("项目负责人", "技术负责人", "质量负责人", "安全负责人", "专职安全员", "劳资专管员",
                 "总监理工程师", "专业监理工程师")


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))


def _firms(rng: random.Random) -> dict[str, list[str]]:
    """A city's pool of firms: a contractor or supervisor works on many projects."""
    suffix = {"建设单位": "住房和城乡建设局", "设计单位": "设计研究院有限公司", "施工单位": "建设工程有限公司",
              "监理单位": "工程监理有限公司", "检测单位": "质量检测有限公司"}
    size = {"建设单位": 7, "设计单位": 12, "施工单位": 60, "监理单位": 25, "检测单位": 8}
    words = "宏远鼎盛昆仑诚信正和众联华泰金盾中邦华鼎青源西海河湟三江雪域高原通达恒信安泰昌盛德润"
    pool: dict[str, list[str]] = {}
    for role in _ROLES:
        names = set()
        while len(names) < size[role]:
            prefix = rng.choice(("青海", "西宁", "青海省", "西宁市"))
            names.add(prefix + rng.choice(words) + rng.choice(words) + suffix[role])
        pool[role] = sorted(names)
    return pool


def generate(store, *, projects: int, inspections: int, answers: int) -> dict:  # type: ignore[no-untyped-def]
    """Bulk-load the store (Core executemany, ORM hooks bypassed). Returns what it made."""
    import datetime as dt

    from sqlalchemy import insert

    from inspector.domain import Answer, ChecklistVersion, Inspection, Party, Person, Project
    from inspector.store import search_index

    rng = random.Random(SEED)
    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    meta = {"rev": 1, "base_rev": 0, "updated_at": now, "updated_by": "bench", "device_id": "bench",
            "deleted": False}
    firms = _firms(rng)
    project_rows, party_rows, person_rows = [], [], []
    for i in range(projects):
        district = rng.choice(_DISTRICTS)
        street, unit = rng.choice(_STREETS), rng.choice(_UNITS)
        plan_year = rng.randint(2019, 2027)
        community = f"{street}{unit}家属院" + ("" if rng.random() < 0.7 else f"{rng.randint(2, 9)}号院")
        pid = _uid(rng)
        project_rows.append({
            **meta, "id": pid, "code": f"XN-{plan_year}-{_DCODE[district]}-{i + 1:04d}",
            "name": f"{community}老旧小区改造项目", "community_name": community, "district": district,
            "street": f"{street[:2]}街道", "community": f"{street}社区",
            "address": f"西宁市{district}{street}{rng.randint(1, 400)}号", "year_built": rng.randint(1980, 2000),
            "buildings": rng.randint(1, 12), "households": rng.randint(24, 480),
            "floor_area": float(rng.randint(1500, 36000)), "plan_year": plan_year,
            "status": rng.choice(_STATUSES), "renovation_items": [], "notes": "", "permit_no": "",
            "supervision_no": ""})
        parties = {}
        for role in _ROLES:
            party = {**meta, "id": _uid(rng), "project_id": pid, "role": role, "name": rng.choice(firms[role]),
                     "credit_code": "", "qualification": "", "qualification_no": "", "safety_licence_no": "",
                     "contact_person": _name(rng), "contact_phone": "", "complaint_phone": ""}
            parties[role] = party
            party_rows.append(party)
        for role in _PERSON_ROLES:
            party = parties["监理单位" if "监理" in role else "施工单位"]
            person_rows.append({**meta, "id": _uid(rng), "party_id": party["id"], "project_id": pid,
                                "name": _name(rng), "role": role,
                                "registration_no": f"青{rng.randint(1, 2)}63{rng.randint(10**8, 10**9 - 1)}",
                                "safety_cert_no": "", "phone": "", "labour_contract_verified": True,
                                "social_insurance_verified": True, "on_site_verified": rng.random() < 0.9})
    versions = []
    for k in range(4):
        items = [{"id": f"XC-{j:02d}", "text": {"zh": f"检查项{j}"}} for j in range(1, 61)]
        versions.append({**meta, "id": _uid(rng), "checklist_id": f"bench-{k}", "version": 1,
                         "content_sha256": f"{k:064d}", "title_zh": f"基准检查表{k}",
                         "content": {"id": f"bench-{k}", "items": items}, "published_at": None})
    per = max(1, answers // max(1, inspections))
    built = [p for p in project_rows if p["status"] not in ("储备", "计划")] or project_rows
    start = time.perf_counter()
    with store.engine.begin() as conn:
        # The search index's per-row triggers would rebuild a project's row 14 times: once at the end,
        # with a page cache that holds the index being built (the default 2 MB re-reads it from the
        # file for every page it touches: hours at 100 000 projects).
        conn.exec_driver_sql("PRAGMA cache_size=-524288")
        search_index.bulk_load_begin(conn)
        conn.execute(insert(Project.__table__), project_rows)
        conn.execute(insert(Party.__table__), party_rows)
        conn.execute(insert(Person.__table__), person_rows)
        search_index.bulk_load_end(conn)
        conn.execute(insert(ChecklistVersion.__table__), versions)
        conn.exec_driver_sql("PRAGMA cache_size=-2000")
    made_answers = 0
    for base in range(0, inspections, CHUNK // per or 1):
        insp_rows, answer_rows = [], []
        for n in range(base, min(inspections, base + (CHUNK // per or 1))):
            project = rng.choice(built)
            started = now - dt.timedelta(days=rng.randint(0, 1500), minutes=rng.randint(0, 600))
            iid = _uid(rng)
            insp_rows.append({**meta, "id": iid, "project_id": project["id"], "record_no": f"〔B〕第{n + 1:06d}号",
                              "kind": rng.choice(("日常巡查", "专项检查", "投诉核查", "验收前检查")),
                              "inspector_name": _name(rng), "co_inspector_name": "", "started_at": started,
                              "finished_at": started + dt.timedelta(hours=2), "weather": "晴", "progress_note": "",
                              "attendance": {}, "summary": "", "status": rng.choice(("completed", "signed"))})
            version = rng.choice(versions)
            for j in range(per):
                if made_answers >= answers:
                    break
                failed = rng.random() < 0.06
                answer_rows.append({**meta, "id": _uid(rng), "inspection_id": iid,
                                    "checklist_version_id": version["id"], "item_id": f"XC-{j + 1:02d}",
                                    "value": "no" if failed else rng.choice(("yes", "yes", "yes", "na")),
                                    "note": "", "failed": failed})
                made_answers += 1
        with store.engine.begin() as conn:
            conn.execute(insert(Inspection.__table__), insp_rows)
            if answer_rows:
                conn.execute(insert(Answer.__table__), answer_rows)
        print(f"  … {min(inspections, base + len(insp_rows)):,} 次检查，{made_answers:,} 条答案", flush=True)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    # A checkpoint cannot run inside a transaction: use the driver connection (autocommit).
    raw = store.engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
    made = {"projects": projects, "inspections": inspections, "answers": made_answers,
            "parties": len(party_rows), "persons": len(person_rows),
            "seconds": round(time.perf_counter() - start, 1)}
    store.set_setting(MARKER, json.dumps(made))
    return made


def queries(store) -> list[tuple[str, dict]]:  # type: ignore[no-untyped-def]
    """Varied searches drawn from the data itself, so each one finds something (or not, on purpose)."""
    from sqlalchemy import func, select

    from inspector.domain import Party, Person, Project

    with store.read() as s:
        total = s.scalar(select(func.count()).select_from(Project))
        p = s.scalars(select(Project).order_by(Project.code).offset(total * 5 // 12).limit(1)).one()
        contractor = s.scalar(select(Party.name).where(Party.project_id == p.id, Party.role == "施工单位"))
        person = s.scalar(select(Person.name).where(Person.project_id == p.id, Person.role == "项目负责人"))
    street = next(s for s in _STREETS if s in p.address)
    unit = next((u for u in _UNITS if u in p.community_name), "铁路")
    return [
        ("全部（无条件）", {}),
        ("小区名称：毛纺厂", {"text": "毛纺厂"}),
        ("完整小区名称", {"text": p.community_name}),
        ("项目编号（完整）", {"text": p.code}),
        ("项目编号（片段）", {"text": p.code[-4:]}),
        ("地址：" + street, {"text": street}),
        ("施工单位名称", {"text": contractor}),
        ("项目负责人姓名", {"text": person}),
        ("无结果", {"text": "不存在的小区"}),
        ("两个词", {"text": f"{street[:2]} 家属院"}),
        ("县区", {"district": "城西区"}),
        ("状态", {"status": "在建"}),
        ("年度", {"year": 2024}),
        ("县区+状态+年度", {"district": p.district, "status": p.status, "year": p.plan_year}),
        ("文字+县区", {"text": unit, "district": p.district}),
    ]


def run(store, *, repeat: int) -> tuple[float, ...]:  # type: ignore[no-untyped-def]
    from inspector.services.project_search import SORTS, ProjectQuery, page_projects
    from inspector.services.projects import search_projects

    rows, everything = [], []
    for label, q in queries(store):
        samples, found = time_ms(lambda q=q: search_projects(store, **q), repeat=repeat)
        everything += samples
        med, p95, worst = summary(samples)
        rows.append([label, len(found), f"{med:.1f}", f"{p95:.1f}", f"{worst:.1f}"])
    print("\nsearch_projects（数据库查询，毫秒）")
    print_table(["查询", "结果数", "中位数", "p95", "最大"], rows)
    med, p95, worst = summary(everything)
    # Every result of a broad query is up to every project: its cost is the rows' (reported, no
    # target); what a user waits for is the first page, which the target is about.
    print(f"全部查询（取回全部结果，最多 {rows[0][1]:,} 行）：中位数 {med:.1f} ms，p95 {p95:.1f} ms，"
          f"最大 {worst:.1f} ms（随结果行数增长，仅供参考）")
    first = []
    for _label, q in queries(store):
        first += time_ms(lambda q=q: search_projects(store, **q, limit=200), repeat=repeat)[0]
    fmed, fp95, fworst = summary(first)
    print(f"全部查询（前 200 条，排序后）：中位数 {fmed:.1f} ms，p95 {fp95:.1f} ms，最大 {fworst:.1f} ms"
          f"（目标 < 50 ms：{'达标' if fp95 < 50 else '未达标'}）")

    # The register's own path: the first page (200 rows) and the count, in the register's order.
    paged = []
    for _label, q in queries(store):
        query = ProjectQuery(**q)
        s, _ = time_ms(lambda query=query: page_projects(store, query), repeat=repeat)
        paged += s
    for sort in SORTS:
        s, _ = time_ms(lambda sort=sort: page_projects(store, ProjectQuery(sort=sort, descending=True)),
                       repeat=repeat)
        paged += s
    med, p95, worst = summary(paged)
    print(f"登记簿一页（200 行 + 总数，各查询与各列排序）page_projects：中位数 {med:.1f} ms，p95 {p95:.1f} ms，"
          f"最大 {worst:.1f} ms")
    return summary(everything) + (fmed, fp95)


_HAY = """CREATE TABLE m.hay AS SELECT p.id, lower(p.code || ' ' || p.name || ' ' || p.community_name || ' ' ||
    p.address || ' ' || p.street || ' ' || p.community || ' ' ||
    coalesce((SELECT group_concat(name, ' ') FROM parties WHERE project_id = p.id AND deleted = 0), '') || ' ' ||
    coalesce((SELECT group_concat(name, ' ') FROM persons WHERE project_id = p.id AND deleted = 0), ''))
    AS text FROM projects p"""


def compare(store, *, repeat: int) -> None:  # type: ignore[no-untyped-def]
    """Reference point, not product code: the same searches against a search text built once per
    project (what a maintained `search_text` column or FTS5 table would give), in one query that
    reads only the listed columns. Checks that it finds the same projects."""
    from inspector.services.projects import search_projects

    raw = store.engine.raw_connection()
    try:
        db = raw.driver_connection
        db.execute("ATTACH ':memory:' AS m")
        start = time.perf_counter()
        db.execute(_HAY)
        built = (time.perf_counter() - start) * 1000

        def search(q: dict) -> list[str]:
            where, args = ["p.deleted = 0"], []
            for key, col in (("district", "p.district"), ("status", "p.status"), ("year", "p.plan_year")):
                if q.get(key):
                    where.append(f"{col} = ?")
                    args.append(q[key])
            for word in q.get("text", "").lower().split():
                where.append("h.text LIKE ?")
                args.append(f"%{word}%")
            sql = ("SELECT p.id, p.code, p.name, p.community_name, p.district, p.street, p.address, p.status, "
                   "p.plan_year, p.households, (SELECT name FROM parties WHERE project_id = p.id "
                   "AND role = '施工单位' AND deleted = 0 LIMIT 1) FROM projects p JOIN m.hay h ON h.id = p.id "
                   "WHERE " + " AND ".join(where) + " ORDER BY p.code")
            return [r[0] for r in db.execute(sql, args)]

        samples = []
        for _label, q in queries(store):
            s, found = time_ms(lambda q=q: search(q), repeat=repeat)
            samples += s
            assert set(found) == {r.id for r in search_projects(store, **q)}, q  # ours ranks: same set
        med, p95, worst = summary(samples)
        print(f"\n参照（预先拼接搜索文本，单条查询，只取所列字段；构建 {built:.0f} ms）："
              f"中位数 {med:.1f} ms，p95 {p95:.1f} ms，最大 {worst:.1f} ms；结果与 search_projects 相同")
    finally:
        raw.close()


def others(store, *, repeat: int) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from inspector.domain import Answer, Inspection
    from inspector.services.listing import list_records

    samples, listing = time_ms(lambda: list_records(store, kind="inspections"), repeat=3)
    print(f"\n其他：list_records(inspections) {len(listing.rows):,} 行，中位数 {summary(samples)[0]:.0f} ms")
    with store.read() as s:
        ids = s.scalars(select(Inspection.id).limit(50)).all()

    def answers(i: str) -> int:
        with store.read() as s:
            return len(s.scalars(select(Answer).where(Answer.inspection_id == i)).all())

    samples = []
    for i in ids[:repeat * 3]:
        samples += time_ms(lambda i=i: answers(i), repeat=1, warmup=0)[0]
    med, p95, _ = summary(samples)
    print(f"其他：读取一次检查的全部答案（约 20 条）：中位数 {med:.1f} ms，p95 {p95:.1f} ms")


def sync_state(store, *, repeat: int) -> None:  # type: ignore[no-untyped-def]
    """Finding what to push after 1 000 local edits; applying a pulled batch of 10 000 rows."""
    from sqlalchemy import select

    from inspector.domain import Answer, ChecklistVersion, Inspection, Outbox, Project
    from inspector.store import Actor, Mode, open_workspace
    from inspector.sync.client import SYNC_ACTOR
    from inspector.sync.state import apply_remote, changes_since
    from inspector.sync.wire import Batch, row_of

    with store.read() as s:
        already = s.query(Outbox).count()
        ids = list(s.scalars(select(Answer.id).order_by(Answer.id).limit(1000)))
    if already < 1000:
        start = time.perf_counter()
        for i in range(0, len(ids), 10):  # autosave-sized transactions
            with store.write() as s:
                for aid in ids[i:i + 10]:
                    s.get(Answer, aid).note = f"复核 {i}"
        print(f"\n同步状态：1 000 次本地修改（经真实写入路径，100 个事务）用时 {time.perf_counter() - start:.1f} s")
    from inspector.sync.state import outbox_entries

    def find() -> list:
        with store.read() as s:
            return outbox_entries(s, 1000)

    samples, found = time_ms(find, repeat=repeat)
    med, p95, _ = summary(samples)
    print(f"查找待推送的更改（{len(found)} 行，在 {len(ids):,} 次修改后、100 万条答案中）："
          f"中位数 {med:.1f} ms，p95 {p95:.1f} ms（目标 < 50 ms）")
    samples, batch = time_ms(lambda: changes_since(store, None, limit=1000), repeat=repeat)
    med, p95, _ = summary(samples)
    print(f"组成待推送的一批（{len(batch.rows)} 行 + {len(batch.events)} 条审计记录，含字段值）："
          f"中位数 {med:.1f} ms，p95 {p95:.1f} ms")

    with store.read() as s:
        answers = list(s.scalars(select(Answer).order_by(Answer.inspection_id).limit(9000)))
        inspections = list(s.scalars(select(Inspection).where(Inspection.id.in_({a.inspection_id for a in answers}))))
        projects = list(s.scalars(select(Project).where(Project.id.in_({i.project_id for i in inspections}))))
        versions = list(s.scalars(select(ChecklistVersion)))
        extra = 10_000 - len(answers) - len(inspections) - len(projects) - len(versions)
        more = list(s.scalars(select(Answer).where(Answer.inspection_id.in_([i.id for i in inspections]))
                              .where(Answer.id.not_in([a.id for a in answers])).limit(max(0, extra))))
        rows = [row_of(o) for o in (*projects, *versions, *inspections, *answers, *more)]
    batch = Batch("bench-office", rows, [], [], "1", False, "pull")
    with tempfile.TemporaryDirectory(prefix="inspector-bench-apply-") as tmp:
        device = open_workspace(Path(tmp), Actor("bench"))
        start = time.perf_counter()
        with device.store.unit(SYNC_ACTOR, Mode.REMOTE) as uow:
            apply_remote(uow, batch)
        took = time.perf_counter() - start
        device.close()
    print(f"应用拉取的一批 {len(rows):,} 行（空的设备库，一个事务，含审计）：{took:.2f} s，{len(rows) / took:,.0f} 行/秒")


def write_path_bytes(store, bulk_answers: int, typed: int) -> None:  # type: ignore[no-untyped-def]
    """Bytes per answer: the bulk-loaded store next to answers typed through autosave (audit,
    outbox), the way a laptop's store really grows (`bench/store_bytes.py`)."""
    from store_bytes import fill, report, report_bulk

    report_bulk(store.path, bulk_answers)
    with tempfile.TemporaryDirectory(prefix="inspector-bench-bytes-") as tmp:
        db, before, n, took = fill(Path(tmp) / "data", typed)
        print(f"\n{n} 条答案经自动保存写入（每条一个事务），用时 {took:.1f} s")
        report(db, before, n, "真实写入路径")


def _has_projects(store) -> bool:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from inspector.domain import Project

    with store.read() as s:
        return s.scalar(select(Project.id).limit(1)) is not None


def register_gui(data_dir: Path, runs: int = 3) -> dict:
    """The real register driven offscreen in a new process (bench/register_gui.py), `runs` times;
    the median of each figure."""
    import os
    import statistics
    import subprocess

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_LOGGING_RULES": "qt.qpa.*=false",
           "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # installs have byte-code caches; recompiling is not start-up
    results = []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, str(Path(__file__).with_name("register_gui.py")), str(data_dir)],
                              capture_output=True, text=True, env=env, timeout=600)
        if proc.returncode != 0:
            raise RuntimeError(f"register_gui failed:\n{proc.stdout}\n{proc.stderr[-3000:]}")
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    out: dict = {}
    for key, value in results[0].items():
        if isinstance(value, list):
            out[key] = [statistics.median(r[key][i] for r in results) for i in range(len(value))]
        else:
            out[key] = statistics.median(r[key] for r in results)
    out["worst_gap"] = max(max(r["settle_gap"], *(v[1] for v in r.values() if isinstance(v, list)))
                           for r in results)
    return out


def report(projects: int, search: tuple[float, ...], gui: dict) -> None:
    """The issue's figures for this size (medians of the GUI runs)."""
    ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
    rows = [
        ["登记簿填充时 UI 线程最长停顿", ms(gui["fill_gap"])],
        ["进程启动 → 登记簿首页显示", f"{gui['register_filled']:.2f} s（窗口显示后 "
                                 f"{gui['register_filled'] - gui['window_shown']:.2f} s）"],
        ["首页之后：项目页与同步控件就绪（UI 线程最长停顿）",
         f"{gui['settled']:.2f} s（{ms(gui['settle_gap'])}）"],
        ["清空搜索框 / 按列排序（UI 线程最长停顿）", f"{ms(gui['clear'][1])} / {ms(gui['sort'][1])}"],
        ["清空搜索框 / 按列排序（到结果显示）", f"{ms(gui['clear'][0])} / {ms(gui['sort'][0])}"],
        ["缩小范围的一次按键（UI 线程 / 到结果）", f"{ms(gui['narrow'][1])} / {ms(gui['narrow'][0])}"],
        ["按县区筛选（UI 线程 / 到结果）", f"{ms(gui['filter_district'][1])} / {ms(gui['filter_district'][0])}"],
        ["打开一个项目 / 方向键连走十个（UI 线程 / 到项目页显示）",
         f"{ms(gui['open_project'][1])} / {ms(gui['open_project'][0])}；"
         f"{ms(gui['walk_projects'][1])} / {ms(gui['walk_projects'][0])}"],
        ["search_projects 中位数 / p95（全部结果）", f"{search[0]:.1f} / {search[1]:.1f} ms"],
        ["search_projects 中位数 / p95（前 200 条）", f"{search[3]:.1f} / {search[4]:.1f} ms"],
        ["GUI 峰值内存", f"{gui['peak_rss_mib']:.0f} MiB"],
        ["各步骤中 UI 线程最长停顿（所有运行）", ms(gui["worst_gap"])],
    ]
    print(f"\n== {projects:,} 个项目：登记簿（真实界面，offscreen，{gui['total']:,.0f} 行，"
          f"首页载入 {gui['rows_loaded']:.0f} 行）==")
    print_table(["指标（中位数）", "数值"], rows)


def store_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.parent.glob(path.name + "*") if f.is_file())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, help="where to build (or reuse) the store; kept")
    ap.add_argument("--generate-only", action="store_true", help="build (or find) the cached store, then stop")
    ap.add_argument("--projects", type=int, default=1_000)
    ap.add_argument("--inspections", type=int, default=50_000)
    ap.add_argument("--answers", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=7, help="timed runs per query")
    ap.add_argument("--no-compare", action="store_true", help="skip the reference search")
    ap.add_argument("--no-others", action="store_true", help="skip the inspection and sync figures")
    ap.add_argument("--typed", type=int, default=2000, help="answers typed through autosave for bytes/answer")
    args = ap.parse_args(argv)

    from inspector.store import Actor, open_workspace

    # Generated stores are cached under the temporary folder by size: 100 000 projects take minutes.
    out = args.out or Path(tempfile.gettempdir()) / (
        f"inspector-bench-store-p{args.projects}-i{args.inspections}-a{args.answers}")
    store = open_workspace(out, Actor("bench"))
    try:
        wanted = {"projects": args.projects, "inspections": args.inspections}
        made = json.loads(store.get_setting(MARKER) or "{}")
        if made and all(made.get(k) == v for k, v in wanted.items()):
            print(f"复用已生成的数据库：{out}（{made}）")
        elif made or _has_projects(store):  # (a fresh store's WAL alone can pass 1 MB: not a size test)
            print(f"错误：{out} 中已有其他数据，请换一个 --out 目录", file=sys.stderr)
            return 2
        else:
            print(f"生成数据库：{out}")
            made = generate(store, projects=args.projects, inspections=args.inspections, answers=args.answers)
            print(f"生成完成：{made}")
        if args.generate_only:
            return 0
        search = run(store, repeat=args.repeat)
        if not args.no_compare:
            compare(store, repeat=args.repeat)
        store.close()
        gui = register_gui(out)
        store = open_workspace(out, Actor("bench"))
        report(args.projects, search, gui)
        if not args.no_others:
            others(store, repeat=args.repeat)
            sync_state(store, repeat=args.repeat)
        size = store_size(store.path)
        print(f"\n数据库大小：{human_bytes(size)}（{store.path.name} 及 -wal/-shm）")
        write_path_bytes(store, made["answers"], args.typed)
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
