<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
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
        <source>未填</source>
        <translation>Not filled</translation>
    </message>
    <message>
        <source> 级</source>
        <translation> (level)</translation>
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
    <name>MainWindow</name>
    <message>
        <source>{title} — Inspector</source>
        <translation>{title} — Inspector</translation>
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
        <translation>Materials &amp; tests</translation>
    </message>
    <message>
        <source>投诉与公示</source>
        <translation>Complaints &amp; notices</translation>
    </message>
    <message>
        <source>风险提示</source>
        <translation>Red flags</translation>
    </message>
    <message>
        <source>验收与移交</source>
        <translation>Acceptance &amp; handover</translation>
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
        <translation>Supervising engineer&apos;s opinion</translation>
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
        <translation>Inspected party: {a}   Issued: {i}   Deadline: {d}   Status: {s}</translation>
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
        <translation>Participating parties</translation>
    </message>
</context>
<context>
    <name>PersonsTab</name>
    <message>
        <source>请先添加参建单位</source>
        <translation>Add a participating party first</translation>
    </message>
    <message>
        <source>所属单位</source>
        <translation>Party</translation>
    </message>
    <message>
        <source>关键人员</source>
        <translation>Key personnel</translation>
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
        <translation>Participating parties</translation>
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
        <translation>Supervision agency</translation>
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
<context>
    <name>parent</name>
    <message>
        <source>（照片面板尚未接入）</source>
        <translation>(photo panel not connected yet)</translation>
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
</TS>
