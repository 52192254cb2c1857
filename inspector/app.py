"""Composition root of the desktop app: settings, store, checklists, Qt, the main window."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

log = logging.getLogger(__name__)

_T0 = time.perf_counter()


def _load_font(app) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFont, QFontDatabase

    from inspector.paths import font_path

    fid = QFontDatabase.addApplicationFont(str(font_path()))
    if fid < 0:
        log.warning("CJK font not loaded from %s: Chinese may render as boxes", font_path())
        return
    family = QFontDatabase.applicationFontFamilies(fid)[0]
    font = QFont(family, 10)
    app.setFont(font)


def build(data_dir: Path, *, lang: str | None = None, demo: bool = False, defer: bool = False):  # type: ignore[no-untyped-def]
    """Create the QApplication (if needed), the main window and, unless `defer`, the context.
    Returns (app, window). With defer=True the caller shows the window, then calls `attach`:
    the window is on screen before SQLAlchemy is imported and the store is opened."""
    if not defer:
        # The store (SQLAlchemy) before PySide6: imported after it, every module loads slower
        # behind shiboken's import hook.
        import inspector.store  # noqa: F401
    from PySide6.QtWidgets import QApplication

    from inspector.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Inspector")
    app.setOrganizationName("Inspector")
    from inspector.ui.icons import icon

    app.setWindowIcon(icon("app"))
    _load_font(app)
    lang = lang or _peek_setting(data_dir, "language") or "zh"
    from inspector.ui.i18n import load_qt_translator, load_translator, remove_qt_translator

    # A second window in this process (tests, a language switch): its language replaces the first's.
    if getattr(app, "_inspector_translator", None) is not None:
        app.removeTranslator(app._inspector_translator)
        app._inspector_translator = None
    if getattr(app, "_qt_translator", None) is not None:
        remove_qt_translator(app, app._qt_translator)
        app._qt_translator = None
    translator = load_translator(app, lang)
    if translator is not None:
        app._inspector_translator = translator  # so it can be removed again (tests switch languages)
    qt_translator = load_qt_translator(app, lang)
    if qt_translator is not None:
        app._qt_translator = qt_translator
    window = MainWindow(None)
    if not defer:
        attach(window, data_dir, lang=lang, demo=demo)
    return app, window


def attach(window, data_dir: Path, *, lang: str, demo: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Open (and migrate) the store, load the checklists, and give the window its views."""
    window.attach(open_context(data_dir, lang=lang, demo=demo))


def open_context(data_dir: Path, *, lang: str, demo: bool = False):  # type: ignore[no-untyped-def]
    """The heavy half of start-up: import SQLAlchemy and the services, open (and migrate) the store,
    load the checklists. Runs off the GUI thread at start-up (`run_gui`); touches no widget."""
    from inspector.store import open_workspace
    from inspector.ui.context import AppContext, ChangeBus

    store = open_workspace(data_dir)
    if demo:
        from inspector.demo import ensure_demo

        ensure_demo(store)
    ctx = AppContext(store=store, bus=ChangeBus(), settings={"language": lang})
    ctx.checklists = _load_checklists(store)
    # What the window needs first (the register), imported here rather than on the GUI thread
    # when it is built. Module code only: no widget is made here. The project page beside it is
    # imported once the first rows are shown (`ProjectsView`).
    import inspector.ui.views.projects  # noqa: F401
    return ctx


def attach_in_order(window, ctx) -> None:  # type: ignore[no-untyped-def]
    """Give the shown window its store: the register's first page first, then the project page
    beside it (`ProjectsView`), then the sync controls, whose import (httpx) runs on a worker once the
    page has painted."""
    from inspector.ui.ops import run_op

    window.attach(ctx, sync=False)
    _after_first_page(window, lambda: run_op(_import_sync_ui, on_success=lambda _r: window.install_sync(),
                                             parent=window))


def _after_first_page(window, then) -> None:  # type: ignore[no-untyped-def]
    """Run `then` once the register has shown its first page and the project page beside it is
    built (start-up loads the rest after them, one at a time: see `ProjectsView._prepare_page`)."""
    view = window.view("projects")
    if view.page_built_yet:
        then()
        return

    def once() -> None:
        from PySide6.QtCore import QTimer

        view.page_built.disconnect(once)
        # After the page's first paint: a worker importing modules meanwhile would make each call
        # from Qt into Python (event filters, delegates) wait for the interpreter's lock.
        QTimer.singleShot(150, then)

    view.page_built.connect(once)


def _import_sync_ui(_progress) -> None:  # type: ignore[no-untyped-def]
    """Off the GUI thread: the sync controls' module (it pulls in httpx, ~0.4 s)."""
    import inspector.ui.sync_ui  # noqa: F401


def _peek_setting(data_dir: Path, key: str) -> str | None:
    """Read one setting with the standard library, before the store (and SQLAlchemy) is loaded."""
    import sqlite3

    from inspector.paths import DB_NAME

    path = Path(data_dir) / DB_NAME
    if not path.exists():
        return None
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None
    except sqlite3.Error:
        return None  # an old or damaged store: the real open reports it


def _load_checklists(store=None):  # type: ignore[no-untyped-def]
    """Valid checklists only; a broken file is reported (and shown once in the UI) but never fatal.
    With a store: plus the newest version of each checklist the office published (pulled by sync)."""
    from inspector.checklists.registry import load_registry

    if store is None:
        return load_registry()
    from inspector.services.checklist_versions import registry

    return registry(store)


def run_gui(data_dir: Path, *, lang: str | None = None, demo: bool = False) -> int:
    from PySide6.QtCore import QCoreApplication, QTimer

    app, window = build(data_dir, lang=lang, demo=demo, defer=True)
    window.show()
    benchmark = bool(os.environ.get("INSPECTOR_EXIT_AFTER_SHOW"))
    if benchmark:
        QTimer.singleShot(0, lambda: _print_time("main window shown"))

    gaps = GapWatch() if benchmark else None
    lang = lang or _peek_setting(data_dir, "language") or "zh"

    def failed(exc: BaseException) -> None:
        log.error("cannot open the store", exc_info=exc)
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(window, QCoreApplication.translate("App", "无法打开数据库"),
                             QCoreApplication.translate("App", "无法打开数据目录 {0} 中的数据库：\n{1}")
                             .format(data_dir, exc))
        app.exit(1)

    def opened(ctx) -> None:  # type: ignore[no-untyped-def]
        attach_in_order(window, ctx)
        log.info("store open %.3f s after start", time.perf_counter() - _T0)
        if benchmark:
            _when_register_filled(window, lambda: _ready(app, gaps))
            return
        window.ensure_identity()  # first run: who is the inspector (never sign as 本机用户)
        problems = getattr(window.ctx.checklists, "problems", None)
        if problems:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(window, QCoreApplication.translate("App", "检查表有错误"),
                                QCoreApplication.translate(
                                    "App", "以下检查表文件有错误，已跳过，其余检查表可正常使用：")
                                + "\n\n" + "\n".join(str(p) for p in problems[:20]))

    def start() -> None:
        from inspector.ui.ops import run_op

        # SQLAlchemy, the store and the services load on a worker while the window paints.
        run_op(lambda _p: open_context(data_dir, lang=lang, demo=demo), on_success=opened, on_failure=failed)

    QTimer.singleShot(0, start)
    code = app.exec()
    if window.ctx is not None:
        from inspector.ui.ops import wait_idle

        wait_idle(10000)  # let pending writes (autosave) finish before the store closes
        window.ctx.store.close()
    return code


class GapWatch:
    """The longest the GUI thread went without serving its event loop (a timer every 5 ms): start-up's
    benchmark mode, and the GUI benches (`bench/gui_watch.py`)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.worst = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer(interval=5)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self._last)
        self._last = now


def _when_register_filled(window, then) -> None:  # type: ignore[no-untyped-def]
    """Call `then` once the register shows its first page (painted: one more turn of the loop)."""
    from PySide6.QtCore import QTimer

    view = window.view("projects")
    model = view.model

    def check() -> None:
        if view.loading or model.pending:
            QTimer.singleShot(5, check)
        else:
            view.table.viewport().repaint()
            QTimer.singleShot(0, then)

    check()


def _ready(app, gaps) -> None:  # type: ignore[no-untyped-def]
    _print_time("ready (store open, register shown)")
    print(f"startup: worst UI-thread gap {gaps.worst * 1000:.0f} ms", flush=True)
    app.quit()


def _print_time(what: str) -> None:
    print(f"startup: {what} {_since_process_start():.3f} s after process start", flush=True)


def _since_process_start() -> float:
    """Seconds since this process was created (Linux /proc; else since this module was imported)."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _T0


def selftest(data_dir: Path) -> int:
    """Open the store, load every checklist, show the main window offscreen, exit 0."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        app, window = build(data_dir)
        reg = window.ctx.checklists
        if reg.problems:
            raise RuntimeError("broken checklists: " + "; ".join(map(str, reg.problems)))
        if not reg.checklists:
            raise RuntimeError("no checklists found in forms/")
        window.show()
        app.processEvents()
        if not window.isVisible():
            raise RuntimeError("main window did not show")
        for key in [k for k, _l, _t in __import__("inspector.ui.views.registry", fromlist=["VIEWS"]).VIEWS]:
            window.view(key)
        app.processEvents()
        n = len(reg.checklists)
        window.close()
        window.ctx.store.close()
    except Exception as exc:  # noqa: BLE001 - selftest reports any failure
        print(f"selftest FAILED: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(f"selftest ok: store {data_dir}, {n} checklists, main window shown")
    return 0
