"""Which functional tests (功能性试验, YS-06: 验收规定5(六); 统一标准5.0.4) a joint acceptance needs,
from what the project renovated. A project that renovated the roof needs its 淋水/蓄水 test; one
that added an elevator cannot pass without the elevator's 监督检验 (特设法25: 未经监督检验或者监督检验
不合格的，不得交付使用)."""

from __future__ import annotations

from collections.abc import Iterable

# Every test the record knows, in the order it prints them.
FUNCTIONAL_TESTS: tuple[str, ...] = (
    "屋面淋水/蓄水试验",
    "外墙保温钻芯检验",          # GB 50411-2019: 外墙节能构造现场钻芯检验
    "保温锚栓拉拔试验",          # GB 50411-2019 / JGJ 144: 锚固件锚固力现场拉拔
    "给水管道试压",
    "排水管道闭水试验",          # 雨污分流、排水管网改造的闭水试验
    "排水通水通球试验",
    "燃气强度和严密性试验",
    "供热管道试压及系统调试",    # 供热管道水压试验和系统试运行调试
    "电气绝缘和接地测试",
    "防雷接地电阻测试",
    "消防联动试验",
    "电梯监督检验",
)
# The list before issue 10: what a record signed then printed.
LEGACY_TESTS: tuple[str, ...] = ("屋面淋水/蓄水试验", "给水管道试压", "排水通水通球试验", "燃气强度和严密性试验",
                                 "电气绝缘和接地测试", "消防联动试验", "电梯监督检验")

# Renovation item (forms/renovation-items.toml id) -> the tests it calls for.
ITEM_TESTS: dict[str, tuple[str, ...]] = {
    "roof-waterproofing": ("屋面淋水/蓄水试验", "防雷接地电阻测试"),  # the roof's 接闪带 is taken up and relaid
    "wall-insulation": ("外墙保温钻芯检验", "保温锚栓拉拔试验"),
    "water-supply": ("给水管道试压",),
    "one-meter-per-household": ("给水管道试压",),
    "indoor-water": ("给水管道试压",),
    "drainage": ("排水管道闭水试验", "排水通水通球试验"),
    "rain-sewage-separation": ("排水管道闭水试验", "排水通水通球试验"),
    "indoor-drainage": ("排水通水通球试验",),
    "gas": ("燃气强度和严密性试验",),
    "indoor-gas": ("燃气强度和严密性试验",),
    "heating": ("供热管道试压及系统调试",),
    "power-supply": ("电气绝缘和接地测试", "防雷接地电阻测试"),
    "stairwell-lighting": ("电气绝缘和接地测试",),
    "outdoor-lighting": ("电气绝缘和接地测试",),
    "unit-access-control": ("电气绝缘和接地测试",),
    "security": ("电气绝缘和接地测试",),
    "charging": ("电气绝缘和接地测试",),
    "fire-facilities": ("消防联动试验",),
    "elevator": ("电梯监督检验", "防雷接地电阻测试"),
}
ELEVATOR_TEST = "电梯监督检验"


def required_tests(renovation_items: Iterable[str], *, elevators: int | None = None,
                   names: dict[str, str] | None = None) -> dict[str, list[str]]:
    """test -> the renovation items (by their Chinese name when `names` has it) that need it, in the
    list's order. A project with elevators on record (`elevators` > 0) needs the elevator's
    supervisory inspection even when 加装电梯 is missing from its items."""
    names = names or {}
    need: dict[str, list[str]] = {}
    for item in renovation_items:
        for test in ITEM_TESTS.get(item, ()):
            need.setdefault(test, []).append(names.get(item, item))
    if elevators and ELEVATOR_TEST not in need:
        need[ELEVATOR_TEST] = [f"电梯{elevators}台"]
    return {t: need[t] for t in FUNCTIONAL_TESTS if t in need}
