"""Child process of the kill test: writes answers through the service in a loop, printing each one
after its transaction committed, until it is killed."""

from __future__ import annotations

import sys

from inspector.services import inspections as svc
from inspector.store import open_workspace


def main(data_dir: str, inspection_id: str) -> None:
    store = open_workspace(data_dir)
    d = svc.get_inspection(store, inspection_id)
    items = [(c.version_id, i.id) for c in d.checklists for i in svc.checklist_of(c).items
             if i.answer == "yes-no-na"]
    seq = 0
    while True:
        vid, item_id = items[seq % len(items)]
        value = ("yes", "no", "na")[seq % 3]
        svc.save_answers(store, inspection_id=inspection_id,
                         answers=[svc.AnswerInput(vid, item_id, value, f"n{seq}")])
        print(f"{seq} {item_id}", flush=True)
        seq += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
