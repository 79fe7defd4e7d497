"""The chart's geometry, left to right and mirrored right to left."""

import datetime
from types import SimpleNamespace

from objectives.charts import HEIGHT, WIDTH, progress_chart


def reports(*percents):
    return [
        SimpleNamespace(period_end=datetime.date(2020 + number, 12, 31), percent_complete=percent)
        for number, percent in enumerate(percents)
    ]


def test_right_to_left_mirrors_every_point_and_the_axis():
    left_to_right = progress_chart(reports(10, 50, 90))
    right_to_left = progress_chart(reports(10, 50, 90), right_to_left=True)

    for forwards, backwards in zip(left_to_right.points, right_to_left.points, strict=True):
        assert backwards.x == round(WIDTH - forwards.x, 1)
        assert backwards.y == forwards.y
    assert (right_to_left.left, right_to_left.right) == (WIDTH - left_to_right.right, WIDTH - left_to_right.left)
    assert left_to_right.tick_anchor == "end" and left_to_right.tick_x < left_to_right.left
    assert right_to_left.tick_anchor == "start" and right_to_left.tick_x > right_to_left.right


def test_points_stay_inside_the_plot():
    for chart in (progress_chart(reports(0, 100)), progress_chart(reports(0, 100), right_to_left=True)):
        assert all(chart.left <= point.x <= chart.right for point in chart.points)
        assert all(chart.top <= point.y <= chart.bottom <= HEIGHT for point in chart.points)


def test_labels_are_written_as_the_site_writes_percentages():
    chart = progress_chart(reports(45))
    assert [tick["text"] for tick in chart.y_ticks] == ["0%", "25%", "50%", "75%", "100%"]
    assert chart.points[0].percent_text == "45%"
