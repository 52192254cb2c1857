"""Each record kind renders to an A4 PDF whose text extracts exactly, in the embedded CJK subset font,
with record number, page x/y and the QR payload on every page."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from inspector.services import records
from tests.reports import builders as b
from tests.reports.conftest import pdftext


def _build(kind: str, store, project, photos_dir: Path) -> str:
    photos = [b.read_photo(photos_dir, "orient_6.jpg"), b.read_photo(photos_dir, "apple_iphone6_gps.jpg")]
    iid = b.make_inspection(store, project, photos if kind == "inspection" else [])
    rid = b.make_rectification(store, project, iid)
    if kind == "inspection":
        return iid
    if kind == "rectification":
        return rid
    if kind == "reply":
        return b.make_reply(store, rid, photos)
    aid = b.make_acceptance(store, project, attendees=8)
    return aid if kind == "acceptance" else b.make_handover(store, project, aid)


EXPECTED = {
    "inspection": ["监督检查记录", "〔2026〕第0012号", "城东区八一路小区老旧小区改造工程", "专项检查", "王建国、马晓燕",
                   "项目负责人养老保险由施工单位缴纳", "社保缴纳单位为青海某劳务公司", "3号楼屋面热熔法动火作业未设监护人",
                   "李志强", "未到岗", "现场质量安全检查", "西建质改〔2026〕第0031号", "位置：36.623200, 101.778900",
                   "1-4号楼屋面防水完成80%"],
    "rectification": ["停工整改通知书", "西建质改〔2026〕第0031号", "青海宏远建设工程有限公司", "经检查，你单位在该工程中存在下列问题",
                      "局部：3号楼屋面防水热熔作业", "《建设工程施工现场消防安全技术规范》GB 50720-2011第6.3.1条",
                      "《建筑工程施工发包与承包违法行为认定查处管理办法》（建市规〔2019〕1号）第八条", "复工条件", "西宁市城东区住房和城乡建设局"],
    "reply": ["整改回复单", "西建质改〔2026〕第0031号-回1", "增设专职动火监护人2名，配置灭火器8具", "经复查，整改到位，同意复工。",
              "同意销项", "整改前", "整改后", "3号楼屋面热熔法动火作业未设监护人"],
    "acceptance": ["竣工联合验收记录", "西建验〔2026〕第0005号", "签字人04", "门禁未调试完成", "通知已复查销项，归档手续在办",
                   "城东区住建局 刘刚", "居民代表满意，共收回意见表46份，满意44份。", "验收组织形式、程序符合规定，执行标准正确。",
                   "社区居委会", "合格", "分部(子项)工程", "共6项，符合设计及标准6项", "质量控制资料核查",
                   "给水管道试压：合格", "YS-09"],
    "handover": ["移交记录", "西建移〔2026〕第0003号", "东环社区居民委员会", "楼道声控灯", "配电室钥匙", "2031-10-07",
                 "陈秀兰", "八一路街道办事处", "西建验〔2026〕第0005号"],
}


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_record_text_fonts_and_page_marks(kind, store, project, photos_dir, tmp_path):
    record_id = _build(kind, store, project, photos_dir)
    pdf = records.render_record(store, kind=kind, record_id=record_id)
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(pdf)

    # Cells wrap long text over lines, so compare with whitespace removed; short values must also
    # appear verbatim on one line.
    raw = pdftext(path)
    flat = _squash(raw)
    for expected in EXPECTED[kind]:
        assert _squash(expected) in flat, expected
    assert "王建国" in raw or kind in ("acceptance", "handover")

    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    font_rows = fonts.splitlines()[2:]
    assert font_rows, fonts
    # Every font is an embedded subset of a shipped font: the CJK font, and the fallback for the
    # symbols it draws blank (℃).
    assert any("WenQuanYiMicroHei" in row for row in font_rows), fonts
    for row in font_rows:
        assert re.search(r"\+(WenQuanYiMicroHei|DejaVuSans)\s+TrueType\s+\S+\s+yes\s+yes", row), row

    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(path)], capture_output=True,
                                                            text=True).stdout).group(1))
    data = records.record_data(store, kind=kind, record_id=record_id)
    for n in range(1, pages + 1):
        page = _squash(pdftext(path, "-raw", "-f", str(n), "-l", str(n)))
        assert f"第{n}页共{pages}页" in page
        assert _squash(f"编号：{data.record_no}") in page
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert f"INSPECTOR:{kind}:{record_id}:{data.content_sha256}" in info

    # The same record renders to the same bytes (no clock, no random id in the file).
    assert records.render_record(store, kind=kind, record_id=record_id) == pdf


def test_long_acceptance_breaks_across_pages_with_repeated_header(store, project, tmp_path):
    aid = b.make_acceptance(store, project, attendees=30)
    path = tmp_path / "a.pdf"
    path.write_bytes(records.render_record(store, kind="acceptance", record_id=aid))
    first, second = pdftext(path, "-raw", "-f", "1", "-l", "1"), pdftext(path, "-raw", "-f", "2", "-l", "2")
    assert "签字人30" not in first
    # The attendee table continues on page 2 under its repeated header row.
    assert "签署时间" in second and "签字人10" in _squash(second)
    assert "签字人30" in _squash(pdftext(path))
    png = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "2", "-l", "2", str(path), str(png)], check=True)
    assert list(tmp_path.glob("page*.png"))


def test_content_hash_follows_content(store, project):
    aid = b.make_acceptance(store, project, attendees=2)
    before = records.record_data(store, kind="acceptance", record_id=aid).content_sha256
    from inspector.domain import Acceptance

    with store.write() as s:
        s.get(Acceptance, aid).conclusion = "不合格"
    assert records.record_data(store, kind="acceptance", record_id=aid).content_sha256 != before


def test_unknown_record_is_a_clear_error(store):
    from inspector.services.errors import UserError

    with pytest.raises(UserError, match="找不到竣工联合验收记录"):
        records.render_record(store, kind="acceptance", record_id="nope")
    with pytest.raises(UserError, match="未知的记录类型"):
        records.render_record(store, kind="memo", record_id="x")
