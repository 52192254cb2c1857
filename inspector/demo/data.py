"""The fixed content of the demo dataset: communities, firms and people of Xining.

Names are invented but shaped like the real thing (streets and sub-districts exist; communities
are the typical 单位家属院 of the 1980s–90s). `demo.py` turns these tables into records."""

from __future__ import annotations

from dataclasses import dataclass

from inspector.domain.rules.validation import credit_code_check_char

# Administrative division codes (GB/T 2260) used inside the credit codes.
REGION = {"城东区": "630102", "城中区": "630103", "城西区": "630104", "城北区": "630105",
          "湟中区": "630106", "大通县": "630121", "湟源县": "630123"}

_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def org_code(body8: str) -> str:
    """GB 11714 organisation code: 8 characters (digits 0–9, letters A=10 … Z=35) and a check
    character (0–9 or X)."""
    total = sum(int(c, 36) * w for c, w in zip(body8, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body8 + ("X" if check == 10 else "0" if check == 11 else str(check))


def credit_code(kind: str, region: str, body8: str) -> str:
    """A GB 32100-2015 unified social credit code: registration kind (e.g. "91" enterprise,
    "11" government body, "12" public institution), region, organisation code, check character."""
    first17 = kind + region + org_code(body8)
    return first17 + credit_code_check_char(first17)


@dataclass(frozen=True)
class Firm:
    key: str
    role: str
    name: str
    kind: str  # credit-code registration kind
    region: str
    body8: str
    qualification: str
    qualification_no: str
    expiry_offset_days: int  # qualification expiry relative to the demo's "today"
    safety_licence_no: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    complaint_phone: str = ""

    @property
    def credit_code(self) -> str:
        return credit_code(self.kind, REGION[self.region], self.body8)


FIRMS: tuple[Firm, ...] = (
    # 建设单位 / 实施主体
    Firm("owner-cd", "建设单位", "西宁市城东区住房和城乡建设局", "11", "城东区", "01530417",
         "", "", 0, contact_person="马海军", contact_phone="0971-8123401"),
    Firm("owner-cz", "建设单位", "西宁市城中区住房和城乡建设局", "11", "城中区", "01530522",
         "", "", 0, contact_person="李青云", contact_phone="0971-8234502"),
    Firm("owner-cx", "建设单位", "西宁市城西区住房和城乡建设局", "11", "城西区", "01530633",
         "", "", 0, contact_person="王德才", contact_phone="0971-6145603"),
    Firm("owner-cb", "建设单位", "西宁市城北区住房和城乡建设局", "11", "城北区", "01530744",
         "", "", 0, contact_person="赵永红", contact_phone="0971-5156704"),
    Firm("owner-hz", "建设单位", "西宁市湟中区住房和城乡建设局", "11", "湟中区", "01530855",
         "", "", 0, contact_person="祁生林", contact_phone="0971-2237805"),
    Firm("owner-dt", "建设单位", "大通回族土族自治县住房和城乡建设局", "11", "大通县", "01530966",
         "", "", 0, contact_person="韩国栋", contact_phone="0971-2748906"),
    Firm("owner-hy", "建设单位", "湟源县住房和城乡建设局", "11", "湟源县", "01531077",
         "", "", 0, contact_person="铁文军", contact_phone="0971-2431107"),
    # 设计
    Firm("design-1", "设计单位", "青海省建筑勘察设计研究院有限公司", "91", "城西区", "22658731",
         "建筑行业（建筑工程）甲级", "A163000123", 900, contact_person="张立新", contact_phone="0971-6301188"),
    Firm("design-2", "设计单位", "西宁市城乡规划设计研究院有限公司", "91", "城中区", "71040259",
         "建筑行业（建筑工程）乙级", "A263000456", 420, contact_person="陈晓燕", contact_phone="0971-8246677"),
    # 施工
    Firm("con-1", "施工单位", "青海宏远建设工程有限公司", "91", "城东区", "MA752R3K",
         "建筑工程施工总承包贰级", "D263012345", 700, "（青）JZ安许证字〔2019〕000318", "刘建平",
         "13897001234"),
    Firm("con-2", "施工单位", "西宁城建集团第三工程有限公司", "91", "城北区", "71047788",
         "建筑工程施工总承包壹级", "D163004567", 1100, "（青）JZ安许证字〔2018〕000102", "杨国庆",
         "13909712345"),
    Firm("con-3", "施工单位", "青海鼎盛建筑安装工程有限公司", "91", "城西区", "MA7534LH",
         "建筑工程施工总承包叁级", "D363078901", -40, "（青）JZ安许证字〔2020〕000577", "孙海涛",
         "18997112233"),  # qualification lapsed: a red flag the app should raise
    Firm("con-4", "施工单位", "湟中县昆仑建筑有限责任公司", "91", "湟中区", "22600419",
         "建筑工程施工总承包贰级", "D263055512", 380, "（青）JZ安许证字〔2017〕000244", "祁德胜",
         "13519781122"),
    # 监理
    Firm("sup-1", "监理单位", "青海诚信建设监理咨询有限公司", "91", "城中区", "71048113",
         "房屋建筑工程监理甲级", "E163000211", 850, contact_person="周明", contact_phone="0971-8251234",
         complaint_phone="0971-8251235"),
    Firm("sup-2", "监理单位", "西宁正和工程管理有限公司", "91", "城西区", "MA75A8C4",
         "房屋建筑工程监理乙级", "E263000390", 260, contact_person="吴卫东", contact_phone="0971-6122345",
         complaint_phone="0971-6122346"),
    # 检测
    Firm("lab-1", "检测单位", "青海省建筑工程质量检测中心有限公司", "91", "城西区", "22659028",
         "建设工程质量检测机构综合资质", "青建检字第0001号", 500, contact_person="马丽",
         contact_phone="0971-6304455"),
    Firm("lab-2", "检测单位", "西宁市众联建设工程质量检测有限公司", "91", "城北区", "MA7573P9",
         "建设工程质量检测机构专项资质（建筑材料及构配件）", "青建检字第0027号", 300,
         contact_person="冶成福", contact_phone="0971-5138899"),
)

FIRMS_BY_KEY = {f.key: f for f in FIRMS}

OWNER_BY_DISTRICT = {"城东区": "owner-cd", "城中区": "owner-cz", "城西区": "owner-cx", "城北区": "owner-cb",
                     "湟中区": "owner-hz", "大通县": "owner-dt", "湟源县": "owner-hy"}


@dataclass(frozen=True)
class Community:
    code_suffix: str
    community_name: str
    district: str
    street: str
    community: str
    address: str
    lat: float
    lon: float
    year_built: int
    buildings: int
    households: int
    floor_area: float
    elevators: int
    height_m: float
    status: str
    contractor: str
    supervisor: str
    designer: str
    lab: str


# 13 projects across six districts, at every status from 储备 to 已移交.
COMMUNITIES: tuple[Community, ...] = (
    Community("CD-01", "八一路省建二公司家属院", "城东区", "八一路街道", "团结桥社区", "八一中路37号",
              36.6178, 101.8302, 1989, 6, 216, 15120.0, 2, 18.6, "在建", "con-1", "sup-1", "design-1", "lab-1"),
    Community("CD-02", "东关大街粮油公司小区", "城东区", "东关大街街道", "清真巷社区", "东关大街112号",
              36.6121, 101.7962, 1992, 4, 128, 8960.0, 0, 17.4, "待验收", "con-2", "sup-1", "design-2", "lab-1"),
    Community("CZ-01", "南大街供销社家属院", "城中区", "人民街街道", "南大街社区", "南大街45号",
              36.6167, 101.7745, 1987, 5, 180, 12600.0, 0, 20.1, "在建", "con-3", "sup-2", "design-1", "lab-2"),
    Community("CZ-02", "七一路粮食局家属院", "城中区", "礼让街街道", "七一路社区", "七一路312号",
              36.6212, 101.7801, 1994, 3, 96, 6720.0, 1, 17.8, "已移交", "con-2", "sup-1", "design-2", "lab-1"),
    Community("CX-01", "西关大街印刷厂家属院", "城西区", "西关大街街道", "电建社区", "西关大街58号",
              36.6203, 101.7592, 1990, 7, 252, 17640.0, 3, 24.5, "在建", "con-1", "sup-2", "design-1", "lab-1"),
    Community("CX-02", "胜利路商业厅小区", "城西区", "胜利路街道", "西交通巷社区", "胜利路19号",
              36.6259, 101.7633, 1996, 4, 144, 10080.0, 0, 18.2, "已验收", "con-3", "sup-1", "design-2", "lab-2"),
    Community("CX-03", "冷湖路纺织厂家属院", "城西区", "虎台街道", "虎台社区", "冷湖路6号",
              36.6072, 101.7518, 1985, 8, 320, 22400.0, 0, 16.9, "储备", "con-4", "sup-2", "design-1", "lab-1"),
    Community("CB-01", "朝阳东路毛纺厂家属院", "城北区", "朝阳街道", "朝阳社区", "朝阳东路28号",
              36.6543, 101.7487, 1988, 9, 342, 23940.0, 2, 17.5, "在建", "con-2", "sup-1", "design-2", "lab-2"),
    Community("CB-02", "小桥大街农机厂小区", "城北区", "小桥大街街道", "毛胜寺社区", "小桥大街71号",
              36.6419, 101.7714, 1993, 3, 108, 7560.0, 0, 17.0, "计划", "con-4", "sup-2", "design-1", "lab-1"),
    Community("HZ-01", "鲁沙尔镇莲湖路职工住宅小区", "湟中区", "鲁沙尔镇", "莲湖社区", "鲁沙尔镇莲湖路15号",
              36.4978, 101.5712, 1997, 5, 160, 11200.0, 0, 17.2, "在建", "con-4", "sup-2", "design-2", "lab-2"),
    Community("DT-01", "桥头镇园林路电厂家属院", "大通县", "桥头镇", "园林路社区", "桥头镇园林路9号",
              36.9262, 101.6848, 1991, 6, 198, 13860.0, 0, 18.0, "待验收", "con-1", "sup-1", "design-1", "lab-1"),
    Community("DT-02", "城关镇人民路建行家属院", "大通县", "城关镇", "人民路社区", "城关镇人民路33号",
              36.9305, 101.6792, 2000, 2, 64, 4480.0, 0, 16.8, "计划", "con-3", "sup-2", "design-2", "lab-2"),
    Community("HY-01", "城关镇明清街供电局家属院", "湟源县", "城关镇", "明清街社区", "城关镇明清街21号",
              36.6828, 101.2561, 1995, 3, 90, 6300.0, 0, 17.1, "储备", "con-4", "sup-1", "design-1", "lab-1"),
)


@dataclass(frozen=True)
class PersonSpec:
    firm_role: str  # which party of the project employs them
    role: str
    name: str
    registration_no: str = ""
    safety_cert_no: str = ""
    phone: str = ""


# 项目负责人 by project. 韩志刚 is registered on two projects under construction at once (CD-01 and
# CX-01), the FB-15 red flag; 鲁长青's second project is accepted already, an allowed exception.
_PM = {
    "CD-01": ("韩志刚", "青263141500731", "青建安B（2019）0007315"),
    "CX-01": ("韩志刚", "青263141500731", "青建安B（2019）0007315"),
    "CD-02": ("杨永福", "青163121100452", "青建安B（2017）0004528"),
    "CZ-01": ("鲁长青", "青263161700218", "青建安B（2020）0002186"),
    "CZ-02": ("马国良", "青163111300987", "青建安B（2016）0009874"),
    "CX-02": ("鲁长青", "青263161700218", "青建安B（2020）0002186"),
    "CB-01": ("李生辉", "青163131600364", "青建安B（2018）0003649"),
    "HZ-01": ("祁得元", "青263151800845", "青建安B（2021）0008452"),
    "DT-01": ("胡振华", "青263141900512", "青建安B（2019）0005127"),
}
_SURNAMES = "张王陈刘赵孙朱冯何吕施曹严金魏陶姜谢马祁韩鲁冶李"
_GIVEN = ("国强", "秀兰", "建军", "海燕", "文斌", "丽萍", "永平", "建华", "玉梅", "成林", "红霞", "志远",
          "伟", "小龙", "春花", "宏", "建设", "文静", "德胜", "晓东", "生福", "玉珍", "继红", "占海")
# Chief supervising engineers by supervision firm. 周明 runs two sites under construction at once
# (CD-01, CZ-01): lawful only with each 建设单位's written consent and at most three — the RF-19 lead.
# CB-01 and DT-01 have their own chiefs, so nobody else is on two active sites.
_CHIEFS = {"sup-1": (("周明", "63000871"), ("郭晓东", "63000912"), ("马文涛", "63001027")),
           "sup-2": (("吴卫东", "63001294"), ("白永清", "63001316"), ("周明", "63000871"))}
_CHIEF_OF = {"CB-01": ("魏永平", "63001108"), "DT-01": ("马文涛", "63001027")}


def staff_name(k: int) -> str:
    """The k-th of 576 distinct names (37 is coprime with 24 × 24, so k < 576 never repeats)."""
    n = (k * 37) % (len(_SURNAMES) * len(_GIVEN))
    return _SURNAMES[n // len(_GIVEN)] + _GIVEN[n % len(_GIVEN)]


def personnel(c: Community, index: int) -> tuple[PersonSpec, ...]:
    """The people of one project: the contractor's five, the supervisor's chief and engineer, and the
    owner's witness. Apart from the 项目负责人 and the chiefs, nobody works on two projects."""
    if c.status in ("储备", "计划") and c.code_suffix not in _PM:
        return ()
    pm_name, pm_reg, pm_b = _PM[c.code_suffix]

    def staff(k: int) -> str:
        return staff_name(index * 8 + k + 1)  # name 0 is left out: it would be 张国强 on every demo

    chief, chief_reg = _CHIEF_OF.get(c.code_suffix) or _CHIEFS[c.supervisor][index % 3]
    phone = 13800000000 + index * 1117
    # CB-01: the supervisor's engineer gives the contractor's payroll officer's phone (RF-25).
    engineer_phone = str(phone + 4) if c.code_suffix == "CB-01" else str(phone + 6)
    return (
        PersonSpec("施工单位", "项目负责人", pm_name, pm_reg, pm_b, f"1389700{index:04d}"),
        PersonSpec("施工单位", "技术负责人", staff(0), "", "", str(phone + 1)),
        PersonSpec("施工单位", "质量负责人", staff(1), "", "", str(phone + 2)),
        PersonSpec("施工单位", "安全负责人", staff(2), "", f"青建安C（2020）00{1200 + index}", str(phone + 3)),
        PersonSpec("施工单位", "劳资专管员", staff(3), "", "", str(phone + 4)),
        PersonSpec("监理单位", "总监理工程师", chief, chief_reg, "", "13997100" + f"{index:03d}"),
        PersonSpec("监理单位", "专业监理工程师", staff(4), f"6300{2000 + index}", "", engineer_phone),
        PersonSpec("建设单位", "见证人员", staff(5), "", "", str(phone + 7)),
    )


INSPECTORS = (("inspector-1", "王建国", "青建监执字第0107号", "城东区"),
              ("inspector-2", "李淑芬", "青建监执字第0112号", "城西区"))

STATION_PHONE = "0971-8226543"  # 市质量安全监督站投诉电话, posted in every community

# Findings the demo records: (checklist item, description, location, severity, action, basis).
FINDINGS = (
    ("XC-10", "3号楼东侧脚手架第5至7步连墙件整层缺失", "3号楼东立面", "严重", "停工整改", "隐患标准6"),
    ("XC-12b", "吊篮配重使用砂袋替代原厂配重块", "5号楼北立面", "严重", "停工整改", "JGJ 202"),
    ("XC-18", "屋面热熔卷材作业未设动火监护人，未配灭火器", "2号楼屋面", "严重", "限期整改", "GB 50720 6.3.1"),
    ("XC-25", "B1级保温板外墙未按层设置A级防火隔离带", "1号楼南立面", "严重", "限期整改", "GB 55037"),
    ("XC-11b", "作业层脚手板未满铺", "4号楼西立面", "较重", "限期整改", "JGJ 130"),
    ("XC-06", "单元出入口未设防护棚，居民通行与作业区未隔离", "2号楼2单元", "较重", "限期整改", "安全条例28"),
    ("XC-30", "临时配电箱未设二级漏电保护", "小区东侧临时配电", "较重", "限期整改", "JGJ 46 1.0.3"),
    ("FB-09", "项目负责人与施工单位未订立劳动合同，近3个月养老保险也非由施工单位缴纳", "项目部", "严重", "限期整改",
     "发承包办法8(三)"),
    ("CL-05", "外墙保温板进场后未见复验报告即已使用", "1号楼", "严重", "限期整改", "统一标准3.0.3"),
    ("XC-07", "危险部位未设安全警示标志", "小区主入口", "一般", "限期整改", "安全条例28"),
    ("XC-04", "安全技术交底记录缺少作业人员签字", "项目部", "一般", "限期整改", "安全条例27"),
    ("XC-23a", "出屋面管根部未做附加层", "6号楼屋面", "较重", "限期整改", "GB 50207"),
    ("GS-02", "小区内未公示监理单位投诉电话", "小区公示栏", "较重", "限期整改", "西宁方案 三(六)"),
)
