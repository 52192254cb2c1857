"""Random edits, exchanges, cut connections and replays between the office's store and two laptops
(hypothesis): afterwards all three hold the same rows, every accepted edit is either the value in
force or kept in a conflict (none lost, none doubled), every audit chain verifies and every signed
record still matches its seal."""

from __future__ import annotations

import itertools
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from inspector.domain import Acceptance, Conflict, Party, Project
from inspector.domain.errors import RecordLockedError
from inspector.services.integrity import check_store
from inspector.sync.client import LocalPeer, SyncSummary, pull, push, sync
from inspector.sync.state import changes_since
from tests.sync.helpers import chains, fresh_store_dir, laptop, office, pending, quick_sign, snapshot

PROJECTS = ("p0", "p1", "p2")
FIELDS = ("notes", "street", "community", "address")
STORES = ("hub", "a", "b")

op = st.one_of(
    st.tuples(st.just("edit"), st.sampled_from(STORES), st.sampled_from(PROJECTS), st.sampled_from(FIELDS)),
    st.tuples(st.just("party"), st.sampled_from(STORES), st.sampled_from(PROJECTS)),
    st.tuples(st.just("sign"), st.sampled_from(("a", "b")), st.sampled_from(PROJECTS)),
    st.tuples(st.just("sync"), st.sampled_from(("a", "b"))),
    st.tuples(st.just("push"), st.sampled_from(("a", "b"))),
    st.tuples(st.just("pull"), st.sampled_from(("a", "b"))),
    st.tuples(st.just("cut"), st.sampled_from(("a", "b"))),
    st.tuples(st.just("replay"), st.sampled_from(("a", "b"))),
    st.tuples(st.just("resolve"), st.sampled_from(STORES)),
)


class World:
    def __init__(self, base: Path) -> None:
        self.ws = {"hub": office(fresh_store_dir(base, "hub")), "a": laptop(fresh_store_dir(base, "a"), "甲"),
                   "b": laptop(fresh_store_dir(base, "b"), "乙")}
        self.tokens = itertools.count(1)
        self.written: list[tuple[str, str, str]] = []  # (row, field, value) of every accepted edit
        self.bases: set[tuple[str, str, str]] = set()  # values an edit replaced, knowingly
        self.last_push: dict[str, object] = {}
        with self.ws["a"].write() as s:
            for pid in PROJECTS:
                s.add(Project(id=pid, code=f"XN-{pid}", name=f"项目{pid}", district="城中区"))
        self.sync("a")

    def peer(self, name: str) -> LocalPeer:
        return LocalPeer(self.ws["hub"], self.ws[name].device_id)

    def sync(self, name: str) -> None:
        sync(self.ws[name], self.peer(name), limit=7)

    def run(self, step: tuple) -> None:
        kind, name = step[0], step[1]
        ws = self.ws[name]
        if kind == "edit":
            pid, field = step[2], step[3]
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
                if s.get(Project, step[2]) is not None:
                    s.add(Party(project_id=step[2], role="施工单位", name=f"单位{next(self.tokens)}"))
        elif kind == "sign":
            with ws.write() as s:
                if s.get(Project, step[2]) is None:
                    return
                a = Acceptance(project_id=step[2], record_no=f"验{next(self.tokens)}", conclusion="合格")
                s.add(a)
            quick_sign(ws, "acceptance", a.id)
            try:  # nobody may change it now
                with ws.write() as s:
                    s.get(Acceptance, a.id).problems = "改"
            except RecordLockedError:
                pass
            else:
                raise AssertionError("a signed record took a change")
        elif kind == "sync":
            self.sync(name)
        elif kind == "push":
            push(ws, self.peer(name), SyncSummary(), limit=5)
        elif kind == "pull":
            pull(ws, self.peer(name), SyncSummary(), limit=5)
        elif kind == "cut":  # the office applied the push, but the answer never reached the laptop
            batch = changes_since(ws, None, limit=5)
            if batch.rows or batch.events:
                self.peer(name).push(batch)
                self.last_push[name] = batch
        elif kind == "replay" and name in self.last_push:
            self.peer(name).push(self.last_push[name])
        elif kind == "resolve":
            with ws.write() as s:
                c = s.scalars(select(Conflict).where(Conflict.resolved.is_(False), Conflict.tbl == "projects")
                              .limit(1)).first()
                if c is None:
                    return
                p = s.get(Project, c.row_id)
                self.bases.add((c.row_id, c.field, getattr(p, c.field)))
                setattr(p, c.field, c.other_value)
                c.resolved, c.resolution, c.resolved_by = True, "other", ws.actor.name

    def settle(self) -> None:
        for _ in range(4):
            for name in ("a", "b"):
                self.sync(name)
        assert pending(self.ws["a"]) == pending(self.ws["b"]) == 0


@settings(max_examples=int(os.environ.get("INSPECTOR_HYPOTHESIS_EXAMPLES", "12")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow], derandomize=not os.environ.get("INSPECTOR_HYPOTHESIS_EXAMPLES"))
@given(st.lists(op, min_size=3, max_size=22))
def test_three_stores_converge_and_lose_nothing(steps):
    with tempfile.TemporaryDirectory(prefix="inspector-conv-") as tmp:
        world = World(Path(tmp))
        try:
            for step in steps:
                world.run(step)
            world.settle()
            hub, a, b = (world.ws[n] for n in STORES)
            want = snapshot(hub)
            assert snapshot(a) == want and snapshot(b) == want
            assert chains(a).keys() <= chains(hub).keys() and chains(b).keys() <= chains(hub).keys()
            for ws in (hub, a, b):
                report = check_store(ws)
                assert report.ok, report
            # Every accepted edit is in force, kept in a conflict, or was knowingly replaced.
            final = {(pid, f, row[f]) for pid, row in want["projects"].items() for f in FIELDS}
            kept = {(c["row_id"], c["field"], v) for c in want["sync_conflicts"].values()
                    for v in (c["kept_value"], c["other_value"])}
            lost = [w for w in world.written if w not in final | kept | world.bases]
            assert not lost, lost
            # Nothing doubled: one row per fact, one conflict per disagreement.
            assert len({(c["row_id"], c["field"], c["other_value"], c["other_device"])
                        for c in want["sync_conflicts"].values()}) == len(want["sync_conflicts"])
        finally:
            for ws in world.ws.values():
                ws.close()
