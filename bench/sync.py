"""Sync at realistic scale, through a real `inspector-office serve` process on 127.0.0.1.

    python bench/sync.py [--projects 1000 --inspections 50000 --answers 1000000 --photos 2000] [--pg]

A laptop store made by `bench/store.py`'s generator (every row waiting in the outbox, as a laptop
that worked offline for months) plus photos, and a fresh office for each run. Prints:

* the first full sync: rows/s, MB/s, and the bytes on the wire (counted by a TCP proxy in front of
  the server, both ways, headers included) ÷ the payload (each row's JSON as the wire carries it,
  plus the photos' bytes): the protocol's overhead;
* a sync with nothing to do (median of several), and the same on a store ten times smaller: its
  cost should not grow with the store;
* a sync cut by the proxy at half its bytes, then resumed: the bytes sent again, as a share of all;
* with --pg, the same first sync through an office on PostgreSQL (Debian's server binaries, a
  throwaway cluster, as the tests use).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import human_bytes, print_table

# The tests' TCP proxy: counts the bytes each way and cuts a connection after a given number.
from tests.office.proxy import CutProxy  # noqa: E402 - REPO is on sys.path once common is imported
from tests.office.server import OfficeServer, office_cli  # noqa: E402 - the tests' office process

PASSWORD = "bench-password-2026"
MARKER = "bench_sync_photos"


# ---- the office as a process ----------------------------------------------------------------------

def start_office(data_dir: Path, db_url: str | None) -> OfficeServer:
    """A fresh office with an admin account (it sees every district the generator made)."""
    office_cli("user", "add", "bench", "--district", "城中区", "--admin", data_dir=data_dir, db_url=db_url,
               stdin=PASSWORD + "\n")
    return OfficeServer(data_dir, db_url, log=data_dir.parent / "server.log").start()


# ---- the laptop store -----------------------------------------------------------------------------

def build_template(out: Path, args: argparse.Namespace) -> Path:
    """A laptop store (reused when it matches) whose every row waits in the outbox, with photos."""
    sys.path.insert(0, str(Path(__file__).parent))
    import store as store_bench  # bench/store.py: the generator

    from inspector.domain import Inspection, Photo, PhotoLink
    from inspector.store import Actor, open_workspace
    from inspector.sync.tables import synced_models

    ws = open_workspace(out, Actor("bench"))
    try:
        want = {"projects": args.projects, "inspections": args.inspections, "answers": args.answers,
                "photos": args.photos, "photo_kb": args.photo_kb}
        if json.loads(ws.get_setting(MARKER) or "{}") == want:
            print(f"复用已生成的笔记本数据库：{out}")
            return ws.path
        if ws.get_setting(store_bench.MARKER):
            raise SystemExit(f"{out} 中已有其他数据，请换一个 --out 目录")
        print(f"生成笔记本数据库：{out}")
        store_bench.generate(ws, projects=args.projects, inspections=args.inspections, answers=args.answers)
        rng = random.Random(7)
        from sqlalchemy import select

        with ws.read() as s:
            inspections = s.scalars(select(Inspection.id).limit(args.photos)).all()
        for base in range(0, args.photos, 200):
            with ws.write() as s:  # through the write path: ids, revisions as the app makes them
                for i in range(base, min(args.photos, base + 200)):
                    data = rng.randbytes(args.photo_kb * 1024)
                    sha = ws.blobs.put_bytes(data)
                    s.add(Photo(id=sha, original_name=f"IMG_{i:05d}.jpg", format="JPEG", byte_size=len(data)))
                    s.add(PhotoLink(photo_id=sha, target_kind="inspection",
                                    target_id=inspections[i % len(inspections)], role="evidence"))
        with ws.store.engine.begin() as conn:
            # As a laptop that never synced: every row waits in the outbox (what migration 0006 does).
            conn.exec_driver_sql("DELETE FROM sync_outbox")
            for model in synced_models():
                table = model.__tablename__
                conn.exec_driver_sql(f"INSERT INTO sync_outbox (tbl, row_id, rev, fields, error) "
                                     f"SELECT '{table}', id, rev, '[\"*\"]', '' FROM {table}")
        ws.store.set_setting(MARKER, json.dumps(want))
        return ws.path
    finally:
        ws.close()


def laptop_copy(template: Path, where: Path):  # type: ignore[no-untyped-def]
    """A fresh copy of the template laptop (its own store file and device; the photos shared)."""
    from inspector.store import Actor, open_workspace

    where.mkdir(parents=True)
    for suffix in ("", "-wal", "-shm"):
        src = Path(str(template) + suffix)
        if src.exists():
            shutil.copyfile(src, where / (template.name + suffix))
    os.symlink(template.parent / "blobs", where / "blobs")
    return open_workspace(where, Actor("bench"))


# ---- runs -----------------------------------------------------------------------------------------

class Payload:
    """What the pushes carried, counted as they go (each row's values as compact JSON: the content
    the protocol must move), by wrapping the client's push; photos are counted from the store."""

    def __init__(self) -> None:
        from inspector.sync.http import HttpPeer

        self.rows = self.bytes = 0
        original = HttpPeer.push

        def counting(peer, batch):  # type: ignore[no-untyped-def]
            self.rows += len(batch.rows)
            self.bytes += sum(len(json.dumps(r.values, ensure_ascii=False, separators=(",", ":")).encode())
                              for r in batch.rows)
            return original(peer, batch)

        HttpPeer.push = counting  # type: ignore[method-assign]

    def reset(self) -> None:
        self.rows = self.bytes = 0


def photo_bytes(ws) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from inspector.domain import Photo

    with ws.read() as s:
        return s.scalar(select(func.sum(Photo.byte_size))) or 0


def sync_once(ws, *, timeout: float = 600) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    from inspector.services import sync as svc

    start = time.perf_counter()
    result = svc.sync_now(ws, timeout=timeout, retries=0)
    return time.perf_counter() - start, result


def sign_in(ws, url: str) -> None:  # type: ignore[no-untyped-def]
    from inspector.services import account

    os.environ[account.NO_KEYRING_ENV] = "1"
    account.login(ws, url, "bench", PASSWORD)


def first_sync(template: Path, base: Path, name: str, db_url: str | None, payload: Payload) -> dict:
    office = start_office(base / f"office-{name}", db_url)
    proxy = CutProxy(office.port)
    ws = laptop_copy(template, base / f"laptop-{name}")
    try:
        sign_in(ws, proxy.url)
        photos = photo_bytes(ws)
        proxy.reset_counts()
        payload.reset()
        seconds, result = sync_once(ws)
        rows, body = payload.rows, payload.bytes
        wire, up = sum(proxy.forwarded.values()), proxy.forwarded["up"]
        noop = []
        for _ in range(7):
            proxy.reset_counts()
            noop.append(sync_once(ws)[0])
        return {"seconds": seconds, "rows": rows, "pushed": result.pushed, "wire": wire, "up": up, "payload": body + photos,
                "photos": photos,
                "noop": statistics.median(noop), "noop_wire": sum(proxy.forwarded.values())}
    finally:
        ws.close()
        proxy.close()
        office.stop()


def cut_and_resume(template: Path, base: Path, full_wire: int, full_up: int) -> dict:
    from inspector.services.sync import SyncFailed

    office = start_office(base / "office-cut", None)
    proxy = CutProxy(office.port)
    ws = laptop_copy(template, base / "laptop-cut")
    try:
        sign_in(ws, proxy.url)
        proxy.reset_counts()
        proxy.cut_up(full_up // 2)  # half way through what the laptop sends (rows and photos)
        try:
            sync_once(ws)
            cut = False
        except SyncFailed:
            cut = True
        first = sum(proxy.forwarded.values())
        proxy.reset_counts()
        sync_once(ws)
        second = sum(proxy.forwarded.values())
        return {"cut": cut, "first": first, "second": second, "resent": first + second - full_wire}
    finally:
        ws.close()
        proxy.close()
        office.stop()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, help="where to build (or reuse) the laptop template; kept")
    ap.add_argument("--projects", type=int, default=1_000)
    ap.add_argument("--inspections", type=int, default=50_000)
    ap.add_argument("--answers", type=int, default=1_000_000)
    ap.add_argument("--photos", type=int, default=2_000)
    ap.add_argument("--photo-kb", type=int, default=300, help="size of each photo (a phone photo downscaled)")
    ap.add_argument("--pg", action="store_true", help="also through an office on PostgreSQL")
    ap.add_argument("--skip-small", action="store_true", help="skip the store ten times smaller")
    args = ap.parse_args(argv)

    root = args.out or Path(tempfile.mkdtemp(prefix="inspector-bench-sync-"))
    root.mkdir(parents=True, exist_ok=True)
    runs = Path(tempfile.mkdtemp(prefix="runs-", dir=root if args.out else None))
    try:
        template = build_template(root / "laptop", args)
        payload = Payload()
        full = first_sync(template, runs, "sqlite", None, payload)
        print(f"首次同步上传：{full['rows']:,} 行（{human_bytes(full['payload'] - full['photos'])} JSON），"
              f"照片 {args.photos} 张 {human_bytes(full['photos'])}", flush=True)
        table = [["首次全量同步（SQLite 监督站）", f"{full['seconds']:.1f} s",
                  f"{full['rows'] / full['seconds']:,.0f} 行/s", f"{full['wire'] / full['seconds'] / 2**20:.1f} MB/s",
                  f"线上 {human_bytes(full['wire'])} ÷ 内容 {human_bytes(full['payload'])} = "
                  f"{full['wire'] / full['payload']:.3f}（目标 < 1.1）"]]
        table.append(["无事可做的同步（中位数）", f"{full['noop'] * 1000:.0f} ms", "", "",
                      f"线上 {human_bytes(full['noop_wire'])}（目标 < 300 ms）"])
        if not args.skip_small:
            small_args = argparse.Namespace(**{**vars(args), "projects": max(1, args.projects // 10),
                                               "inspections": max(1, args.inspections // 10),
                                               "answers": max(1, args.answers // 10),
                                               "photos": max(1, args.photos // 10)})
            small_template = build_template(root / "laptop-small", small_args)
            small = first_sync(small_template, runs, "small", None, payload)
            table.append(["无事可做的同步，数据少十倍", f"{small['noop'] * 1000:.0f} ms", "", "",
                          f"与全量之比 {full['noop'] / small['noop']:.2f}（目标 ≤ 1.2）"])
        cut = cut_and_resume(template, runs, full["wire"], full["up"])
        table.append(["半途切断后续传", "", "", "",
                      f"{'已切断' if cut['cut'] else '未切断(!)'}；重发 {human_bytes(max(0, cut['resent']))}，"
                      f"占全量 {max(0, cut['resent']) / full['wire']:.1%}（目标 < 5%）"])
        if args.pg:
            from tests.office.postgres import Cluster, require_postgres

            cluster = Cluster(require_postgres())
            cluster.start()
            try:
                url = cluster.create_database("bench_sync")
                pg = first_sync(template, runs, "pg", url, payload)
                table.append(["首次全量同步（PostgreSQL 监督站）", f"{pg['seconds']:.1f} s",
                              f"{pg['rows'] / pg['seconds']:,.0f} 行/s",
                              f"{pg['wire'] / pg['seconds'] / 2**20:.1f} MB/s",
                              f"线上 ÷ 内容 = {pg['wire'] / pg['payload']:.3f}；无事可做 {pg['noop'] * 1000:.0f} ms"])
            finally:
                cluster.stop()
        print()
        print_table(["项目", "耗时", "行/秒", "吞吐", "说明"], table)
    finally:
        shutil.rmtree(runs, ignore_errors=True)
        if not args.out:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
