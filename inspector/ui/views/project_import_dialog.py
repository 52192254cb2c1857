"""导入储备库: pick an .xlsx, import it off the GUI thread with progress and cancel, show the report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QProgressDialog,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector.ui.context import AppContext
from inspector.ui.messages import show_exception
from inspector.ui.ops import run_op


def run_import(ctx: AppContext, parent: QWidget, path: str | None = None):  # type: ignore[no-untyped-def]
    """Ask for a file (unless given), import it, and show the report. Returns the Op."""
    if path is None:
        path, _ = QFileDialog.getOpenFileName(parent, QCoreApplication.translate("ProjectImport", "导入项目储备库"),
                                              "", QCoreApplication.translate("ProjectImport", "Excel 工作簿 (*.xlsx)"))
        if not path:
            return None
    from inspector.services.project_import import import_projects

    progress = QProgressDialog(QCoreApplication.translate("ProjectImport", "正在导入…"),
                               QCoreApplication.translate("ProjectImport", "取消"), 0, 0, parent)
    progress.setWindowTitle(QCoreApplication.translate("ProjectImport", "导入项目储备库"))
    progress.setMinimumDuration(300)
    store = ctx.store

    def on_progress(done: int, total: int, _text: str) -> None:
        progress.setMaximum(total)
        progress.setValue(done)

    def on_success(report) -> None:  # type: ignore[no-untyped-def]
        progress.close()
        ctx.bus.announce(getattr(report, "changes", None) or _changes())
        ImportReportDialog(Path(path).name, report, parent).open()

    def on_failure(exc: BaseException) -> None:
        progress.close()
        show_exception(parent, exc)

    op = run_op(lambda p: import_projects(store, path=Path(path), progress=p), on_success=on_success,
                on_failure=on_failure, on_progress=on_progress, write=True, parent=parent)
    progress.canceled.connect(op.cancel)
    parent._import_op = op  # for tests
    return op


def _changes():  # type: ignore[no-untyped-def]
    from inspector.services.changes import Changes

    return Changes.of("projects")


class ImportReportDialog(QDialog):
    def __init__(self, name: str, report, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入结果：{name}").format(name=name))
        summary = QLabel(self.tr("新增 {a} 个项目，更新 {b} 个，未变 {c} 个，有问题的行 {d} 行。").format(
            a=report.imported, b=report.updated, c=report.unchanged, d=len(report.errors)))
        summary.setObjectName("summary")
        self.table = QTableWidget(len(report.errors), 2)
        self.table.setHorizontalHeaderLabels([self.tr("行号"), self.tr("问题")])
        for i, (row, message) in enumerate(report.errors):
            self.table.setItem(i, 0, QTableWidgetItem(str(row)))
            self.table.setItem(i, 1, QTableWidgetItem(message))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setVisible(bool(report.errors))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 360 if report.errors else 120)
        self.summary = summary
