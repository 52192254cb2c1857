"""How a reserve-list sheet says things: the headers offices write for each project field, the
units in them, and cell values typed as people type them. Used by project_import.py; pure
functions over a `Sheet`, no database, no Qt."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from inspector.domain.rules.fields import FIELDS_BY_NAME
from inspector.domain.vocab import District
from inspector.services.projects import parse_fields
from inspector.services.xlsx import Sheet

ITEMS_COLUMN = "改造内容"
TOTAL_COLUMN = "总投资"
HEADER_SEARCH_ROWS = 15
REQUIRED = (("name", "项目名称"), ("district", "县区"))

# The ways district offices head each column, compared after `normalise` (no spaces, line breaks,
# full-width forms, brackets or the unit inside them). The first is how the app names it.
HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("项目编号", "项目代码", "项目编码", "编号", "项目序号编码", "储备库编号", "入库编号"),
    "name": ("项目名称", "改造项目名称", "改造项目", "工程名称", "项目名", "名称（项目）", "改造小区项目名称"),
    "community_name": ("小区名称", "小区", "小区名", "小区（院落）名称", "院落名称", "小区院落名称", "改造小区"),
    "district": ("县区", "所属县区", "区县", "县（区）", "区（县）", "所在县区", "县区名称", "行政区", "所属区县",
                 "辖区", "县区（市辖区）"),
    "street": ("街道", "所属街道", "街道（乡镇）", "乡镇（街道）", "街道办事处", "乡镇", "镇（街道）"),
    "community": ("社区", "所属社区", "社区（村）", "社区居委会", "社区名称"),
    "address": ("地址", "详细地址", "小区地址", "项目地址", "坐落位置", "坐落", "位置", "项目位置"),
    "lat": ("纬度",),
    "lon": ("经度",),
    "year_built": ("建成年代", "建成年份", "建成时间", "建设年代", "建成年限", "竣工年代", "建成年度", "建造年代"),
    "buildings": ("楼栋数", "栋数", "楼栋数量", "楼数", "幢数", "楼栋", "改造楼栋数", "涉及楼栋"),
    "households": ("户数", "总户数", "居民户数", "涉及户数", "住户数", "惠及户数", "受益户数", "改造户数"),
    "floor_area": ("建筑面积", "总建筑面积", "改造面积", "改造建筑面积", "房屋建筑面积", "小区建筑面积"),
    "elevators": ("加装电梯", "加装电梯台数", "加装电梯数量", "电梯台数", "拟加装电梯", "加装电梯数"),
    "plan_year": ("计划年度", "年度", "改造年度", "计划改造年度", "实施年度", "计划实施年度", "改造计划年度"),
    "status": ("状态", "项目状态", "当前状态"),
    "permit_no": ("施工许可证号", "施工许可证编号", "许可证号", "施工许可编号"),
    "supervision_no": ("监督注册号", "质量安全监督注册号", "监督登记号", "监督编号"),
    "permit_date": ("施工许可日期", "施工许可证日期", "许可日期", "施工许可发证日期", "发证日期"),
    "start_date": ("开工日期", "开工时间", "实际开工日期", "计划开工日期", "计划开工时间"),
    "finish_date": ("竣工日期", "竣工时间", "完工日期", "完工时间", "计划竣工日期", "计划完工时间"),
    "contract_price": ("合同价", "合同金额", "合同价款", "中标价", "中标金额"),
    "fund_subsidy": ("中央及省级补助", "中央及省级补助资金", "中央和省级补助", "中央和省级补助资金", "中央补助资金",
                     "中央补助", "上级补助资金", "中央预算内投资", "省级以上补助"),
    "fund_resident": ("居民出资", "居民出资金额", "居民自筹", "居民自筹资金", "个人出资"),
    "fund_utility": ("专营单位出资", "专营单位投资", "专业经营单位出资", "管线单位出资", "管线单位投资"),
    "fund_bonds": ("专项债券", "地方政府专项债券", "专项债", "专项债券资金", "债券资金"),
    "fund_other": ("其他资金", "其他", "其他来源", "其他投资", "社会资本"),
    "notes": ("备注", "说明", "附注"),
    ITEMS_COLUMN: ("改造内容", "主要改造内容", "改造项目内容", "建设内容", "主要建设内容", "改造内容及规模"),
    TOTAL_COLUMN: ("总投资", "总投资额", "项目总投资", "估算总投资", "计划总投资", "投资估算", "总投资估算", "投资额",
                   "合计投资"),
}
_BY_TEXT: dict[str, str] = {}
for _name, _texts in HEADERS.items():
    for _text in _texts:
        _BY_TEXT.setdefault(re.sub(r"[（(][^)）]*[)）]", "", _text), _name)

_ROW_INDEX = {"序号", "序", "No.", "NO", "No"}  # the row's position in the sheet: not data, not worth a mention
_BRACKETS = re.compile(r"[（(\[【]([^)）\]】]*)[)）\]】]")
_MONEY_UNITS = {"万元": 10000.0, "亿元": 100000000.0, "元": 1.0, "千元": 1000.0}
_DISTRICT_ALIASES = {"大通回族土族自治县": "大通县", "湟中县": "湟中区", "西宁市城东区": "城东区"}
_TOTAL_WORDS = ("合计", "小计", "总计", "累计", "汇总", "共计")
_NOTE = re.compile(r"^(注\d*|说明|备注|填表说明|填表人|制表人|制表|审核人|审核|联系人|联系电话|填报单位|填报人|"
                   r"负责人|资料来源|单位)[：:.、]")
_SPLIT = re.compile(r"[、，,；;\n]+")


def normalise(text: Any) -> str:
    """A header or label as compared: NFKC (full-width forms), no whitespace or line breaks, no
    bracketed part, no trailing colon or required-field star."""
    s = unicodedata.normalize("NFKC", str(text or ""))
    s = re.sub(r"\s+", "", s)
    s = _BRACKETS.sub("", s)
    return s.strip("*:：※")


def unit_of(text: Any) -> str:
    """The unit written in a header's brackets ("" if none): 建筑面积（m²）→ m², 总投资（万元）→ 万元."""
    s = unicodedata.normalize("NFKC", str(text or ""))
    found = _BRACKETS.findall(re.sub(r"\s+", "", s))
    return found[-1] if found else ""


@dataclass
class HeaderMap:
    row: int  # sheet row number of the header
    columns: dict[int, str]  # 0-based column index -> field name (or ITEMS_COLUMN / TOTAL_COLUMN)
    factors: dict[int, float]  # column -> multiplier to 元 for money columns
    described: list[tuple[str, str]]  # (header as written, field name), in sheet order
    ignored: list[str]  # headers not recognised

    def has(self, name: str) -> bool:
        return name in self.columns.values()

    def column_of(self, name: str) -> int | None:
        return next((c for c, n in self.columns.items() if n == name), None)


def _row_text(sheet: Sheet, number: int) -> list[str]:
    row = sheet.rows[number - 1] if 0 < number <= len(sheet.rows) else []
    return [str(v).strip() if v is not None else "" for v in row]


def _recognise(text: str) -> str | None:
    return _BY_TEXT.get(normalise(text)) if text else None


def read_headers(sheet: Sheet) -> HeaderMap:
    """Find the header row and what each column holds. Raises UserError naming the missing
    required columns and the headers that were found."""
    from inspector.services.errors import UserError

    best, best_hits = 0, 0
    for number in range(1, min(HEADER_SEARCH_ROWS, len(sheet.rows)) + 1):
        hits = len({n for t in _row_text(sheet, number) if (n := _recognise(t))})
        if hits > best_hits:
            best, best_hits = number, hits
    if best_hits < 2:
        sample = "、".join(t for t in _row_text(sheet, 1)[:8] if t) or "（空）"
        raise UserError(f"未找到表头行：前 {HEADER_SEARCH_ROWS} 行中没有一行写着“项目名称”“县区”等列名"
                        f"（第 1 行是：{sample}）。请确认选的是项目储备库工作簿。")
    header, above = _row_text(sheet, best), _row_text(sheet, best - 1)
    columns: dict[int, str] = {}
    factors: dict[int, float] = {}
    described: list[tuple[str, str]] = []
    ignored: list[str] = []
    for i, text in enumerate(header):
        upper = above[i] if i < len(above) else ""
        name = _recognise(text)
        written = text
        if name is None and not text and upper:
            name, written = _recognise(upper), upper  # merged down from the group header row
        if not written or normalise(written) in _ROW_INDEX:
            continue
        if name is None or name in columns.values():
            ignored.append(written)
            continue
        columns[i] = name
        described.append((written, name))
        # A unit in the header itself wins; else the group header's above it (资金来源（万元）).
        unit = unit_of(written) or (unit_of(upper) if upper and upper != written else "")
        factors[i] = _MONEY_UNITS.get(unit, 1.0)
    missing = [label for name, label in REQUIRED if name not in columns.values()]
    if missing:
        found = "、".join(t for t in header if t) or "（无）"
        hints = "；".join(f"“{label}”也可写作：{'、'.join(HEADERS[name][1:5])}" for name, label in REQUIRED
                         if label in missing)
        raise UserError(f"表头缺少必需的列：{'、'.join(missing)}。第 {best} 行找到的列：{found}。{hints}")
    return HeaderMap(best, columns, factors, described, ignored)


def is_filler_row(row: list[Any], headers: HeaderMap) -> bool:
    """Blank rows, totals rows (合计 / 小计 / 总计 …), the row numbering the columns (1, 2, 3 …)
    under a header, and footnotes (注：…, 填表人：…) — none of them is a project."""
    cells = [(i, v) for i, v in enumerate(row) if v is not None and str(v).strip() != ""]
    if not cells:
        return True
    texts = [normalise(v) for _i, v in cells[:4] if isinstance(v, str)]
    if any(t.startswith(_TOTAL_WORDS) for t in texts):
        return True
    numbers = [v for _i, v in cells]
    if len(numbers) >= 3 and all(isinstance(v, int | float) or (isinstance(v, str) and v.strip().isdigit())
                                 for v in numbers):
        ints = [int(float(v)) for v in numbers]
        if ints == list(range(ints[0], ints[0] + len(ints))) and ints[0] in (0, 1):
            return True  # 1, 2, 3, … : the column-number row of government forms
    # A footnote or signature line: "注：资金单位为万元", "填表人：张三    联系电话：…".
    first = unicodedata.normalize("NFKC", str(cells[0][1])).strip() if isinstance(cells[0][1], str) else ""
    distinct = {str(v) for _i, v in cells}  # a footnote merged across the sheet repeats its text
    return len(distinct) <= 3 and bool(_NOTE.match(first))


@dataclass
class RowValues:
    values: dict[str, Any] = field(default_factory=dict)
    items: list[str] | None = None
    problems: list[str] = field(default_factory=list)  # the row is refused
    warnings: list[str] = field(default_factory=list)  # the row is imported, this value left empty


_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)$")
_NUMBER_UNITS = ("平方米", "平米", "万元", "亿元", "千元", "m²", "m2", "㎡", "元", "户", "栋", "幢", "台", "部", "年", "个",
                 "座", "处", "套", "间")


def parse_number(raw: Any) -> tuple[float | None, str]:
    """A number as typed into a cell, and the unit written after it: 1,200户 → (1200, 户),
    １２０ → (120, ""), 3.5万元 → (3.5, 万元), 约200 → (200, ""). (None, "") when it is no number."""
    if isinstance(raw, bool):
        return None, ""
    if isinstance(raw, int | float):
        return float(raw), ""
    s = unicodedata.normalize("NFKC", str(raw)).strip()
    s = s.removeprefix("约").removeprefix("共").strip()
    unit = ""
    for u in _NUMBER_UNITS:
        if s.endswith(u):
            s, unit = s[: -len(u)].strip(), u
            break
    s = re.sub(r"(?<=\d)[,，'’\s](?=\d{3}\b)", "", s)  # thousands separators
    s = s.replace(" ", "")
    if not _NUMBER.match(s):
        return None, ""
    return float(s), unit


def parse_date(raw: Any) -> dt.date | None:
    """2027-04-01, 2027/4/1, 2027.4.1, 2027年4月1日 (and a cell Excel stored as a date)."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    s = unicodedata.normalize("NFKC", str(raw)).strip()
    m = re.match(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$", s)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _district(value: str) -> str:
    value = value.removeprefix("青海省").removeprefix("西宁市")
    value = _DISTRICT_ALIASES.get(value, value)
    if value and value not in set(District):
        for suffix in ("区", "县"):
            if value + suffix in set(District):
                return value + suffix
    return value


def parse_row(sheet: Sheet, number: int, row: list[Any], headers: HeaderMap,
              catalogue: list[tuple[str, str, str]]) -> RowValues:
    """The project fields of one data row, with what is wrong (refused) or was left out (warned)."""
    out = RowValues()
    specs = FIELDS_BY_NAME["project"]
    raw: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for col, name in headers.columns.items():
        value = row[col] if col < len(row) else None
        label = specs[name].label if name in specs else name
        label = re.sub(r"\(.*\)$", "", label)
        if value is None and (number, col + 1) in sheet.uncached_formulas:
            out.warnings.append(f"{label}是公式，但文件中没有保存计算结果（请在 Excel/WPS 中打开并保存后再导入），已留空")
            continue
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            continue
        spec = specs.get(name)
        kind = spec.kind if spec else ("money" if name == TOTAL_COLUMN else "text")
        if kind in ("int", "float", "money"):
            number_value, unit = parse_number(value)
            if number_value is None:
                what = "年份" if name in ("year_built", "plan_year") else "数字"
                example = "（如 1985）" if name == "year_built" else ""
                if name == TOTAL_COLUMN:
                    out.warnings.append(f"总投资“{value}”不是数字，未核对资金合计")
                else:
                    out.warnings.append(f"{label}“{value}”不是{what}{example}，已留空")
                continue
            factor = headers.factors.get(col, 1.0)
            if kind == "money" and unit in _MONEY_UNITS:
                factor = _MONEY_UNITS[unit]  # the cell says its own unit
            if kind == "money":
                number_value = round(number_value * factor, 2)
            elif kind == "int" and number_value.is_integer():
                number_value = int(number_value)
            value = number_value
        elif kind == "date":
            parsed = parse_date(value)
            if parsed is None:
                out.warnings.append(f"{label}“{value}”不是日期（如 2027-04-01），已留空")
                continue
            value = parsed
        elif kind in ("text", "longtext", "choice"):
            if isinstance(value, float) and value.is_integer():
                value = int(value)  # a code typed as a number comes back as 2027001.0
            value = unicodedata.normalize("NFKC", str(value)).strip() if name != "notes" else str(value)
            if name == "district":
                value = _district(value)
        (extra if name in (ITEMS_COLUMN, TOTAL_COLUMN) else raw)[name] = value
    values, problems = parse_fields("project", raw)
    out.values = values
    out.problems.extend(problems.values())
    if ITEMS_COLUMN in extra:
        items, problem = renovation_items(extra[ITEMS_COLUMN], catalogue)
        out.items = items
        if problem:
            out.problems.append(problem)
    if TOTAL_COLUMN in extra:
        total = float(extra[TOTAL_COLUMN])
        given = [values[f] for f in ("fund_subsidy", "fund_resident", "fund_utility", "fund_bonds", "fund_other")
                 if values.get(f) is not None]
        if given and abs(sum(given) - total) > 1:
            out.problems.append(f"总投资（{total:,.2f} 元）与各资金来源之和（{sum(given):,.2f} 元）不一致")
    return out


def renovation_items(raw: Any, catalogue: list[tuple[str, str, str]]) -> tuple[list[str], str | None]:
    """Renovation item ids from a cell: ids or names (with or without their bracketed note), in any
    separator. Names may themselves contain "、", so whole names are taken out before splitting."""
    text = str(raw).replace("（", "(").replace("）", ")")
    if not catalogue:
        return sorted({t.strip() for t in _SPLIT.split(text) if t.strip()}), None  # nothing to check against
    names: dict[str, str] = {}
    for item_id, _cat, name in catalogue:
        for variant in (name, _BRACKETS.sub("", name)):
            if variant:
                names.setdefault(variant, item_id)
    found: set[str] = set()
    for name in sorted(names, key=len, reverse=True):
        if name in text:
            found.add(names[name])
            text = text.replace(name, "、")
    ids = {i for i, _c, _n in catalogue}
    unknown = []
    for token in (t.strip() for t in _SPLIT.split(text)):
        if token in ids:
            found.add(token)
        elif token:
            unknown.append(token)
    if unknown:
        return [], f"改造内容“{'、'.join(unknown)}”不在改造内容清单中"
    return sorted(found), None

