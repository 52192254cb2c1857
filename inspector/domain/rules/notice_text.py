"""What a notice says besides its list of findings: the legal basis of the order itself, the 整改措施
of a stop-work order, and the notice of the right to 复议 / 诉讼. Pure functions of plain values.

Verified against the full texts (LawRefBook/Laws, 行政法规):
* 《建设工程质量管理条例》第四十八条: when supervising, the authority may "(三)发现有影响工程质量的问题
  时，责令改正"; 第四十六条 lets the supervision station exercise it on the authority's behalf.
* 《建设工程安全生产管理条例》第四十三条: "(三)纠正施工中违反安全生产要求的行为；(四)对检查中发现的
  安全事故隐患，责令立即排除；重大安全事故隐患排除前或者排除过程中无法保证安全的，责令从危险区域内
  撤出作业人员或者暂时停止施工"; 第四十四条 lets the safety supervision station carry it out.
* 《中华人民共和国行政复议法》(2023修订)第二十条: 60 days from knowing of the act;
  《中华人民共和国行政诉讼法》第四十六条: 6 months.
"""

from __future__ import annotations

from collections.abc import Iterable

from inspector.domain.vocab import RequiredAction

# Citation keys (forms/citations.toml) whose provisions are about site safety: a finding resting on
# one of them is a safety finding, and the safety regulation's powers apply to it.
SAFETY_KEYS = ("安全条例", "危大规定", "31号文", "隐患标准", "淘汰目录", "JGJ 46", "JGJ 80", "JGJ 130", "JGJ 202",
               "JGJ 59", "GB 50720")

QUALITY_ORDER = "质量条例48(三)"
SAFETY_ORDER = "安全条例43(三)(四)"
STOP_ORDER = "安全条例43(四)"
APPEAL_BASIS = "行政复议法20; 行政诉讼法46"
APPEAL_NOTICE = ("你单位如对本通知不服，可以自收到本通知之日起六十日内依法申请行政复议，或者自收到本通知之日起"
                 "六个月内依法向人民法院提起行政诉讼。复议、诉讼期间，本通知不停止执行。")
RESUME_CONDITION = "整改完成，经监理单位复查合格，书面报告本机构复查同意后方可复工。"
# Sentences that only restate the deadline or the reply duty: not 整改措施.
_NOT_MEASURES = ("前完成整改", "整改回复单", "报送监督站", "限期整改", "按期整改")


def is_safety(basis: str) -> bool:
    """Whether a finding's basis (short keys) rests on a site-safety provision."""
    return any(part.strip().startswith(SAFETY_KEYS) for part in (basis or "").replace("；", ";").split(";"))


def order_basis(action: str, bases: Iterable[str]) -> str:
    """The provisions (short keys, "; "-joined) that empower the order itself: a stop-work order
    rests on the safety regulation's 第四十三条第（四）项 (and, when a quality finding is among the
    reasons, the quality regulation's 第四十八条第（三）项); a rectification order on 第四十八条第（三）项
    for quality findings and 第四十三条第（三）（四）项 for safety findings."""
    bases = list(bases)
    safety = any(is_safety(b) for b in bases)
    quality = any(not is_safety(b) for b in bases) or not bases
    if action == RequiredAction.STOP_WORK.value:
        return "; ".join([STOP_ORDER] + ([QUALITY_ORDER] if quality and not safety else []))
    return "; ".join(([QUALITY_ORDER] if quality else []) + ([SAFETY_ORDER] if safety else []))


def states_measures(requirements: str) -> bool:
    """False for a text that only repeats the deadline or the duty to reply (“请于…前完成整改，并将
    整改回复单报送监督站”): those are not measures."""
    text = (requirements or "").strip()
    if not text:
        return False
    sentences = [s for s in text.replace("。", "；").replace("，并", "；").split("；") if s.strip()]
    return any(not any(w in s for w in _NOT_MEASURES) for s in sentences)


def default_measures(action: str, stop_scope: str, findings: Iterable[tuple[str, str]]) -> str:
    """The 整改措施 a notice states when the inspector wrote none (or only the deadline): for a
    stop-work order the measures of 安全条例43(四) — stop, withdraw the workers, remove the hazard —
    then each finding's own correction; `findings` are (item, description)."""
    lines = []
    if action == RequiredAction.STOP_WORK.value:
        scope = (stop_scope or "").strip() or "全部"
        lines.append(f"立即停止{scope}的施工作业，从危险区域撤出作业人员，设置警戒区并派专人看护；")
    for n, (item, description) in enumerate(findings, 1):
        what = (description or "").strip().rstrip("。；;")
        lines.append(f"{n}. {item + '：' if item else ''}针对“{what}”，按设计文件、强制性标准和批准的方案整改到位；")
    if action == RequiredAction.STOP_WORK.value:
        lines.append("整改完成后由施工单位自查、监理单位复查合格，书面报告本机构复查，经同意后方可复工。")
    else:
        lines.append("整改完成后由施工单位自查、监理单位复查合格，附整改前后照片报本机构复查。")
    return "\n".join(lines)
