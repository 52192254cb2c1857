"""Take screenshots of every view and the main dialogs, for `scripts/screenshots` (which runs this
once per screen size and language under Xvfb). Not part of the app.

    python scripts/screenshots.py --data DIR --out DIR --lang zh|en --size 1600x1000

DIR must hold the demo dataset (`inspector demo`). Each scene leaves the window (or a dialog over
it) as a user would see it; the whole X screen is grabbed, so a dialog that does not fit shows it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    parser.add_argument("--size", default="1600x1000")
    parser.add_argument("--only", default="", help="comma-separated scene names")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

    from inspector.app import build

    app, window = build(args.data, lang=args.lang)
    from PySide6.QtWidgets import QApplication

    store = window.ctx.store
    if not store.get_setting("inspector_name"):  # what the inspector entered at first run
        for key, value in (("inspector_name", "李淑芬"), ("badge_no", "青建监字第0107号"),
                           ("station_name", "西宁市建设工程质量安全监督站")):
            store.set_setting(key, value)
        store.actor = store.store.local_actor()  # as the first-run dialog does

    screen = QApplication.primaryScreen().geometry()
    window.move(0, 0)
    window.resize(screen.width(), screen.height())
    window.show()
    shots = Shots(app, window, args.out, f"{args.size}-{args.lang}")
    only = {s for s in args.only.split(",") if s}
    for name, scene in SCENES:
        if only and name not in only:
            continue
        try:
            shots.take(name, scene)
        except Exception as exc:  # noqa: BLE001 - one broken scene must not lose the others
            import traceback

            traceback.print_exc()
            print(f"scene {name} failed: {exc}", file=sys.stderr)
    from inspector.ui.ops import wait_idle

    wait_idle(10000)
    window.close()
    return 0


class Shots:
    def __init__(self, app, window, out: Path, tag: str) -> None:  # type: ignore[no-untyped-def]
        self.app, self.window, self.out, self.tag = app, window, out, tag
        out.mkdir(parents=True, exist_ok=True)

    def settle(self, seconds: float = 0.6) -> None:
        from inspector.ui.ops import wait_idle

        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            wait_idle(200)
            time.sleep(0.02)
        self.app.processEvents()

    def take(self, name: str, scene: Callable) -> None:  # type: ignore[type-arg]
        from PySide6.QtWidgets import QApplication

        opened = scene(self.window, self) or []
        self.settle()
        path = self.out / f"{self.tag}-{name}.png"
        QApplication.primaryScreen().grabWindow(0).save(str(path))
        print(path)
        for w in opened:
            w.close()
        self.settle(0.2)


# ---- scenes: each prepares what a user would have on screen; returns windows to close after --------

def _first_row(table) -> None:  # type: ignore[no-untyped-def]
    table.setCurrentIndex(table.model().index(0, 0))


def _demo_project(window, code_part: str = "CZ"):  # type: ignore[no-untyped-def]
    from inspector.services.projects import list_projects

    rows = list_projects(window.ctx.store)
    return next((r for r in rows if code_part in r.code), rows[0])


def projects(window, shots) -> list:  # type: ignore[no-untyped-def]
    view = window.show_view("projects")
    shots.settle()
    _first_row(view.table)
    return []


def project_tabs(window, shots) -> list:  # type: ignore[no-untyped-def]
    view = window.show_view("projects")
    shots.settle()
    _first_row(view.table)
    shots.settle()
    tabs = getattr(view.page, "tabs", None)
    if tabs is not None:
        tabs.setCurrentIndex(min(1, tabs.count() - 1))
    return []


def inspections(window, shots) -> list:  # type: ignore[no-untyped-def]
    view = window.show_view("inspections")
    view.show_list()
    return []


def _open_inspection(window, shots, *, draft: bool = True):  # type: ignore[no-untyped-def]
    view = window.show_view("inspections")
    shots.settle()
    rows = view.model.rows
    pick = next((r for r in rows if (r.status == "draft") == draft and not r.locked), rows[0])
    view.open_inspection(pick.id)
    shots.settle()
    return view


def inspection_checklist(window, shots) -> list:  # type: ignore[no-untyped-def]
    view = _open_inspection(window, shots)
    view.editor.tabs.setCurrentIndex(1)
    from inspector.ui.models.checklist import ITEM_ROLE

    form = view.editor.form
    # A numeric item, when there is one: its unit and hint are what a new inspector looks for.
    for key in form.model.item_keys():
        if getattr(form.model.index_of(*key).data(ITEM_ROLE), "answer", "") == "number":
            form.select_item(*key)
            break
    return []


def inspection_header(window, shots) -> list:  # type: ignore[no-untyped-def]
    view = _open_inspection(window, shots)
    view.editor.tabs.setCurrentIndex(0)
    return []


PHOTOS = REPO.parent / "shared" / "testdata" / "photos"


def _add_photos(window, kind: str, record_id: str, item_id: str = "") -> None:  # type: ignore[no-untyped-def]
    """The camera files of shared/testdata (22 readable ones) on a record, as an inspector with a
    full card would have: the grid then shows how many thumbnails fit and how captions wrap."""
    from inspector.services import photos as psvc

    if PHOTOS.is_dir():
        psvc.import_paths(window.ctx.store, paths=[PHOTOS], target_kind=kind, target_id=record_id, item_id=item_id)


def inspection_photos(window, shots) -> list:  # type: ignore[no-untyped-def]
    view = _open_inspection(window, shots, draft=False)
    _add_photos(window, "inspection", view.editor.detail.id)
    view.editor.inspection_photos.refresh()
    view.editor.tabs.setCurrentIndex(2)
    return []


def item_photos(window, shots) -> list:  # type: ignore[no-untyped-def]
    view = _open_inspection(window, shots)
    view.editor.tabs.setCurrentIndex(1)
    form = view.editor.form
    form.first_item()
    _add_photos(window, "answer", view.editor.detail.id, form.current_key()[1])
    view.editor.item_photos.refresh()
    return []


def inspection_findings(window, shots) -> list:  # type: ignore[no-untyped-def]
    view = window.show_view("inspections")
    shots.settle()
    view.open_inspection(next((r.id for r in view.model.rows if r.findings > 1), view.model.rows[0].id))
    view.editor.tabs.setCurrentWidget(view.editor.findings)
    return []


def new_inspection(window, shots) -> list:  # type: ignore[no-untyped-def]
    from inspector.ui.views.inspection_new import NewInspectionDialog

    view = window.show_view("inspections")
    view.show_list()
    dlg = NewInspectionDialog(window.ctx, _demo_project(window).id, view)
    dlg.show()
    return [dlg]


def _inspection_with_open_findings(window, shots):  # type: ignore[no-untyped-def]
    """An inspection whose failed items are findings still waiting for a notice."""
    from inspector.services import findings as fsvc

    view = window.show_view("inspections")
    shots.settle()
    store = window.ctx.store
    rows = [r for r in view.model.rows if not r.locked]
    waiting = [r for r in rows if any(f.status == "open" for f in fsvc.list_findings(store, inspection_id=r.id))]
    for row in waiting or rows:
        if not waiting:
            fsvc.findings_from_failed(store, inspection_id=row.id)
        if any(f.status == "open" for f in fsvc.list_findings(store, inspection_id=row.id)):
            view.refresh()
            view.open_inspection(row.id)
            shots.settle()
            return view
    return None


def issue_notice(window, shots) -> list:  # type: ignore[no-untyped-def]
    view = _inspection_with_open_findings(window, shots)
    if view is None:
        return []
    view.editor.tabs.setCurrentWidget(view.editor.findings)
    dlg = view.editor.findings.make_issue_dialog()
    if dlg is None:
        return []
    dlg.show()
    return [dlg]


def issue_preview(window, shots) -> list:  # type: ignore[no-untyped-def]
    opened = issue_notice(window, shots)
    if opened:
        opened[0].show_preview()
    return opened


def close_override(window, shots) -> list:  # type: ignore[no-untyped-def]
    from inspector.services import findings as fsvc
    from inspector.ui.views.inspection_notice import CloseOverrideDialog

    dialogs = notice(window, shots)
    if not dialogs:
        return []
    missing = fsvc.closing_problems(window.ctx.store, rectification_id=dialogs[0].rectification_id)
    box = CloseOverrideDialog(missing or ["没有整改后的照片（整改回复或复查时拍摄）"], dialogs[0])
    box.show()
    return [box, *dialogs]


def rectifications(window, shots) -> list:  # type: ignore[no-untyped-def]
    view = window.show_view("rectifications")
    view.set_quick_filter(0)
    return []


def notice(window, shots) -> list:  # type: ignore[no-untyped-def]
    view = window.show_view("rectifications")
    view.set_quick_filter(0)
    shots.settle()
    rows = view.model.rows
    pick = next((r for r in rows if r.status == "replied"), rows[0])
    dlg = view.open_notice(pick.id)
    return [dlg]


def materials(window, shots) -> list:  # type: ignore[no-untyped-def]
    view = window.show_view("materials")
    view.project.select(_demo_project(window).id)
    shots.settle()
    _first_row(view.batch_table)
    return []


def complaints(window, shots) -> list:  # type: ignore[no-untyped-def]
    view = window.show_view("complaints")
    view.project.select(_demo_project(window).id)
    shots.settle()
    _first_row(view.complaint_table)
    return []


def redflags(window, shots) -> list:  # type: ignore[no-untyped-def]
    view = window.show_view("redflags")
    shots.settle(1.5)
    _first_row(view.list.table)
    return []


def redflags_computing(window, shots) -> list:  # type: ignore[no-untyped-def]
    """全部项目 while every project's flags are computed again (a city's store takes a minute): the
    kept flags stay listed and the count line says how far the new run is. Held after the first
    steps so the progress shows; let go once the shot is taken."""
    import json
    import threading

    from inspector.services import redflag_results as rr
    from inspector.services import redflags as rs

    real, release = rs.judge_all, threading.Event()

    def held(s, *, progress, **kw):  # type: ignore[no-untyped-def]
        class Held(type(progress)):  # type: ignore[misc]
            def report(self, done: int, total: int, text: str = "") -> None:
                super().report(done, total, text)
                if done == 3:
                    release.wait(30)

        progress.__class__ = Held
        return real(s, progress=progress, **kw)

    class LetGo:
        def close(self) -> None:
            release.set()
            rs.judge_all = real

    store = window.ctx.store
    rr.current_flags(store)  # kept, then made out of date as an edit would
    state = json.loads(store.get_setting(rr.STATE_KEY))
    store.set_setting(rr.STATE_KEY, json.dumps({**state, "rev": -1}))
    rs.judge_all = held
    view = window.show_view("redflags")
    view.project.setCurrentIndex(0)
    view.reload()
    return [LetGo()]


def acceptance(window, shots) -> list:  # type: ignore[no-untyped-def]
    from inspector.services.acceptance import list_acceptances
    from inspector.services.projects import list_projects

    view = window.show_view("acceptance")
    store = window.ctx.store
    pid = next((p.id for p in list_projects(store) if list_acceptances(store, project_id=p.id)), "")
    if pid:
        view.picker.select(pid)
        shots.settle()
        _first_row(view.acc_table)
    return []


def new_acceptance(window, shots) -> list:  # type: ignore[no-untyped-def]

    view = window.show_view("acceptance")
    view.picker.select(_demo_project(window).id)
    shots.settle()
    view.new_acceptance()
    shots.settle()
    return [view.new_dialog] if view.new_dialog is not None else []


def handover(window, shots) -> list:  # type: ignore[no-untyped-def]
    view = window.show_view("acceptance")
    view.tabs.setCurrentIndex(1)
    return []


def settings(window, shots) -> list:  # type: ignore[no-untyped-def]
    from inspector.ui.settings_dialog import SettingsDialog

    dlg = SettingsDialog(window.ctx, window)
    dlg.show()
    return [dlg]


def first_run(window, shots) -> list:  # type: ignore[no-untyped-def]
    from inspector.ui.identity_dialog import IdentityDialog

    dlg = IdentityDialog(window.ctx, window, first_run=True)
    dlg.show()
    return [dlg]


def pdf_preview(window, shots) -> list:  # type: ignore[no-untyped-def]
    from inspector.services import record_signing as recs
    from inspector.ui.views.pdf_preview import PdfPreviewDialog

    view = _open_inspection(window, shots, draft=False)
    d = view.editor.detail
    data = recs.preview(window.ctx.store, kind="inspection", record_id=d.id)
    dlg = PdfPreviewDialog(data, d.record_no, view)
    dlg.show()
    return [dlg]


def shortcuts(window, shots) -> list:  # type: ignore[no-untyped-def]
    dlg = window.shortcuts_dialog()
    dlg.show()
    return [dlg]


SCENES: list[tuple[str, Callable]] = [  # type: ignore[type-arg]
    ("01-projects", projects), ("02-project-tabs", project_tabs), ("03-inspections", inspections),
    ("04-inspection-checklist", inspection_checklist), ("05-inspection-header", inspection_header),
    ("06-inspection-photos", inspection_photos), ("06b-item-photos", item_photos),
    ("07-inspection-findings", inspection_findings),
    ("08-new-inspection", new_inspection), ("09-issue-notice", issue_notice), ("09b-issue-preview", issue_preview),
    ("10-rectifications", rectifications), ("11-notice", notice), ("11b-close-override", close_override),
    ("12-materials", materials),
    ("13-complaints", complaints), ("14-redflags", redflags), ("14b-redflags-computing", redflags_computing), ("15-acceptance", acceptance),
    ("16-new-acceptance", new_acceptance), ("17-handover", handover), ("18-settings", settings),
    ("19-first-run", first_run), ("20-pdf-preview", pdf_preview), ("21-shortcuts", shortcuts),
]

if __name__ == "__main__":
    sys.exit(main())
