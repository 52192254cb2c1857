"""What a handover (移交) hands over, from what the project renovated: the facilities the community
receives, the utility assets the 专营单位 receive, the equipment list, and the warranty period of
each renovated item, counted from the passed acceptance.

《建设工程质量管理条例》第四十条 (verified against the full text): the minimum periods are (一) the
design service life for foundations and main structure; (二) 5 years for roof waterproofing, rooms
with waterproofing and the 外墙面防渗漏; (三) 2 heating periods for heating and cooling systems;
(四) 2 years for electrical lines, water supply and drainage pipes, equipment installation and
finishing works; other items as agreed by the parties; counted from the day the acceptance passed.
《民用建筑节能条例》第二十三条: insulation works 5 years, from the same day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from inspector.domain.vocab import PartyRole

AGREED = "由发包方与承包方约定"
HEATING_PERIOD = "2个采暖期"


@dataclass(frozen=True)
class WarrantyRule:
    scope: str
    years: int | None  # None: not counted in years (heating periods, or as agreed)
    period: str
    basis: str  # short keys (forms/citations.toml)


_ROOF = WarrantyRule("屋面防水工程", 5, "5年", "质量条例40(二)")
_WALL = WarrantyRule("外墙保温工程及外墙面防渗漏", 5, "5年", "节能条例23; 质量条例40(二)")
_FACADE = WarrantyRule("外墙面防渗漏", 5, "5年", "质量条例40(二)")
_HEAT = WarrantyRule("供热系统", None, HEATING_PERIOD, "质量条例40(三)")
_PIPES = WarrantyRule("给排水、燃气管道", 2, "2年", "质量条例40(四)")
_ELECTRIC = WarrantyRule("电气管线及设备安装", 2, "2年", "质量条例40(四)")
_EQUIPMENT = WarrantyRule("设备安装工程", 2, "2年", "质量条例40(四)")
_FINISH = WarrantyRule("装修工程", 2, "2年", "质量条例40(四)")
_OTHER = WarrantyRule("", None, AGREED, "质量条例40")

WARRANTY: dict[str, WarrantyRule] = {
    "roof-waterproofing": _ROOF, "wall-insulation": _WALL, "facade": _FACADE, "heating": _HEAT,
    "water-supply": _PIPES, "one-meter-per-household": _PIPES, "drainage": _PIPES, "rain-sewage-separation": _PIPES,
    "gas": _PIPES, "indoor-water": _PIPES, "indoor-drainage": _PIPES, "indoor-gas": _PIPES,
    "power-supply": _ELECTRIC, "telecom": _ELECTRIC, "overhead-lines-underground": _ELECTRIC,
    "stairwell-lighting": _ELECTRIC, "outdoor-lighting": _ELECTRIC, "unit-access-control": _ELECTRIC,
    "security": _ELECTRIC, "charging": _ELECTRIC, "fire-facilities": _EQUIPMENT, "elevator": _EQUIPMENT,
    "parcel-lockers": _EQUIPMENT, "fitness": _EQUIPMENT, "stairwell-repair": _FINISH,
}

# Utility networks belong to the 专营单位 that runs them (西宁方案 三(三): 改造后移交相关部门): renovated
# item -> the party role that receives it. Drainage goes to the water company (供排水).
UTILITY_ITEMS: dict[str, tuple[str, ...]] = {
    "water-supply": (PartyRole.UTILITY_WATER.value,), "one-meter-per-household": (PartyRole.UTILITY_WATER.value,),
    "drainage": (PartyRole.UTILITY_WATER.value,), "rain-sewage-separation": (PartyRole.UTILITY_WATER.value,),
    "gas": (PartyRole.UTILITY_GAS.value,), "heating": (PartyRole.UTILITY_HEATING.value,),
    "power-supply": (PartyRole.UTILITY_POWER.value,), "telecom": (PartyRole.UTILITY_TELECOM.value,),
    "overhead-lines-underground": (PartyRole.UTILITY_POWER.value, PartyRole.UTILITY_TELECOM.value),
}
# Items handed over as equipment (model, maintainer, and for elevators the 使用登记证号).
EQUIPMENT_ITEMS: dict[str, str] = {
    "elevator": "电梯", "unit-access-control": "单元门禁系统", "security": "视频监控系统",
    "charging": "充电桩", "parcel-lockers": "智能快件箱", "fire-facilities": "消防设施设备",
}
ELEVATOR = "电梯"

# What a form left as a role instead of a party or a person: refused, the field stays blank to fill.
PLACEHOLDERS = frozenset({"施工单位", "建设单位", "监理单位", "设计单位", "项目经理", "项目负责人", "联系人",
                          "负责人", "待定", "某某", "XXX", "xxx", "×××"})


def warranty_items(renovation_items: Iterable[str], accepted_on: dt.date | None,
                   names: Mapping[str, str] | None = None) -> list[dict[str, str]]:
    """One warranty row per renovated item, its minimum period counted from the acceptance."""
    names = names or {}
    out = []
    for item in renovation_items:
        rule = WARRANTY.get(item, _OTHER)
        start = accepted_on.isoformat() if accepted_on else ""
        end = ""
        if accepted_on and rule.years:
            end = (_add_years(accepted_on, rule.years) - dt.timedelta(days=1)).isoformat()
        elif accepted_on and rule.period == HEATING_PERIOD:
            end = "第2个采暖期结束"
        out.append({"item": names.get(item, item), "scope": rule.scope or names.get(item, item),
                    "period": rule.period, "from": start, "to": end, "basis": rule.basis})
    return out


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def facilities(renovation_items: Iterable[str], names: Mapping[str, str] | None = None) -> list[dict[str, str]]:
    """The facilities the community receives: every renovated item but the utility networks."""
    names = names or {}
    return [{"name": names.get(i, i), "location": "", "quantity": "", "condition": "", "note": ""}
            for i in renovation_items if i not in UTILITY_ITEMS]


def utility_assets(renovation_items: Iterable[str], receivers: Mapping[str, str],
                   names: Mapping[str, str] | None = None) -> list[dict[str, str]]:
    """The utility networks handed to their 专营单位 (`receivers`: party role -> name; blank when the
    project has not registered that company)."""
    names = names or {}
    out = []
    for item in renovation_items:
        for role in UTILITY_ITEMS.get(item, ()):
            out.append({"name": names.get(item, item), "location": "", "quantity": "",
                        "receiver": receivers.get(role, ""), "note": "" if receivers.get(role) else f"{role}（待登记）"})
    return out


def equipment(renovation_items: Iterable[str], elevators: int | None = None) -> list[dict[str, str]]:
    """The equipment rows to fill: one per elevator on record, one per other equipment item."""
    out = []
    items = list(renovation_items)
    lifts = elevators or (1 if "elevator" in items else 0)
    for n in range(lifts):
        out.append(_equipment_row(f"{ELEVATOR}{n + 1}" if lifts > 1 else ELEVATOR))
    for item in items:
        if item in EQUIPMENT_ITEMS and item != "elevator":
            out.append(_equipment_row(EQUIPMENT_ITEMS[item]))
    return out


def _equipment_row(name: str) -> dict[str, str]:
    return {"name": name, "model": "", "serial": "", "location": "", "maintainer": "", "registration_no": "",
            "valid_to": "", "note": ""}


def is_elevator(row: Mapping[str, str]) -> bool:
    return ELEVATOR in str(row.get("name", ""))


def equipment_problems(rows: Iterable[Mapping[str, str]]) -> list[str]:
    """An elevator is handed over only with its 使用登记证号 (特设法33; RF-35) and a maintainer."""
    out = []
    for row in rows:
        if is_elevator(row):
            name = row.get("name") or ELEVATOR
            if not str(row.get("registration_no", "")).strip():
                out.append(f"{name}：请填写特种设备使用登记证号（未办理使用登记的电梯不得移交使用）")
            if not str(row.get("maintainer", "")).strip():
                out.append(f"{name}：请填写维保单位")
    return out


def placeholder(value: str) -> bool:
    """A role word standing where a real party or person belongs (保修单位：施工单位)."""
    return (value or "").strip() in PLACEHOLDERS
