<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>Acceptance</name>
    <message>
        <source>分部(子项)工程</source>
        <translation>Sub-works</translation>
    </message>
    <message>
        <source>质量控制资料核查</source>
        <translation>Quality control documents</translation>
    </message>
    <message>
        <source>安全和使用功能核查及抽查</source>
        <translation>Safety and function checks and samples</translation>
    </message>
    <message>
        <source>观感质量</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <source>居民(业主)意见</source>
        <translation>Residents&apos; (owners&apos;) opinion</translation>
    </message>
    <message>
        <source>共</source>
        <translation>total</translation>
    </message>
    <message>
        <source>符合设计及标准</source>
        <translation>conform to design and standards</translation>
    </message>
    <message>
        <source>符合</source>
        <translation>conform</translation>
    </message>
    <message>
        <source>核查</source>
        <translation>checked</translation>
    </message>
    <message>
        <source>抽查</source>
        <translation>sampled</translation>
    </message>
    <message>
        <source>返工处理符合</source>
        <translation>conform after rework</translation>
    </message>
    <message>
        <source>“好”和“一般”</source>
        <translation>“good” or “fair”</translation>
    </message>
    <message>
        <source>返修符合</source>
        <translation>conform after repair</translation>
    </message>
    <message>
        <source>征求</source>
        <translation>asked</translation>
    </message>
    <message>
        <source>满意</source>
        <translation>satisfied</translation>
    </message>
    <message>
        <source>屋面淋水/蓄水试验</source>
        <translation>Roof water / ponding test</translation>
    </message>
    <message>
        <source>外墙保温钻芯检验</source>
        <translation>External insulation core sampling</translation>
    </message>
    <message>
        <source>保温锚栓拉拔试验</source>
        <translation>Insulation anchor pull-out test</translation>
    </message>
    <message>
        <source>给水管道试压</source>
        <translation>Water supply pressure test</translation>
    </message>
    <message>
        <source>排水管道闭水试验</source>
        <translation>Drainage pipe closed-water test</translation>
    </message>
    <message>
        <source>排水通水通球试验</source>
        <translation>Drainage flow and ball test</translation>
    </message>
    <message>
        <source>燃气强度和严密性试验</source>
        <translation>Gas strength and tightness test</translation>
    </message>
    <message>
        <source>供热管道试压及系统调试</source>
        <translation>Heating pipe pressure test and commissioning</translation>
    </message>
    <message>
        <source>电气绝缘和接地测试</source>
        <translation>Electrical insulation and earthing test</translation>
    </message>
    <message>
        <source>防雷接地电阻测试</source>
        <translation>Lightning-protection earth resistance test</translation>
    </message>
    <message>
        <source>消防联动试验</source>
        <translation>Fire alarm linkage test</translation>
    </message>
    <message>
        <source>电梯监督检验</source>
        <translation>Lift inspection by the authority</translation>
    </message>
    <message>
        <source>未做</source>
        <translation>Not done</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>Pass</translation>
    </message>
    <message>
        <source>不合格</source>
        <translation>Fail</translation>
    </message>
    <message>
        <source>不涉及</source>
        <translation>Not applicable</translation>
    </message>
</context>
<context>
    <name>AcceptancePage</name>
    <message>
        <source>重新检查</source>
        <translation>Check again</translation>
    </message>
    <message>
        <source>记录越过理由…</source>
        <translation>Record reason to proceed…</translation>
    </message>
    <message>
        <source>前置条件</source>
        <translation>Preconditions</translation>
    </message>
    <message>
        <source>核查情况</source>
        <translation>Verification</translation>
    </message>
    <message>
        <source>功能性试验</source>
        <translation>Functional tests</translation>
    </message>
    <message>
        <source>依据：{code}</source>
        <translation>Rule: {code}</translation>
    </message>
    <message>
        <source>或</source>
        <translation> or </translation>
    </message>
    <message>
        <source>必须签字的验收方：</source>
        <translation>Parties who must sign: </translation>
    </message>
    <message>
        <source>参加验收人员、意见和签字</source>
        <translation>Attendees, opinions and signatures</translation>
    </message>
    <message>
        <source>监督机构列席监督，不作为验收方签字。</source>
        <translation>The supervision station attends to supervise; it does not sign as a party.</translation>
    </message>
    <message>
        <source>验收记录</source>
        <translation>Acceptance record</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>请选择或新建竣工联合验收记录（Ctrl+N）</source>
        <translation>Select or create a joint completion acceptance record (Ctrl+N)</translation>
    </message>
    <message>
        <source>竣工联合验收记录</source>
        <translation>Joint completion acceptance record</translation>
    </message>
    <message>
        <source>前置条件已满足：整改全部销项，检测报告齐全合格，无待核实的风险提示。</source>
        <translation>Preconditions met: all rectifications closed, test reports complete and passed, no red flags awaiting review.</translation>
    </message>
    <message>
        <source>前置条件未满足（{n} 项），组织方已决定越过：{reason}（{by}）</source>
        <translation>Preconditions not met ({n}); the organiser decided to proceed: {reason} ({by})</translation>
    </message>
    <message>
        <source>前置条件未满足（{n} 项）：请处理后重新检查，或记录组织方越过的理由。</source>
        <translation>Preconditions not met ({n}): resolve them and check again, or record the organiser&apos;s reason to proceed.</translation>
    </message>
    <message>
        <source>{test}（本项目须做）</source>
        <translation>{test} (required for this project)</translation>
    </message>
    <message>
        <source>未保存：</source>
        <translation>Not saved:</translation>
    </message>
    <message>
        <source>日期格式应为 YYYY-MM-DD</source>
        <translation>Dates must be YYYY-MM-DD</translation>
    </message>
    <message>
        <source>越过前置条件</source>
        <translation>Proceed despite preconditions</translation>
    </message>
    <message>
        <source>组织方决定在前置条件未满足时继续验收的理由（将记入验收记录）：</source>
        <translation>The organiser&apos;s reason to proceed with unmet preconditions (recorded in the acceptance record):</translation>
    </message>
</context>
<context>
    <name>AcceptanceView</name>
    <message>
        <source>请先在上方选择项目。</source>
        <translation>Choose a project above first.</translation>
    </message>
    <message>
        <source>该项目还没有联合验收记录：按 Ctrl+N 或点“新建验收”，先检查前置条件。</source>
        <translation>No joint acceptance for this project yet: press Ctrl+N or click “New acceptance”; its preconditions are checked first.</translation>
    </message>
    <message>
        <source>还没有移交记录：联合验收合格并签署后，点“新建移交”。</source>
        <translation>No handover yet: once the joint acceptance has passed and is signed, click “New handover”.</translation>
    </message>
    <message>
        <source>新建验收</source>
        <translation>New acceptance</translation>
    </message>
    <message>
        <source>新建移交</source>
        <translation>New handover</translation>
    </message>
    <message>
        <source>联合验收</source>
        <translation>Joint acceptance</translation>
    </message>
    <message>
        <source>移交</source>
        <translation>Handover</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>选择项目</source>
        <translation>Choose project</translation>
    </message>
    <message>
        <source>已签署锁定</source>
        <translation>Signed and locked</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>满足</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>越过</source>
        <translation>Overridden</translation>
    </message>
    <message>
        <source>未满足</source>
        <translation>Not met</translation>
    </message>
</context>
<context>
    <name>AnswerDelegate</name>
    <message>
        <source>不适用</source>
        <translation>N/A</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>无法打开数据目录 {0} 中的数据库：
{1}</source>
        <translation>Cannot open the database in the data folder {0}:
{1}</translation>
    </message>
    <message>
        <source>检查表有错误</source>
        <translation>Checklist errors</translation>
    </message>
    <message>
        <source>以下检查表文件有错误，已跳过，其余检查表可正常使用：</source>
        <translation>These checklist files have errors and were skipped; all other checklists work as normal:</translation>
    </message>
</context>
<context>
    <name>AttendeesPanel</name>
    <message>
        <source>已签 {when}</source>
        <translation>Signed {when}</translation>
    </message>
    <message>
        <source>未签</source>
        <translation>Not signed</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>添加签字方</source>
        <translation>Add signing party</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>签字…</source>
        <translation>Sign…</translation>
    </message>
    <message>
        <source>清除签名</source>
        <translation>Clear signature</translation>
    </message>
    <message>
        <source>添加参加人员</source>
        <translation>Add attendee</translation>
    </message>
    <message>
        <source>编辑参加人员</source>
        <translation>Edit attendee</translation>
    </message>
    <message>
        <source>删除参加人员</source>
        <translation>Remove attendee</translation>
    </message>
    <message>
        <source>当面签字</source>
        <translation>Sign in person</translation>
    </message>
    <message>
        <source>添加签字人</source>
        <translation>Add signatory</translation>
    </message>
    <message>
        <source>编辑签字人</source>
        <translation>Edit signatory</translation>
    </message>
    <message>
        <source>{who} 的身份或意见已修改，原签名已清除，请重新签字。</source>
        <translation>{who}&apos;s role or opinion changed; the signature was cleared, please sign again.</translation>
    </message>
    <message>
        <source>删除签字人</source>
        <translation>Delete signatory</translation>
    </message>
    <message>
        <source>删除 {role} {name}？</source>
        <translation>Delete {role} {name}?</translation>
    </message>
    <message>
        <source>验收意见：{o}</source>
        <translation>Opinion: {o}</translation>
    </message>
    <message>
        <source>作为{role}陪同人员签字确认检查情况</source>
        <translation>Signs as the accompanying {role} to confirm the inspection</translation>
    </message>
    <message>
        <source>作为{role}签字确认移交内容</source>
        <translation>Sign as {role} to confirm the handover</translation>
    </message>
</context>
<context>
    <name>ChecklistForm</name>
    <message>
        <source>按键：Y 是 · N 否 · A 不适用（须在备注说明） · Enter 下一项 · Ctrl+E 备注 · F2 修改</source>
        <translation>Keys: Y yes · N no · A not applicable (say why in the note) · Enter next item · Ctrl+E note · F2 change</translation>
    </message>
    <message>
        <source>此项填数值（单位：{unit}）</source>
        <translation>Answer with a number (unit: {unit})</translation>
    </message>
    <message>
        <source>此项填数值</source>
        <translation>Answer with a number</translation>
    </message>
    <message>
        <source>。按 Enter 或直接输入数字开始填写；A 表示不适用。</source>
        <translation>. Press Enter or just type the number; A means not applicable.</translation>
    </message>
    <message>
        <source>此项填日期：按 Enter 选择日期；A 表示不适用。</source>
        <translation>Answer with a date: press Enter to pick it; A means not applicable.</translation>
    </message>
    <message>
        <source>此项从选项中选择：按 Enter 打开选项；A 表示不适用。</source>
        <translation>Pick one of the choices: press Enter to open them; A means not applicable.</translation>
    </message>
    <message>
        <source>此项填文字：按 Enter 开始填写；A 表示不适用。</source>
        <translation>Answer in words: press Enter to start typing; A means not applicable.</translation>
    </message>
    <message>
        <source>Y / N 只用于“是 / 否”项，不能回答此项。</source>
        <translation>Y / N only answer yes/no items, not this one. </translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>检查内容</source>
        <translation>Check item</translation>
    </message>
    <message>
        <source>答复</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>检查项</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>{title}，第 {version} 版</source>
        <translation>{title}, version {version}</translation>
    </message>
    <message>
        <source>{n}（必附）</source>
        <translation>{n} (required)</translation>
    </message>
    <message>
        <source>{n}（不合格必附）</source>
        <translation>{n} (required if failed)</translation>
    </message>
    <message>
        <source>依据：{basis}</source>
        <translation>Basis: {basis}</translation>
    </message>
    <message>
        <source>数值项（单位：{unit}）：按 Enter 或直接输入数字填写</source>
        <translation>Number (unit: {unit}): press Enter or just type it</translation>
    </message>
    <message>
        <source>数值项：按 Enter 或直接输入数字填写</source>
        <translation>Number: press Enter or just type it</translation>
    </message>
    <message>
        <source>不合格时：{severity}</source>
        <translation>If it fails: {severity}</translation>
    </message>
</context>
<context>
    <name>Choices</name>
    <message>
        <source>城东区</source>
        <translation>Chengdong District</translation>
    </message>
    <message>
        <source>城中区</source>
        <translation>Chengzhong District</translation>
    </message>
    <message>
        <source>城西区</source>
        <translation>Chengxi District</translation>
    </message>
    <message>
        <source>城北区</source>
        <translation>Chengbei District</translation>
    </message>
    <message>
        <source>湟中区</source>
        <translation>Huangzhong District</translation>
    </message>
    <message>
        <source>大通县</source>
        <translation>Datong County</translation>
    </message>
    <message>
        <source>湟源县</source>
        <translation>Huangyuan County</translation>
    </message>
    <message>
        <source>储备</source>
        <translation>Reserve</translation>
    </message>
    <message>
        <source>计划</source>
        <translation>Planned</translation>
    </message>
    <message>
        <source>在建</source>
        <translation>Under construction</translation>
    </message>
    <message>
        <source>待验收</source>
        <translation>Awaiting acceptance</translation>
    </message>
    <message>
        <source>已验收</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>已移交</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <source>建设单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>勘察单位</source>
        <translation>Survey firm</translation>
    </message>
    <message>
        <source>设计单位</source>
        <translation>Design firm</translation>
    </message>
    <message>
        <source>施工单位</source>
        <translation>Contractor</translation>
    </message>
    <message>
        <source>监理单位</source>
        <translation>Supervision firm</translation>
    </message>
    <message>
        <source>检测单位</source>
        <translation>Testing laboratory</translation>
    </message>
    <message>
        <source>供水单位</source>
        <translation>Water utility</translation>
    </message>
    <message>
        <source>供电单位</source>
        <translation>Power utility</translation>
    </message>
    <message>
        <source>燃气单位</source>
        <translation>Gas utility</translation>
    </message>
    <message>
        <source>通信单位</source>
        <translation>Telecom utility</translation>
    </message>
    <message>
        <source>供热单位</source>
        <translation>Heating utility</translation>
    </message>
    <message>
        <source>项目负责人</source>
        <translation>Project manager</translation>
    </message>
    <message>
        <source>技术负责人</source>
        <translation>Technical lead</translation>
    </message>
    <message>
        <source>质量负责人</source>
        <translation>Quality lead</translation>
    </message>
    <message>
        <source>安全负责人</source>
        <translation>Safety lead</translation>
    </message>
    <message>
        <source>专职安全员</source>
        <translation>Full-time safety officer</translation>
    </message>
    <message>
        <source>总监理工程师</source>
        <translation>Chief supervising engineer</translation>
    </message>
    <message>
        <source>专业监理工程师</source>
        <translation>Specialist supervising engineer</translation>
    </message>
    <message>
        <source>见证人员</source>
        <translation>Witness</translation>
    </message>
    <message>
        <source>劳资专管员</source>
        <translation>Labour and wage officer</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>12345热线</source>
        <translation>12345 hotline</translation>
    </message>
    <message>
        <source>来访</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>信件</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>网络</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>现场反映</source>
        <translation>Raised on site</translation>
    </message>
    <message>
        <source>待处理</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>处理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>质量监督投诉电话</source>
        <translation>Supervision station complaint phone</translation>
    </message>
    <message>
        <source>监理单位投诉电话</source>
        <translation>Supervision firm complaint phone</translation>
    </message>
    <message>
        <source>五牌一图</source>
        <translation>Site information boards</translation>
    </message>
    <message>
        <source>维权信息告示牌</source>
        <translation>Worker-rights board</translation>
    </message>
    <message>
        <source>接通</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>责令整改通知书</source>
        <translation>Rectification order</translation>
    </message>
    <message>
        <source>停工整改通知书</source>
        <translation>Stop-work rectification order</translation>
    </message>
    <message>
        <source>整改回复单</source>
        <translation>Rectification reply</translation>
    </message>
    <message>
        <source>竣工联合验收记录</source>
        <translation>Joint completion acceptance record</translation>
    </message>
    <message>
        <source>监督检查记录</source>
        <translation>Inspection record</translation>
    </message>
    <message>
        <source>移交记录</source>
        <translation>Handover record</translation>
    </message>
    <message>
        <source>同意销项</source>
        <translation>Rectified: close</translation>
    </message>
    <message>
        <source>未整改到位</source>
        <translation>Not rectified</translation>
    </message>
    <message>
        <source>未复验</source>
        <translation>Not re-tested</translation>
    </message>
    <message>
        <source>无需复验</source>
        <translation>No re-test needed</translation>
    </message>
    <message>
        <source>待核实</source>
        <translation>To review</translation>
    </message>
    <message>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>已排除</source>
        <translation>Dismissed</translation>
    </message>
    <message>
        <source>未接通</source>
        <translation>Not answered</translation>
    </message>
    <message>
        <source>级</source>
        <translation>Beaufort</translation>
    </message>
    <message>
        <source>材料批次</source>
        <translation>material batch</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>Pass</translation>
    </message>
    <message>
        <source>不合格</source>
        <translation>Fail</translation>
    </message>
    <message>
        <source>组织单位</source>
        <translation>Organiser</translation>
    </message>
    <message>
        <source>建设单位/实施主体</source>
        <translation>Employer / implementing body</translation>
    </message>
    <message>
        <source>县区住建部门</source>
        <translation>District housing and construction bureau</translation>
    </message>
    <message>
        <source>业主委员会</source>
        <translation>Owners&apos; committee</translation>
    </message>
    <message>
        <source>业主代表</source>
        <translation>Owner representative</translation>
    </message>
    <message>
        <source>移交方</source>
        <translation>Handing-over party</translation>
    </message>
    <message>
        <source>接收方</source>
        <translation>Receiving party</translation>
    </message>
    <message>
        <source>见证方</source>
        <translation>Witnessing party</translation>
    </message>
    <message>
        <source>社区居委会</source>
        <translation>Residents&apos; committee</translation>
    </message>
    <message>
        <source>案件线索移送函</source>
        <translation>Case referral letter</translation>
    </message>
    <message>
        <source>相关部门</source>
        <translation>Relevant department</translation>
    </message>
    <message>
        <source>街道办事处</source>
        <translation>Sub-district office</translation>
    </message>
    <message>
        <source>物业服务企业</source>
        <translation>Property management company</translation>
    </message>
    <message>
        <source>专营单位</source>
        <translation>Utility company</translation>
    </message>
    <message>
        <source>整改后复验</source>
        <translation>Re-check after rectification</translation>
    </message>
    <message>
        <source>日常巡查</source>
        <translation>Routine inspection</translation>
    </message>
    <message>
        <source>专项检查</source>
        <translation>Special inspection</translation>
    </message>
    <message>
        <source>投诉核查</source>
        <translation>Complaint check</translation>
    </message>
    <message>
        <source>验收前检查</source>
        <translation>Pre-acceptance inspection</translation>
    </message>
    <message>
        <source>双随机抽查</source>
        <translation>Random spot check</translation>
    </message>
    <message>
        <source>节点验收监督</source>
        <translation>Stage acceptance supervision</translation>
    </message>
    <message>
        <source>竣工验收监督</source>
        <translation>Completion acceptance supervision</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>Minor</translation>
    </message>
    <message>
        <source>较重</source>
        <translation>Major</translation>
    </message>
    <message>
        <source>严重</source>
        <translation>Severe</translation>
    </message>
    <message>
        <source>限期整改</source>
        <translation>Rectify by deadline</translation>
    </message>
    <message>
        <source>停工整改</source>
        <translation>Stop work and rectify</translation>
    </message>
    <message>
        <source>移送处理</source>
        <translation>Refer for enforcement</translation>
    </message>
    <message>
        <source>基础类</source>
        <translation>Basic</translation>
    </message>
    <message>
        <source>完善类</source>
        <translation>Improvement</translation>
    </message>
    <message>
        <source>提升类</source>
        <translation>Upgrade</translation>
    </message>
    <message>
        <source>引导类</source>
        <translation>Guided</translation>
    </message>
    <message>
        <source>质量安全监督机构</source>
        <translation>Supervision station</translation>
    </message>
    <message>
        <source>住建执法</source>
        <translation>Housing and construction enforcement</translation>
    </message>
    <message>
        <source>市场监管</source>
        <translation>Market regulation</translation>
    </message>
    <message>
        <source>人社</source>
        <translation>Human resources and social security</translation>
    </message>
    <message>
        <source>园林绿化</source>
        <translation>Landscaping authority</translation>
    </message>
    <message>
        <source>晴</source>
        <translation>Sunny</translation>
    </message>
    <message>
        <source>多云</source>
        <translation>Cloudy</translation>
    </message>
    <message>
        <source>阴</source>
        <translation>Overcast</translation>
    </message>
    <message>
        <source>小雨</source>
        <translation>Light rain</translation>
    </message>
    <message>
        <source>雨</source>
        <translation>Rain</translation>
    </message>
    <message>
        <source>雪</source>
        <translation>Snow</translation>
    </message>
    <message>
        <source>大风</source>
        <translation>Strong wind</translation>
    </message>
    <message>
        <source>沙尘</source>
        <translation>Dust</translation>
    </message>
    <message>
        <source>待通知</source>
        <translation>Awaiting notice</translation>
    </message>
    <message>
        <source>整改中</source>
        <translation>Being rectified</translation>
    </message>
    <message>
        <source>已回复</source>
        <translation>Replied</translation>
    </message>
    <message>
        <source>已销项</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>已升级</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <source>已移送</source>
        <translation>Referred</translation>
    </message>
    <message>
        <source>已下发</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>已签署</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>屋面防水</source>
        <translation>roof waterproofing</translation>
    </message>
    <message>
        <source>外墙保温</source>
        <translation>external wall insulation</translation>
    </message>
    <message>
        <source>燃气管线改造</source>
        <translation>gas pipe renewal</translation>
    </message>
    <message>
        <source>供电线路改造</source>
        <translation>power line renewal</translation>
    </message>
    <message>
        <source>供水管线改造</source>
        <translation>water pipe renewal</translation>
    </message>
    <message>
        <source>防水材料</source>
        <translation>waterproofing material</translation>
    </message>
    <message>
        <source>保温材料</source>
        <translation>insulation material</translation>
    </message>
    <message>
        <source>燃气管材</source>
        <translation>gas pipe</translation>
    </message>
    <message>
        <source>电线电缆</source>
        <translation>wire and cable</translation>
    </message>
    <message>
        <source>给水管材</source>
        <translation>water supply pipe</translation>
    </message>
    <message>
        <source>未填</source>
        <translation>not filled in</translation>
    </message>
    <message>
        <source>未填写</source>
        <translation>not filled in</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
</context>
<context>
    <name>CloseOverrideDialog</name>
    <message>
        <source>销项证据不足</source>
        <translation>Not enough evidence to close</translation>
    </message>
    <message>
        <source>同意销项前应有整改证据，目前缺少：</source>
        <translation>Closing a notice needs evidence of the rectification; missing now:</translation>
    </message>
    <message>
        <source>请先补充；如确需销项，请写明理由（记入复查说明并打印在复查记录上）：</source>
        <translation>Add it first; if the notice must be closed anyway, give the reason (kept in the re-inspection note and printed on the re-inspection record):</translation>
    </message>
    <message>
        <source>写明理由并销项</source>
        <translation>Close with this reason</translation>
    </message>
    <message>
        <source>先去补充</source>
        <translation>Add the evidence first</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>记录编号</source>
        <translation>Record no.</translation>
    </message>
    <message>
        <source>验收日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>结论</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>前置条件</source>
        <translation>Preconditions</translation>
    </message>
    <message>
        <source>更正</source>
        <translation>Amends</translation>
    </message>
    <message>
        <source>移交日期</source>
        <translation>Handover date</translation>
    </message>
    <message>
        <source>接收方</source>
        <translation>Receiving party</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>意见</source>
        <translation>Opinion</translation>
    </message>
    <message>
        <source>签名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>风险</source>
        <translation>Risk</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>部位</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>投诉人</source>
        <translation>Complainant</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>关联问题</source>
        <translation>Linked finding</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>公示电话</source>
        <translation>Posted phone</translation>
    </message>
    <message>
        <source>公示日期</source>
        <translation>Posted on</translation>
    </message>
    <message>
        <source>核查日期</source>
        <translation>Checked on</translation>
    </message>
    <message>
        <source>试拨</source>
        <translation>Test call</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>情形</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>另一版本修改人</source>
        <translation>Other version by</translation>
    </message>
    <message>
        <source>修改时间</source>
        <translation>Changed at</translation>
    </message>
    <message>
        <source>检查项</source>
        <translation>Checklist item</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>处理措施</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Rectification deadline</translation>
    </message>
    <message>
        <source>责任单位</source>
        <translation>Responsible party</translation>
    </message>
    <message>
        <source>移送</source>
        <translation>Referred to</translation>
    </message>
    <message>
        <source>回复日期</source>
        <translation>Reply date</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Measures taken</translation>
    </message>
    <message>
        <source>整改结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Person responsible</translation>
    </message>
    <message>
        <source>监理意见</source>
        <translation>Supervisor&apos;s opinion</translation>
    </message>
    <message>
        <source>复查日期</source>
        <translation>Re-inspection date</translation>
    </message>
    <message>
        <source>复查结论</source>
        <translation>Re-inspection result</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>检查类型</source>
        <translation>Inspection type</translation>
    </message>
    <message>
        <source>检查时间</source>
        <translation>Inspected at</translation>
    </message>
    <message>
        <source>检查人员</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>问题数</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>厂家</source>
        <translation>Manufacturer</translation>
    </message>
    <message>
        <source>批号</source>
        <translation>Batch no.</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>进场日期</source>
        <translation>Delivery date</translation>
    </message>
    <message>
        <source>证明编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <source>复验</source>
        <translation>Re-test</translation>
    </message>
    <message>
        <source>已使用</source>
        <translation>Used</translation>
    </message>
    <message>
        <source>使用部位</source>
        <translation>Used in</translation>
    </message>
    <message>
        <source>报告编号</source>
        <translation>Report no.</translation>
    </message>
    <message>
        <source>检测机构</source>
        <translation>Testing laboratory</translation>
    </message>
    <message>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>样品</source>
        <translation>Sample</translation>
    </message>
    <message>
        <source>取样</source>
        <translation>Sampled</translation>
    </message>
    <message>
        <source>检测</source>
        <translation>Tested</translation>
    </message>
    <message>
        <source>报告日期</source>
        <translation>Report date</translation>
    </message>
    <message>
        <source>真伪核查</source>
        <translation>Authenticity check</translation>
    </message>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>处理</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>未满足的前置条件（双击打开相关记录）</source>
        <translation>Unmet precondition (double-click opens the record)</translation>
    </message>
    <message>
        <source>材料/规格</source>
        <translation>Material / spec</translation>
    </message>
    <message>
        <source>单位类型</source>
        <translation>Party type</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Organisation name</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>资质</source>
        <translation>Qualification</translation>
    </message>
    <message>
        <source>资质有效期至</source>
        <translation>Qualification valid until</translation>
    </message>
    <message>
        <source>投诉电话</source>
        <translation>Complaint phone</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>注册证书号</source>
        <translation>Registration certificate no.</translation>
    </message>
    <message>
        <source>劳动合同/社保/到岗</source>
        <translation>Contract / insurance / on site</translation>
    </message>
    <message>
        <source>项目编号</source>
        <translation>Project no.</translation>
    </message>
    <message>
        <source>项目名称</source>
        <translation>Project name</translation>
    </message>
    <message>
        <source>县区</source>
        <translation>District</translation>
    </message>
    <message>
        <source>街道</source>
        <translation>Sub-district</translation>
    </message>
    <message>
        <source>计划年度</source>
        <translation>Plan year</translation>
    </message>
    <message>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>施工单位</source>
        <translation>Contractor</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>通知书编号</source>
        <translation>Notice no.</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>逾期天数</source>
        <translation>Days overdue</translation>
    </message>
    <message>
        <source>风险提示</source>
        <translation>Red flag</translation>
    </message>
    <message>
        <source>核查项</source>
        <translation>Items to check</translation>
    </message>
</context>
<context>
    <name>CompanionsPanel</name>
    <message>
        <source>受检单位陪同检查的施工、监理人员在此签字，与监督人员一起签署检查记录。</source>
        <translation>The contractor&apos;s and supervisor&apos;s representatives who accompanied the inspection sign here, together with the inspectors.</translation>
    </message>
</context>
<context>
    <name>ComplaintsView</name>
    <message>
        <source>搜索：内容、部位、投诉人、处理结果（Ctrl+F）</source>
        <translation>Search: content, location, complainant, outcome (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部投诉</source>
        <translation>All complaints</translation>
    </message>
    <message>
        <source>未办结</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>请先在上方选择项目。</source>
        <translation>Choose a project above first.</translation>
    </message>
    <message>
        <source>没有符合筛选条件的投诉。</source>
        <translation>No complaints match the filters.</translation>
    </message>
    <message>
        <source>没有投诉记录。收到投诉时按 Ctrl+N 或点“新增投诉”登记。</source>
        <translation>No complaints. When one comes in, press Ctrl+N or click “New complaint”.</translation>
    </message>
    <message>
        <source>还没有公示核查：到现场核对投诉电话和公示牌后按 Ctrl+Shift+N 登记。</source>
        <translation>No posting checks yet: after checking the complaint phones and boards on site, press Ctrl+Shift+N.</translation>
    </message>
    <message>
        <source>办结后按个人信息保护要求删除投诉人的姓名和电话，记录保留。</source>
        <translation>After the complaint is closed, erase the complainant’s name and phone as personal-data rules require; the record stays.</translation>
    </message>
    <message>
        <source>项目：</source>
        <translation>Project:</translation>
    </message>
    <message>
        <source>投诉台账</source>
        <translation>Complaint register</translation>
    </message>
    <message>
        <source>公示核查（投诉电话、五牌一图、维权告示牌）</source>
        <translation>Public notice checks (complaint hotline, site boards, rights notice)</translation>
    </message>
    <message>
        <source>选择投诉或公示记录查看照片</source>
        <translation>Choose a complaint or notice check to see its photos</translation>
    </message>
    <message>
        <source>共 {m} 条；投诉 {n} 件（未办结 {o} 件），公示 {p} 项</source>
        <translation>{m} shown; {n} complaints ({o} open), {p} notice checks</translation>
    </message>
    <message>
        <source>关联问题：</source>
        <translation>Linked finding: </translation>
    </message>
    <message>
        <source>处理结果：</source>
        <translation>Resolution: </translation>
    </message>
    <message>
        <source>投诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>新增投诉</source>
        <translation>New complaint</translation>
    </message>
    <message>
        <source>新增公示核查</source>
        <translation>New notice check</translation>
    </message>
    <message>
        <source>编辑投诉</source>
        <translation>Edit complaint</translation>
    </message>
    <message>
        <source>编辑公示核查</source>
        <translation>Edit notice check</translation>
    </message>
    <message>
        <source>办结投诉</source>
        <translation>Close complaint</translation>
    </message>
    <message>
        <source>删除联系方式</source>
        <translation>Erase contact details</translation>
    </message>
    <message>
        <source>删除该投诉人的姓名和电话？投诉内容和处理结果会保留，删除后不能恢复。</source>
        <translation>Erase the complainant&apos;s name and phone? The complaint and its resolution are kept. This cannot be undone.</translation>
    </message>
    <message>
        <source>该投诉记录</source>
        <translation>this complaint</translation>
    </message>
    <message>
        <source>该公示记录</source>
        <translation>this notice check</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>确定删除{what}吗？</source>
        <translation>Delete {what}?</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>办结…</source>
        <translation>Close…</translation>
    </message>
    <message>
        <source>关联问题…</source>
        <translation>Link finding…</translation>
    </message>
    <message>
        <source>删除联系方式…</source>
        <translation>Erase contact…</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <source>显示已处理的冲突</source>
        <translation>Show resolved conflicts</translation>
    </message>
    <message>
        <source>没有待处理的冲突。同一字段在本机和其他设备（或监督站）都被修改时，两个版本都会保留在这里，由您比较后选择。</source>
        <translation>No open conflicts. When the same field is changed on this laptop and on another device (or at the office), both versions are kept here for you to compare and choose.</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>本机现有版本</source>
        <translation>Version on this laptop</translation>
    </message>
    <message>
        <source>保留此版本</source>
        <translation>Keep this version</translation>
    </message>
    <message>
        <source>另一版本</source>
        <translation>Other version</translation>
    </message>
    <message>
        <source>采用此版本</source>
        <translation>Use this version</translation>
    </message>
    <message>
        <source>或者，编辑后采用</source>
        <translation>Or edit and use</translation>
    </message>
    <message>
        <source>使用编辑后的内容</source>
        <translation>Use the edited text</translation>
    </message>
    <message>
        <source>待处理冲突 {n} 处</source>
        <translation>{n} open conflicts</translation>
    </message>
    <message>
        <source>{record} — {field}</source>
        <translation>{record} — {field}</translation>
    </message>
    <message>
        <source>该记录已签署锁定，另一版本是签署后对它的修改，任何人都不能采用。确认后保留已签署的版本；如内容确有错误，请出具更正记录。</source>
        <translation>This record is signed and locked; the other version is a change made after signing and nobody can apply it. Confirm to keep the signed version; if its content is wrong, issue a correction record.</translation>
    </message>
    <message>
        <source>两条记录使用了同一个编号。本机的记录已临时改为左侧的编号；请保留它，或改成另一个不重复的编号。</source>
        <translation>Two records used the same number. The record on this laptop was given the number on the left for now; keep it, or change it to another unique number.</translation>
    </message>
    <message>
        <source>同一字段在两处被修改。请比较两个版本，保留其一，或编辑后采用。您的选择会同步到监督站和其他设备。</source>
        <translation>The same field was changed in two places. Compare the two versions and keep one, or edit and use. Your choice syncs to the office and the other devices.</translation>
    </message>
    <message>
        <source>已处理（{how}，{who}）。按 Ctrl+Z 可撤销本次会话中的处理。</source>
        <translation>Resolved ({how}, {who}). Press Ctrl+Z to undo a resolution made in this session.</translation>
    </message>
    <message>
        <source>修改人：{who}（设备 {device}）{at}</source>
        <translation>Changed by: {who} (device {device}){at}</translation>
    </message>
    <message>
        <source>保留本机版本</source>
        <translation>Keep this laptop&apos;s version</translation>
    </message>
    <message>
        <source>采用另一版本</source>
        <translation>Use the other version</translation>
    </message>
    <message>
        <source>编辑后采用</source>
        <translation>Edit and use</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>理由（必填，将记入审计日志）</source>
        <translation>Reason (required, recorded in the audit log)</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>请填写理由</source>
        <translation>Please give a reason</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>项目编号</source>
        <translation>Project no.</translation>
    </message>
    <message>
        <source>项目名称</source>
        <translation>Project name</translation>
    </message>
    <message>
        <source>小区名称</source>
        <translation>Community (estate) name</translation>
    </message>
    <message>
        <source>县区</source>
        <translation>District</translation>
    </message>
    <message>
        <source>街道</source>
        <translation>Sub-district</translation>
    </message>
    <message>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>纬度</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>经度</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>建成年代</source>
        <translation>Year built</translation>
    </message>
    <message>
        <source>楼栋数</source>
        <translation>Buildings</translation>
    </message>
    <message>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>建筑面积(m²)</source>
        <translation>Floor area (m²)</translation>
    </message>
    <message>
        <source>加装电梯(台)</source>
        <translation>Retrofitted elevators</translation>
    </message>
    <message>
        <source>计划年度</source>
        <translation>Plan year</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>施工许可证号</source>
        <translation>Construction permit no.</translation>
    </message>
    <message>
        <source>监督注册号</source>
        <translation>Supervision registration no.</translation>
    </message>
    <message>
        <source>施工许可日期</source>
        <translation>Permit date</translation>
    </message>
    <message>
        <source>开工日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>竣工日期</source>
        <translation>Completion date</translation>
    </message>
    <message>
        <source>合同价(元)</source>
        <translation>Contract price (CNY)</translation>
    </message>
    <message>
        <source>中央及省级补助(元)</source>
        <translation>Central and provincial subsidy (CNY)</translation>
    </message>
    <message>
        <source>居民出资(元)</source>
        <translation>Resident contribution (CNY)</translation>
    </message>
    <message>
        <source>专营单位出资(元)</source>
        <translation>Utility contribution (CNY)</translation>
    </message>
    <message>
        <source>专项债券(元)</source>
        <translation>Special bonds (CNY)</translation>
    </message>
    <message>
        <source>其他资金(元)</source>
        <translation>Other funds (CNY)</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>单位类型</source>
        <translation>Party type</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Organisation name</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>资质类别及等级</source>
        <translation>Qualification type and grade</translation>
    </message>
    <message>
        <source>资质证书号</source>
        <translation>Qualification certificate no.</translation>
    </message>
    <message>
        <source>资质有效期至</source>
        <translation>Qualification valid until</translation>
    </message>
    <message>
        <source>安全生产许可证号</source>
        <translation>Safety licence no.</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Contact phone</translation>
    </message>
    <message>
        <source>投诉电话</source>
        <translation>Complaint phone</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>注册证书号</source>
        <translation>Registration certificate no.</translation>
    </message>
    <message>
        <source>安全考核证号</source>
        <translation>Safety certificate no.</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>劳动合同已核</source>
        <translation>Labour contract checked</translation>
    </message>
    <message>
        <source>社保已核</source>
        <translation>Pension insurance checked</translation>
    </message>
    <message>
        <source>到岗已核</source>
        <translation>Presence on site checked</translation>
    </message>
    <message>
        <source>核查日期</source>
        <translation>Checked on</translation>
    </message>
    <message>
        <source>到岗起</source>
        <translation>On site from</translation>
    </message>
    <message>
        <source>到岗止</source>
        <translation>On site until</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Received at</translation>
    </message>
    <message>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>投诉内容</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>部位（楼栋/单元）</source>
        <translation>Location (building / unit)</translation>
    </message>
    <message>
        <source>投诉人</source>
        <translation>Complainant</translation>
    </message>
    <message>
        <source>处理期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>处理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>办结日期</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <source>公示类别</source>
        <translation>Notice type</translation>
    </message>
    <message>
        <source>公示电话</source>
        <translation>Posted phone</translation>
    </message>
    <message>
        <source>公示日期</source>
        <translation>Posted on</translation>
    </message>
    <message>
        <source>试拨结果</source>
        <translation>Test call result</translation>
    </message>
    <message>
        <source>材料名称</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>规格型号</source>
        <translation>Specification / model</translation>
    </message>
    <message>
        <source>生产厂家</source>
        <translation>Manufacturer</translation>
    </message>
    <message>
        <source>批号</source>
        <translation>Batch no.</translation>
    </message>
    <message>
        <source>进场数量</source>
        <translation>Quantity delivered</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>进场日期</source>
        <translation>Delivery date</translation>
    </message>
    <message>
        <source>合格证/质量证明编号</source>
        <translation>Quality certificate no.</translation>
    </message>
    <message>
        <source>证明文件载明数量</source>
        <translation>Quantity on the certificate</translation>
    </message>
    <message>
        <source>需要复验</source>
        <translation>Re-test required</translation>
    </message>
    <message>
        <source>见证人</source>
        <translation>Witness</translation>
    </message>
    <message>
        <source>见证取样日期</source>
        <translation>Witnessed sampling date</translation>
    </message>
    <message>
        <source>已使用/隐蔽</source>
        <translation>Used / concealed</translation>
    </message>
    <message>
        <source>使用/隐蔽日期</source>
        <translation>Used / concealed on</translation>
    </message>
    <message>
        <source>使用部位</source>
        <translation>Used in</translation>
    </message>
    <message>
        <source>检测机构</source>
        <translation>Testing laboratory</translation>
    </message>
    <message>
        <source>报告编号</source>
        <translation>Report no.</translation>
    </message>
    <message>
        <source>样品名称</source>
        <translation>Sample</translation>
    </message>
    <message>
        <source>取样日期</source>
        <translation>Sampling date</translation>
    </message>
    <message>
        <source>检测日期</source>
        <translation>Test date</translation>
    </message>
    <message>
        <source>报告日期</source>
        <translation>Report date</translation>
    </message>
    <message>
        <source>检测结论</source>
        <translation>Test conclusion</translation>
    </message>
    <message>
        <source>防伪码</source>
        <translation>Anti-counterfeit code</translation>
    </message>
    <message>
        <source>真伪核查方式</source>
        <translation>How authenticity was checked</translation>
    </message>
    <message>
        <source>委托单位</source>
        <translation>Commissioned by</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>验收意见</source>
        <translation>Acceptance opinion</translation>
    </message>
    <message>
        <source>不合格理由</source>
        <translation>Reasons for failing</translation>
    </message>
    <message>
        <source>移交日期</source>
        <translation>Handover date</translation>
    </message>
    <message>
        <source>移交方(建设单位)</source>
        <translation>Handing-over party (employer)</translation>
    </message>
    <message>
        <source>接收方类型</source>
        <translation>Receiving party type</translation>
    </message>
    <message>
        <source>接收方</source>
        <translation>Receiving party</translation>
    </message>
    <message>
        <source>见证方</source>
        <translation>Witnessing party</translation>
    </message>
    <message>
        <source>后续管理安排</source>
        <translation>Maintenance arrangements</translation>
    </message>
    <message>
        <source>遗留问题</source>
        <translation>Open issues</translation>
    </message>
    <message>
        <source>保修单位</source>
        <translation>Warranty provider</translation>
    </message>
    <message>
        <source>保修期起</source>
        <translation>Warranty from</translation>
    </message>
    <message>
        <source>保修期止</source>
        <translation>Warranty until</translation>
    </message>
    <message>
        <source>验收日期</source>
        <translation>Acceptance date</translation>
    </message>
    <message>
        <source>验收地点</source>
        <translation>Acceptance venue</translation>
    </message>
    <message>
        <source>组织单位</source>
        <translation>Organiser</translation>
    </message>
    <message>
        <source>综合验收结论</source>
        <translation>Overall acceptance conclusion</translation>
    </message>
    <message>
        <source>存在问题及整改要求</source>
        <translation>Problems and rectification requirements</translation>
    </message>
    <message>
        <source>居民(业主)意见</source>
        <translation>Residents&apos; (owners&apos;) opinion</translation>
    </message>
    <message>
        <source>监督意见</source>
        <translation>Supervision station&apos;s opinion</translation>
    </message>
    <message>
        <source>监督人员（姓名 执法证号，多人用顿号分隔）</source>
        <translation>Supervising inspectors (name and enforcement ID; several separated by commas)</translation>
    </message>
</context>
<context>
    <name>FindingDialog</name>
    <message>
        <source>编辑问题</source>
        <translation>Edit finding</translation>
    </message>
    <message>
        <source>新增问题</source>
        <translation>New finding</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>部位（楼栋/单元/部位）</source>
        <translation>Location (building / unit / part)</translation>
    </message>
    <message>
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>处理措施</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Rectification deadline</translation>
    </message>
    <message>
        <source>责任单位</source>
        <translation>Responsible party</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>从不合格项生成问题</source>
        <translation>Create findings from failed items</translation>
    </message>
    <message>
        <source>新增问题</source>
        <translation>New finding</translation>
    </message>
    <message>
        <source>删除问题</source>
        <translation>Delete finding</translation>
    </message>
    <message>
        <source>下发整改通知</source>
        <translation>Issue rectification notice</translation>
    </message>
    <message>
        <source>打开通知书</source>
        <translation>Open notice</translation>
    </message>
    <message>
        <source>移送函…</source>
        <translation>Referral letter…</translation>
    </message>
    <message>
        <source>查看、填写和签署本次检查的案件线索移送函</source>
        <translation>View, fill in and sign this inspection&apos;s referral letters</translation>
    </message>
    <message>
        <source>有 {n} 个不合格项（{items}）还没有生成问题：点“从不合格项生成问题”。</source>
        <translation>{n} failed item(s) ({items}) have no finding yet: click “Findings from failed items”.</translation>
    </message>
    <message>
        <source>有待通知的问题：点“下发整改通知”，选择通知类型、问题和受检单位。</source>
        <translation>Findings are waiting for a notice: click “Issue notice” and choose the type, the findings and the party inspected.</translation>
    </message>
    <message>
        <source>有待通知的问题，分属 {n} 个责任单位：点“下发整改通知”，每个单位下发一份通知书。</source>
        <translation>Findings wait for a notice, owed by {n} parties: click “Issue notice” once for each party (one notice per party).</translation>
    </message>
    <message>
        <source>有 {n} 个问题须移送有关部门：点“移送函…”生成案件线索移送函。</source>
        <translation>{n} finding(s) must be referred to another authority: click “Referral…” to make the referral letter.</translation>
    </message>
    <message>
        <source>有不合格项等待生成问题：点上方“从不合格项生成问题”。</source>
        <translation>Failed items are waiting for findings: click “Findings from failed items” above.</translation>
    </message>
    <message>
        <source>没有问题。检查中发现的问题可点“新增问题”记录；不合格项可点“从不合格项生成问题”。</source>
        <translation>No findings. Record a problem found with “New finding”; failed items with “Findings from failed items”.</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>该检查记录已签署锁定，所列问题不能修改；如需更正，请创建更正版本。</source>
        <translation>This inspection record is signed and locked: its findings cannot be changed. Create a correction to amend it.</translation>
    </message>
    <message>
        <source>删除问题“{d}”？</source>
        <translation>Delete finding &quot;{d}&quot;?</translation>
    </message>
    <message>
        <source>没有待通知的问题。先用“从不合格项生成问题”或“新增问题”记录发现的问题。</source>
        <translation>No findings are waiting for a notice. Record what was found first, with “Findings from failed items” or “New finding”.</translation>
    </message>
    <message>
        <source>移送函</source>
        <translation>Referral</translation>
    </message>
    <message>
        <source>本次检查没有需要移送的问题。检查项标明移送部门的不合格项，生成问题后在这里生成案件线索移送函。</source>
        <translation>Nothing in this inspection needs referring. Failed items whose checklist names an authority are referred here once their findings are recorded.</translation>
    </message>
</context>
<context>
    <name>FlagList</name>
    <message>
        <source>规则：{rule}</source>
        <translation>Rule: {rule}</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>显示已排除</source>
        <translation>Show dismissed</translation>
    </message>
    <message>
        <source>确认…</source>
        <translation>Confirm…</translation>
    </message>
    <message>
        <source>确认该风险属实（Ctrl+Enter）</source>
        <translation>Confirm this risk is real (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>排除…</source>
        <translation>Dismiss…</translation>
    </message>
    <message>
        <source>排除误报（Ctrl+D）</source>
        <translation>Dismiss as false alarm (Ctrl+D)</translation>
    </message>
    <message>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>打开记录</source>
        <translation>Open record</translation>
    </message>
    <message>
        <source>打开相关记录（Enter / 双击）</source>
        <translation>Open the related record (Enter / double-click)</translation>
    </message>
    <message>
        <source>正在检查风险…</source>
        <translation>Checking for red flags…</translation>
    </message>
    <message>
        <source>没有符合筛选条件的风险提示。</source>
        <translation>No red flags match the filters.</translation>
    </message>
    <message>
        <source>没有风险提示：材料、检测报告、关键人员、公示、投诉和整改期限均未发现异常。</source>
        <translation>No red flags: nothing unusual in materials, test reports, key personnel, postings, complaints or deadlines.</translation>
    </message>
    <message>
        <source>显示 {shown} 条，待核实 {open} 条</source>
        <translation>{shown} shown, {open} awaiting review</translation>
    </message>
    <message>
        <source>核查项：</source>
        <translation>Check: </translation>
    </message>
    <message>
        <source>相关记录：</source>
        <translation>Records: </translation>
    </message>
    <message>
        <source>确认风险提示</source>
        <translation>Confirm red flag</translation>
    </message>
    <message>
        <source>排除风险提示</source>
        <translation>Dismiss red flag</translation>
    </message>
    <message>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>排除</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>{title}：{message}</source>
        <translation>{title}: {message}</translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>位置/编号</source>
        <translation>Location / number</translation>
    </message>
    <message>
        <source>数量/规格</source>
        <translation>Quantity / size</translation>
    </message>
    <message>
        <source>状况</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>设施清单</source>
        <translation>Facilities</translation>
    </message>
    <message>
        <source>设备清单</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>移交专营单位的管线</source>
        <translation>Utility networks handed to their operators</translation>
    </message>
    <message>
        <source>分项保修期</source>
        <translation>Warranty by item</translation>
    </message>
    <message>
        <source>改造内容</source>
        <translation>Renovation item</translation>
    </message>
    <message>
        <source>保修范围</source>
        <translation>Warranty scope</translation>
    </message>
    <message>
        <source>最低保修期限</source>
        <translation>Minimum warranty</translation>
    </message>
    <message>
        <source>起</source>
        <translation>From</translation>
    </message>
    <message>
        <source>止</source>
        <translation>To</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>型号</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Serial no.</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>维保单位</source>
        <translation>Maintainer</translation>
    </message>
    <message>
        <source>使用登记证号</source>
        <translation>Registration cert. no.</translation>
    </message>
    <message>
        <source>检验有效期至</source>
        <translation>Inspection valid until</translation>
    </message>
    <message>
        <source>接收单位（专营单位）</source>
        <translation>Receiver (utility operator)</translation>
    </message>
    <message>
        <source>资料清单</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>钥匙/密码/账号</source>
        <translation>Keys, passwords, accounts</translation>
    </message>
</context>
<context>
    <name>HandoverPage</name>
    <message>
        <source>添加行</source>
        <translation>Add row</translation>
    </message>
    <message>
        <source>删除行</source>
        <translation>Delete row</translation>
    </message>
    <message>
        <source>移交记录</source>
        <translation>Handover record</translation>
    </message>
    <message>
        <source>移交内容</source>
        <translation>Items handed over</translation>
    </message>
    <message>
        <source>保修</source>
        <translation>Warranty</translation>
    </message>
    <message>
        <source>移交方、接收方、见证方签字</source>
        <translation>Signatures of handing-over, receiving and witnessing parties</translation>
    </message>
    <message>
        <source>请选择或新建移交记录（验收合格并签署后方可移交）</source>
        <translation>Choose or create a handover record (possible once acceptance has passed and been signed)</translation>
    </message>
    <message>
        <source>依据竣工联合验收记录</source>
        <translation>under joint acceptance record</translation>
    </message>
    <message>
        <source>未保存：</source>
        <translation>Not saved:</translation>
    </message>
    <message>
        <source>日期格式应为 YYYY-MM-DD</source>
        <translation>Dates must be YYYY-MM-DD</translation>
    </message>
</context>
<context>
    <name>Identity</name>
    <message>
        <source>请填写监督员姓名（将打印在记录上并作为签名人）</source>
        <translation>Enter the inspector&apos;s name (printed on records and used as the signer)</translation>
    </message>
    <message>
        <source>姓名不能超过 30 个字</source>
        <translation>The name cannot be longer than 30 characters</translation>
    </message>
    <message>
        <source>请填写执法证号</source>
        <translation>Enter the enforcement badge number</translation>
    </message>
    <message>
        <source>请填写监督机构名称</source>
        <translation>Enter the supervision station&apos;s name</translation>
    </message>
    <message>
        <source>签名证书的签名人是“本机用户”，不能用它签署记录；请以监督员本人姓名重新创建证书。</source>
        <translation>The signing certificate is made out to “local user” and cannot sign records; create a new one in the inspector&apos;s own name.</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <source>监督员身份</source>
        <translation>Inspector identity</translation>
    </message>
    <message>
        <source>欢迎使用。请先填写您的身份：检查记录、整改通知书和验收记录上都会打印，签署记录时的签名证书也以此姓名开具。以后可在“文件 → 设置”中修改。</source>
        <translation>Welcome. First, who are you? Your name, badge and station are printed on inspection records, notices and acceptance records, and your signing certificate is made out to this name. You can change them later in File → Settings.</translation>
    </message>
    <message>
        <source>签署记录前，请先填写您的身份。</source>
        <translation>Before signing a record, enter who you are.</translation>
    </message>
    <message>
        <source>以后再填</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>IdentityForm</name>
    <message>
        <source>如：李淑芬</source>
        <translation>e.g. Li Shufen</translation>
    </message>
    <message>
        <source>执法证上的编号</source>
        <translation>The number on your enforcement badge</translation>
    </message>
    <message>
        <source>监督员姓名</source>
        <translation>Inspector&apos;s name</translation>
    </message>
    <message>
        <source>执法证号</source>
        <translation>Badge number</translation>
    </message>
    <message>
        <source>监督机构</source>
        <translation>Supervision station</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>导入预览：{name}</source>
        <translation>Import preview: {name}</translation>
    </message>
    <message>
        <source>工作表“{sheet}”，表头在第 {row} 行。将新增 {create} 个项目，更新 {update} 个，{unchanged} 个不变；{refuse} 行不导入，{duplicate} 行重复（只导入一次）。确认无误后再导入，此前不会写入任何数据。</source>
        <translation>Sheet “{sheet}”, header in row {row}. {create} projects will be added, {update} updated, {unchanged} unchanged; {refuse} rows will not be imported, {duplicate} rows are repeats (imported once). Nothing is written until you confirm the import.</translation>
    </message>
    <message>
        <source>表中没有“项目编号”列：按县区和项目名称识别已有项目，新项目自动编号。</source>
        <translation>The sheet has no project code column: existing projects are found by district and name, new projects get a generated code.</translation>
    </message>
    <message>
        <source>未识别、不导入的列：{cols}</source>
        <translation>Columns not recognised (not imported): {cols}</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>不导入</source>
        <translation>Not imported</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>有提示</source>
        <translation>With notes</translation>
    </message>
    <message>
        <source>不变</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>重复行</source>
        <translation>Repeated row</translation>
    </message>
    <message>
        <source>导入 {n} 个项目</source>
        <translation>Import {n} projects</translation>
    </message>
    <message>
        <source>没有可导入的项目</source>
        <translation>Nothing to import</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <source>导入结果：{name}</source>
        <translation>Import result: {name}</translation>
    </message>
    <message>
        <source>新增 {a} 个项目，更新 {b} 个，未变 {c} 个，有问题的行 {d} 行。</source>
        <translation>{a} projects added, {b} updated, {c} unchanged, {d} rows with problems.</translation>
    </message>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>InspectionEditor</name>
    <message>
        <source>完成检查</source>
        <translation>Complete inspection</translation>
    </message>
    <message>
        <source>检查必填项、不适用说明和必附照片后完成（Ctrl+Enter）</source>
        <translation>Check required answers, N/A reasons and required photos, then complete (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>基本情况</source>
        <translation>General</translation>
    </message>
    <message>
        <source>检查表</source>
        <translation>Checklists</translation>
    </message>
    <message>
        <source>现场照片</source>
        <translation>Site photos</translation>
    </message>
    <message>
        <source>问题与整改</source>
        <translation>Findings and rectification</translation>
    </message>
    <message>
        <source>陪同人员签字</source>
        <translation>Accompanying signatures</translation>
    </message>
    <message>
        <source>立即保存（平时自动保存）</source>
        <translation>Save now (edits save automatically)</translation>
    </message>
    <message>
        <source>未填</source>
        <translation>Not filled</translation>
    </message>
    <message>
        <source> 级</source>
        <translation> Bft</translation>
    </message>
    <message>
        <source>检查类型</source>
        <translation>Inspection type</translation>
    </message>
    <message>
        <source>检查时间</source>
        <translation>Inspection time</translation>
    </message>
    <message>
        <source>检查人员</source>
        <translation>Inspectors</translation>
    </message>
    <message>
        <source>执法证号</source>
        <translation>Enforcement ID</translation>
    </message>
    <message>
        <source>协同检查人员</source>
        <translation>Accompanying inspectors</translation>
    </message>
    <message>
        <source>协同检查人员执法证号</source>
        <translation>Co-inspector&apos;s enforcement ID</translation>
    </message>
    <message>
        <source>天气</source>
        <translation>Weather</translation>
    </message>
    <message>
        <source>气温</source>
        <translation>Temperature</translation>
    </message>
    <message>
        <source>风力</source>
        <translation>Wind force</translation>
    </message>
    <message>
        <source>形象进度</source>
        <translation>Construction progress</translation>
    </message>
    <message>
        <source>关键人员到岗</source>
        <translation>Key personnel on site</translation>
    </message>
    <message>
        <source>检查小结</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>待补项目</source>
        <translation>Items to complete</translation>
    </message>
    <message>
        <source>当前检查项照片</source>
        <translation>Photos of the current item</translation>
    </message>
    <message>
        <source>{no}  {project}</source>
        <translation>{no}  {project}</translation>
    </message>
    <message>
        <source>已签署锁定，只读</source>
        <translation>Signed and locked, read-only</translation>
    </message>
    <message>
        <source>已完成（只读，可重新打开）</source>
        <translation>Completed (read-only, can be reopened)</translation>
    </message>
    <message>
        <source>监督检查记录已完成 · 只读，可以签署；如需修改请先“重新打开”</source>
        <translation>Inspection record completed · read-only, ready to sign; to change it, “Reopen” it first</translation>
    </message>
    <message>
        <source>{role}  {name}（{party}）</source>
        <translation>{role}  {name} ({party})</translation>
    </message>
    <message>
        <source>{id} {text}：{reason}</source>
        <translation>{id} {text}: {reason}</translation>
    </message>
    <message>
        <source>待补项目（{n}）：点击一项即可跳到该检查项</source>
        <translation>Still missing ({n}): click one to go to its item</translation>
    </message>
    <message>
        <source>待补项目：无，可以完成检查（Ctrl+Enter）</source>
        <translation>Nothing missing: the inspection can be completed (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>检查项 {id} 的照片</source>
        <translation>Photos of item {id}</translation>
    </message>
</context>
<context>
    <name>InspectionsView</name>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>搜索编号、项目、人员…（Ctrl+F）</source>
        <translation>Search number, project, people… (Ctrl+F)</translation>
    </message>
    <message>
        <source>新建检查</source>
        <translation>New inspection</translation>
    </message>
    <message>
        <source>← 返回列表</source>
        <translation>← Back to list</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>返回列表</source>
        <translation>Back to the list</translation>
    </message>
    <message>
        <source>没有符合筛选条件的检查记录。</source>
        <translation>No inspections match the filters.</translation>
    </message>
    <message>
        <source>还没有监督检查记录。按 Ctrl+N 或点“新建检查”开始一次检查。</source>
        <translation>No inspections yet. Press Ctrl+N or click “New inspection” to start one.</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>已签署</source>
        <translation>Signed</translation>
    </message>
</context>
<context>
    <name>IssueNoticeDialog</name>
    <message>
        <source>下发整改通知</source>
        <translation>Issue a rectification notice</translation>
    </message>
    <message>
        <source>〔{severity}·{action}〕{description}（{party}）</source>
        <translation>[{severity} · {action}] {description} ({party})</translation>
    </message>
    <message>
        <source>（请选择受检单位）</source>
        <translation>(choose the party inspected)</translation>
    </message>
    <message>
        <source>如：按规范要求整改，整改完成后书面回复并附整改前后照片</source>
        <translation>e.g. Rectify to the standard; reply in writing with photos before and after</translation>
    </message>
    <message>
        <source>如：3号楼屋面及外墙保温作业</source>
        <translation>e.g. roof and wall insulation work on building 3</translation>
    </message>
    <message>
        <source>通知类型</source>
        <translation>Notice type</translation>
    </message>
    <message>
        <source>列入的问题</source>
        <translation>Findings on the notice</translation>
    </message>
    <message>
        <source>* 受检单位</source>
        <translation>* Party inspected</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>整改要求</source>
        <translation>Requirements</translation>
    </message>
    <message>
        <source>停工范围</source>
        <translation>Scope of the stop</translation>
    </message>
    <message>
        <source>返回修改</source>
        <translation>Back to edit</translation>
    </message>
    <message>
        <source>预览…</source>
        <translation>Preview…</translation>
    </message>
    <message>
        <source>确认下发</source>
        <translation>Confirm and issue</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>编号：下发时自动编号</source>
        <translation>Number: given when issued</translation>
    </message>
    <message>
        <source>下发日期：</source>
        <translation>Issued on: </translation>
    </message>
    <message>
        <source>经检查，你单位在“{project}”工程中存在下列问题：</source>
        <translation>The inspection found the following problems of your organisation on “{project}”:</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>检查项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Problem found</translation>
    </message>
    <message>
        <source>部位</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>整改期限：</source>
        <translation>Deadline: </translation>
    </message>
    <message>
        <source>整改要求：</source>
        <translation>Requirements: </translation>
    </message>
    <message>
        <source>停工范围：</source>
        <translation>Scope of the stop: </translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>zh</source>
        <translation>en</translation>
    </message>
</context>
<context>
    <name>LinkFindingDialog</name>
    <message>
        <source>关联问题</source>
        <translation>Link finding</translation>
    </message>
    <message>
        <source>（不关联）</source>
        <translation>(not linked)</translation>
    </message>
    <message>
        <source>由该投诉新建问题…</source>
        <translation>New finding from this complaint…</translation>
    </message>
    <message>
        <source>问题：</source>
        <translation>Finding:</translation>
    </message>
    <message>
        <source>新建时的严重程度：</source>
        <translation>Severity of the new finding:</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录监督站</source>
        <translation>Sign in to the office</translation>
    </message>
    <message>
        <source>例如 https://jdz.example.cn</source>
        <translation>e.g. https://jdz.example.cn</translation>
    </message>
    <message>
        <source>可选：监督站使用自签证书时，由管理员提供</source>
        <translation>Optional: provided by the administrator when the office uses its own certificate</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>证书文件</source>
        <translation>Certificate file</translation>
    </message>
    <message>
        <source>可选：填写后由监督站签发您的签名证书</source>
        <translation>Optional: the station then issues your certificate</translation>
    </message>
    <message>
        <source>签名证书口令</source>
        <translation>Signing key passphrase</translation>
    </message>
    <message>
        <source>本设备只保存监督站发给它的令牌（系统钥匙串，或仅本用户可读的文件），不保存密码。</source>
        <translation>This device keeps only the token the office gives it (in the system keyring, or a file only you can read), never the password.</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>选择证书文件</source>
        <translation>Choose certificate file</translation>
    </message>
    <message>
        <source>证书 (*.pem *.crt *.cer);;所有文件 (*)</source>
        <translation>Certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <source>正在登录…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <source>请填写监督站服务器地址。</source>
        <translation>Enter the office server address.</translation>
    </message>
    <message>
        <source>请填写用户名和密码。</source>
        <translation>Enter the user name and password.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{title} — Inspector</source>
        <translation>{title} — Inspector</translation>
    </message>
    <message>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>数据目录：{path}</source>
        <translation>Data folder: {path}</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>导出台账（Excel）…</source>
        <translation>Export ledger (Excel)…</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>快捷键…</source>
        <translation>Keyboard shortcuts…</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>导出台账</source>
        <translation>Export ledger</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>正在导出台账…</source>
        <translation>Exporting the ledger…</translation>
    </message>
    <message>
        <source>已导出台账：{path}</source>
        <translation>Ledger exported: {path}</translation>
    </message>
    <message>
        <source>{title}
版本 {version}

离线现场监督检查、照片取证、整改闭环、联合验收与签名记录。
数据目录：{path}</source>
        <translation>{title}
Version {version}

Offline site inspections, photo evidence, rectification follow-up, joint acceptance and signed records.
Data folder: {path}</translation>
    </message>
    <message>
        <source>老旧小区改造质量安全监督</source>
        <translation>Renovation Quality and Safety Supervision</translation>
    </message>
    <message>
        <source>项目库</source>
        <translation>Projects</translation>
    </message>
    <message>
        <source>监督检查</source>
        <translation>Inspections</translation>
    </message>
    <message>
        <source>整改跟踪</source>
        <translation>Rectifications</translation>
    </message>
    <message>
        <source>材料与检测</source>
        <translation>Materials and tests</translation>
    </message>
    <message>
        <source>投诉与公示</source>
        <translation>Complaints and notices</translation>
    </message>
    <message>
        <source>风险提示</source>
        <translation>Red flags</translation>
    </message>
    <message>
        <source>验收与移交</source>
        <translation>Acceptance and handover</translation>
    </message>
    <message>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
</context>
<context>
    <name>MaterialsView</name>
    <message>
        <source>搜索：材料、厂家、批号、报告编号、机构（Ctrl+F）</source>
        <translation>Search: material, manufacturer, batch, report number, laboratory (Ctrl+F)</translation>
    </message>
    <message>
        <source>请先在上方选择项目。</source>
        <translation>Choose a project above first.</translation>
    </message>
    <message>
        <source>该项目还没有材料进场批次：按 Ctrl+N 或点“新增进场批次”登记。</source>
        <translation>No material batches for this project yet: press Ctrl+N or click “New batch”.</translation>
    </message>
    <message>
        <source>还没有检测报告：选中批次后按 Ctrl+Shift+N 或点“新增检测报告”登记。</source>
        <translation>No test reports yet: select a batch, then press Ctrl+Shift+N or click “New test report”.</translation>
    </message>
    <message>
        <source>新增进场批次</source>
        <translation>New delivery batch</translation>
    </message>
    <message>
        <source>新增检测报告</source>
        <translation>New test report</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Enter / 双击</source>
        <translation>Enter / double-click</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>项目：</source>
        <translation>Project:</translation>
    </message>
    <message>
        <source>材料进场批次</source>
        <translation>Material delivery batches</translation>
    </message>
    <message>
        <source>检测报告</source>
        <translation>Test reports</translation>
    </message>
    <message>
        <source>照片：请选择批次或报告</source>
        <translation>Photos: choose a batch or report</translation>
    </message>
    <message>
        <source>批次 {b} 个，报告 {r} 份，风险提示 {f} 条</source>
        <translation>{b} batches, {r} reports, {f} red flags</translation>
    </message>
    <message>
        <source>照片：{label}</source>
        <translation>Photos: {label}</translation>
    </message>
    <message>
        <source>编辑进场批次</source>
        <translation>Edit delivery batch</translation>
    </message>
    <message>
        <source>（不关联批次）</source>
        <translation>(no batch)</translation>
    </message>
    <message>
        <source>材料批次：</source>
        <translation>Material batch:</translation>
    </message>
    <message>
        <source>编辑检测报告</source>
        <translation>Edit test report</translation>
    </message>
    <message>
        <source>该进场批次</source>
        <translation>this delivery batch</translation>
    </message>
    <message>
        <source>该检测报告</source>
        <translation>this test report</translation>
    </message>
    <message>
        <source>确定删除{what}吗？</source>
        <translation>Delete {what}?</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>操作已取消。</source>
        <translation>The operation was cancelled.</translation>
    </message>
    <message>
        <source>操作失败：{0}: {1}
详细信息已写入日志。</source>
        <translation>The operation failed: {0}: {1}
Details have been written to the log.</translation>
    </message>
    <message>
        <source>无法完成操作</source>
        <translation>Cannot complete the operation</translation>
    </message>
</context>
<context>
    <name>NewAcceptanceDialog</name>
    <message>
        <source>新建联合验收</source>
        <translation>New joint acceptance</translation>
    </message>
    <message>
        <source>验收日期</source>
        <translation>Acceptance date</translation>
    </message>
    <message>
        <source>验收地点</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>组织单位</source>
        <translation>Organiser</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>重新检查</source>
        <translation>Check again</translation>
    </message>
    <message>
        <source>越过理由</source>
        <translation>Reason to proceed</translation>
    </message>
    <message>
        <source>决定人</source>
        <translation>Decided by</translation>
    </message>
    <message>
        <source>前置条件未满足（{n} 项），不能开始验收。请先处理（双击打开相关记录，本窗口保留已填内容），处理后点“重新检查”；或由组织方记录越过的理由：</source>
        <translation>{n} precondition(s) not met: the acceptance cannot start. Deal with them first (double-click opens the record; this window keeps what you typed), then click “Check again”; or let the organiser record the reason for going ahead:</translation>
    </message>
    <message>
        <source>越过并开始验收</source>
        <translation>Proceed and start acceptance</translation>
    </message>
    <message>
        <source>前置条件已满足。</source>
        <translation>Preconditions met.</translation>
    </message>
    <message>
        <source>开始验收</source>
        <translation>Start acceptance</translation>
    </message>
    <message>
        <source>验收日期格式应为 YYYY-MM-DD</source>
        <translation>The acceptance date must be YYYY-MM-DD</translation>
    </message>
</context>
<context>
    <name>NewInspectionDialog</name>
    <message>
        <source>新建检查</source>
        <translation>New inspection</translation>
    </message>
    <message>
        <source>{title}，第 {version} 版</source>
        <translation>{title}, version {version}</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>检查类型</source>
        <translation>Inspection type</translation>
    </message>
    <message>
        <source>检查表（空格勾选；按检查类型和项目改造内容预选）</source>
        <translation>Checklists (Space ticks; ticked in advance for the kind of inspection and the project&apos;s renovation items)</translation>
    </message>
    <message>
        <source>请选择项目</source>
        <translation>Please choose a project</translation>
    </message>
    <message>
        <source>请至少勾选一张检查表</source>
        <translation>Please tick at least one checklist</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <source>整改回复</source>
        <translation>Rectification reply</translation>
    </message>
    <message>
        <source>记录回复</source>
        <translation>Record reply</translation>
    </message>
    <message>
        <source>回复日期</source>
        <translation>Reply date</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Measures taken</translation>
    </message>
    <message>
        <source>整改结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>整改责任人</source>
        <translation>Person responsible</translation>
    </message>
    <message>
        <source>监理单位意见</source>
        <translation>Supervision firm&apos;s opinion</translation>
    </message>
    <message>
        <source>销项证据：整改责任人签认、监理单位意见，以及右侧的整改后照片。</source>
        <translation>Evidence for closing: the responsible person&apos;s sign-off, the supervisor&apos;s opinion, and photos of the finished work (on the right).</translation>
    </message>
    <message>
        <source>复查</source>
        <translation>Re-inspection</translation>
    </message>
    <message>
        <source>未整改到位须说明理由</source>
        <translation>Give the reason if not fully rectified</translation>
    </message>
    <message>
        <source>提交复查结论</source>
        <translation>Submit re-inspection result</translation>
    </message>
    <message>
        <source>复查日期</source>
        <translation>Re-inspection date</translation>
    </message>
    <message>
        <source>结论</source>
        <translation>Conclusion</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>逾期升级…</source>
        <translation>Escalate overdue…</translation>
    </message>
    <message>
        <source>重新下发…</source>
        <translation>Reissue…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>整改后照片（整改回复和复查时拍摄，销项证据）</source>
        <translation>Photos after rectification (with the reply and at re-inspection: the evidence for closing)</translation>
    </message>
    <message>
        <source>所列问题</source>
        <translation>Listed findings</translation>
    </message>
    <message>
        <source>回复与复查</source>
        <translation>Replies and re-inspections</translation>
    </message>
    <message>
        <source>逐项整改情况（整改措施、完成日期、整改前后照片）</source>
        <translation>Item by item (measures, completion date, photos before and after)</translation>
    </message>
    <message>
        <source>受检单位：{a}&#x3000;下发日期：{i}&#x3000;整改期限：{d}&#x3000;状态：{s}</source>
        <translation>Inspected unit: {a}   Issued: {i}   Deadline: {d}   Status: {s}</translation>
    </message>
    <message>
        <source>立即</source>
        <translation>at once</translation>
    </message>
    <message>
        <source>已逾期 {n} 天</source>
        <translation>{n} days overdue</translation>
    </message>
    <message>
        <source>整改要求：</source>
        <translation>Requirements: </translation>
    </message>
    <message>
        <source>停工范围：</source>
        <translation>Scope of work stoppage: </translation>
    </message>
    <message>
        <source>升级理由：</source>
        <translation>Reason for escalation: </translation>
    </message>
    <message>
        <source>重新下发自：</source>
        <translation>Reissued from: </translation>
    </message>
    <message>
        <source>已重新下发为：</source>
        <translation>Reissued as: </translation>
    </message>
    <message>
        <source>{title}{status} · 尚未签署（签署后内容锁定，回复和复查照常进行）</source>
        <translation>{title}: {status} · not signed yet (signing locks its content; replies and re-inspection go on)</translation>
    </message>
    <message>
        <source>整改回复单已复查（{verdict}）· 可以签署</source>
        <translation>Reply re-inspected ({verdict}) · ready to sign</translation>
    </message>
    <message>
        <source>整改回复单已收到 · 待复查，复查后签署</source>
        <translation>Reply received · awaiting re-inspection, sign after it</translation>
    </message>
    <message>
        <source>升级</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <source>重新下发</source>
        <translation>Reissue</translation>
    </message>
    <message>
        <source>新的整改期限（天）：</source>
        <translation>New deadline (days):</translation>
    </message>
</context>
<context>
    <name>PagedTable</name>
    <message>
        <source>共 {n} 条</source>
        <translation>{n} in all</translation>
    </message>
</context>
<context>
    <name>PartiesTab</name>
    <message>
        <source>参建单位</source>
        <translation>Participating units</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>创建签名证书</source>
        <translation>Create signing certificate</translation>
    </message>
    <message>
        <source>输入证书口令</source>
        <translation>Enter certificate passphrase</translation>
    </message>
    <message>
        <source>首次签署需要创建监督员签名证书。请设置证书口令（至少 {n} 个字符，可以是一句只有您知道的话），并妥善保管：忘记口令将无法再用此证书签署。笔记本电脑丢失时，口令是保护签名证书的唯一屏障。</source>
        <translation>Signing for the first time needs an inspector signing certificate. Choose a passphrase for it (at least {n} characters; a sentence only you know works well) and keep it safe: if you forget it, this certificate can no longer sign. If the laptop is lost, the passphrase is what protects the signing certificate.</translation>
    </message>
    <message>
        <source>请输入签名证书的口令。</source>
        <translation>Enter the signing certificate&apos;s passphrase.</translation>
    </message>
    <message>
        <source>签名人姓名：</source>
        <translation>Signer&apos;s name:</translation>
    </message>
    <message>
        <source>口令：</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <source>再次输入：</source>
        <translation>Repeat:</translation>
    </message>
    <message>
        <source>口令强度：（请输入至少 {n} 个字符）</source>
        <translation>Passphrase strength: (enter at least {n} characters)</translation>
    </message>
    <message>
        <source>（还差 {n} 个字符）</source>
        <translation> ({n} more characters needed)</translation>
    </message>
    <message>
        <source>太弱</source>
        <translation>too weak</translation>
    </message>
    <message>
        <source>弱</source>
        <translation>weak</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>fair</translation>
    </message>
    <message>
        <source>较强</source>
        <translation>good</translation>
    </message>
    <message>
        <source>强</source>
        <translation>strong</translation>
    </message>
    <message>
        <source>口令强度：{label}{suffix} — {hint}</source>
        <translation>Passphrase strength: {label}{suffix} — {hint}</translation>
    </message>
    <message>
        <source>请填写签名人姓名。</source>
        <translation>Please enter the signer&apos;s name.</translation>
    </message>
    <message>
        <source>请输入口令。</source>
        <translation>Please enter the passphrase.</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 页</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>另存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>无法保存文件：%1</source>
        <translation>Cannot save the file: %1</translation>
    </message>
    <message>
        <source>无法打印</source>
        <translation>Cannot print</translation>
    </message>
    <message>
        <source>{label}（已签署）</source>
        <translation>{label} (signed)</translation>
    </message>
    <message>
        <source>{label}（预览，未签署）</source>
        <translation>{label} (preview, not signed)</translation>
    </message>
    <message>
        <source>监督检查记录</source>
        <translation>Supervision inspection record</translation>
    </message>
    <message>
        <source>责令整改通知书</source>
        <translation>Rectification order</translation>
    </message>
    <message>
        <source>竣工联合验收记录</source>
        <translation>Joint completion acceptance record</translation>
    </message>
    <message>
        <source>案件线索移送函</source>
        <translation>Referral letter</translation>
    </message>
    <message>
        <source>整改回复单</source>
        <translation>Rectification reply</translation>
    </message>
    <message>
        <source>移交记录</source>
        <translation>Handover record</translation>
    </message>
</context>
<context>
    <name>PersonsTab</name>
    <message>
        <source>请先添加参建单位</source>
        <translation>Add a participating unit first</translation>
    </message>
    <message>
        <source>所属单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>关键人员</source>
        <translation>Key personnel</translation>
    </message>
</context>
<context>
    <name>PhotoGrid</name>
    <message>
        <source>拍摄时间：无（照片未记录）</source>
        <translation>Taken: unknown (not recorded in the photo)</translation>
    </message>
    <message>
        <source>位置：无 GPS 信息</source>
        <translation>Location: no GPS data</translation>
    </message>
    <message>
        <source>尺寸：{0}×{1}（{2:.1f} MB）</source>
        <translation>Size: {0}×{1} ({2:.1f} MB)</translation>
    </message>
    <message>
        <source>拍摄时间：{0}</source>
        <translation>Taken: {0}</translation>
    </message>
    <message>
        <source>位置：{0}，{1}</source>
        <translation>Location: {0}, {1}</translation>
    </message>
    <message>
        <source>相机：{0}</source>
        <translation>Camera: {0}</translation>
    </message>
    <message>
        <source>说明：{0}</source>
        <translation>Caption: {0}</translation>
    </message>
</context>
<context>
    <name>PhotoPanel</name>
    <message>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>没有照片。</source>
        <translation>No photos.</translation>
    </message>
    <message>
        <source>还没有照片：点“添加照片…”，或把照片、文件夹拖到这里。</source>
        <translation>No photos yet: click “Add photos…”, or drop photos or folders here.</translation>
    </message>
    <message>
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <source>导入文件夹…</source>
        <translation>Import folder…</translation>
    </message>
    <message>
        <source>导入文件夹（如相机存储卡）中的全部照片，包括子文件夹</source>
        <translation>Import every photo in a folder (such as a camera card), subfolders included</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>从本记录移除所选照片（原始照片仍保留）</source>
        <translation>Remove the selected photos from this record (the originals are kept)</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>{0} 张照片</source>
        <translation>{0} photos</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>{0}/{1}  {2}</source>
        <translation>{0}/{1}  {2}</translation>
    </message>
    <message>
        <source>导入失败：{0}</source>
        <translation>Import failed: {0}</translation>
    </message>
    <message>
        <source>添加照片</source>
        <translation>Add photos</translation>
    </message>
    <message>
        <source>导入文件夹（相机存储卡）</source>
        <translation>Import folder (camera card)</translation>
    </message>
    <message>
        <source>准备导入…</source>
        <translation>Preparing import…</translation>
    </message>
    <message>
        <source>已导入 {0} 张</source>
        <translation>{0} imported</translation>
    </message>
    <message>
        <source>重复 {0} 张（已关联，未重复保存）</source>
        <translation>{0} duplicates (linked, not stored twice)</translation>
    </message>
    <message>
        <source>未导入 {0} 个文件</source>
        <translation>{0} files not imported</translation>
    </message>
    <message>
        <source>已取消 {0} 个</source>
        <translation>{0} cancelled</translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <source>{0}。</source>
        <translation>{0}.</translation>
    </message>
    <message>
        <source>没有导入任何照片：所选的 {0} 个文件都未能导入。</source>
        <translation>No photo imported: none of the {0} files could be imported.</translation>
    </message>
    <message>
        <source>图片 (*.jpg *.jpeg *.jpe *.jfif *.mpo *.png *.webp *.tif *.tiff *.bmp *.heic *.heif);;所有文件 (*)</source>
        <translation>Images (*.jpg *.jpeg *.jpe *.jfif *.mpo *.png *.webp *.tif *.tiff *.bmp *.heic *.heif);;All files (*)</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>照片 — {0}</source>
        <translation>Photo — {0}</translation>
    </message>
    <message>
        <source>照片说明（部位、问题）</source>
        <translation>Caption (location, problem)</translation>
    </message>
    <message>
        <source>正在加载照片…</source>
        <translation>Loading photo…</translation>
    </message>
    <message>
        <source>照片信息</source>
        <translation>Photo details</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Caption</translation>
    </message>
    <message>
        <source>浏览</source>
        <translation>Browse</translation>
    </message>
    <message>
        <source>箭头</source>
        <translation>Arrow</translation>
    </message>
    <message>
        <source>圆圈</source>
        <translation>Circle</translation>
    </message>
    <message>
        <source>矩形</source>
        <translation>Rectangle</translation>
    </message>
    <message>
        <source>文字</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>清除标注</source>
        <translation>Clear annotations</translation>
    </message>
    <message>
        <source>添加标注</source>
        <translation>Add annotation</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>适应窗口</source>
        <translation>Fit to window</translation>
    </message>
    <message>
        <source>保存标注</source>
        <translation>Save annotations</translation>
    </message>
    <message>
        <source>文字标注</source>
        <translation>Text annotation</translation>
    </message>
    <message>
        <source>标注文字：</source>
        <translation>Annotation text:</translation>
    </message>
    <message>
        <source>只读：记录已签署锁定</source>
        <translation>Read-only: the record is signed and locked</translation>
    </message>
    <message>
        <source>无法显示照片：原始文件缺失或损坏</source>
        <translation>Cannot show the photo: the original file is missing or damaged</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>标注已保存</source>
        <translation>Annotations saved</translation>
    </message>
    <message>
        <source>保存失败</source>
        <translation>Save failed</translation>
    </message>
    <message>
        <source>红</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>黄</source>
        <translation>Yellow</translation>
    </message>
    <message>
        <source>蓝</source>
        <translation>Blue</translation>
    </message>
    <message>
        <source>绿</source>
        <translation>Green</translation>
    </message>
    <message>
        <source>白</source>
        <translation>White</translation>
    </message>
</context>
<context>
    <name>ProjectImport</name>
    <message>
        <source>正在读取并检查…</source>
        <translation>Reading and checking…</translation>
    </message>
    <message>
        <source>导入项目储备库</source>
        <translation>Import project reserve</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ProjectPage</name>
    <message>
        <source>修改{field}</source>
        <translation>Edit {field}</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>改造内容</source>
        <translation>Renovation</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>基本信息</source>
        <translation>Basics</translation>
    </message>
    <message>
        <source>许可、日期与资金</source>
        <translation>Permit and funding</translation>
    </message>
    <message>
        <source>参建单位</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>关键人员</source>
        <translation>Key people</translation>
    </message>
    <message>
        <source>风险提示</source>
        <translation>Red flags</translation>
    </message>
    <message>
        <source>请在左侧列表中选择一个项目（或按 Ctrl+N 新建项目）</source>
        <translation>Choose a project in the list on the left (or press Ctrl+N for a new one)</translation>
    </message>
    <message>
        <source>已保存：{field}</source>
        <translation>Saved: {field}</translation>
    </message>
    <message>
        <source>未保存：{msg}</source>
        <translation>Not saved: {msg}</translation>
    </message>
</context>
<context>
    <name>ProjectPicker</name>
    <message>
        <source>输入编号或名称查找项目</source>
        <translation>Type a code or name to find a project</translation>
    </message>
    <message>
        <source>全部项目</source>
        <translation>All projects</translation>
    </message>
</context>
<context>
    <name>ProjectsView</name>
    <message>
        <source>搜索：名称、编号、地址、单位、人员（Ctrl+F）</source>
        <translation>Search: name, number, address, party, person (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部县区</source>
        <translation>All districts</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>全部年度</source>
        <translation>All years</translation>
    </message>
    <message>
        <source>新建项目</source>
        <translation>New project</translation>
    </message>
    <message>
        <source>导入储备库…</source>
        <translation>Import project reserve…</translation>
    </message>
    <message>
        <source>没有符合条件的项目。</source>
        <translation>No projects match.</translation>
    </message>
    <message>
        <source>还没有项目：按 Ctrl+N 新建，或点“导入储备库…”导入项目储备库。</source>
        <translation>No projects yet: press Ctrl+N for a new one, or “Import reserve list…”.</translation>
    </message>
    <message>
        <source>共 {n} 个项目</source>
        <translation>{n} projects</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>关闭项目</source>
        <translation>Close project</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>未保存：</source>
        <translation>Not saved:</translation>
    </message>
</context>
<context>
    <name>RectificationsView</name>
    <message>
        <source>搜索项目、编号、要求…（Ctrl+F）</source>
        <translation>Search project, number, requirement… (Ctrl+F)</translation>
    </message>
    <message>
        <source>没有符合条件的整改通知。整改通知在监督检查的“问题与整改”页下发。</source>
        <translation>No notices match. Notices are issued from an inspection&apos;s “Findings and rectification” tab.</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>未销项 {o} 份，本周到期 {d} 份，已逾期 {x} 份</source>
        <translation>{o} open, {d} due this week, {x} overdue</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>未销项</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>本周到期</source>
        <translation>Due this week</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
</context>
<context>
    <name>RedFlagsView</name>
    <message>
        <source>全部规则</source>
        <translation>All rules</translation>
    </message>
    <message>
        <source>搜索：项目、说明、核查项（Ctrl+F）</source>
        <translation>Search: project, description, item (Ctrl+F)</translation>
    </message>
    <message>
        <source>正在检查全部项目的风险（已完成 {percent}%）…</source>
        <translation>Checking every project for risks ({percent}% done)…</translation>
    </message>
    <message>
        <source>显示 {shown} 条，待核实 {open} 条</source>
        <translation>{shown} shown, {open} awaiting review</translation>
    </message>
    <message>
        <source>正在重新检查（已完成 {percent}%）</source>
        <translation>checking again ({percent}% done)</translation>
    </message>
    <message>
        <source>检查于 {time}</source>
        <translation>checked {time}</translation>
    </message>
    <message>
        <source>风险提示在记录变化后于后台重新检查；列表先显示上次的结果。</source>
        <translation>Risks are checked again in the background after records change; until then the list shows the last result.</translation>
    </message>
    <message>
        <source>未排除</source>
        <translation>Not dismissed</translation>
    </message>
    <message>
        <source>待核实</source>
        <translation>Awaiting review</translation>
    </message>
    <message>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>已排除</source>
        <translation>Dismissed</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
</context>
<context>
    <name>ReferralDialog</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>接收移送的部门</source>
        <translation>Receiving authority</translation>
    </message>
    <message>
        <source>其他违法事实</source>
        <translation>Further facts</translation>
    </message>
    <message>
        <source>随函移送的证据材料</source>
        <translation>Evidence sent with the letter</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>移送的问题</source>
        <translation>Findings referred</translation>
    </message>
    <message>
        <source>本次检查没有移送的问题。</source>
        <translation>No finding of this inspection is referred.</translation>
    </message>
    <message>
        <source>{label} {no}&#x3000;移送：{who}&#x3000;日期：{day}</source>
        <translation>{label} {no}  to: {who}  date: {day}</translation>
    </message>
</context>
<context>
    <name>ReplyItemsPanel</name>
    <message>
        <source>检查项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>原问题</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <source>完成日期</source>
        <translation>Completed on</translation>
    </message>
    <message>
        <source>整改结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>保存逐项整改情况</source>
        <translation>Save the items</translation>
    </message>
    <message>
        <source>整改前照片</source>
        <translation>Photos before</translation>
    </message>
    <message>
        <source>整改后照片</source>
        <translation>Photos after</translation>
    </message>
    <message>
        <source>未保存：</source>
        <translation>Not saved: </translation>
    </message>
</context>
<context>
    <name>Sentences</name>
    <message>
        <source>未作答（必填）</source>
        <translation>not answered (required)</translation>
    </message>
    <message>
        <source>须附照片</source>
        <translation>needs a photo</translation>
    </message>
    <message>
        <source>选择“不适用”须在备注中说明理由</source>
        <translation>“not applicable” needs the reason in the note</translation>
    </message>
    <message>
        <source>不符合时须在备注中说明具体情况</source>
        <translation>a failed answer needs the facts in the note</translation>
    </message>
    <message>
        <source>{title} {notice_no} 未销项（{status}）</source>
        <translation>{title} {notice_no} is not closed ({status})</translation>
    </message>
    <message>
        <source>问题未处理：{description}</source>
        <translation>Finding not dealt with: {description}</translation>
    </message>
    <message>
        <source>{batch}：缺少合格的进场复试报告</source>
        <translation>{batch}: no passing re-test report on arrival</translation>
    </message>
    <message>
        <source>{batch}：检测报告 {report_no} 不合格，但该批材料已使用</source>
        <translation>{batch}: test report {report_no} failed, but the batch has been used</translation>
    </message>
    <message>
        <source>项目状态为“{status}”，只有“在建”或“待验收”的项目可以组织联合验收</source>
        <translation>The project is “{status}”: only a project under construction or awaiting acceptance can have a joint acceptance</translation>
    </message>
    <message>
        <source>项目未登记{roles}</source>
        <translation>The project has no {roles} registered</translation>
    </message>
    <message>
        <source>项目未登记{party}的{role}</source>
        <translation>The project has no {role} of the {party} registered</translation>
    </message>
    <message>
        <source>项目未登记施工许可证号和许可日期</source>
        <translation>The project has no construction permit number and date registered</translation>
    </message>
    <message>
        <source>改造内容含“{item}”，但没有{material}的合格进场复试报告</source>
        <translation>The renovation includes “{item}”, but there is no passing re-test report for {material}</translation>
    </message>
    <message>
        <source>前置条件未满足（{n} 项），且未记录组织方越过的理由</source>
        <translation>{n} precondition(s) not met, and the organiser&apos;s reason for going ahead is not recorded</translation>
    </message>
    <message>
        <source>缺少必需的验收方签字：{roles}</source>
        <translation>Required parties have not signed: {roles}</translation>
    </message>
    <message>
        <source>{role}：请填写参加人员姓名</source>
        <translation>{role}: enter the attendee&apos;s name</translation>
    </message>
    <message>
        <source>{who}：未填写验收意见</source>
        <translation>{who}: no opinion entered</translation>
    </message>
    <message>
        <source>{who}：{problem}</source>
        <translation>{who}: {problem}</translation>
    </message>
    <message>
        <source>{who}：尚未签字</source>
        <translation>{who}: not signed yet</translation>
    </message>
    <message>
        <source>意见应为“合格”或“不合格”</source>
        <translation>The opinion must be “pass” or “fail”</translation>
    </message>
    <message>
        <source>意见为“不合格”时须写明理由</source>
        <translation>A “fail” opinion needs its reasons</translation>
    </message>
    <message>
        <source>请选择综合验收结论（合格 / 不合格 / 整改后复验）</source>
        <translation>Choose the overall conclusion (pass / fail / re-check after rectification)</translation>
    </message>
    <message>
        <source>各方意见不一致：{who} 意见为不合格，不能作出合格结论；应协商后重新组织验收</source>
        <translation>The parties disagree: {who} said fail, so the conclusion cannot be pass; agree and hold the acceptance again</translation>
    </message>
    <message>
        <source>请填写验收日期</source>
        <translation>Enter the acceptance date</translation>
    </message>
    <message>
        <source>{row}未全部符合（{ok}/{total}），不能作出合格结论</source>
        <translation>{row}: not all conform ({ok}/{total}), so the conclusion cannot be pass</translation>
    </message>
    <message>
        <source>功能性试验不合格：{tests}，不能作出合格结论</source>
        <translation>Functional tests failed: {tests}, so the conclusion cannot be pass</translation>
    </message>
    <message>
        <source>联合验收结论为“{conclusion}”，验收合格后方可移交</source>
        <translation>The joint acceptance concluded “{conclusion}”: hand over only after it passes</translation>
    </message>
    <message>
        <source>移交日期不能早于联合验收日期（{date}）</source>
        <translation>The handover cannot be dated before the joint acceptance ({date})</translation>
    </message>
    <message>
        <source>{material} 批号{batch_no}</source>
        <translation>{material} batch {batch_no}</translation>
    </message>
    <message>
        <source>检测报告 {report_no}</source>
        <translation>Test report {report_no}</translation>
    </message>
    <message>
        <source>投诉 {date} {summary}</source>
        <translation>Complaint {date} {summary}</translation>
    </message>
    <message>
        <source>检测报告编号“{report_no}”出现在 {n} 份报告上</source>
        <translation>Test report number “{report_no}” appears on {n} reports</translation>
    </message>
    <message>
        <source>，对应 {n} 个材料批次（{batches}）</source>
        <translation>, for {n} material batches ({batches})</translation>
    </message>
    <message>
        <source>，涉及 {n} 个项目</source>
        <translation>, in {n} projects</translation>
    </message>
    <message>
        <source>，检测机构分别为{agencies}。</source>
        <translation>, from the labs {agencies}. </translation>
    </message>
    <message>
        <source>。</source>
        <translation>. </translation>
    </message>
    <message>
        <source>除同一复验代表同一施工单位多个单位工程的同一批材料外，应一号一报；请核对报告真伪及其对应的批次。</source>
        <translation>Unless one re-test covers the same batch for several works of the same contractor, each report has its own number; check that the report is genuine and which batch it belongs to.</translation>
    </message>
    <message>
        <source>{report}：</source>
        <translation>{report}: </translation>
    </message>
    <message>
        <source>报告日期（{report_date}）早于取样日期（{sampled_on}）</source>
        <translation>the report date ({report_date}) is before the sampling date ({sampled_on})</translation>
    </message>
    <message>
        <source>检测日期（{tested_on}）早于取样日期（{sampled_on}）</source>
        <translation>the test date ({tested_on}) is before the sampling date ({sampled_on})</translation>
    </message>
    <message>
        <source>报告日期（{report_date}）早于检测日期（{tested_on}）</source>
        <translation>the report date ({report_date}) is before the test date ({tested_on})</translation>
    </message>
    <message>
        <source>取样日期（{sampled_on}）早于材料进场日期（{entry_date}）</source>
        <translation>the sampling date ({sampled_on}) is before the material arrived ({entry_date})</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>。日期应依次为 进场 ≤ 取样 ≤ 检测 ≤ 签发。</source>
        <translation>. The dates must run arrival ≤ sampling ≤ test ≤ report.</translation>
    </message>
    <message>
        <source>{report}：检测机构“{agency}”的资质有效期至 {expiry}，报告签发时（{issued}）已过期，该报告不能作为验收资料。</source>
        <translation>{report}: the lab “{agency}” was qualified until {expiry}, expired when the report was issued ({issued}); the report cannot be used for acceptance.</translation>
    </message>
    <message>
        <source>{batch}的{report}结论为不合格，但该批材料已使用或隐蔽{used}，且没有其后的合格复检报告。应局部停工，查封存和退场记录。</source>
        <translation>{report} on {batch} failed, but the batch has been used or concealed{used} and no later re-test passed. Stop the affected work and check the sealing and removal records.</translation>
    </message>
    <message>
        <source>{batch}按规定需复验，但没有任何检测报告，且已使用或隐蔽{used}。</source>
        <translation>{batch} needs a re-test but has no test report, and it has been used or concealed{used}.</translation>
    </message>
    <message>
        <source>{batch}按规定需复验，但没有任何检测报告，进场（{entry_date}）已超过 {days} 天。</source>
        <translation>{batch} needs a re-test but has no test report, more than {days} days after it arrived ({entry_date}).</translation>
    </message>
    <message>
        <source>合格证或质量证明文件“{certificate_no}”载明数量 {limit}，其项下 {n} 批累计进场 {total}，超出 {over}。证明文件可能被重复使用。</source>
        <translation>Certificate “{certificate_no}” covers {limit}, but {n} batches under it add up to {total}, {over} more. The certificate may be used twice.</translation>
    </message>
    <message>
        <source>{batch}的使用或隐蔽日期（{used_on}）早于进场日期（{entry_date}），隐蔽部位所用材料可能并非该批。</source>
        <translation>{batch} was used or concealed ({used_on}) before it arrived ({entry_date}); the concealed work may hold other material.</translation>
    </message>
    <message>
        <source>{role} {name}（注册号 {registration_no}）同时登记在在建项目“{projects}”，到岗期间重叠。除相邻分段、已验收或停工满 120 天经同意外不得兼任，请核实是否挂证或未到岗。</source>
        <translation>{role} {name} (registration {registration_no}) is also registered on the active project “{projects}” for overlapping dates. Holding both is not allowed (save adjacent sections, an accepted project, or 120 days&apos; approved stop): check for a rented certificate or absence.</translation>
    </message>
    <message>
        <source>{role} {name}（未录注册号，按姓名和岗位匹配）同时登记在在建项目“{projects}”，到岗期间重叠。除相邻分段、已验收或停工满 120 天经同意外不得兼任，请核实是否挂证或未到岗。</source>
        <translation>{role} {name} (no registration number; matched by name and post) is also registered on the active project “{projects}” for overlapping dates. Holding both is not allowed (save adjacent sections, an accepted project, or 120 days&apos; approved stop): check for a rented certificate or absence.</translation>
    </message>
    <message>
        <source>{role}“{name}”的资质证书有效期至 {expiry}，已过期 {days} 天，而项目状态仍为“{status}”。请核查资质是否延续，或更换单位。</source>
        <translation>{role} “{name}” was qualified until {expiry}, {days} days ago, while the project is still “{status}”. Check the renewal, or change the company.</translation>
    </message>
    <message>
        <source>{kind}：施工许可日期为 {permit_date}，应在 {due} 前公示，实际公示日期为 {posted_on}，晚了 {late} 天。</source>
        <translation>{kind}: the permit is dated {permit_date}, so it had to be posted by {due}; it was posted on {posted_on}, {late} days late.</translation>
    </message>
    <message>
        <source>{kind}：施工许可日期为 {permit_date}，应在 {due} 前公示，但没有公示记录。</source>
        <translation>{kind}: the permit is dated {permit_date}, so it had to be posted by {due}, but no posting is recorded.</translation>
    </message>
    <message>
        <source>公示的{kind}（{phone}）在 {checked_on} 试拨时无人接听。</source>
        <translation>The posted {kind} ({phone}) did not answer a test call on {checked_on}.</translation>
    </message>
    <message>
        <source>投诉（{received_on} 受理，部位：{location}）的处理期限是 {deadline}，已逾期 {days} 天仍未办结。</source>
        <translation>The complaint received on {received_on} (location: {location}) was due by {deadline} and is {days} days overdue.</translation>
    </message>
    <message>
        <source>同一部位“{location}”已收到 {n} 次投诉（{dates}），应启动专项检查。</source>
        <translation>{n} complaints about “{location}” ({dates}): start a special inspection.</translation>
    </message>
    <message>
        <source>移交前须先完成并签署竣工联合验收记录</source>
        <translation>Complete and sign the joint completion acceptance record before the handover</translation>
    </message>
    <message>
        <source>{title} {notice_no}</source>
        <translation>{title} {notice_no}</translation>
    </message>
    <message>
        <source>{title} {notice_no} 的期限是 {deadline}，已逾期 {days} 天仍未回复。</source>
        <translation>{title} {notice_no} was due on {deadline}; it is {days} days overdue with no reply.</translation>
    </message>
    <message>
        <source>问题“{description}”的整改期限是 {deadline}，已逾期 {days} 天，仍未下发通知或销项。</source>
        <translation>The finding “{description}” was due by {deadline}, {days} days ago, and has neither a notice nor been closed.</translation>
    </message>
    <message>
        <source>未填</source>
        <translation>not filled in</translation>
    </message>
    <message>
        <source>未填部位</source>
        <translation>location not given</translation>
    </message>
    <message>
        <source>未录号码</source>
        <translation>no number recorded</translation>
    </message>
    <message>
        <source>{agency} {year}年的检测报告 {later} 于 {later_date} 签发，编号却小于 {first_date} 已签发的 {first}。检测报告应按年度连续编号，编号倒序可能是补出具或套用编号，请到检测机构核对台账。</source>
        <translation>Test report {later} of {agency} ({year}), issued on {later_date}, is numbered below {first}, issued on {first_date}. A lab numbers its reports consecutively each year; a number out of order may mean a report issued afterwards or a borrowed number: check the lab&apos;s register.</translation>
    </message>
    <message>
        <source>{report}的见证人“{name}”不在本项目授权的见证人员名单中（{who}）。见证人员应由建设单位或监理单位书面授权，并告知检测机构和监督机构。</source>
        <translation>The witness “{name}” on {report} is not among the project&apos;s authorised witnesses ({who}). Witnesses are authorised in writing by the owner or the supervision firm, and the lab and the station are told.</translation>
    </message>
    <message>
        <source>本项目登记的见证人员为{names}</source>
        <translation>the project&apos;s registered witnesses: {names}</translation>
    </message>
    <message>
        <source>本项目未登记任何见证人员</source>
        <translation>the project has no registered witness</translation>
    </message>
    <message>
        <source>{report}的委托单位是“{client}”，不是本项目的建设单位“{owners}”。非建设单位委托的检测报告不得作为工程质量验收资料。</source>
        <translation>{report} was commissioned by “{client}”, not by the project&apos;s owner “{owners}”. A test commissioned by anyone but the owner cannot serve as acceptance evidence.</translation>
    </message>
    <message>
        <source>{report}的真伪核查记录为“{note}”。报告真伪存疑，应作为虚假报告线索移送，并由建设单位另行委托检测。</source>
        <translation>The authenticity check of {report} reads “{note}”. The report may be false: refer it as a lead on a falsified report, and have the owner commission a new test.</translation>
    </message>
    <message>
        <source>{report}没有防伪码，也没有记录扫码或监管平台核查的结果，真伪未经核实。</source>
        <translation>{report} has no anti-forgery code and no recorded QR or platform check: its authenticity is unverified.</translation>
    </message>
    <message>
        <source>{report}有防伪码“{code}”，但没有记录扫码或平台核查的结果，真伪未经核实。</source>
        <translation>{report} has the anti-forgery code “{code}” but no recorded QR or platform check: its authenticity is unverified.</translation>
    </message>
    <message>
        <source>{inspection}（{day}）{why}，{what}。雨雪天和低温下不得进行外墙保温、抹灰、防水等湿作业，请核实当日是否施工及已施工部位的质量。</source>
        <translation>{inspection} ({day}): {why}; {what}. Wet work (external insulation, plastering, waterproofing) is not allowed in rain, snow or cold: check whether work went on that day and the quality of what was done.</translation>
    </message>
    <message>
        <source>天气“{weather}”</source>
        <translation>weather “{weather}”</translation>
    </message>
    <message>
        <source>气温 {temperature}℃（低于 {least}℃）</source>
        <translation>temperature {temperature}℃ (below {least}℃)</translation>
    </message>
    <message>
        <source>形象进度记有{work}作业</source>
        <translation>the progress note records {work} work</translation>
    </message>
    <message>
        <source>检查表对{items}作了答复（当日有该项作业）</source>
        <translation>the checklist answers {items} (that work went on that day)</translation>
    </message>
    <message>
        <source>，检查表对{items}作了答复（当日有该项作业）</source>
        <translation>, and the checklist answers {items} (that work went on that day)</translation>
    </message>
    <message>
        <source>检查记录 {record_no}</source>
        <translation>Inspection record {record_no}</translation>
    </message>
    <message>
        <source>{acceptance} 中{role}的签字人是“{signer}”，而本项目登记的{party}的{post}是{names}。应由登记的{post}签署，他人代签的须有书面授权，请核实是否挂证或未到岗。</source>
        <translation>In {acceptance} the {role} was signed for by “{signer}”, while the project&apos;s registered {post} of the {party} is {names}. The registered {post} signs; anyone else needs a written authorisation: check for a lent certificate or an absent post holder.</translation>
    </message>
    <message>
        <source>竣工联合验收记录 {record_no}</source>
        <translation>Joint acceptance record {record_no}</translation>
    </message>
    <message>
        <source>整改回复单 {reply_no}（原通知 {notice_no}）上监理单位的复查意见为“{opinion}”，而本站复查结论为未整改到位。监理单位签认了未完成的整改，应核查监理履职情况。</source>
        <translation>On reply {reply_no} (notice {notice_no}) the supervision firm&apos;s opinion reads “{opinion}”, while the station&apos;s re-inspection found the rectification not done. The supervision firm signed off unfinished work: check how it performs its duties.</translation>
    </message>
    <message>
        <source>整改回复单 {reply_no}（原通知 {notice_no}）上监理单位的复查意见为“{opinion}”，而本站于 {day} 复查结论为未整改到位。监理单位签认了未完成的整改，应核查监理履职情况。</source>
        <translation>On reply {reply_no} (notice {notice_no}) the supervision firm&apos;s opinion reads “{opinion}”, while the station&apos;s re-inspection on {day} found the rectification not done. The supervision firm signed off unfinished work: check how it performs its duties.</translation>
    </message>
    <message>
        <source>（未编号）</source>
        <translation>(unnumbered)</translation>
    </message>
    <message>
        <source>通知 {notice_no}</source>
        <translation>Notice {notice_no}</translation>
    </message>
    <message>
        <source>总监理工程师 {name} 同时在{count}个在建项目任职：{projects}。同时担任多个项目总监的，{limit}，请核查书面同意和到岗情况。</source>
        <translation>Chief supervising engineer {name} holds the post on {count} active projects: {projects}. A chief supervisor on several projects {limit}: check the written consents and attendance.</translation>
    </message>
    <message>
        <source>总监理工程师 {name}（注册号 {registration_no}）同时在{count}个在建项目任职：{projects}。同时担任多个项目总监的，{limit}，请核查书面同意和到岗情况。</source>
        <translation>Chief supervising engineer {name} (registration {registration_no}) holds the post on {count} active projects: {projects}. A chief supervisor on several projects {limit}: check the written consents and attendance.</translation>
    </message>
    <message>
        <source>已超过3项的上限</source>
        <translation>is already over the limit of 3</translation>
    </message>
    <message>
        <source>须逐项取得建设单位书面同意，且最多不得超过3项</source>
        <translation>needs each owner&apos;s written consent, for 3 projects at most</translation>
    </message>
    <message>
        <source>{party}的{role} {name} 经 {day} 核查，没有劳动合同，也没有施工单位缴纳的社会保险。二者均无，又不能合理解释并提供证明的，按发承包办法第八条第（三）项推定为转包。</source>
        <translation>{role} {name} of {party}, checked on {day}, has neither a labour contract nor social insurance paid by the contractor. Without both, and without a reasonable explanation and proof, this is presumed to be passing on the contract (Contracting Measures, art. 8(3)).</translation>
    </message>
    <message>
        <source>{party}的{role} {name} 经 {day} 核查，没有劳动合同。请施工单位说明原因并提供证明。</source>
        <translation>{role} {name} of {party}, checked on {day}, has no labour contract. Ask the contractor for the reason and proof.</translation>
    </message>
    <message>
        <source>{party}的{role} {name} 经 {day} 核查，没有施工单位缴纳的社会保险。请施工单位说明原因并提供证明。</source>
        <translation>{role} {name} of {party}, checked on {day}, has no social insurance paid by the contractor. Ask the contractor for the reason and proof.</translation>
    </message>
    <message>
        <source>{role} {name} 在本项目{recorded}次检查中到岗{present}次，到岗率 {rate}%，低于 {least}%。关键人员长期不在岗的，可能未对施工活动进行组织管理，请核查。</source>
        <translation>{role} {name} was present at {present} of {recorded} inspections of this project, {rate}%, below {least}%. A key person long absent may not be managing the work: check.</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>contact phone</translation>
    </message>
    <message>
        <source>投诉电话</source>
        <translation>complaint phone</translation>
    </message>
    <message>
        <source>{role} {name} 的电话</source>
        <translation>phone of {role} {name}</translation>
    </message>
    <message>
        <source>{role}“{name}”（{how}）</source>
        <translation>{role} “{name}” ({how})</translation>
    </message>
    <message>
        <source>电话 {phone} 同时是{n}家单位的联系方式：{uses}。互相独立的单位共用一个电话，可能是挂靠或同一实际控制人，请核实。</source>
        <translation>Phone {phone} is the contact of {n} firms: {uses}. Independent firms sharing a phone may be one firm lending its name, or under one controller: check.</translation>
    </message>
    <message>
        <source>请至少选择一个问题列入通知书</source>
        <translation>Choose at least one finding for the notice</translation>
    </message>
    <message>
        <source>请选择受检单位（接收通知书的参建单位）</source>
        <translation>Choose the party inspected (the party that receives the notice)</translation>
    </message>
    <message>
        <source>通知类型应为 限期整改 / 停工整改</source>
        <translation>The notice type must be rectify by deadline / stop work</translation>
    </message>
    <message>
        <source>所选问题中有须停工整改的，通知类型应为“停工整改”</source>
        <translation>A chosen finding requires stopping work: the notice type must be “stop work and rectify”</translation>
    </message>
    <message>
        <source>整改期限不能早于下发日期（{date}）</source>
        <translation>The deadline cannot be before the issue date ({date})</translation>
    </message>
    <message>
        <source>“移送处理”的问题不列入整改通知书，由案件线索移送函移送有关部门</source>
        <translation>Findings for referral do not go on a notice: they are sent to the authority with a case referral letter</translation>
    </message>
    <message>
        <source>所选问题分属不同的责任单位，整改通知书应分别下发给各责任单位</source>
        <translation>The chosen findings are owed by different parties: issue a separate notice to each party</translation>
    </message>
    <message>
        <source>所选问题的责任单位不是所选的受检单位：通知书应下发给负有整改责任的单位</source>
        <translation>The chosen findings are owed by another party: the notice goes to the party responsible for them</translation>
    </message>
    <message>
        <source>没有整改后的照片（整改回复或复查时拍摄）</source>
        <translation>No photo of the rectified work (taken with the reply or at re-inspection)</translation>
    </message>
    <message>
        <source>整改回复单缺少整改责任人签认和监理单位意见</source>
        <translation>The reply lacks the responsible person&apos;s sign-off and the supervisor&apos;s opinion</translation>
    </message>
    <message>
        <source>销项证据不足：{problems}。请补充后再销项，或写明越过的理由。</source>
        <translation>Not enough evidence to close: {problems}. Add it, or give the reason for closing anyway.</translation>
    </message>
    <message>
        <source>未附齐销项证据（{problems}），监督员决定销项，理由：{reason}</source>
        <translation>Closed by the inspector without full evidence ({problems}); reason: {reason}</translation>
    </message>
    <message>
        <source>实测 {value}，不符合要求：{requirement}</source>
        <translation>Measured {value}, does not meet: {requirement}</translation>
    </message>
    <message>
        <source>不符合要求：{requirement}</source>
        <translation>Does not meet: {requirement}</translation>
    </message>
    <message>
        <source>风险提示待核实：{title}——{message}</source>
        <translation>Red flag to review: {title} — {message}</translation>
    </message>
    <message>
        <source>监督站已为“{name}”签发签名证书，有效期至 {until}。</source>
        <translation>The station issued the signing certificate of “{name}”, valid until {until}.</translation>
    </message>
    <message>
        <source>已登录，但签名证书未能由监督站签发：{why}</source>
        <translation>Signed in, but the station could not issue the signing certificate: {why}</translation>
    </message>
    <message>
        <source>本机签名证书仍是自签名的：可随时申请由监督站签发（登录时填写签名证书口令，或运行 inspector keys certify）。</source>
        <translation>This laptop&apos;s signing certificate is still self-signed: ask the station to issue one at any time (enter the signing key passphrase when signing in, or run inspector keys certify).</translation>
    </message>
    <message>
        <source>监督站证书未能加入信任列表：{why}</source>
        <translation>The station&apos;s certificate could not be trusted: {why}</translation>
    </message>
    <message>
        <source>检测报告编号重复</source>
        <translation>Duplicate test report number</translation>
    </message>
    <message>
        <source>检测日期链异常</source>
        <translation>Test dates out of order</translation>
    </message>
    <message>
        <source>检测机构资质过期</source>
        <translation>Lab qualification expired</translation>
    </message>
    <message>
        <source>检测报告编号倒序</source>
        <translation>Test report numbers out of sequence</translation>
    </message>
    <message>
        <source>见证人不在授权名单</source>
        <translation>Witness not on the authorised list</translation>
    </message>
    <message>
        <source>检测委托方非建设单位</source>
        <translation>Test commissioned by someone other than the owner</translation>
    </message>
    <message>
        <source>报告真伪未核实或不符</source>
        <translation>Report authenticity not checked or not confirmed</translation>
    </message>
    <message>
        <source>批次未复验</source>
        <translation>Batch not re-tested</translation>
    </message>
    <message>
        <source>不合格材料已使用</source>
        <translation>Failed material used</translation>
    </message>
    <message>
        <source>累计进场超出证明数量</source>
        <translation>Deliveries exceed the certificate</translation>
    </message>
    <message>
        <source>材料进场晚于使用/隐蔽</source>
        <translation>Material used before it arrived</translation>
    </message>
    <message>
        <source>关键人员多项目兼职</source>
        <translation>Key person on several projects</translation>
    </message>
    <message>
        <source>总监多项目任职</source>
        <translation>Chief supervisor on several projects</translation>
    </message>
    <message>
        <source>关键人员无劳动关系</source>
        <translation>Key person without a labour contract or social insurance</translation>
    </message>
    <message>
        <source>关键人员到岗率低</source>
        <translation>Key person rarely on site</translation>
    </message>
    <message>
        <source>参建单位资质过期</source>
        <translation>Party&apos;s qualification expired</translation>
    </message>
    <message>
        <source>多家单位共用电话</source>
        <translation>One phone number for several parties</translation>
    </message>
    <message>
        <source>投诉电话公示问题</source>
        <translation>Complaint phone posting problem</translation>
    </message>
    <message>
        <source>投诉逾期或重复投诉</source>
        <translation>Complaint overdue or repeated</translation>
    </message>
    <message>
        <source>整改逾期</source>
        <translation>Rectification overdue</translation>
    </message>
    <message>
        <source>雨雪低温天湿作业</source>
        <translation>Wet work in rain, snow or frost</translation>
    </message>
    <message>
        <source>验收签字人非登记人员</source>
        <translation>Acceptance signer is not the registered person</translation>
    </message>
    <message>
        <source>监理签认未完成的整改</source>
        <translation>Supervisor confirmed a rectification that was not done</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>姓名、执法证号和监督机构打印在检查记录、整改通知书和验收记录上，签名证书也以此姓名开具；姓名还记录在每次修改的审计日志中。</source>
        <translation>Name, badge number and station are printed on inspection records, notices and acceptance records, and the signing certificate is made out to this name; the name is also kept in the audit log of every change.</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>界面语言将在重新启动后生效。</source>
        <translation>The interface language changes at the next start.</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>答“是”</source>
        <translation>Answer “yes”</translation>
    </message>
    <message>
        <source>答“否”</source>
        <translation>Answer “no”</translation>
    </message>
    <message>
        <source>答“不适用”（须在备注说明理由）</source>
        <translation>Answer “not applicable” (give the reason in the note)</translation>
    </message>
    <message>
        <source>下一项；数值、文字、日期项按 Enter 或直接输入即开始填写</source>
        <translation>Next item; on a number, text or date item, Enter or typing starts the answer</translation>
    </message>
    <message>
        <source>编辑答复</source>
        <translation>Edit the answer</translation>
    </message>
    <message>
        <source>编辑备注</source>
        <translation>Edit the note</translation>
    </message>
    <message>
        <source>清除答复</source>
        <translation>Clear the answer</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>全局</source>
        <translation>Everywhere</translation>
    </message>
    <message>
        <source>快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>按键</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>作用</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>在列表中按 Enter 打开所选记录；Esc 关闭对话框。</source>
        <translation>In a list, Enter opens the selected record; Esc closes a dialog.</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <source>签名 — {who}</source>
        <translation>Signature — {who}</translation>
    </message>
    <message>
        <source>清除(&amp;C)</source>
        <translation>&amp;Clear</translation>
    </message>
    <message>
        <source>确认签名</source>
        <translation>Confirm signature</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>请在此处签名</source>
        <translation>Sign here</translation>
    </message>
</context>
<context>
    <name>SigningBar</name>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>签署…</source>
        <translation>Sign…</translation>
    </message>
    <message>
        <source>保存PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>创建更正版本</source>
        <translation>Create corrected version</translation>
    </message>
    <message>
        <source>已签署锁定 · 签署人：{who} · 时间：{when}</source>
        <translation>Signed and locked · signed by {who} · {when}</translation>
    </message>
    <message>
        <source> · 更正版本：{nos}</source>
        <translation> · corrected versions: {nos}</translation>
    </message>
    <message>
        <source>{label}草稿 · 可编辑，签署后锁定</source>
        <translation>{label} draft · editable, locked once signed</translation>
    </message>
    <message>
        <source> · 更正 {no}</source>
        <translation> · corrects {no}</translation>
    </message>
    <message>
        <source>正在生成 PDF…</source>
        <translation>Generating PDF…</translation>
    </message>
    <message>
        <source>保存已签署的 PDF</source>
        <translation>Save signed PDF</translation>
    </message>
    <message>
        <source>已保存：{p}</source>
        <translation>Saved: {p}</translation>
    </message>
    <message>
        <source>尚不能签署</source>
        <translation>Cannot sign yet</translation>
    </message>
    <message>
        <source>签署{label}</source>
        <translation>Sign {label}</translation>
    </message>
    <message>
        <source>签署后记录及其 PDF 将锁定，不能再修改。请输入签名口令：</source>
        <translation>Once signed, the record and its PDF are locked and cannot be changed. Enter your signing passphrase:</translation>
    </message>
    <message>
        <source>正在签署…</source>
        <translation>Signing…</translation>
    </message>
    <message>
        <source>签名证书</source>
        <translation>Signing certificate</translation>
    </message>
    <message>
        <source>尚未设置监督员签名证书。创建本机自签名证书，或导入监督站签发的证书（PKCS#12）？</source>
        <translation>No inspector signing certificate yet. Create a self-signed one on this computer, or import one issued by the supervision station (PKCS#12)?</translation>
    </message>
    <message>
        <source>创建证书</source>
        <translation>Create certificate</translation>
    </message>
    <message>
        <source>导入证书…</source>
        <translation>Import certificate…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>导入签名证书</source>
        <translation>Import signing certificate</translation>
    </message>
    <message>
        <source>请输入证书口令：</source>
        <translation>Enter the certificate passphrase:</translation>
    </message>
    <message>
        <source>为本机设置新口令</source>
        <translation>Set a new passphrase for this laptop</translation>
    </message>
    <message>
        <source>原记录保持不变；将创建一份引用原记录的更正版本（草稿），各方需重新签字。继续？</source>
        <translation>The original record stays unchanged; a corrected version (draft) referring to it will be created and every party must sign again. Continue?</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>同步已取消，下次同步将从中断处继续。</source>
        <translation>Sync cancelled; the next sync continues from where it stopped.</translation>
    </message>
    <message>
        <source>登录监督站…</source>
        <translation>Sign in to the office…</translation>
    </message>
    <message>
        <source>未登录监督站，仅保存在本机</source>
        <translation>Not signed in to the office; kept on this laptop only</translation>
    </message>
    <message>
        <source>上次同步 {time}</source>
        <translation>Last sync {time}</translation>
    </message>
    <message>
        <source>尚未同步</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <source>待上传 {n} 条更改</source>
        <translation>{n} changes to upload</translation>
    </message>
    <message>
        <source>本机更改已全部上传</source>
        <translation>All local changes uploaded</translation>
    </message>
    <message>
        <source>（{n} 条被拒收）</source>
        <translation>({n} refused)</translation>
    </message>
    <message>
        <source>冲突 {n} 处</source>
        <translation>{n} conflicts</translation>
    </message>
    <message>
        <source>同一字段在两处被修改：点击比较两个版本并选择</source>
        <translation>The same field was changed in two places: click to compare the two versions and choose</translation>
    </message>
    <message>
        <source>正在后台同步…</source>
        <translation>Syncing in the background…</translation>
    </message>
    <message>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>上传 {up} 条、接收 {down} 条</source>
        <translation>{up} sent, {down} received</translation>
    </message>
    <message>
        <source>，照片和文件 {up} / {down}</source>
        <translation>; photos and files {up} / {down}</translation>
    </message>
    <message>
        <source>{n} 条更改被监督站拒收：{first}</source>
        <translation>{n} changes refused by the office: {first}</translation>
    </message>
    <message>
        <source>同步未完成</source>
        <translation>Sync not finished</translation>
    </message>
    <message>
        <source>已登录监督站，正在同步…</source>
        <translation>Signed in to the office; syncing…</translation>
    </message>
    <message>
        <source>签名证书</source>
        <translation>Signing certificate</translation>
    </message>
    <message>
        <source>已退出登录，本设备令牌已注销。</source>
        <translation>Signed out; this device&apos;s token has been revoked.</translation>
    </message>
    <message>
        <source>未登录监督站：已刷新本机数据。登录后即可同步（菜单“同步 → 登录监督站”）。</source>
        <translation>Not signed in to the office: local data refreshed. Sign in to sync (menu &quot;Sync → Sign in to the office&quot;).</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>与监督站同步（F5 或 Ctrl+R）</source>
        <translation>Sync with the office (F5 or Ctrl+R)</translation>
    </message>
    <message>
        <source>同步(&amp;S)</source>
        <translation>&amp;Sync</translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>冲突…</source>
        <translation>Conflicts…</translation>
    </message>
</context>
<context>
    <name>_TableTab</name>
    <message>
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <source>确认删除</source>
        <translation>Confirm deletion</translation>
    </message>
    <message>
        <source>确定删除“{name}”吗？</source>
        <translation>Delete &quot;{name}&quot;?</translation>
    </message>
</context>
</TS>
