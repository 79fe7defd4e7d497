"""Server-rendered progress chart: the geometry of an SVG line chart of an
objective's approved progress over time. The template draws it with
presentation attributes only (no inline style), so it passes the strict
Content Security Policy, and a data table follows it as the text
alternative.

Geometry is machine numbers whatever the language (the template turns
localisation off inside the SVG); the labels are the language's. Right to
left, the chart is mirrored: time runs from right to left and the
percentages stand on the right, as an Arabic reader reads it."""

from dataclasses import dataclass, field

from nmi_site.content.dates import DatePrecision, format_date
from nmi_site.content.numbers import format_percent

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
