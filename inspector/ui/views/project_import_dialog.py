"""导入储备库: pick an .xlsx, read and check it off the GUI thread, show a preview of what importing
it would do to each row (新增 / 更新 / 不变 / 不导入 with the reasons, 重复行), and only when the user
confirms, write it (also off the GUI thread, with progress and cancel), then show the result."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector.services.project_import import ACTION_LABELS, ImportPlan, PlannedRow
from inspector.ui.context import AppContext
from inspector.ui.messages import show_exception
from inspector.ui.models.table import Column, FilterProxy, RowTableModel
from inspector.ui.ops import run_op

# What each action looks like in the preview: refused rows stand out.
_COLOURS = {"create": "#1b5e20", "update": "#0d47a1", "unchanged": "#616161", "refuse": "#b00020",
            "duplicate": "#8a6d00"}


def _translate(text: str) -> str:
    return QCoreApplication.translate("ProjectImport", text)


def run_import(ctx: AppContext, parent: QWidget, path: str | None = None):  # type: ignore[no-untyped-def]
    """Ask for a file (unless given), read and check it, and show the preview. Returns the Op that
    reads the file (the preview opens when it succeeds)."""
    if path is None:
        path, _ = QFileDialog.getOpenFileName(parent, _translate("导入项目储备库"), "",
                                              _translate("Excel 工作簿 (*.xlsx)"))
        if not path:
            return None
    from inspector.services.project_import import plan_import

    progress = _progress_dialog(parent, _translate("正在读取并检查…"))
    store = ctx.store

    def on_success(plan: ImportPlan) -> None:
        progress.close()
        dialog = ImportPreviewDialog(ctx, plan, parent)
        parent._import_preview = dialog  # for tests
        dialog.open()

    def on_failure(exc: BaseException) -> None:
        progress.close()
        show_exception(parent, exc)

    op = run_op(lambda p: plan_import(store, path=Path(path), progress=p), on_success=on_success,
                on_failure=on_failure, on_progress=lambda d, t, _x: _step(progress, d, t), parent=parent)
    progress.canceled.connect(op.cancel)
    parent._import_op = op  # for tests
    return op


def _progress_dialog(parent: QWidget, text: str) -> QProgressDialog:
    progress = QProgressDialog(text, _translate("取消"), 0, 0, parent)
    progress.setWindowTitle(_translate("导入项目储备库"))
    progress.setMinimumDuration(300)
    return progress


def _step(progress: QProgressDialog, done: int, total: int) -> None:
    progress.setMaximum(total)
    progress.setValue(done)


class ImportPreviewDialog(QDialog):
    """What the import would do, row by row; nothing is written until 导入 is pressed. Emits
    `imported(report)` once the rows are written."""

    imported = Signal(object)

    def __init__(self, ctx: AppContext, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan = plan
        self.apply_op = None
        self.setWindowTitle(self.tr("导入预览：{name}").format(name=plan.path.name))
        layout = QVBoxLayout(self)
        n = {a: plan.count(a) for a in ACTION_LABELS}
        self.summary = QLabel(self.tr(
            "工作表“{sheet}”，表头在第 {row} 行。将新增 {create} 个项目，更新 {update} 个，{unchanged} 个不变；"
            "{refuse} 行不导入，{duplicate} 行重复（只导入一次）。确认无误后再导入，此前不会写入任何数据。").format(
            sheet=plan.sheet, row=plan.header_row, **n))
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        notes = []
        if not plan.has_code_column:
            notes.append(self.tr("表中没有“项目编号”列：按县区和项目名称识别已有项目，新项目自动编号。"))
        if plan.ignored_columns:
            notes.append(self.tr("未识别、不导入的列：{cols}").format(cols="、".join(plan.ignored_columns)))
        self.notes = QLabel("\n".join(notes))
        self.notes.setObjectName("notes")
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #6d4c00;")
        self.notes.setVisible(bool(notes))
        layout.addWidget(self.notes)

        filters = QHBoxLayout()
        self.filter_group = QButtonGroup(self)
        for i, (key, label) in enumerate((("", self.tr("全部")), ("refuse", self.tr("不导入"))
                                          , ("create", self.tr("新增")), ("update", self.tr("更新")),
                                          ("warn", self.tr("有提示")))):
            btn = QRadioButton(label)
            btn.setProperty("filter_key", key)
            btn.setChecked(i == 0)
            self.filter_group.addButton(btn, i)
            filters.addWidget(btn)
        filters.addStretch(1)
        self.filter_group.idClicked.connect(self._on_filter_group_id_clicked)
        layout.addLayout(filters)

        labels = {"create": self.tr("新增"), "update": self.tr("更新"), "unchanged": self.tr("不变"),
                  "refuse": self.tr("不导入"), "duplicate": self.tr("重复行")}
        assert set(labels) == set(ACTION_LABELS)
        colour = lambda r: _COLOURS.get(r.action)  # noqa: E731
        self.model: RowTableModel[PlannedRow] = RowTableModel([
            Column("行号", lambda r: r.row, align_right=True),
            Column("处理", lambda r: labels[r.action], color=colour),
            Column("项目编号", lambda r: r.code),
            Column("项目名称", lambda r: r.name),
            Column("县区", lambda r: r.district),
            Column("说明", lambda r: r.note, color=lambda r: "#b00020" if r.reasons and r.action == "refuse"
                   else "#8a6d00" if r.warnings else None, tooltip=lambda r: r.note or None),
        ], self)
        self.model.set_rows(plan.rows)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("plan")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for col in range(5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        self.buttons = QDialogButtonBox()
        writable = len(plan.writable)
        self.import_button = QPushButton(self.tr("导入 {n} 个项目").format(n=writable) if writable
                                         else self.tr("没有可导入的项目"))
        self.import_button.setObjectName("confirm_import")
        self.import_button.setEnabled(writable > 0)
        self.import_button.setDefault(writable > 0)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(980, 560)

    @Slot(int)
    def _on_filter_group_id_clicked(self, button_id: int) -> None:
        key = self.filter_group.button(button_id).property("filter_key")
        if not key:
            self.proxy.set_predicate(None)
        elif key == "warn":
            self.proxy.set_predicate(lambda r: bool(r.warnings))
        else:
            self.proxy.set_predicate(lambda r, k=key: r.action == k)

    @Slot()
    def _on_import_button_clicked(self) -> None:
        from inspector.services.project_import import apply_plan

        self.import_button.setEnabled(False)
        progress = _progress_dialog(self, _translate("正在导入…"))
        store, plan = self.ctx.store, self.plan

        def on_success(report) -> None:  # type: ignore[no-untyped-def]
            progress.close()
            self.ctx.bus.announce(report.changes)
            self.imported.emit(report)
            self.accept()
            result = ImportReportDialog(plan.path.name, report, self.parentWidget())
            if self.parentWidget() is not None:
                self.parentWidget()._import_report = result  # for tests
            result.open()

        def on_failure(exc: BaseException) -> None:
            progress.close()
            self.import_button.setEnabled(True)
            show_exception(self, exc)

        self.apply_op = run_op(lambda p: apply_plan(store, plan, progress=p), on_success=on_success,
                               on_failure=on_failure, on_progress=lambda d, t, _x: _step(progress, d, t),
                               write=True, parent=self)
        progress.canceled.connect(self.apply_op.cancel)


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
