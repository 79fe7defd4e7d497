"""Server-rendered progress chart: the geometry of an SVG line chart of an
objective's approved progress over time. The template draws it with
presentation attributes only (no inline style), so it passes the strict
Content Security Policy, and a data table follows it as the text
alternative.

Geometry is machine numbers whatever the language (the template turns
localisation off inside the SVG); the labels are the language's. Right to
left, the chart is mirrored: time runs from right to left and the
percentages stand on the right, as an Arabic reader reads it.

Also the results summary's bar: how many objectives stand at each
progress status, as one stacked bar with its table."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from nmi_site.content.dates import DatePrecision, format_date
from nmi_site.content.numbers import format_percent
from objectives.models import NO_REPORT, ReportStatus

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 24, 16, 40
PLOT_WIDTH = WIDTH - LEFT - RIGHT
PLOT_HEIGHT = HEIGHT - TOP - BOTTOM
MAX_X_LABELS = 6
TICKS = (0, 25, 50, 75, 100)
TICK_GAP = 8


@dataclass
class Point:
    x: float
    y: float
    percent: int
    label: str
    show_label: bool

    @property
    def percent_text(self):
        return format_percent(self.percent)


@dataclass
class Chart:
    points: list = field(default_factory=list)
    right_to_left: bool = False
    width: int = WIDTH
    height: int = HEIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    label_y: int = HEIGHT - BOTTOM + 24

    @property
    def left(self):
        """The plot's left edge (the percentages' side, left to right)."""
        return RIGHT if self.right_to_left else LEFT

    @property
    def right(self):
        return WIDTH - LEFT if self.right_to_left else WIDTH - RIGHT

    @property
    def tick_x(self):
        return self.right + TICK_GAP if self.right_to_left else self.left - TICK_GAP

    @property
    def tick_anchor(self):
        return "start" if self.right_to_left else "end"

    @property
    def polyline(self):
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)

    @property
    def y_ticks(self):
        return [{"text": format_percent(value), "y": round(y_for(value), 1)} for value in TICKS]


def y_for(percent):
    return TOP + PLOT_HEIGHT * (1 - percent / 100)


def progress_chart(reports, right_to_left=False):
    """``reports``: approved reports in chronological order."""
    reports = list(reports)
    if not reports:
        return Chart(right_to_left=right_to_left)
    first, last = reports[0].period_end, reports[-1].period_end
    span = (last - first).days
    # Label at most a handful of points so labels never overlap.
    step = max(1, -(-len(reports) // MAX_X_LABELS))
    points = []
    for index, report in enumerate(reports):
        fraction = 0.5 if span == 0 else (report.period_end - first).days / span
        x = LEFT + fraction * PLOT_WIDTH
        points.append(
            Point(
                x=round(WIDTH - x if right_to_left else x, 1),
                y=round(y_for(report.percent_complete), 1),
                percent=report.percent_complete,
                label=format_date(report.period_end, DatePrecision.MONTH),
                show_label=(len(reports) - 1 - index) % step == 0,
            )
        )
    return Chart(points=points, right_to_left=right_to_left)


# The results summary -------------------------------------------------------------

# Progress statuses in the order the summary lists them.
PROGRESS_ORDER = (
    ReportStatus.ON_TRACK,
    ReportStatus.AT_RISK,
    ReportStatus.OFF_TRACK,
    ReportStatus.COMPLETED,
    NO_REPORT,
)
# The bar's drawing box: percentages along, a thin band across.
BAR_WIDTH, BAR_HEIGHT = 100, 6


def progress_label(code):
    """The name of a progress status (NO_REPORT included)."""
    return _("No approved report yet") if code == NO_REPORT else ReportStatus(code).label


@dataclass
class ResultRow:
    code: str
    label: str
    count: int
    share: float
    x: float
    width: float

    @property
    def share_text(self):
        return format_percent(self.share)


@dataclass
class ResultsSummary:
    rows: list
    total: int
    width: int = BAR_WIDTH
    height: int = BAR_HEIGHT

    @property
    def text(self):
        """The bar in words, for its text alternative."""
        parts = [f"{row.label}: {row.count}" for row in self.rows if row.count]
        return "; ".join(parts) if parts else _("No objectives")


def combined(counts_by_division):
    """One ``{status: count}`` of several divisions' (progress_counts())."""
    total = {}
    for counts in counts_by_division.values():
        for code, count in counts.items():
            total[code] = total.get(code, 0) + count
    return total


def results_summary(counts, *, right_to_left=False):
    """The rows and the stacked bar of ``{status: count}``, each status with
    its share; right to left, the bar starts on the right."""
    total = sum(counts.values())
    rows, start = [], 0.0
    for code in PROGRESS_ORDER:
        count = counts.get(code, 0)
        width = round(BAR_WIDTH * count / total, 3) if total else 0.0
        x = round(BAR_WIDTH - start - width, 3) if right_to_left else round(start, 3)
        share = round(100 * count / total, 1) if total else 0.0
        rows.append(ResultRow(str(code), progress_label(code), count, share, x, width))
        start += width
    return ResultsSummary(rows=rows, total=total)
