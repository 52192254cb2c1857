"""Blocks several records share: the project header, findings table, photo pages and signature grid."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Table, TableStyle

from inspector.reports.images import ReadyImage
from inspector.reports.layout import CONTENT_W, FONT, GRID, S, grid_table, heading, kv_table, para, text, wide


class Assets:
    """Prepared images of one record, looked up by SHA-256."""

    def __init__(self, photos: dict[str, ReadyImage | None], signatures: dict[str, ReadyImage | None]):
        self.photos = photos
        self.signatures = signatures

    def signature(self, sha: str | None, *, width: float, height: float) -> Flowable | str:
        img = self.signatures.get(sha) if sha else None
        if img is None:
            return "（未签名）" if not sha else "（签名图像缺失）"
        return _fit(img, width, height)


def _fit(img: ReadyImage, max_w: float, max_h: float) -> Image:
    scale = min(max_w / img.width, max_h / img.height)
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


def findings_table(findings: list[dict], *, with_status: bool = False) -> Table:
    header = ["序号", "检查项", "问题描述", "部位", "严重程度", "依据", "整改期限"]
    # 依据 is printed in full (《建设工程质量管理条例》第五十七条), so it gets the room.
    widths = [9 * mm, 15 * mm, 48 * mm, 20 * mm, 15 * mm, 47 * mm, CONTENT_W - 154 * mm]
    rows = [[str(i), f["item"], f["description"], f["location"], f["severity"], f["basis"],
             f["deadline"] or "立即"] for i, f in enumerate(findings, 1)]
    if with_status:
        from inspector.domain.vocab import FINDING_STATUS_LABELS

        header[-1] = "状态"
        rows = [r[:-1] + [FINDING_STATUS_LABELS.get(f["status"], f["status"])] for r, f in zip(rows, findings, strict=True)]
    return grid_table(header, rows, widths, empty="未发现问题")


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
        pic: Flowable | Paragraph = _fit(img, col_w - 4, 62 * mm) if img else para("（照片无法读取）", S.cell)
        cells.append([pic, cap])
    rows = [cells[i:i + 2] + [[]] * (2 - len(cells[i:i + 2])) for i in range(0, len(cells), 2)]
    t = Table(rows, colWidths=[col_w + 2 * mm] * 2)
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 5), ("LEFTPADDING", (0, 0), (-1, -1), 1),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 1)]))
    return [heading(title), t]


def signature_grid(signers: list[dict], assets: Assets, *, with_opinion: bool = True) -> Table:
    """Each party: role, organisation, name and title, opinion, drawn signature image and time."""
    sig_w, sig_h = 32 * mm, 12 * mm
    if with_opinion:
        header = ["序号", "角色", "单位", "姓名/职务", "意见", "签名", "签署时间"]
        widths = [9 * mm, 30 * mm, 37 * mm, 22 * mm, 23 * mm, 34 * mm, CONTENT_W - 155 * mm]
    else:
        header = ["序号", "角色", "单位", "姓名/职务", "签名", "签署时间"]
        widths = [9 * mm, 28 * mm, 50 * mm, 30 * mm, 34 * mm, CONTENT_W - 151 * mm]
    rows = []
    for i, x in enumerate(signers, 1):
        who = x["name"] + (f"\n{x['title']}" if x["title"] else "")
        row: list[Any] = [str(i), x["role"], x["organisation"], who]
        if with_opinion:
            row.append(x["opinion"] + (f"\n{x['reasons']}" if x["reasons"] else ""))
        row += [assets.signature(x["signature"], width=sig_w, height=sig_h), x["signed_at"]]
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
