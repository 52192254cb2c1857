"""Blocks several records share: the project header, findings table, photo pages and signature grid."""

from __future__ import annotations

import io
from concurrent.futures import Future
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

from inspector.reports.images import ReadyImage
from inspector.reports.layout import CONTENT_W, FONT, GRID, S, grid_table, heading, kv_table, para, text, wide

BLANK = "＿＿＿＿＿＿"  # a line left to be filled in by hand


Pending = ReadyImage | Future | None  # prepared, still being prepared, or missing


class Assets:
    """Images of one record, looked up by SHA-256: prepared already, or futures still being prepared
    while the layout goes on (`render.render_pdf`)."""

    def __init__(self, photos: dict[str, Pending], signatures: dict[str, Pending]):
        self.photos = photos
        self.signatures = signatures

    def signature(self, sha: str | None, *, width: float, height: float) -> Flowable | str:
        img = self.signatures.get(sha) if sha else None
        if img is None:
            return "（未签名）" if not sha else "（签名图像缺失）"
        return picture(img, width, height, missing="（签名图像缺失）")


class PendingImage(Flowable):
    """An image another thread is still preparing when the story is built: the pages before it are
    laid out meanwhile, and it waits for its picture only when the layout reaches it."""

    def __init__(self, future: Future, max_w: float, max_h: float, missing: str) -> None:
        super().__init__()
        self._future, self._box, self._missing = future, (max_w, max_h), missing
        self._inner: Flowable | None = None

    def _resolved(self) -> Flowable:
        if self._inner is None:
            img = self._future.result()
            self._inner = _fit(img, *self._box) if img is not None else para(self._missing, S.cell)
        return self._inner

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        self.width, self.height = self._resolved().wrap(avail_w, avail_h)
        return self.width, self.height

    def draw(self) -> None:
        self._resolved().drawOn(self.canv, 0, 0)


def picture(img: Pending, max_w: float, max_h: float, *, missing: str) -> Flowable:
    """An image scaled to fit the box, or the `missing` text when it could not be read."""
    if isinstance(img, Future):
        return PendingImage(img, max_w, max_h, missing)
    return _fit(img, max_w, max_h) if img is not None else para(missing, S.cell)


def title_block(d: dict[str, Any]) -> list[Flowable]:
    """The issuing station, the record's name and its 文书字号."""
    out: list[Flowable] = []
    if d.get("issuer"):
        out.append(para(d["issuer"], S.subtitle))
    out.append(para(d["title"], S.title))
    sub = f"{d['record_no']}" if d.get("record_no") else "（未编号）"
    if d.get("amends_id"):
        sub += "（更正版本）"
    out.append(para(sub, S.subtitle))
    return out


def closing(d: dict[str, Any], date: str, *, receipt: bool = True) -> list[Flowable]:
    """落款 and seal place, then the 签收 block (for the party named as `receipt_party`)."""
    out: list[Flowable] = [sign_off(d.get("issuer", ""), date)]
    if receipt:
        out += receipt_block(d.get("receipt_party", ""))
    return out


def staff_text(d: dict[str, Any]) -> str:
    staff = d.get("staff") or [{"name": n, "badge": ""} for n in d.get("inspectors", [])]
    return "、".join(f"{x['name']}（执法证号 {x['badge']}）" if x.get("badge") else x["name"] for x in staff)


class _JpegReader(ImageReader):
    """A prepared JPEG for `Canvas.drawImage`, which embeds it as it is (DCTDecode). ReportLab names
    each image by a digest of its decoded pixels, which it keeps until the PDF is saved: 1.2 MB a
    photo, 250 MB for a record of 200. The JPEG's own bytes name it as well, with no decoding."""

    def getRGBData(self) -> bytes:  # noqa: N802 - ReportLab's name
        self._dataA = None  # no alpha channel (drawImage asks)
        return self.fp.getvalue()


class JpegImage(Flowable):
    """A prepared JPEG drawn at a given size; its reader exists only while it is drawn."""

    def __init__(self, img: ReadyImage, width: float, height: float) -> None:
        super().__init__()
        self._data, self.width, self.height = img.data, width, height
        self.hAlign = "CENTER"

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(_JpegReader(io.BytesIO(self._data)), 0, 0, self.width, self.height)


def _fit(img: ReadyImage, max_w: float, max_h: float) -> Flowable:
    scale = min(max_w / img.width, max_h / img.height)
    if img.data[:2] == b"\xff\xd8":  # a photo (JPEG); signatures are small PNGs, left to ReportLab
        return JpegImage(img, img.width * scale, img.height * scale)
    return Image(io.BytesIO(img.data), width=img.width * scale, height=img.height * scale)


def project_header(p: dict[str, Any], *, extra: list[tuple[str, Any]] | None = None) -> Table:
    pairs: list[tuple[str, Any]] = [
        ("工程名称", p["name"]), ("项目编号", p["code"]),
        ("小区名称", p["community_name"]), ("所在区域", " ".join(x for x in (p["district"], p["street"], p["community"]) if x)),
        ("监督注册号", p["supervision_no"]), ("施工许可证号", p["permit_no"]),
    ]
    pairs += extra or []
    pairs.append(("地址", wide(p["address"])))
    return kv_table(pairs)


def parties_table(p: dict[str, Any], roles: tuple[str, ...] | None = None) -> Table:
    rows = [[x["role"], x["name"], x["leader"], x["contact"]] for x in p["parties"]
            if roles is None or x["role"] in roles]
    return grid_table(["单位类别", "单位名称", "项目负责人", "联系人/电话"], rows,
                      [24 * mm, 70 * mm, 40 * mm, CONTENT_W - 134 * mm])


def findings_table(findings: list[dict], *, with_status: bool = False, empty: str = "未发现问题",
                   with_deadline: bool = True) -> Table:
    header = ["序号", "检查项", "问题描述", "部位", "严重程度", "依据", "整改期限"]
    # 依据 is printed in full (《建设工程质量管理条例》第五十七条), so it gets the room.
    widths = [9 * mm, 15 * mm, 48 * mm, 20 * mm, 15 * mm, 47 * mm, CONTENT_W - 154 * mm]
    rows = [[str(i), f["item"], f["description"], f["location"], f["severity"], f["basis"],
             f["deadline"] or "立即"] for i, f in enumerate(findings, 1)]
    if with_status:
        from inspector.domain.vocab import FINDING_STATUS_LABELS

        header[-1] = "状态"
        rows = [r[:-1] + [FINDING_STATUS_LABELS.get(f["status"], f["status"])] for r, f in zip(rows, findings, strict=True)]
    elif not with_deadline:  # a referral: what was found and what it breaches, no deadline
        header, rows = header[:-1], [r[:-1] for r in rows]
        widths = [9 * mm, 15 * mm, 60 * mm, 20 * mm, 15 * mm, CONTENT_W - 119 * mm]
    return grid_table(header, rows, widths, empty=empty)


def photo_section(photos: list[dict], assets: Assets, *, title: str = "附件：现场照片") -> list[Flowable]:
    """Photos two to a row, each with its caption (time, GPS, project, inspector) under it."""
    if not photos:
        return []
    col_w = (CONTENT_W - 4 * mm) / 2
    cells: list[list[Flowable]] = []
    for n, ph in enumerate(photos, 1):
        img = assets.photos.get(ph["sha256"])
        label = f"照片 {n}" + (f"（{ph['role']}）" if ph.get("role") else "") + (f"  检查项 {ph['item']}" if ph.get("item") else "")
        lines = [label, *( [ph["caption"]] if ph.get("caption") else []), *ph["lines"]]
        cap = Paragraph("<br/>".join(text(x) for x in lines), S.caption)
        pic = picture(img, col_w - 4, 62 * mm, missing="（照片无法读取）")
        cells.append([pic, cap])
    rows = [cells[i:i + 2] + [[]] * (2 - len(cells[i:i + 2])) for i in range(0, len(cells), 2)]
    t = Table(rows, colWidths=[col_w + 2 * mm] * 2)
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 5), ("LEFTPADDING", (0, 0), (-1, -1), 1),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 1)]))
    return [heading(title), t]


def signature_grid(signers: list[dict], assets: Assets, *, with_opinion: bool = True,
                   with_seal: bool = False) -> Table:
    """Each party: role, organisation, name and title, opinion, drawn signature image and time; with
    `with_seal`, a blank 单位公章 column for each party's seal on the paper copy."""
    sig_w, sig_h = 30 * mm, 12 * mm
    if with_opinion and with_seal:
        header = ["序号", "角色", "单位", "姓名/职务", "意见", "签名", "单位公章", "签署时间"]
        widths = [8 * mm, 22 * mm, 30 * mm, 20 * mm, 14 * mm, 28 * mm, 22 * mm, CONTENT_W - 144 * mm]
    elif with_opinion:
        header = ["序号", "角色", "单位", "姓名/职务", "意见", "签名", "签署时间"]
        widths = [9 * mm, 30 * mm, 37 * mm, 22 * mm, 23 * mm, 34 * mm, CONTENT_W - 155 * mm]
    elif with_seal:
        header = ["序号", "角色", "单位", "姓名/职务", "签名", "单位公章", "签署时间"]
        widths = [8 * mm, 22 * mm, 40 * mm, 24 * mm, 30 * mm, 22 * mm, CONTENT_W - 146 * mm]
    else:
        header = ["序号", "角色", "单位", "姓名/职务", "签名", "签署时间"]
        widths = [9 * mm, 28 * mm, 50 * mm, 30 * mm, 34 * mm, CONTENT_W - 151 * mm]
    rows = []
    for i, x in enumerate(signers, 1):
        who = x["name"] + (f"\n{x['title']}" if x["title"] else "")
        row: list[Any] = [str(i), x["role"], x["organisation"], who]
        if with_opinion:
            row.append(x["opinion"] + (f"\n{x['reasons']}" if x["reasons"] else ""))
        row.append(assets.signature(x["signature"], width=sig_w, height=sig_h))
        if with_seal:
            row.append("")
        row.append(x["signed_at"])
        rows.append(row)
    return grid_table(header, rows, widths, empty="（无签署人）")


def text_box(label: str, value: str, *, min_h: float = 14 * mm) -> Table:
    """A labelled, ruled free-text box, as the paper form has for opinions and requirements."""
    t = Table([[para(label, S.cell), para(value or "（无）", S.body)]], colWidths=[24 * mm, CONTENT_W - 24 * mm],
              rowHeights=None)
    t.setStyle(TableStyle([*GRID, ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return t


def inspector_signoff(names: list[str], date: str) -> KeepTogether:
    rows = [[para("检查人员签名", S.cell), para("、".join(names) or "", S.cell), para("日期", S.cell), para(date, S.cell)]]
    t = Table(rows, colWidths=[26 * mm, CONTENT_W - 76 * mm, 14 * mm, 36 * mm], rowHeights=[12 * mm])
    t.setStyle(TableStyle(GRID))
    return KeepTogether([t])


def staff_signoff(staff: list[dict], names: list[str], date: str) -> KeepTogether:
    """监督人员 (at least two, reference §3.1 (4)) with their 执法证号 and a space to sign each. Older
    records without badges give names only."""
    people = list(staff) or [{"name": n, "badge": ""} for n in names]
    while len(people) < 2:
        people.append({"name": "", "badge": ""})
    rows = [[str(i), p.get("name") or BLANK, p.get("badge") or BLANK, "", date or BLANK]
            for i, p in enumerate(people, 1)]
    t = grid_table(["序号", "监督人员", "执法证号", "签名", "日期"], rows,
                   [10 * mm, 36 * mm, 46 * mm, 46 * mm, CONTENT_W - 138 * mm])
    return KeepTogether([t])


def china_date(iso: str) -> str:
    """2026-05-12 as an official document dates itself: 2026年5月12日 (GB/T 9704-2012 7.3.5.1)."""
    try:
        y, m, d = (int(x) for x in (iso or "")[:10].split("-"))
    except ValueError:
        return "＿＿年＿＿月＿＿日"
    return f"{y}年{m}月{d}日"


def sign_off(issuer: str, date: str, *, seal: str = "（监督机构印章）") -> KeepTogether:
    """落款: the issuing station and the date, right-aligned, over a space for its seal (盖章)."""
    stamp = Table([[para(seal, S.stamp)]], colWidths=[40 * mm], rowHeights=[26 * mm])
    stamp.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT),
                               ("BOX", (0, 0), (-1, -1), 0.4, colors.HexColor("#9e9e9e")),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    words = Table([[para(issuer or BLANK, S.right)], [para(china_date(date), S.right)]],
                  colWidths=[CONTENT_W - 46 * mm])
    words.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    t = Table([[words, stamp]], colWidths=[CONTENT_W - 44 * mm, 44 * mm])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 2),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether([Spacer(1, 4 * mm), t])


REFUSAL_NOTE = ("受送达人拒绝签收的，送达人应在本栏注明拒签事由和日期，由见证人签名或者盖章，"
                "并可以采用拍照、录像等方式记录送达过程，将文书留置于受送达人处，即视为送达。")


def receipt_block(party: str, *, title: str = "签收") -> list[Flowable]:
    """签收: blank lines for the receiving party's 签收人, 职务 and 日期; and the 拒签 note with a
    witness (见证人) for a refusal."""
    rows = [
        [para("签收单位", S.cell), para(party or BLANK, S.cell), "", "", "", ""],
        [para("签收人（签名）", S.cell), para(BLANK, S.cell), para("职务", S.cell), para(BLANK, S.cell),
         para("签收日期", S.cell), para("＿＿年＿＿月＿＿日", S.cell)],
        [para("拒签情况", S.cell), para(REFUSAL_NOTE, S.small), "", "", "", ""],
        [para("拒签事由", S.cell), para(BLANK, S.cell), para("送达人", S.cell), para(BLANK, S.cell),
         para("日期", S.cell), para("＿＿年＿＿月＿＿日", S.cell)],
        [para("见证人（签名）", S.cell), para(BLANK, S.cell), para("见证人单位/身份", S.cell), para(BLANK, S.cell),
         "", ""],
    ]
    t = Table(rows, colWidths=[26 * mm, 40 * mm, 26 * mm, 34 * mm, 18 * mm, CONTENT_W - 144 * mm],
              rowHeights=[None, 11 * mm, None, 11 * mm, 11 * mm])
    t.setStyle(TableStyle([*GRID, ("SPAN", (1, 0), (-1, 0)), ("SPAN", (1, 2), (-1, 2)), ("SPAN", (3, 4), (-1, 4)),
                           ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f2f2"))]))
    return [heading(title), KeepTogether([t])]
