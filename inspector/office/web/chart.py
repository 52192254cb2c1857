"""The progress chart of 首页, drawn on the server as SVG by pygal (no script, nothing loaded from
anywhere: pygal's default tooltip script lives on the internet, so it is switched off)."""

from __future__ import annotations

from typing import Any


def progress_svg(rows: list[dict[str, Any]], *, year: int) -> str:
    """Communities started against the year's target, per district, as an inline SVG."""
    import pygal
    from pygal.style import Style

    style = Style(background="white", plot_background="white", foreground="#333", foreground_strong="#111",
                  foreground_subtle="#999", colors=("#c9d6e3", "#2f6fad"),
                  font_family="'WenQuanYi Micro Hei', 'Microsoft YaHei', sans-serif",
                  label_font_size=13, major_label_font_size=13, legend_font_size=13, title_font_size=15,
                  value_font_size=12)
    chart = pygal.HorizontalBar(style=style, js=[], disable_xml_declaration=True, width=720,
                                height=max(220, 56 * len(rows) + 90), legend_at_bottom=True,
                                print_values=True, show_y_guides=False, truncate_label=-1,
                                title=f"{year} 年度改造进度（小区个数：目标 / 已开工）")
    rows = rows[::-1]  # pygal draws the first bar at the bottom: top-down like the table beside it
    labels = [r["district"] for r in rows]
    chart.x_labels = labels
    # Whole communities on the value axis (pygal would pick 0.2 steps for small numbers).
    top = max([1, *(r["target_communities"] or 0 for r in rows), *(r["started"] for r in rows)])
    step = max(1, -(-top // 5))
    chart.y_labels = list(range(0, top + step, step))
    chart.add("年度目标", [r["target_communities"] or None for r in rows])
    chart.add("已开工", [r["started"] for r in rows])
    return chart.render(is_unicode=True)
