"""Server-rendered progress chart: the geometry of an SVG line chart of an
objective's approved progress over time. The template draws it with
presentation attributes only (no inline style), so it passes the strict
Content Security Policy, and a data table follows it as the text
alternative."""

from dataclasses import dataclass, field

from nmi_site.content.dates import DatePrecision, format_date

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 24, 16, 40
PLOT_WIDTH = WIDTH - LEFT - RIGHT
PLOT_HEIGHT = HEIGHT - TOP - BOTTOM
MAX_X_LABELS = 6


@dataclass
class Point:
    x: float
    y: float
    percent: int
    label: str
    show_label: bool


@dataclass
class Chart:
    points: list = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    label_y: int = HEIGHT - BOTTOM + 24

    @property
    def polyline(self):
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)

    @property
    def y_ticks(self):
        return [{"value": value, "y": round(y_for(value), 1)} for value in (0, 25, 50, 75, 100)]


def y_for(percent):
    return TOP + PLOT_HEIGHT * (1 - percent / 100)


def progress_chart(reports):
    """``reports``: approved reports in chronological order."""
    reports = list(reports)
    if not reports:
        return Chart()
    first, last = reports[0].period_end, reports[-1].period_end
    span = (last - first).days
    # Label at most a handful of points so labels never overlap.
    step = max(1, -(-len(reports) // MAX_X_LABELS))
    points = []
    for index, report in enumerate(reports):
        fraction = 0.5 if span == 0 else (report.period_end - first).days / span
        points.append(
            Point(
                x=round(LEFT + fraction * PLOT_WIDTH, 1),
                y=round(y_for(report.percent_complete), 1),
                percent=report.percent_complete,
                label=format_date(report.period_end, DatePrecision.MONTH),
                show_label=(len(reports) - 1 - index) % step == 0,
            )
        )
    return Chart(points=points)
