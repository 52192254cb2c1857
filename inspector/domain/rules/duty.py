"""Who owes the duty a checklist item checks, and who a referral goes to.

A finding is addressed to the party that breached the duty, not always to the 施工单位: a missing
permit or supervision registration is the 建设单位's default (质量条例13、57), a false test report the
lab's. A notice picks its addressee from its findings (one notice per responsible party), so the
same rule serves the finding and the notice.
"""

from __future__ import annotations

from inspector.domain.vocab import PartyRole, ReferralAuthority

# Items whose duty the 建设单位 (实施主体) owes, each by the provision that names it.
OWNER_ITEMS: dict[str, str] = {
    "FB-01": "质量条例57：未取得施工许可证擅自施工的，责令建设单位停止施工",
    "FB-02": "质量条例13：建设单位在开工前办理工程质量监督手续",
    "FB-04": "发承包办法6(一)：建设单位将工程发包给个人",
    "FB-05": "质量条例8；发承包办法6(三)：建设单位依法招标",
    "FB-06": "发承包办法6(四)：建设单位设置不合理的招标条件",
    "FB-07": "质量条例7、55：建设单位不得肢解发包",
    "FB-18": "发承包办法8(九)：建设单位将工程款支付给施工单位",
    "GS-01": "西宁方案三(六)：要求项目建设单位在小区显著位置公示市、县质量监督检查部门举报电话",
    "GS-02": "西宁方案三(六)：同一句要求建设单位公示监理单位投诉电话",
    "CL-07": "质量条例31；见证规定：见证人员由建设单位（或监理单位）书面授权",
    "YS-07": "验收规定5(七)：建设单位已按合同支付工程款",
    "YS-10": "验收规定6(三)：建设单位提前7个工作日书面通知监督机构",
    "YS-11": "质量条例16：建设单位组织竣工验收；西宁方案三(六)：县区组织联合验收",
    "YS-17": "质量条例58：建设单位未经验收合格擅自交付使用",
    "YS-18": "质量条例49：建设单位自竣工验收合格之日起15日内备案",
    "YS-19": "质量条例17：建设单位移交建设项目档案",
    "CX-01": "西宁方案三(三)：实施主体征求居民意见",
    "CX-04": "西宁方案三(五)：改造实施方案联合审查",
    "CX-05": "西宁方案三(五)：施工图由项目实施主体组织专家论证",
}
# Items the 监理单位 owes (质量条例34、37: its own qualification and its chief on site).
SUPERVISOR_ITEMS = frozenset({"FB-28a", "FB-28b", "FB-28c"})


def duty_role(item_id: str) -> str:
    """The party role (PartyRole value) that owes the duty checked by `item_id`: the 建设单位 for
    the items of OWNER_ITEMS, the 检测单位 for the test-report items (TR-*), the 监理单位 for its own
    items, else the 施工单位."""
    item = (item_id or "").strip()
    if item in OWNER_ITEMS:
        return PartyRole.OWNER.value
    if item in SUPERVISOR_ITEMS:
        return PartyRole.SUPERVISOR.value
    if item.startswith("TR-"):
        return PartyRole.TESTING.value
    return PartyRole.CONTRACTOR.value


def default_authority(item_id: str) -> str:
    """Who a referred finding goes to when its form item does not name one (an older checklist
    snapshot, or a finding added by hand): test-report fraud to 市场监管 (39号令), wages to 人社
    (欠薪条例7), everything else to the construction authority's enforcement."""
    item = (item_id or "").strip()
    if item.startswith(("TR-09", "TR-12", "TR-15")):
        return ReferralAuthority.MARKET.value
    if item.startswith("FB-27"):
        return ReferralAuthority.LABOUR.value
    if item == "CX-15":
        return ReferralAuthority.GREENING.value
    return ReferralAuthority.HOUSING.value


# What gives the receiving authority its power, cited on the 移送函 (short keys of
# forms/citations.toml; verified against the full texts: 质量条例75 and 安全条例68 give the
# punishment to the construction authority; 欠薪条例7 and 55 to 人社). Left empty where the
# article was not verified: the record then cites only the provisions the findings breach.
AUTHORITY_BASIS: dict[str, str] = {
    ReferralAuthority.HOUSING.value: "质量条例75; 安全条例68",
    ReferralAuthority.LABOUR.value: "欠薪条例7、55",
    ReferralAuthority.MARKET.value: "",
    ReferralAuthority.GREENING.value: "",
}
