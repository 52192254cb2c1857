"""The sections of the main window, in navigation order: (key, Chinese label, "module:Class").

A view class takes (ctx: AppContext, parent) and may implement `open_record(kind, id) -> bool`
(navigate to a record it shows) and `focus_default()`. Views are imported when first shown, to
keep start-up fast."""

from __future__ import annotations

VIEWS: list[tuple[str, str, str]] = [
    ("projects", "项目库", "inspector.ui.views.projects:ProjectsView"),
    ("inspections", "监督检查", "inspector.ui.views.inspections:InspectionsView"),
    ("rectifications", "整改跟踪", "inspector.ui.views.rectifications:RectificationsView"),
    ("materials", "材料与检测", "inspector.ui.views.materials:MaterialsView"),
    ("complaints", "投诉与公示", "inspector.ui.views.complaints:ComplaintsView"),
    ("redflags", "风险提示", "inspector.ui.views.redflags:RedFlagsView"),
    ("acceptance", "验收与移交", "inspector.ui.views.acceptance:AcceptanceView"),
    ("conflicts", "冲突", "inspector.ui.views.conflicts:ConflictsView"),
]

