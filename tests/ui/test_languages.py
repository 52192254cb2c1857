"""Both languages, everywhere: every view (and the open records in it) is walked for visible text
— labels, buttons, tabs, tooltips, headers and cell values. In English nothing Chinese is left but
the data itself (names typed in Chinese, record numbers, legal citations); in Chinese no English
word is left but key names and units."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QTreeView

from inspector.demo.checklists import passing_value
from inspector.domain.clock import china_today
from inspector.services import acceptance as acc
from inspector.services import complaints as csvc
from inspector.services import findings as fsvc
from inspector.services import inspections as svc
from inspector.services import materials as msvc
from inspector.services import projects as psvc
from inspector.services import signatures
from inspector.services.citations import full_basis
from inspector.ui.context import AppContext, ChangeBus
from inspector.ui.views.registry import VIEWS
from tests.ui.conftest import settle
from tests.ui.language_walk import chinese_left, english_left, texts

TODAY = china_today()


def _world(store, registry, names: dict[str, str]) -> dict[str, str]:
    """Two projects with everything a section can show, the free text in `names`' language."""
    n = names
    for key, value in (("inspector_name", n["inspector"]), ("badge_no", "QJ-0123"), ("station_name", n["station"])):
        store.set_setting(key, value)
    pid, _ = psvc.create_project(store, fields={
        "code": "XN-2026-101", "name": n["project"], "community_name": n["community"], "district": "城东区",
        "street": n["street"], "address": n["address"], "status": "在建", "plan_year": "2026",
        "permit_no": "630101202601", "permit_date": str(TODAY - dt.timedelta(days=60)),
        "start_date": str(TODAY - dt.timedelta(days=50))})
    psvc.create_project(store, fields={"code": "XN-2026-102", "name": n["project2"], "district": "城中区",
                                       "status": "储备"})
    contractor, _ = psvc.save_party(store, project_id=pid, fields={"role": "施工单位", "name": n["contractor"]})
    supervisor, _ = psvc.save_party(store, project_id=pid, fields={"role": "监理单位", "name": n["supervisor"]})
    psvc.save_party(store, project_id=pid, fields={"role": "检测单位", "name": n["lab"],
                                                   "qualification_expiry": str(TODAY - dt.timedelta(days=10))})
    psvc.save_person(store, project_id=pid, party_id=contractor, fields={"role": "项目负责人", "name": n["pm"]})
    psvc.save_person(store, project_id=pid, party_id=supervisor, fields={"role": "总监理工程师", "name": n["chief"]})
    iid, _ = svc.start_inspection(store, project_id=pid, kind="日常巡查",
                                  checklists=[registry.checklists["site-patrol"], registry.checklists["illegal-contracting"]])
    d = svc.get_inspection(store, iid)
    answers = []
    for c in d.checklists:
        for item in svc.checklist_of(c).items:
            failing = item.id in ("XC-04", "FB-14")
            value = n["text_answer"] if item.answer == "text" else passing_value(item, failing=failing)
            answers.append(svc.AnswerInput(c.version_id, item.id, value, n["note"] if failing else ""))
    svc.save_answers(store, inspection_id=iid, answers=answers)
    fsvc.findings_from_failed(store, inspection_id=iid)
    first = fsvc.list_findings(store, inspection_id=iid)[0]
    rid, _ = fsvc.issue_notice(store, inspection_id=iid, finding_ids=[first.id], requirements=n["requirements"])
    fsvc.record_reply(store, rectification_id=rid, replied_on=TODAY, measures=n["measures"],
                      responsible_person=n["pm"], supervisor_opinion=n["opinion"])
    for i, no in enumerate(("JC-2026-0001", "JC-2026-0001")):
        bid, _ = msvc.save_batch(store, project_id=pid, fields={
            "material": n["material"], "spec": "B1 50mm", "manufacturer": n["maker"], "batch_no": f"2026080{i}",
            "quantity": "1000", "unit": "m2", "entry_date": str(TODAY - dt.timedelta(days=20)),
            "retest_required": True, "used": True, "used_on": str(TODAY - dt.timedelta(days=5)),
            "location": n["location"]})
        msvc.save_report(store, project_id=pid, batch_id=bid, fields={
            "agency": n["lab"], "report_no": no, "sample": n["material"], "report_date": str(TODAY - dt.timedelta(days=15)),
            "sampled_on": str(TODAY - dt.timedelta(days=10)), "conclusion": "合格", "verification": n["verification"]})
    csvc.save_complaint(store, project_id=pid, fields={
        "received_at": f"{TODAY - dt.timedelta(days=20)} 09:30", "channel": "电话", "content": n["complaint"],
        "location": n["location"], "complainant_name": n["resident"], "complainant_phone": "13800001234",
        "deadline": str(TODAY - dt.timedelta(days=5)), "status": "待处理"})
    csvc.save_posting(store, project_id=pid, fields={"kind": "质量监督投诉电话", "phone": "0971-6100000",
                                                      "posted_on": str(TODAY - dt.timedelta(days=40)),
                                                      "checked_on": str(TODAY), "note": n["note"]})
    aid, _ = acc.start_acceptance(store, project_id=pid, held_on=TODAY, location=n["address"], organiser=n["station"],
                                  override_reason=n["override"], override_by=n["inspector"])
    signatures.add_signatory(store, record_kind="acceptance", record_id=aid, role="施工单位",
                             organisation=n["contractor"], person_name=n["pm"], opinion="合格")
    return {"project": pid, "inspection": iid, "notice": rid, "acceptance": aid}


ENGLISH_DATA = {
    "inspector": "Li Shufen", "station": "Xining Supervision Station", "project": "Minhe Lane Renovation",
    "project2": "Nanguan Street Renovation", "community": "Minhe Lane", "street": "Dongguan Street",
    "address": "12 Minhe Lane, Xining", "contractor": "Qinghai Anju Construction Co.",
    "supervisor": "Xining Chengxin Supervision Co.", "lab": "Qinghai Testing Centre", "pm": "Zhang Wei",
    "chief": "Zhao Min", "note": "Ties missing at block 3", "requirements": "Fix within three days",
    "measures": "Ties added", "opinion": "Agreed", "material": "XPS board", "maker": "Huatai Insulation",
    "location": "Block 3", "verification": "QR code checked", "complaint": "Noise at night",
    "resident": "Wang Fang", "override": "Residents need the lift", "text_answer": "Checked on site",
}
CHINESE_DATA = {
    "inspector": "李淑芬", "station": "西宁市建设工程质量安全监督站", "project": "民和巷小区改造",
    "project2": "南关街小区改造", "community": "民和巷", "street": "东关大街", "address": "西宁市民和巷12号",
    "contractor": "青海安居建设有限公司", "supervisor": "西宁诚信监理有限公司", "lab": "青海省建筑工程质量检测中心",
    "pm": "张伟", "chief": "赵敏", "note": "3号楼连墙件缺失", "requirements": "三日内整改",
    "measures": "已补设连墙件", "opinion": "同意", "material": "挤塑聚苯板", "maker": "华泰保温",
    "location": "3号楼", "verification": "扫码核验", "complaint": "夜间施工噪声扰民", "resident": "王芳",
    "override": "居民急需使用电梯", "text_answer": "现场核查，资料齐全",
}


def _window(qtbot, store, registry, lang: str):  # type: ignore[no-untyped-def]
    from inspector.ui.main_window import MainWindow

    win = MainWindow(None)
    qtbot.addWidget(win)
    win.attach(AppContext(store=store, bus=ChangeBus(), checklists=registry, settings={"language": lang}))
    win.resize(1600, 1000)
    win.show()
    return win


def _walk_everything(qtbot, win, ids: dict[str, str]) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    found = list(texts(win))
    for key, _label, _t in VIEWS:
        view = win.show_view(key)
        settle(qtbot, 200)
        if key == "projects":
            view.open_record("project", ids["project"])
            settle(qtbot)
            for tab in range(view.page.tabs.count()):
                view.page.tabs.setCurrentIndex(tab)
                settle(qtbot, 60)
                found += texts(win)
            continue
        if key == "inspections":
            found += texts(win)
            view.open_inspection(ids["inspection"])
            for tab in range(view.editor.tabs.count()):
                view.editor.tabs.setCurrentIndex(tab)
                settle(qtbot, 60)
                found += texts(win)
            view.show_list()
            continue
        if key == "rectifications":
            view.set_quick_filter(0)
            settle(qtbot)
            found += texts(win)
            dialog = view.open_notice(ids["notice"])
            qtbot.addWidget(dialog)
            settle(qtbot)
            found += texts(dialog)
            dialog.close()
            continue
        if key in ("materials", "complaints"):
            view.project.select(ids["project"])
            qtbot.waitUntil(lambda v=view: not v.loading, timeout=10000)
            settle(qtbot)
        if key == "redflags":
            qtbot.waitUntil(lambda v=view: not v.loading and v.list.model.rowCount() > 0, timeout=20000)
            view.list.table.setCurrentIndex(view.list.model.index(0, 0))
        if key == "acceptance":
            view.picker.select(ids["project"])
            qtbot.waitUntil(lambda v=view: v.acc_model.rowCount() > 0, timeout=10000)
            view.page.load(ids["acceptance"])
            qtbot.waitUntil(lambda v=view: v.page.detail is not None, timeout=10000)
        settle(qtbot)
        found += texts(win)
        if key == "acceptance":
            view.tabs.setCurrentIndex(1)
            settle(qtbot)
            found += texts(win)
    dlg = win.shortcuts_dialog()
    qtbot.addWidget(dlg)
    found += texts(dlg)
    from inspector.ui.settings_dialog import SettingsDialog

    settings = SettingsDialog(win.ctx, win)
    qtbot.addWidget(settings)
    found += texts(settings)
    return found


def _data_values(store, registry, ids, names) -> set[str]:  # type: ignore[no-untyped-def]
    """What the inspector typed or the office numbered: shown as it is in any language."""
    values = set(names.values()) | {store.actor.name, "中文"}  # the store's actor; a language's own name
    values |= {r.record_no for r in svc.list_inspections(store)}
    values |= {r.notice_no for r in fsvc.list_rectifications(store)}
    values |= {f"{r.notice_no}-回1" for r in fsvc.list_rectifications(store)}
    values |= {r.record_no for r in acc.list_acceptances(store, project_id=ids["project"])}
    for cl in registry.checklists.values():  # legal citations are proper names of Chinese documents
        values.add(cl.basis)
        values |= {i.basis for i in cl.items}
        values |= {part.strip() for i in cl.items for part in i.basis.replace("；", ";").split(";")}
        values |= {full_basis(i.basis) for i in cl.items}  # as shown: in full
    with store.read() as s:  # replies are numbered in their own series (复字)
        from inspector.domain import RectificationReply

        values |= {r.reply_no for r in s.query(RectificationReply)}
    return values


@pytest.fixture
def english(qapp):  # type: ignore[no-untyped-def]
    from inspector.ui.i18n import load_qt_translator, load_translator, remove_qt_translator

    # An earlier test in this process may have started the app in Chinese (Qt's own Chinese too), or
    # left a translator installed: every translator made on the app goes (removing one that is not
    # installed does nothing).
    chinese = getattr(qapp, "_qt_translator", None)
    if chinese is not None:
        remove_qt_translator(qapp, chinese)
    for left in qapp.findChildren(QTranslator):
        QCoreApplication.removeTranslator(left)
    qapp._inspector_translator = qapp._qt_translator = None
    tr = load_translator(qapp, "en")
    yield tr
    QCoreApplication.removeTranslator(tr)
    if chinese is not None:
        qapp._qt_translator = load_qt_translator(qapp, "zh")


def test_english_shows_no_chinese_but_the_data(qtbot, store, registry, english):
    ids = _world(store, registry, ENGLISH_DATA)
    win = _window(qtbot, store, registry, "en")
    found = _walk_everything(qtbot, win, ids)
    assert len(found) > 500
    bad = chinese_left(found, _data_values(store, registry, ids, ENGLISH_DATA))
    report = "\n".join(sorted({f"{w}: {t[:140]!r}" for w, t in bad}))
    assert not bad, f"{len(bad)} texts still Chinese in English:\n{report}"
    assert win.windowTitle() == "Renovation Quality and Safety Supervision — Inspector"


# Key names, units and codes an inspector reads in a Chinese interface too.
ALLOWED_WORDS = {"Ctrl", "Shift", "Alt", "Enter", "Esc", "Delete", "Insert", "Del", "Ins", "Tab", "Space", "PDF",
                 "GPS", "PKCS", "English",
                 "Return", "Left", "Backspace", "Inspector", "YYYY", "XPS", "EPS", "PPR", "SBS", "Unicode"}


def test_chinese_shows_no_english(qtbot, store, registry):
    from inspector.ui.i18n import load_qt_translator

    qt = load_qt_translator(QApplication.instance(), "zh")
    try:
        ids = _world(store, registry, CHINESE_DATA)
        win = _window(qtbot, store, registry, "zh")
        found = _walk_everything(qtbot, win, ids)
        allowed = _data_values(store, registry, ids, CHINESE_DATA)
        for cl in registry.checklists.values():  # item texts quote standards: TN-S, kW, B1/B2, A级
            allowed |= {i.text_zh for i in cl.items} | {i.hint for i in cl.items}
        bad = english_left(found, ALLOWED_WORDS, allowed)
        report = "\n".join(sorted({f"{w}: {t[:140]!r}" for w, t in bad}))
        assert not bad, f"{len(bad)} texts with English in Chinese:\n{report}"
        # Qt's own dialogs speak Chinese too: standard buttons and the file dialog.
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert [b.text() for b in box.buttons()] == ["保存", "取消"]
        files = QFileDialog(win, "另存为", "", "PDF (*.pdf)")
        files.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(files)
        files.show()
        labels = [t for w, t in texts(files) if w.startswith("QLabel")]
        assert any("查找范围" in t for t in labels) and any("文件名" in t for t in labels), labels
        # The dialog's own words (folder names and paths are the user's data).
        chrome = [(w, t) for w, t in texts(files) if w.split(":")[0] in ("QLabel", "QToolButton", "QPushButton",
                                                                      "QFileDialog")]
        assert not english_left(chrome, ALLOWED_WORDS | {"pdf", "PDF"}), chrome
        tree = next(v for v in files.findChildren(QTreeView) if v.objectName() == "treeView")
        kinds = {tree.model().index(r, 2, tree.rootIndex()).data() for r in range(tree.model().rowCount(tree.rootIndex()))}
        assert "Folder" not in kinds, kinds  # the type column too
        files.close()
    finally:
        if qt is not None:
            from inspector.ui.i18n import remove_qt_translator

            remove_qt_translator(QApplication.instance(), qt)


def test_english_navigation_and_headers_are_not_clipped(qtbot, store, registry, english):
    ids = _world(store, registry, ENGLISH_DATA)
    win = _window(qtbot, store, registry, "en")
    win.resize(1280, 800)
    metrics = win.nav.fontMetrics()
    for i in range(win.nav.count()):
        text = win.nav.item(i).text()
        assert win.nav.visualItemRect(win.nav.item(i)).width() >= metrics.horizontalAdvance(text) + 8, text
    from PySide6.QtWidgets import QTableView

    for key, _label, _t in VIEWS:
        view = win.show_view(key)
        if key in ("materials", "complaints"):
            view.project.select(ids["project"])
            qtbot.waitUntil(lambda v=view: not v.loading, timeout=10000)
        settle(qtbot, 200)
        for table in view.findChildren(QTableView):
            if not table.isVisible():
                continue
            header = table.horizontalHeader()
            for c in range(header.count()):
                if not header.isSectionHidden(c):
                    assert header.sectionSize(c) >= header.sectionSizeHint(c) - 1, (
                        key, table.objectName(), table.model().headerData(c, Qt.Orientation.Horizontal))


def test_english_missing_items_read_in_english(qtbot, store, registry, english):
    """待补项目 comes from the service in Chinese; shown in English with the item's English text."""
    from inspector.ui.views.inspections import InspectionsView
    from tests.ui.language_walk import CJK

    ids = _world(store, registry, ENGLISH_DATA)
    pid = ids["project"]
    iid, _ = svc.start_inspection(store, project_id=pid, kind="日常巡查",
                                  checklists=[registry.checklists["illegal-contracting"]])
    view = InspectionsView(AppContext(store=store, bus=ChangeBus(), checklists=registry))
    qtbot.addWidget(view)
    view.show()
    view.open_inspection(iid)
    qtbot.waitUntil(lambda: view.editor.problems.count() > 0, timeout=10000)
    first = view.editor.problems.item(0).text()
    assert first.startswith("FB-01 ") and "not answered (required)" in first and not CJK.search(first)


def test_the_window_fits_1280_in_both_languages(qtbot, store, registry, english):
    """No view (the project page with long English labels, the acceptance form) may make the main
    window wider than a 1280 px screen."""
    _world(store, registry, ENGLISH_DATA)
    win = _window(qtbot, store, registry, "en")
    for key, _label, _t in VIEWS:
        win.show_view(key)
    settle(qtbot)
    assert win.minimumSizeHint().width() <= 1280, win.minimumSizeHint()


def test_red_flag_sentences_read_as_sentences(english):
    """The complaint-phone flag used to read "公示日期 2026-09-02 晚于许可后3天内（2026-07-27）公示"."""
    import datetime as dt

    from inspector.domain.rules import redflags as rf
    from inspector.ui.texts import translate_sentence

    project = rf.ProjectIn("p1", "XN-001", "民和巷小区", "在建", permit_date=dt.date(2026, 7, 24))
    posting = rf.PostingIn("g1", "p1", "质量监督投诉电话", posted_on=dt.date(2026, 9, 2), phone="0971-6100000")
    flag = next(f for f in rf.posting_flags([project], [posting], dt.date(2026, 10, 1), rf.Thresholds())
                if f.key.startswith("RF-26/质量监督投诉电话"))
    assert flag.message == ("质量监督投诉电话：施工许可日期为 2026-07-24，应在 2026-07-27 前公示，"
                            "实际公示日期为 2026-09-02，晚了 37 天。")
    assert translate_sentence(flag.message) == (
        "Supervision station complaint phone: the permit is dated 2026-07-24, so it had to be posted by "
        "2026-07-27; it was posted on 2026-09-02, 37 days late.")


def test_a_red_flag_blocker_reads_as_one_sentence(english):
    """The acceptance blocker wraps a red flag's sentence; in English it read "The Red flag to review:
    …" because the inner sentence's "The {role}" swallowed the outer one."""
    from inspector.domain.rules import redflags as rf
    from inspector.services.acceptance import MESSAGES
    from inspector.ui.texts import translate_sentence

    inner = rf.MESSAGES["party_expired"].format(role="施工单位", name="青海鼎盛建筑安装工程有限公司",
                                                expiry="2026-10-23", days=40, status="在建")
    blocker = MESSAGES["flag_blocker"].format(title="参建单位资质过期", message=inner)
    english_text = translate_sentence(blocker)
    assert english_text.startswith("Red flag to review: Party's qualification expired — Contractor “"), english_text
    assert translate_sentence(inner).startswith("Contractor “青海鼎盛建筑安装工程有限公司” was qualified until 2026-10-23")


def test_every_demo_red_flag_reads_in_english(english, demo_store):
    """Each flag the demo raises (reports out of sequence, a client who is not the owner, a chief
    supervisor on two projects, a key person without a contract or rarely on site…) reads as an
    English sentence: its template is known, only the data (names, numbers) stays as typed."""
    import re

    from inspector.services import redflags as rs
    from inspector.ui.texts import translate_sentence

    flags = rs.all_flags(demo_store)
    assert len({f.rule for f in flags}) >= 10
    han = re.compile(r"[\u4e00-\u9fff]")
    for f in flags:
        english_text = translate_sentence(f.message)
        # What is left in Chinese is data the rules quote: names, addresses, typed notes.
        assert english_text[0].isascii() and english_text != f.message, (f.rule, english_text)
        words = re.findall(r"[A-Za-z]+", english_text)
        assert len(words) >= 5 and len(han.findall(english_text)) < len(f.message) * 0.6, (f.rule, english_text)
