"""Who the inspector is: the three settings every signed record is attributed to.

The keys are the ones the store reads to build the signing actor (`inspector_name`, `badge_no`
执法证号, `station_name` 监督机构). A record is never signed by the store's placeholder actor."""

from __future__ import annotations

from collections.abc import Mapping

NAME_KEY, BADGE_KEY, STATION_KEY = "inspector_name", "badge_no", "station_name"
KEYS = (NAME_KEY, BADGE_KEY, STATION_KEY)
LEGACY_BADGE_KEY = "inspector_badge"  # what the settings dialog wrote before the keys were fixed
PLACEHOLDER_NAMES = frozenset({"", "本机用户"})  # the store's actor when nobody said who they are
DEFAULT_STATION = "西宁市建设工程质量安全监督站"

MESSAGES = {
    "name": "请填写监督员姓名（将打印在记录上并作为签名人）",
    "name_long": "姓名不能超过 30 个字",
    "badge": "请填写执法证号",
    "station": "请填写监督机构名称",
    "placeholder_signer": "签名证书的签名人是“本机用户”，不能用它签署记录；请以监督员本人姓名重新创建证书。",
}


def identity_problems(values: Mapping[str, str]) -> dict[str, str]:
    """Plain-Chinese problems per key; empty when the identity can sign records."""
    problems: dict[str, str] = {}
    name = (values.get(NAME_KEY) or "").strip()
    if name in PLACEHOLDER_NAMES:
        problems[NAME_KEY] = MESSAGES["name"]
    elif len(name) > 30:
        problems[NAME_KEY] = MESSAGES["name_long"]
    if not (values.get(BADGE_KEY) or "").strip():
        problems[BADGE_KEY] = MESSAGES["badge"]
    if not (values.get(STATION_KEY) or "").strip():
        problems[STATION_KEY] = MESSAGES["station"]
    return problems


def signer_problem(certificate_name: str | None) -> str | None:
    """Why a signing certificate must not be used: it names nobody (the placeholder actor)."""
    if certificate_name is not None and certificate_name.strip() in PLACEHOLDER_NAMES:
        return MESSAGES["placeholder_signer"]
    return None
