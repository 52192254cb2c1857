"""The domain's controlled vocabularies. Values are the official Chinese terms where the term is
what users see and print (roles, severities, kinds); workflow states are short codes with labels."""

from __future__ import annotations

from enum import StrEnum


class District(StrEnum):
    CHENGDONG = "城东区"
    CHENGZHONG = "城中区"
    CHENGXI = "城西区"
    CHENGBEI = "城北区"
    HUANGZHONG = "湟中区"
    DATONG = "大通县"
    HUANGYUAN = "湟源县"


class ProjectStatus(StrEnum):
    RESERVE = "储备"
    PLANNED = "计划"
    BUILDING = "在建"
    AWAITING_ACCEPTANCE = "待验收"
    ACCEPTED = "已验收"
    HANDED_OVER = "已移交"


class PartyRole(StrEnum):
    OWNER = "建设单位"
    SURVEY = "勘察单位"
    DESIGN = "设计单位"
    CONTRACTOR = "施工单位"
    SUPERVISOR = "监理单位"
    TESTING = "检测单位"
    UTILITY_WATER = "供水单位"
    UTILITY_POWER = "供电单位"
    UTILITY_GAS = "燃气单位"
    UTILITY_TELECOM = "通信单位"
    UTILITY_HEATING = "供热单位"


class PersonRole(StrEnum):
    PROJECT_MANAGER = "项目负责人"
    TECHNICAL_LEAD = "技术负责人"
    QUALITY_LEAD = "质量负责人"
    SAFETY_LEAD = "安全负责人"
    SAFETY_OFFICER = "专职安全员"
    CHIEF_SUPERVISOR = "总监理工程师"
    SUPERVISOR_ENGINEER = "专业监理工程师"
    WITNESS = "见证人员"
    PAYROLL_OFFICER = "劳资专管员"


class InspectionKind(StrEnum):
    ROUTINE = "日常巡查"
    SPECIAL = "专项检查"
    COMPLAINT = "投诉核查"
    PRE_ACCEPTANCE = "验收前检查"
    # 检查类型 of the inspection record as the station's forms list them (reference §3.3 (2)):
    # the 双随机、一公开 spot check, and the station's attendance at node and completion acceptances.
    RANDOM = "双随机抽查"
    NODE_ACCEPTANCE = "节点验收监督"
    COMPLETION_ACCEPTANCE = "竣工验收监督"


class InspectionStatus(StrEnum):
    DRAFT = "draft"
    COMPLETED = "completed"
    SIGNED = "signed"


INSPECTION_STATUS_LABELS = {"draft": "草稿", "completed": "已完成", "signed": "已签署"}


class Severity(StrEnum):
    MINOR = "一般"
    MAJOR = "较重"
    SEVERE = "严重"


class RequiredAction(StrEnum):
    RECTIFY = "限期整改"
    STOP_WORK = "停工整改"
    # Only for enforcement: the station has no power to punish; such a finding goes to the named
    # authority on a 案件线索移送函, not on a notice (a "rectify+refer" item goes on both).
    REFER = "移送处理"


class FindingStatus(StrEnum):
    OPEN = "open"
    NOTIFIED = "notified"
    REPLIED = "replied"
    CLOSED = "closed"
    ESCALATED = "escalated"
    REFERRED = "referred"


FINDING_STATUS_LABELS = {
    "open": "待通知",
    "notified": "整改中",
    "replied": "已回复",
    "closed": "已销项",
    "escalated": "已升级",
    "referred": "已移送",
}


class RectificationStatus(StrEnum):
    ISSUED = "issued"
    REPLIED = "replied"
    CLOSED = "closed"
    ESCALATED = "escalated"


RECTIFICATION_STATUS_LABELS = {
    "issued": "已下发",
    "replied": "已回复",
    "closed": "已销项",
    "escalated": "已升级",
}


class RenovationCategory(StrEnum):
    BASIC = "基础类"
    IMPROVEMENT = "完善类"
    UPGRADE = "提升类"
    GUIDED = "引导类"


class AcceptanceRole(StrEnum):
    ORGANISER = "组织单位"  # the 县区 (西宁方案 三(六): 由各县区组织各相关部门和企业…联合验收)
    OWNER = "建设单位/实施主体"
    CONTRACTOR = "施工单位"
    SUPERVISOR = "监理单位"
    DESIGN = "设计单位"
    SURVEY = "勘察单位"
    DISTRICT_BUREAU = "县区住建部门"
    RELATED_DEPARTMENT = "相关部门"
    # A 街道办事处 is a government office (a 相关部门 here); the 社区居委会 is the residents' own
    # committee. Records before issue 10 had one role for both: see LEGACY_RESIDENTS_ROLE.
    STREET_OFFICE = "街道办事处"
    RESIDENTS_COMMITTEE = "社区居委会"
    OWNERS_COMMITTEE = "业主委员会"
    OWNER_REPRESENTATIVE = "业主代表"
    UTILITY_WATER = "供水单位"
    UTILITY_POWER = "供电单位"
    UTILITY_GAS = "燃气单位"
    UTILITY_TELECOM = "通信单位"
    UTILITY_HEATING = "供热单位"
    STATION = "质量安全监督机构"


# Who accompanies an inspection and signs its record beside the 监督人员 (reference §3.3 (11)).
COMPANION_ROLES = ("施工单位", "监理单位", "建设单位")

# The role older records used for both the 街道办事处 and the 社区居委会: still printed as signed, no
# longer offered, and counted as neither (it does not say which body signed).
LEGACY_RESIDENTS_ROLE = "街道/社区居委会"


class ReferralAuthority(StrEnum):
    """Who a finding is referred to (移送) for investigation and punishment (the station has no such
    power): the key a form item names in `refer_to`."""

    HOUSING = "住建执法"
    MARKET = "市场监管"
    LABOUR = "人社"
    GREENING = "园林绿化"


# The receiving body as a record names it by default (the inspector may name the exact office).
REFERRAL_AUTHORITY_NAMES = {
    "住建执法": "住房和城乡建设行政主管部门（综合行政执法机构）",
    "市场监管": "市场监督管理部门",
    "人社": "人力资源和社会保障行政部门（劳动保障监察机构）",
    "园林绿化": "城市绿化行政主管部门",
}


class Opinion(StrEnum):
    PASS = "合格"
    FAIL = "不合格"


class AcceptanceConclusion(StrEnum):
    PASS = "合格"
    FAIL = "不合格"
    RECHECK = "整改后复验"


class ComplaintChannel(StrEnum):
    PHONE = "电话"
    HOTLINE_12345 = "12345热线"
    VISIT = "来访"
    LETTER = "信件"
    ONLINE = "网络"
    ON_SITE = "现场反映"


class ComplaintStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"


COMPLAINT_STATUS_LABELS = {"open": "待处理", "in_progress": "处理中", "resolved": "已办结"}


class TestConclusion(StrEnum):
    __test__ = False  # not a pytest class
    PASS = "合格"
    FAIL = "不合格"
