"""Child process of the kill tests: runs one use case in its unit of work and prints each step as
it starts (the test kills it between steps), then "done" once the unit committed."""

from __future__ import annotations

import json
import sys

from inspector.services.changes import Progress
from inspector.store import Actor, Mode, open_workspace


class Steps(Progress):
    def report(self, done: int, total: int, text: str = "") -> None:
        print(f"step {done}/{total} {text}", flush=True)


def main(mode: str, data_dir: str, arg: str) -> None:
    ws = open_workspace(data_dir, Actor("测试监督员"))
    print("open", flush=True)
    if mode == "sign":
        from inspector.services import record_signing

        record_signing.sign(ws, kind="acceptance", record_id=arg, passphrase="demo-pass-1", progress=Steps())
    elif mode == "correct":  # corrections one after another until killed
        from inspector.services import record_signing
        from tests.sync.helpers import quick_sign

        current = arg
        while True:
            new_id, _ = record_signing.create_correction(ws, kind="inspection", record_id=current)
            print(f"corrected {new_id}", flush=True)
            quick_sign(ws, "inspection", new_id)
            print(f"signed {new_id}", flush=True)
            current = new_id
    elif mode == "demo":
        from inspector.demo import ensure_demo

        ensure_demo(ws)
    elif mode == "apply":
        from inspector.sync.client import SYNC_ACTOR
        from inspector.sync.state import apply_remote
        from inspector.sync.wire import Batch

        with open(arg, encoding="utf-8") as f:
            batch = Batch.from_json(json.load(f))
        with ws.store.unit(SYNC_ACTOR, Mode.REMOTE) as uow:
            print("applying", flush=True)
            apply_remote(uow, batch)
            uow.set_setting("sync_cursor", batch.cursor)
    print("done", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
