"""监督员身份: name, 执法证号 and 监督机构, asked on first run and edited in 设置. Records print
them and the signing certificate is made out to this name; nothing is signed as 本机用户."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.rules.identity import (
    BADGE_KEY,
    DEFAULT_STATION,
    KEYS,
    LEGACY_BADGE_KEY,
    NAME_KEY,
    PLACEHOLDER_NAMES,
    STATION_KEY,
    identity_problems,
)
from inspector.ui.context import AppContext
from inspector.ui.widgets.field_form import ERROR_STYLE


def read_identity(store) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The saved identity (the badge number also from the key the settings dialog used to write)."""
    values = {k: store.get_setting(k, "") for k in KEYS}
    if not values[BADGE_KEY]:
        values[BADGE_KEY] = store.get_setting(LEGACY_BADGE_KEY, "")
    return values


def has_identity(store) -> bool:  # type: ignore[no-untyped-def]
    return not identity_problems(read_identity(store))


def save_identity(store, values: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    for key in KEYS:
        store.set_setting(key, values[key].strip())
    store.actor = store.store.local_actor()  # who is recorded on every change from now on


class IdentityForm(QWidget):
    """The three fields with their errors beside them; shared by the first-run and settings dialogs."""

    def __init__(self, values: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name = values.get(NAME_KEY, "")
        self.name = QLineEdit("" if name in PLACEHOLDER_NAMES else name)
        self.name.setObjectName(NAME_KEY)
        self.name.setPlaceholderText(self.tr("如：李淑芬"))
        self.badge = QLineEdit(values.get(BADGE_KEY, ""))
        self.badge.setObjectName(BADGE_KEY)
        self.badge.setPlaceholderText(self.tr("执法证上的编号"))
        self.station = QLineEdit(values.get(STATION_KEY, "") or DEFAULT_STATION)
        self.station.setObjectName(STATION_KEY)
        # Wide enough for a full station name (西宁市建设工程质量安全监督站) without scrolling.
        width = self.station.fontMetrics().horizontalAdvance(DEFAULT_STATION + "　　") + 24
        for edit in (self.name, self.badge, self.station):
            edit.setMinimumWidth(width)
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.form_layout = form  # 设置 adds its language row here, so all labels line up
        for key, label, edit in ((NAME_KEY, self.tr("监督员姓名"), self.name), (BADGE_KEY, self.tr("执法证号"), self.badge),
                                 (STATION_KEY, self.tr("监督机构"), self.station)):
            err = QLabel()
            err.setStyleSheet(ERROR_STYLE)
            err.hide()
            self.errors[key] = err
            form.addRow("* " + label, edit)
            form.addRow("", err)
            edit.textEdited.connect(lambda _t, k=key: self._on_edited(k))

    def values(self) -> dict[str, str]:
        return {NAME_KEY: self.name.text().strip(), BADGE_KEY: self.badge.text().strip(),
                STATION_KEY: self.station.text().strip()}

    def check(self) -> bool:
        problems = identity_problems(self.values())
        for key, label in self.errors.items():
            message = problems.get(key, "")
            label.setText(QCoreApplication.translate("Identity", message) if message else "")
            label.setVisible(bool(message))
        return not problems

    def _on_edited(self, key: str) -> None:
        # An error goes away as soon as the field is filled in.
        if key not in identity_problems(self.values()):
            self.errors[key].hide()


class IdentityDialog(QDialog):
    """First run: who is this inspector? Saved to the store's settings on 保存."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, first_run: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("监督员身份"))
        intro = QLabel(self.tr("欢迎使用。请先填写您的身份：检查记录、整改通知书和验收记录上都会打印，"
                               "签署记录时的签名证书也以此姓名开具。以后可在“文件 → 设置”中修改。")
                       if first_run else self.tr("签署记录前，请先填写您的身份。"))
        intro.setWordWrap(True)
        self.form = IdentityForm(read_identity(ctx.store), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("以后再填"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(buttons)

    def save(self) -> None:
        if not self.form.check():
            return
        save_identity(self.ctx.store, self.form.values())
        self.accept()


def ensure_identity(ctx: AppContext, parent: QWidget | None = None, *, first_run: bool = False) -> bool:
    """True when an identity is set, asking for it first if needed."""
    if has_identity(ctx.store):
        return True
    IdentityDialog(ctx, parent, first_run=first_run).exec()
    return has_identity(ctx.store)
