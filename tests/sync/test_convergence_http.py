"""Random edits, syncs and cut connections of three laptops through the REAL office server
(hypothesis, few examples; one server and three signed-in laptops for them all, fresh project ids
per example, each example starting from where the last one converged): afterwards all
laptops and the office hold the same rows, every accepted edit is in force, kept in a conflict or
knowingly replaced (none lost), and nothing is doubled. The many-example version runs in-process
(test_convergence.py)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from inspector.domain import Conflict, Party, Project
from inspector.services import account
from inspector.services import sync as sync_svc
from inspector.services.integrity import check_store
from inspector.store import Actor, open_workspace
from tests.office.proxy import CutProxy
from tests.sync.helpers import fresh_store_dir, pending, snapshot
from tests.sync.real_office import RealOffice

LAPTOPS = ("a", "b", "c")
PROJECTS = ("p0", "p1")
FIELDS = ("notes", "street", "address")

op = st.one_of(
    st.tuples(st.just("edit"), st.sampled_from(LAPTOPS), st.sampled_from(PROJECTS), st.sampled_from(FIELDS)),
    st.tuples(st.just("party"), st.sampled_from(LAPTOPS), st.sampled_from(PROJECTS)),
    st.tuples(st.just("sync"), st.sampled_from(LAPTOPS)),
    st.tuples(st.just("cut"), st.sampled_from(LAPTOPS), st.sampled_from(("up", "down")), st.integers(1, 6000)),
    st.tuples(st.just("resolve"), st.sampled_from(LAPTOPS)),
)
_examples = itertools.count()


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    """The office, a cutting proxy in front of it, and three laptops signed in through the proxy."""
    base = tmp_path_factory.mktemp("conv-http")
    office = RealOffice(base, users=False).start()
    office.add_user("boss", district="", name="王站长", admin=True)
    proxy = CutProxy(office.port)
    laptops = {}
    for name in LAPTOPS:
        laptops[name] = open_workspace(fresh_store_dir(base, name), Actor(name))
        account.login(laptops[name], proxy.url, "boss", "secret-1")
    yield office, proxy, laptops
    for ws in laptops.values():
        ws.close()
    proxy.close()
    office.close()


class World:
    def __init__(self, proxy: CutProxy, laptops: dict) -> None:
        self.n = next(_examples)
        self.proxy = proxy
        self.ws = laptops
        self.pids = {p: f"conv{self.n}-{p}" for p in PROJECTS}
        self.tokens = itertools.count(1)
        self.written: list[tuple[str, str, str]] = []  # (row, field, value) of every accepted edit
        self.bases: set[tuple[str, str, str]] = set()  # values an edit replaced, knowingly
        self.parties: list[str] = []  # every party added
        with self.ws["a"].write() as s:
            for p, pid in self.pids.items():
                s.add(Project(id=pid, code=f"XN-{pid}", name=f"项目{p}", district="城中区"))
        sync_svc.sync_now(self.ws["a"])

    def run(self, step: tuple) -> None:
        kind, name = step[0], step[1]
        ws = self.ws[name]
        if kind == "edit":
            pid, field = self.pids[step[2]], step[3]
            value = f"{name}-{next(self.tokens)}"
            with ws.write() as s:
                p = s.get(Project, pid)
                if p is None:
                    return
                self.bases.add((pid, field, getattr(p, field)))
                setattr(p, field, value)
            self.written.append((pid, field, value))
        elif kind == "party":
            with ws.write() as s:
                if s.get(Project, self.pids[step[2]]) is None:
                    return
                name = f"单位{self.n}-{next(self.tokens)}"
                s.add(Party(project_id=self.pids[step[2]], role="施工单位", name=name))
            self.parties.append(name)
        elif kind == "sync":
            sync_svc.sync_now(ws, limit=7)
        elif kind == "cut":  # the connection dies after n bytes one way: whatever got through, got through
            (self.proxy.cut_up if step[2] == "up" else self.proxy.cut_down)(step[3])
            try:
                sync_svc.sync_now(ws, retries=0, limit=7)
            except sync_svc.SyncFailed as exc:
                assert "无法连接监督站" in str(exc), str(exc)
            finally:
                self.proxy.up_at = self.proxy.down_at = None
        elif kind == "resolve":
            with ws.write() as s:
                c = s.scalars(select(Conflict).where(Conflict.resolved.is_(False), Conflict.tbl == "projects",
                                                     Conflict.row_id.in_(self.pids.values())).limit(1)).first()
                if c is None:
                    return
                p = s.get(Project, c.row_id)
                self.bases.add((c.row_id, c.field, getattr(p, c.field)))
                setattr(p, c.field, c.other_value)
                c.resolved, c.resolution, c.resolved_by = True, "other", ws.actor.name

    def settle(self) -> None:
        """Sync round the laptops until a whole round moves nothing (a pull can add conflicts to push)."""
        for _ in range(5):
            moved = 0
            for name in LAPTOPS:
                r = sync_svc.sync_now(self.ws[name])
                moved += r.pushed + r.pulled
            if not moved:
                break
        assert not moved and all(pending(ws) == 0 for ws in self.ws.values())


@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(op, min_size=3, max_size=12))
def test_three_laptops_converge_through_the_real_office(setup, steps):
    office, proxy, laptops = setup
    world = World(proxy, laptops)
    for step in steps:
        world.run(step)
    world.settle()
    want = snapshot(office.hub)
    for ws in world.ws.values():
        assert snapshot(ws) == want
    report = check_store(world.ws[steps[0][1]])
    assert report.ok, report
    mine = set(world.pids.values())
    final = {(pid, f, row[f]) for pid, row in want["projects"].items() if pid in mine for f in FIELDS}
    kept = {(c["row_id"], c["field"], v) for c in want["sync_conflicts"].values() if c["row_id"] in mine
            for v in (c["kept_value"], c["other_value"])}
    lost = [w for w in world.written if w not in final | kept | world.bases]
    assert not lost, lost
    # Nothing doubled: one row per fact (each party added once), one conflict per disagreement.
    assert len({(c["row_id"], c["field"], c["other_value"], c["other_device"])
                for c in want["sync_conflicts"].values()}) == len(want["sync_conflicts"])
    parties = [r["name"] for r in want["parties"].values() if r["project_id"] in mine]
    assert sorted(parties) == sorted(set(parties)) == sorted(world.parties)
