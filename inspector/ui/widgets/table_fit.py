"""Column widths that follow the content, for every list in the app.

`fit_columns(view)` sizes each column to what it shows (header included), lets one long-text
column take the spare width, and, when the window is too narrow for everything, narrows the
ordinary columns first (elided in the middle, so both ends of a code or name stay readable) and
never the key columns (record number, project code). A cell whose text is cut shows the whole
text as its tooltip. Widths are measured again when the rows are reloaded and when the view is
resized; a column the user has resized by hand keeps the user's width.

Measuring looks at a bounded number of rows (`PRECISION`), so a list of 100 000 rows stays fast.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QScrollArea,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QTreeView,
    QWidget,
)

_Index = QModelIndex | QPersistentModelIndex

PRECISION = 300  # rows measured per column
MIN_STRETCH = 140  # the long-text column never gets narrower than this while others can give way
STRETCH_SHARE = 0.35  # ... and gets at least this share of the width before they stop giving way
MIN_COLUMN = 80  # an ordinary column gives way down to this (about five characters), or its header if wider
MAX_FIT = 420  # no ordinary column grows past this from its content alone


class ElideTipDelegate(QStyledItemDelegate):
    """Paints like the default delegate; when a cell's text does not fit, its tooltip is the whole
    text (unless the model gives a tooltip of its own). A value that must shorten keeps both ends
    (elided in the middle: a code and its name); the long-text column is prose and loses its end."""

    prose_column: int | None = None

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        if index.column() == self.prose_column:
            option.textElideMode = Qt.TextElideMode.ElideRight

    def is_elided(self, view: QAbstractItemView, index: _Index) -> bool:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            return False
        option = QStyleOptionViewItem()
        option.initFrom(view.viewport())
        self.initStyleOption(option, index)
        option.rect = view.visualRect(index)
        style = view.style()
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        width = max(0, text_rect.width() - 2 * margin)
        return any(option.fontMetrics.horizontalAdvance(line) > width for line in str(text).splitlines())

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem,  # noqa: N802
                  index: _Index) -> bool:
        if (event is not None and event.type() == QEvent.Type.ToolTip and index.isValid()
                and not index.data(Qt.ItemDataRole.ToolTipRole) and self.is_elided(view, index)):
            QToolTip.showText(event.globalPos(), str(index.data(Qt.ItemDataRole.DisplayRole)), view)
            return True
        return super().helpEvent(event, view, option, index)


def _header(view: QAbstractItemView) -> QHeaderView:
    return view.horizontalHeader() if isinstance(view, QTableView) else view.header()  # type: ignore[attr-defined]


def _declared(view: QAbstractItemView) -> tuple[set[int], int | None, dict[int, int]]:
    """Key columns, the stretch column and maximum widths declared on the source model's `Column`s."""
    model = view.model()
    source = getattr(model, "sourceModel", lambda: None)() or model
    columns = getattr(source, "columns", None) or []
    keys = {i for i, c in enumerate(columns) if getattr(c, "key", False)}
    stretch = next((i for i, c in enumerate(columns) if getattr(c, "stretch", False)), None)
    widest = {i: c.max_width for i, c in enumerate(columns) if getattr(c, "max_width", 0)}
    return keys, stretch, widest


class _Fitter(QObject):
    def __init__(self, view: QAbstractItemView, keys: set[int], stretch: int | None,
                 limits: dict[int, tuple[int, int]], *, once: bool = False, precision: int = PRECISION) -> None:
        super().__init__(view)
        self.view, self.keys, self.stretch, self.limits = view, keys, stretch, limits
        self.once, self.precision = once, precision
        self.measured = False  # widths taken from rows (not only headers)
        self.fitting = False
        self.user_sized: set[int] = set()
        self.declared_max: dict[int, int] = {}
        self.natural: dict[int, int] = {}
        self.stretch_natural = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        header = _header(view)
        header.setStretchLastSection(False)
        header.setResizeContentsPrecision(precision)
        header.sectionResized.connect(self._on_header_section_resized)
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        if isinstance(view, QTableView):
            # Rows are one line high; with word wrap on (QTableView's default) Qt breaks Chinese text
            # into lines and elides twice ("西宁市众联…工程质量…"). A view that wants wrapping (the
            # acceptance blockers) turns it back on after this.
            view.setWordWrap(False)
        if type(view.itemDelegate()) is QStyledItemDelegate:  # keep a view's own editor delegate
            delegate = ElideTipDelegate(view)
            delegate.prose_column = stretch
            view.setItemDelegate(delegate)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self.schedule)
        view.viewport().installEventFilter(self)
        self.schedule()

    def schedule(self, *_args: object) -> None:
        self._timer.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.distribute()
        return False

    def _on_header_section_resized(self, index: int, _old: int, _new: int) -> None:
        if not self.fitting and index != self.stretch:
            self.user_sized.add(index)

    def fit(self) -> None:
        """Measure each column's content (bounded rows), then share out the width."""
        header = _header(self.view)
        n = header.count()
        # `once`: after the first rows, only the key columns are measured again, and only grow (a
        # code must show whole; the rest keeps its width instead of jumping with every keystroke).
        grow_only = self.once and self.measured
        self.measured = self.measured or self.view.model().rowCount() > 0
        if not grow_only:
            self.natural = {}
            self.stretch_natural = 0
            if self.stretch is not None and not isinstance(self.view, QTreeView):
                self.stretch_natural = max(self.view.sizeHintForColumn(self.stretch),
                                           header.sectionSizeHint(self.stretch))
        for c in range(n):
            if c == self.stretch or header.isSectionHidden(c) or (grow_only and c not in self.keys):
                continue
            content = self._tree_column_width(c) if isinstance(self.view, QTreeView) else \
                self.view.sizeHintForColumn(c)
            low, high = self.limits.get(c, (0, self.declared_max.get(c, 0)))
            width = max(content, header.sectionSizeHint(c), low)
            width = min(width, high) if high else width
            self.natural[c] = max(width, self.natural.get(c, 0)) if grow_only else width
        self.distribute()

    def _tree_column_width(self, column: int) -> int:
        """Like sizeHintForColumn, but a row whose first column spans the whole width (a checklist
        or section title) does not widen the first column."""
        view: QTreeView = self.view  # type: ignore[assignment]
        delegate = view.itemDelegate()
        option = QStyleOptionViewItem()
        option.initFrom(view.viewport())
        widest = 0
        index = view.model().index(0, 0)
        for _ in range(PRECISION * 3):
            if not index.isValid():
                break
            if not (column == 0 and view.isFirstColumnSpanned(index.row(), index.parent())):
                cell = index.siblingAtColumn(column)
                depth = 0
                p = index.parent()
                while p.isValid():
                    depth += 1
                    p = p.parent()
                indent = (depth + (1 if view.rootIsDecorated() else 0)) * view.indentation() if column == 0 else 0
                widest = max(widest, delegate.sizeHint(option, cell).width() + indent)
            index = view.indexBelow(index)
        return widest

    def _stretch_floor(self, header: QHeaderView) -> int:
        """The long-text column's least width: its header, and MIN_STRETCH unless its text is shorter."""
        text = self.stretch_natural or MIN_STRETCH
        return max(header.sectionSizeHint(self.stretch), min(MIN_STRETCH, text)) if self.stretch is not None else 0

    def distribute(self) -> None:
        header = _header(self.view)
        n = header.count()
        if not n:
            return
        self.fitting = True
        try:
            widths: dict[int, int] = {}
            for c, w in self.natural.items():
                if c in self.user_sized:
                    widths[c] = header.sectionSize(c)
                elif c in self.keys:
                    widths[c] = w
                else:
                    widths[c] = min(w, MAX_FIT)
            avail = self.view.viewport().width()
            # The long-text column is owed what its text needs, up to a third of the width: a short
            # one (使用部位 "4号楼") takes nothing from the others.
            wanted = self.stretch_natural or int(avail * STRETCH_SHARE)
            stretch_floor = self._stretch_floor(header)
            room = max(stretch_floor, min(wanted, int(avail * STRETCH_SHARE))) if self.stretch is not None else 0
            need = sum(widths.values()) + room
            if need > avail:
                # Narrow the ordinary columns to a common cap (the widest give way first, and
                # several wide ones end up equally wide rather than one cut to nothing), each down
                # to its floor; keys stay whole.
                shrinkable = [c for c in widths if c not in self.keys and c not in self.user_sized]
                # Never narrower than its header: a header is never cut, in either language.
                floors = {c: max(min(MIN_COLUMN, widths[c]), header.sectionSizeHint(c)) for c in shrinkable}
                target = sum(widths[c] for c in shrinkable) - (need - avail)

                def capped(cap: int) -> int:
                    return sum(max(floors[c], min(widths[c], cap)) for c in shrinkable)

                low, high = 0, max((widths[c] for c in shrinkable), default=0)
                while low < high:  # the widest cap that fits
                    mid = (low + high + 1) // 2
                    if capped(mid) <= target:
                        low = mid
                    else:
                        high = mid - 1
                for c in shrinkable:
                    widths[c] = max(floors[c], min(widths[c], low))
            for c, w in widths.items():
                header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(c, w)
            # Only the declared long-text column takes spare width (never 状态 by being last); when
            # too little is left even for its header, it keeps its header's width and the list
            # scrolls sideways rather than cutting the header.
            if self.stretch is not None:
                left = avail - sum(widths.values())
                floor = stretch_floor
                if left >= floor:
                    header.setSectionResizeMode(self.stretch, QHeaderView.ResizeMode.Stretch)
                else:
                    header.setSectionResizeMode(self.stretch, QHeaderView.ResizeMode.Interactive)
                    header.resizeSection(self.stretch, floor)
        finally:
            self.fitting = False


def fit_columns(view: QAbstractItemView, *, keys: Iterable[int] | None = None,
                stretch: int | None = None, limits: dict[int, tuple[int, int]] | None = None,
                once: bool = False, precision: int = PRECISION) -> None:
    """Size `view`'s columns to their content from now on (see the module doc). Without `keys` and
    `stretch`, they are read from the source model's `Column(key=…, stretch=…)` declarations.
    `limits` gives a column (minimum, maximum) width in pixels (0: none), e.g. room for an editor.

    `once`: measure every column when the first rows arrive, later only let the key columns grow
    (a list whose query changes with every keystroke, a page at a time: measuring every column of
    each answer would cost more than the query); `precision`: how many rows are measured per column."""
    declared_keys, declared_stretch, declared_max = _declared(view)
    fitter = _Fitter(view, set(keys) if keys is not None else declared_keys,
                     stretch if stretch is not None else declared_stretch, dict(limits or {}),
                     once=once, precision=precision)
    fitter.declared_max = declared_max
    view.setProperty("fitted", True)
    view._column_fitter = fitter  # type: ignore[attr-defined]  # tests and refits reach it here


def refit(view: QAbstractItemView) -> None:
    """Measure again now (tests; a view whose rows changed without a model signal)."""
    fitter = getattr(view, "_column_fitter", None)
    if fitter is not None:
        fitter.fit()



def wanted_width(view: QAbstractItemView) -> int:
    """The width at which none of `view`'s columns has to give way (the long-text column at its
    floor), frame and vertical scroll bar included."""
    fitter = getattr(view, "_column_fitter", None)
    if fitter is None:
        return view.sizeHint().width()
    fitter.fit()
    header = _header(view)
    columns = sum(w if c in fitter.keys else min(w, MAX_FIT) for c, w in fitter.natural.items())
    if fitter.stretch is not None:
        columns += fitter._stretch_floor(header)
    extra = 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width()
    if isinstance(view, QTableView) and view.verticalHeader().isVisible():
        extra += view.verticalHeader().width()
    return columns + extra


class _ListRoom(QObject):
    def __init__(self, splitter: QSplitter, view: QAbstractItemView, max_share: float) -> None:
        super().__init__(splitter)
        self.splitter, self.view, self.max_share = splitter, view, max_share
        self.user_moved = False  # once the inspector drags the handle, the split is theirs
        splitter.splitterMoved.connect(self._on_moved)
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.widen)
        splitter.installEventFilter(self)
        # The form on the right grows when a record is loaded into it: measured again then.
        for area in splitter.widget(1).findChildren(QScrollArea):
            if area.widget() is not None:
                area.widget().installEventFilter(self)
        model = view.model()  # the rows arrive after the first show (loaded off the UI thread)
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self._again)

    def _again(self, *_args: object) -> None:
        if not self.user_moved and self.splitter.isVisible():
            self._timer.start()

    def _on_moved(self, *_args: object) -> None:
        self.user_moved = True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        # Shown first at a provisional size: measured again once the window has its real width.
        if event.type() in (QEvent.Type.Show, QEvent.Type.Resize) and obj is self.splitter:
            self._again()
        elif event.type() == QEvent.Type.LayoutRequest and obj is not self.splitter:
            self._again()
        return False

    def widen(self) -> None:
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if total <= 0 or len(sizes) != 2:
            return
        # The list pane also holds the view's margins: measure from the pane, not the view.
        pane = self.splitter.widget(0)
        want = wanted_width(self.view) + max(0, pane.width() - self.view.width())
        left = min(max(sizes[0], want), int(total * self.max_share), total - _least_width(self.splitter.widget(1)))
        self.splitter.setSizes([left, total - left])


def _least_width(pane: QWidget) -> int:
    """The width `pane` needs without scrolling sideways: a form inside a scroll area reports a tiny
    minimum of its own, so the scrolled form's minimum counts."""
    least = pane.minimumSizeHint().width()
    for area in pane.findChildren(QScrollArea):
        inner = area.widget()
        if inner is not None and area.isVisible():
            margin = pane.width() - area.viewport().width()
            least = max(least, inner.minimumSizeHint().width() + margin)
    return least


def give_list_room(splitter: QSplitter, view: QAbstractItemView, *, max_share: float = 0.5) -> None:
    """When `splitter` (list on the left, a form on the right) is first shown, widen the list so its
    columns need not give way, taking at most `max_share` of the width (English headers are longer)."""
    splitter._list_room = _ListRoom(splitter, view, max_share)  # type: ignore[attr-defined]
