"""照片 panel for any record: thumbnail grid, add files / folder / drag and drop, background import
with progress and cancel, per-file rejection reasons, double-click to view and annotate.

During an import the GUI thread only paints: the import's worker reads each committed batch's rows
and hands them over to be inserted into the grid (no query, no reset on this thread), and progress
reaches the bar at most ten times a second."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector.services import photos as svc
from inspector.services.changes import Changes, Progress
from inspector.services.photos import ImportResult, PhotoRow
from inspector.ui.context import AppContext
from inspector.ui.models.photos import PhotoGridModel
from inspector.ui.ops import Op, run_op
from inspector.ui.widgets.empty_state import set_empty_text
from inspector.ui.widgets.photo_grid import SPACING, PhotoDelegate

log = logging.getLogger(__name__)

_FILTER = "图片 (*.jpg *.jpeg *.jpe *.jfif *.mpo *.png *.webp *.tif *.tiff *.bmp *.heic *.heif);;所有文件 (*)"


class PhotoPanel(QWidget):
    """Call set_target(kind, id, item_id) to show a record's photos. Emits photos_changed after an
    import, unlink or annotation; import_finished(list[ImportResult]) after each batch."""

    photos_changed = Signal()
    import_finished = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.target: tuple[str, str, str] | None = None
        self.role = ""  # 整改前 / 整改后: photos of that role only, and imported as it
        self.read_only = False
        self.last_results: list[ImportResult] = []
        self._op: Op | None = None
        self._viewer = None

        self.model = PhotoGridModel(ctx.store, self)
        self.view = QListView(self)
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setUniformItemSizes(True)
        self.view.setSpacing(SPACING)
        # Cells share the width (as many columns as fit); a thumbnail keeps its aspect ratio and
        # its caption wraps (PhotoDelegate).
        self.delegate = PhotoDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setModel(self.model)
        self.view.doubleClicked.connect(self._on_view_double_clicked)
        self.view.viewport().installEventFilter(self)
        self.view.setAccessibleName(self.tr("照片"))
        set_empty_text(self.view, lambda: "" if not self.target else self.tr("没有照片。") if self.read_only else
                       self.tr("还没有照片：点“添加照片…”，或把照片、文件夹拖到这里。"))

        self.add_button = QPushButton(self.tr("添加照片…"), self)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.folder_button = QPushButton(self.tr("导入文件夹…"), self)
        self.folder_button.setToolTip(self.tr("导入文件夹（如相机存储卡）中的全部照片，包括子文件夹"))
        self.folder_button.clicked.connect(self._on_folder_clicked)
        self.remove_button = QPushButton(self.tr("移除"), self)
        self.remove_button.setToolTip(self.tr("从本记录移除所选照片（原始照片仍保留）"))
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.count_label = QLabel(self)

        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("取消"), self)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QHBoxLayout()
        for w in (self.add_button, self.folder_button, self.remove_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addLayout(busy)
        layout.addWidget(self.count_label)  # below the grid: the buttons' row stays narrow
        layout.addWidget(self.result_label)
        self.setAcceptDrops(True)
        self._set_busy(False)
        self._update_enabled()
        ctx.bus.changed.connect(self._on_bus_changed)

    # -- public ----------------------------------------------------------------------------------
    def set_target(self, kind: str, record_id: str, item_id: str = "", role: str = "") -> None:
        self.target = (kind, record_id, item_id) if record_id else None
        self.role = role
        self.result_label.clear()
        self.refresh()

    def set_read_only(self, read_only: bool) -> None:
        """For signed (locked) records: photos can be viewed, not added, removed or annotated."""
        self.read_only = read_only
        self._update_enabled()

    def refresh(self) -> None:
        rows: list[PhotoRow] = []
        if self.target:
            kind, rid, item = self.target
            rows = svc.photos_for(self.ctx.store, target_kind=kind, target_id=rid, item_id=item)
            if self.role:
                rows = [r for r in rows if r.role == self.role]
        self.model.set_rows(rows)
        self._show_count()

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("{0} 张照片").format(self.model.rowCount()) if self.target else "")
        self._update_enabled()

    def is_importing(self) -> bool:
        return self._op is not None

    def import_paths(self, paths: list[Path | str]) -> Op | None:
        """Import files and folders in the background (the write pool); returns the running op."""
        if not self.target or self.read_only or self._op is not None or not paths:
            return None
        kind, rid, item = self.target
        role = self.role
        store = self.ctx.store
        chosen = [Path(p) for p in paths]
        target = self.target
        feed = _ImportFeed(self)
        feed.rows_committed.connect(self._on_import_rows_committed)

        def work(progress: Progress) -> list[ImportResult]:
            def committed(results: list[ImportResult]) -> None:
                ids = [r.sha256 for r in results if r.ok]
                if ids:  # read here, on the worker, so the GUI thread only inserts them
                    feed.send(target, svc.photos_for(store, target_kind=kind, target_id=rid, item_id=item,
                                                     photo_ids=ids))

            return svc.import_paths(store, paths=chosen, target_kind=kind, target_id=rid, item_id=item, role=role,
                                    progress=_Throttled(progress), on_batch=committed)

        self._set_busy(True)
        self.result_label.setText(self.tr("正在导入…"))
        self._op = run_op(work, on_success=self._on_import_succeeded, on_failure=self._on_import_failed,
                          on_progress=self._on_import_progressed, write=True, parent=self)
        self._op.finished.connect(self._on_import_finished)
        self._op.finished.connect(feed.deleteLater)  # after the rows it carried (queued before)
        self._update_enabled()
        return self._op

    def cancel_import(self) -> None:
        if self._op is not None:
            self._op.cancel()
            self.cancel_button.setEnabled(False)
            self.progress.setFormat(self.tr("正在取消…"))

    def open_viewer(self, row: PhotoRow):  # type: ignore[no-untyped-def]
        from inspector.ui.widgets.photo_viewer import PhotoViewer

        viewer = PhotoViewer(self.ctx, row, parent=self, read_only=self.read_only)
        viewer.annotation_saved.connect(self._on_viewer_annotation_saved)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.show()
        self._viewer = viewer
        return viewer

    # -- import callbacks (GUI thread) -----------------------------------------------------------
    @Slot(int, int, str)
    def _on_import_progressed(self, done: int, total: int, name: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("{0}/{1}  {2}").format(done, total, name))

    def _on_import_rows_committed(self, target: tuple[str, str, str], rows: list[PhotoRow]) -> None:
        if target != self.target:  # the panel moved on to another record meanwhile
            return
        if self.role:
            rows = [r for r in rows if r.role == self.role]
        self.model.add_rows(rows)
        self._show_count()

    def _on_import_succeeded(self, results: list[ImportResult]) -> None:
        self.last_results = list(results)
        self.result_label.setText(summarize(results))
        self.result_label.setStyleSheet("" if all(r.ok for r in results) else "color: #b71c1c;")
        if any(r.ok for r in results) and self.target:
            self.ctx.bus.announce(Changes.of("photos", "photo_links", ids=[self.target[1]]))

    def _on_import_failed(self, exc: BaseException) -> None:
        from inspector.ui.messages import describe

        self.last_results = []
        self.result_label.setStyleSheet("color: #b71c1c;")
        self.result_label.setText(self.tr("导入失败：{0}").format(describe(exc)))
        self.refresh()  # whatever was committed before the failure

    @Slot()
    def _on_import_finished(self) -> None:
        self._op = None
        self._set_busy(False)
        # The grid already holds every committed photo (added batch by batch): no reload here.
        self._show_count()
        self.photos_changed.emit()
        self.import_finished.emit(self.last_results)

    # -- UI events -------------------------------------------------------------------------------
    @Slot()
    def _on_add_clicked(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("添加照片"), "", self.tr(_FILTER))
        if files:
            self.import_paths(files)

    @Slot()
    def _on_folder_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("导入文件夹（相机存储卡）"))
        if folder:
            self.import_paths([folder])

    @Slot()
    def _on_cancel_clicked(self) -> None:
        self.cancel_import()

    @Slot()
    def _on_remove_clicked(self) -> None:
        if not self.target or self.read_only:
            return
        kind, rid, _item = self.target
        rows = [self.model.row_at(i.row()) for i in self.view.selectionModel().selectedIndexes()]
        if not rows:
            return
        store = self.ctx.store

        def unlink(_progress) -> Changes:  # type: ignore[no-untyped-def]
            changes = Changes()
            for r in rows:
                changes = changes | svc.unlink_photo(store, photo_id=r.id, target_kind=kind, target_id=rid,
                                                     item_id=r.item_id)
            return changes

        run_op(unlink, on_success=self._on_unlink_succeeded, write=True, parent=self)

    def _on_unlink_succeeded(self, changes: Changes) -> None:
        self.ctx.bus.announce(changes)
        self.refresh()
        self.photos_changed.emit()

    def _on_view_double_clicked(self, index) -> None:  # type: ignore[no-untyped-def]
        if index.isValid():
            self.open_viewer(self.model.row_at(index.row()))

    def _on_viewer_annotation_saved(self, _photo_id: str) -> None:
        self.refresh()
        self.photos_changed.emit()

    def _on_bus_changed(self, changes: Changes) -> None:
        if self.target and changes.touches("photos", "photo_links") and self._op is None:
            self.refresh()

    # -- drag and drop: files and folders, onto the panel or the grid ----------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self._layout_grid()
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            return self._accept_drag(event)  # type: ignore[arg-type]
        if event.type() == QEvent.Type.Drop:
            self.dropEvent(event)  # type: ignore[arg-type]
            return True
        return super().eventFilter(obj, event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        self._accept_drag(event)

    def dragMoveEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        self._accept_drag(event)

    def _accept_drag(self, event) -> bool:  # type: ignore[no-untyped-def]
        if self._can_import() and event.mimeData().hasUrls():
            event.acceptProposedAction()
            return True
        event.ignore()
        return False

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths and self._can_import():
            event.acceptProposedAction()
            self.import_paths(paths)
        else:
            event.ignore()

    def columns(self) -> int:
        """How many thumbnails fit side by side now."""
        return self.delegate.set_width(self.view.viewport().width())

    def _layout_grid(self) -> None:
        self.columns()
        cell = self.delegate.cell
        grid = cell + type(cell)(SPACING, SPACING)
        if self.view.gridSize() != grid:
            self.view.setGridSize(grid)
            self.view.doItemsLayout()

    # -- state -----------------------------------------------------------------------------------
    def _can_import(self) -> bool:
        return self.target is not None and not self.read_only and self._op is None

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        if busy:
            self.progress.setValue(0)
            self.progress.setFormat(self.tr("准备导入…"))
        self._update_enabled()

    def _update_enabled(self) -> None:
        can = self._can_import()
        self.add_button.setEnabled(can)
        self.folder_button.setEnabled(can)
        self.remove_button.setEnabled(can and self.model.rowCount() > 0)
        for w in (self.add_button, self.folder_button, self.remove_button):
            w.setVisible(not self.read_only)


class _ImportFeed(QObject):
    """Carries an import's committed rows from its worker to the panel (a queued signal)."""

    rows_committed = Signal(object, object)  # the import's (kind, id, item), its rows

    def send(self, target: tuple[str, str, str] | None, rows: list[PhotoRow]) -> None:
        try:
            self.rows_committed.emit(target, rows)
        except RuntimeError:  # the panel closed during the import: the rows are in the store
            log.debug("import rows dropped: the panel is gone")


class _Throttled(Progress):
    """Passes progress on at most every `interval` seconds (and the last report always): a report
    per photo would queue a repaint of the bar per photo on the GUI thread."""

    def __init__(self, inner: Progress, interval: float = 0.1) -> None:
        self.inner, self.interval, self.last = inner, interval, 0.0

    def report(self, done: int, total: int, text: str = "") -> None:
        now = time.monotonic()
        if now - self.last >= self.interval or done >= total:
            self.last = now
            self.inner.report(done, total, text)

    @property
    def cancelled(self) -> bool:
        return self.inner.cancelled


def summarize(results: list[ImportResult]) -> str:
    """One line of counts, then one line per file that was not imported and why."""
    count = {s: sum(r.status == s for r in results) for s in (svc.IMPORTED, svc.DUPLICATE, svc.REJECTED,
                                                                svc.CANCELLED)}
    parts = [QCoreApplication.translate("PhotoPanel", "已导入 {0} 张").format(count[svc.IMPORTED])]
    if count[svc.DUPLICATE]:
        parts.append(QCoreApplication.translate("PhotoPanel", "重复 {0} 张（已关联，未重复保存）").format(count[svc.DUPLICATE]))
    if count[svc.REJECTED]:
        parts.append(QCoreApplication.translate("PhotoPanel", "未导入 {0} 个文件").format(count[svc.REJECTED]))
    if count[svc.CANCELLED]:
        parts.append(QCoreApplication.translate("PhotoPanel", "已取消 {0} 个").format(count[svc.CANCELLED]))
    # The list separator and full stop are translated too: English wants ", " and ".".
    sep = QCoreApplication.translate("PhotoPanel", "，")
    lines = [QCoreApplication.translate("PhotoPanel", "{0}。").format(sep.join(parts))]
    if svc.nothing_imported(results):
        lines[0] = QCoreApplication.translate("PhotoPanel", "没有导入任何照片：所选的 {0} 个文件都未能导入。").format(
            len(results))
    lines += [f"{Path(r.file).name}：{r.reason}" for r in results if r.status == svc.REJECTED]
    return "\n".join(lines)
