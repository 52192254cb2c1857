"""The sections of the main window, in navigation order: (key, Chinese label, "module:Class").

A view class takes (ctx: AppContext, parent) and may implement `open_record(kind, id)`.
Views are imported when first shown, to keep start-up fast."""

from __future__ import annotations

VIEWS: list[tuple[str, str, str]] = [
    ("projects", "项目库", "inspector.ui.views.projects:ProjectsView"),
]
