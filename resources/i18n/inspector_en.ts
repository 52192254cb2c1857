<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
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
        <source>参加验收人员、意见和签字（监督机构列席，不作为验收方签字）</source>
        <translation>Attendees, opinions and signatures (the supervision station attends but does not sign as an accepting party)</translation>
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
        <source>请选择或新建联合验收记录（Ctrl+N）</source>
        <translation>Choose or create a joint acceptance record (Ctrl+N)</translation>
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
        <source>作为{role}签字确认移交内容</source>
        <translation>Sign as {role} to confirm the handover</translation>
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
        <source>投诉 {n} 件（未办结 {o} 件），公示 {p} 项</source>
        <translation>{n} complaints ({o} open), {p} notice checks</translation>
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
        <source>刷新</source>
        <translation>Refresh</translation>
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
        <source>打开通知单</source>
        <translation>Open notice</translation>
    </message>
    <message>
        <source>删除问题“{d}”？</source>
        <translation>Delete finding &quot;{d}&quot;?</translation>
    </message>
</context>
<context>
    <name>FlagList</name>
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
        <source>显示 {shown} 条，待核实 {open} 条</source>
        <translation>{shown} shown, {open} awaiting review</translation>
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
        <source>未保存：</source>
        <translation>Not saved:</translation>
    </message>
    <message>
        <source>日期格式应为 YYYY-MM-DD</source>
        <translation>Dates must be YYYY-MM-DD</translation>
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
        <source>（照片面板尚未接入）</source>
        <translation>(photo panel not available yet)</translation>
    </message>
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
        <source>协同检查人员</source>
        <translation>Accompanying inspectors</translation>
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
        <source>待补项目（{n}）</source>
        <translation>Items to complete ({n})</translation>
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
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
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
</context>
<context>
    <name>MaterialsView</name>
    <message>
        <source>搜索：材料、厂家、批号、报告编号、机构（Ctrl+F）</source>
        <translation>Search: material, manufacturer, batch, report number, laboratory (Ctrl+F)</translation>
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
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
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
        <source>前置条件未满足（{n} 项），不能开始验收。请先处理（双击打开记录），或由组织方记录越过的理由：</source>
        <translation>Preconditions not met ({n}): acceptance cannot start. Resolve them first (double-click opens the record), or record the organiser&apos;s reason to proceed:</translation>
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
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>检查类型</source>
        <translation>Inspection type</translation>
    </message>
    <message>
        <source>检查表（空格勾选；按项目改造内容预选）</source>
        <translation>Checklists (Space to tick; preselected from the project&apos;s renovation items)</translation>
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
        <source>所列问题</source>
        <translation>Listed findings</translation>
    </message>
    <message>
        <source>回复与复查</source>
        <translation>Replies and re-inspections</translation>
    </message>
    <message>
        <source>受检单位：{a}&#x3000;下发日期：{i}&#x3000;整改期限：{d}&#x3000;状态：{s}</source>
        <translation>Inspected unit: {a}   Issued: {i}   Deadline: {d}   Status: {s}</translation>
    </message>
    <message>
        <source>整改要求：</source>
        <translation>Requirements:</translation>
    </message>
    <message>
        <source>停工范围：</source>
        <translation>Scope of work stoppage:</translation>
    </message>
    <message>
        <source>升级理由：</source>
        <translation>Reason for escalation:</translation>
    </message>
    <message>
        <source>重新下发自：</source>
        <translation>Reissued from:</translation>
    </message>
    <message>
        <source>已重新下发为：</source>
        <translation>Reissued as:</translation>
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
    <name>PartiesTab</name>
    <message>
        <source>参建单位</source>
        <translation>Participating units</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>口令</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>再次输入</source>
        <translation>Repeat</translation>
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
        <source>口令至少需要 {n} 个字符。</source>
        <translation>The passphrase needs at least {n} characters.</translation>
    </message>
    <message>
        <source>两次输入的口令不一致。</source>
        <translation>The two passphrases differ.</translation>
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
        <source>首次签署需要创建监督员签名证书。请设置证书口令（至少 6 个字符），并妥善保管：忘记口令将无法再用此证书签署。</source>
        <translation>Signing for the first time needs an inspector&apos;s signing certificate. Set its passphrase (at least 6 characters) and keep it safe: without it this certificate can no longer sign.</translation>
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
        <source>请填写签名人姓名。</source>
        <translation>Please enter the signer&apos;s name.</translation>
    </message>
    <message>
        <source>请输入口令。</source>
        <translation>Please enter the passphrase.</translation>
    </message>
    <message>
        <source>口令至少需要 6 个字符。</source>
        <translation>The passphrase needs at least 6 characters.</translation>
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
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>改造内容</source>
        <translation>Renovation items</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>基本信息</source>
        <translation>Basic information</translation>
    </message>
    <message>
        <source>许可、日期与资金</source>
        <translation>Permits, dates and funding</translation>
    </message>
    <message>
        <source>参建单位</source>
        <translation>Participating units</translation>
    </message>
    <message>
        <source>关键人员</source>
        <translation>Key personnel</translation>
    </message>
    <message>
        <source>风险提示</source>
        <translation>Red flags</translation>
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
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>监督员姓名</source>
        <translation>Inspector&apos;s name</translation>
    </message>
    <message>
        <source>执法证号</source>
        <translation>Enforcement certificate no.</translation>
    </message>
    <message>
        <source>监督机构</source>
        <translation>Supervision station</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>姓名会记录在每次修改的审计日志中，并打印在检查记录上。</source>
        <translation>Your name is recorded in the audit log of every change and printed on inspection records.</translation>
    </message>
    <message>
        <source>请填写监督员姓名。</source>
        <translation>Please enter the inspector&apos;s name.</translation>
    </message>
    <message>
        <source>界面语言将在重新启动后生效。</source>
        <translation>The interface language changes at the next start.</translation>
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
        <source>创建签名证书</source>
        <translation>Create signing certificate</translation>
    </message>
    <message>
        <source>证书签名人：{n}。请设置签名口令：</source>
        <translation>Certificate holder: {n}. Set a signing passphrase:</translation>
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
        <source>原记录保持不变；将创建一份引用原记录的更正版本（草稿），各方需重新签字。继续？</source>
        <translation>The original record stays unchanged; a corrected version (draft) referring to it will be created and every party must sign again. Continue?</translation>
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
        <source>确认删除</source>
        <translation>Confirm deletion</translation>
    </message>
    <message>
        <source>确定删除“{name}”吗？</source>
        <translation>Delete &quot;{name}&quot;?</translation>
    </message>
</context>
</TS>
