"""Pure field rules: unified social credit codes, dates in order, plausible numbers.

Each check returns a Chinese message for the user, or None when the value is fine."""

from __future__ import annotations

import datetime as dt

# GB 32100-2015: 18 characters from this alphabet (no I, O, S, V, Z); the last is a check character.
_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    total = sum(_CREDIT_CHARS.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return _CREDIT_CHARS[(31 - total % 31) % 31]


def check_credit_code(code: str) -> str | None:
    if not code:
        return None  # optional until verified
    code = code.strip().upper()
    if len(code) != 18:
        return f"统一社会信用代码应为18位，当前为{len(code)}位"
    bad = [c for c in code if c not in _CREDIT_CHARS]
    if bad:
        return f"统一社会信用代码含有无效字符“{bad[0]}”（不使用 I、O、S、V、Z）"
    if credit_code_check_char(code[:17]) != code[17]:
        return "统一社会信用代码校验位不正确，请核对营业执照"
    return None


def check_date_order(earlier: dt.date | None, later: dt.date | None, earlier_label: str,
                     later_label: str) -> str | None:
    if earlier and later and later < earlier:
        return f"{later_label}（{later:%Y-%m-%d}）不能早于{earlier_label}（{earlier:%Y-%m-%d}）"
    return None


def check_non_negative(value: float | int | None, label: str) -> str | None:
    if value is not None and value < 0:
        return f"{label}不能为负数"
    return None


def check_year(value: int | None, label: str, *, lo: int = 1949, hi: int | None = None) -> str | None:
    hi = hi or dt.date.today().year + 10
    if value is not None and not lo <= value <= hi:
        return f"{label}应在 {lo}–{hi} 之间"
    return None


def check_phone(value: str, label: str) -> str | None:
    if not value:
        return None
    digits = value.replace("-", "").replace(" ", "")
    if not digits.isdigit() or not 7 <= len(digits) <= 12:
        return f"{label}格式不正确（应为7–12位数字，可含“-”）"
    return None


def mask_phone(phone: str) -> str:
    """Complainants' phones are personal data: show 138****5678."""
    digits = phone.strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
