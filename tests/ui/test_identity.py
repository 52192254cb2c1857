"""Who the inspector is: asked on first run, changed in 设置, and required before anything is
signed — no record is ever signed by 本机用户."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QLineEdit, QMessageBox

from inspector.services import keys
from inspector.store import Actor
from inspector.ui.context import AppContext, ChangeBus
from tests.conftest import type_text, when_modal


def _save(dlg) -> None:  # type: ignore[no-untyped-def]
    dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def test_first_run_asks_who_the_inspector_is(qtbot, store):
    from inspector.ui.main_window import MainWindow

    assert store.actor.name == "测试监督员"  # the fixture's; a real first start has 本机用户
    store.actor = Actor("本机用户")
    window = MainWindow(None)
    qtbot.addWidget(window)
    window.attach(AppContext(store=store, bus=ChangeBus()))
    seen: dict[str, object] = {}

    def fill(dlg) -> None:  # type: ignore[no-untyped-def]
        _save(dlg)  # nothing filled in: refused, each field says why
        errors = [w.text() for w in dlg.findChildren(QLabel) if w.isVisible() and "请填写" in w.text()]
        seen["errors"] = errors
        name = dlg.findChild(QLineEdit, "inspector_name")
        type_text(qtbot, name, "李淑芬")
        seen["name_error_after_typing"] = [w.text() for w in dlg.findChildren(QLabel)
                                           if w.isVisible() and "请填写监督员姓名" in w.text()]
        type_text(qtbot, dlg.findChild(QLineEdit, "badge_no"), "QJ-0123")
        station = dlg.findChild(QLineEdit, "station_name")
        seen["station"] = station.text()
        seen["station_fits"] = station.width() >= station.fontMetrics().horizontalAdvance(station.text())
        _save(dlg)

    done = when_modal(fill)
    assert window.ensure_identity()
    assert done
    assert len(seen["errors"]) == 2  # 姓名, 执法证号 (监督机构 comes filled in)
    assert seen["name_error_after_typing"] == []  # the error went away as the name was typed
    assert seen["station"] == "西宁市建设工程质量安全监督站" and seen["station_fits"]
    assert store.get_setting("inspector_name") == "李淑芬"
    assert store.get_setting("badge_no") == "QJ-0123"
    assert store.get_setting("station_name") == "西宁市建设工程质量安全监督站"
    assert store.actor.name == "李淑芬"
    assert window.ensure_identity()  # asked once: now it is known


def test_settings_change_the_identity_and_show_the_language_in_use(qtbot, store):
    from inspector.ui.settings_dialog import SettingsDialog

    store.set_setting("inspector_name", "李淑芬")
    store.set_setting("inspector_badge", "OLD-7")  # written by the old settings dialog
    store.set_setting("station_name", "西宁市建设工程质量安全监督站")
    ctx = AppContext(store=store, bus=ChangeBus(), settings={"language": "en"})  # started with --lang en
    dlg = SettingsDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    language = dlg.findChild(QComboBox, "language")
    assert language.currentText() == "English"
    badge = dlg.findChild(QLineEdit, "badge_no")
    # The language's field starts where the identity fields start (one column of labels).
    assert language.mapTo(dlg, language.rect().topLeft()).x() == badge.mapTo(dlg, badge.rect().topLeft()).x()
    assert badge.text() == "OLD-7"
    badge.clear()
    type_text(qtbot, badge, "QJ-0999")
    _save(dlg)
    assert store.get_setting("badge_no") == "QJ-0999"


def test_nothing_is_signed_by_the_placeholder_actor(qtbot, store, monkeypatch):
    """No identity: 签署 asks for it first, and cancelling signs nothing. A certificate made out
    to 本机用户 (older installs) is refused and replaced before anything is signed."""
    from inspector.services import record_signing as recs
    from inspector.ui.widgets.signing_bar import SigningBar

    for key in ("inspector_name", "badge_no", "station_name"):
        store.set_setting(key, "")
    monkeypatch.setattr(recs, "problems_before_signing", lambda *_a, **_k: [])
    bar = SigningBar(AppContext(store=store, bus=ChangeBus()), "inspection")
    qtbot.addWidget(bar)
    bar.set_record("some-record", record_no="〔2026〕第0001号")
    asked: list[str] = []

    def cancel(dlg) -> None:  # type: ignore[no-untyped-def]
        asked.append(dlg.windowTitle())
        dlg.reject()

    done = when_modal(cancel)
    bar.sign_btn.click()
    assert done and asked == ["监督员身份"]
    assert not keys.has_key(store)

    # An old certificate named 本机用户: signing first asks to make a new one in the inspector's name.
    keys.create_key(store, name="本机用户", passphrase="old-pass-1", confirm="old-pass-1")
    for key, value in (("inspector_name", "李淑芬"), ("badge_no", "QJ-1"), ("station_name", "西宁市监督站")):
        store.set_setting(key, value)
    boxes: list[str] = []

    def refuse(dlg) -> None:  # type: ignore[no-untyped-def]
        boxes.append(dlg.text() if isinstance(dlg, QMessageBox) else dlg.windowTitle())
        dlg.reject()

    done = when_modal(refuse)
    bar.sign_btn.click()
    assert done and "本机用户" in boxes[0]
    assert keys.key_info(store).name == "本机用户"  # nothing replaced without the user's word
