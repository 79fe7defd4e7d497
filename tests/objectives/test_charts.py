"""The charts' geometry, left to right and mirrored right to left: an
objective's progress over time, and the results summary."""

import datetime
from types import SimpleNamespace

from objectives.charts import HEIGHT, WIDTH, combined, progress_chart, results_summary


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


# The results summary ------------------------------------------------------------------


def test_the_results_summary_counts_every_status_in_order_with_its_share():
    summary = results_summary({"on_track": 3, "at_risk": 1, "none": 1})

    assert [(row.code, row.count, row.share) for row in summary.rows] == [
        ("on_track", 3, 60.0),
        ("at_risk", 1, 20.0),
        ("off_track", 0, 0.0),
        ("completed", 0, 0.0),
        ("none", 1, 20.0),
    ]
    assert summary.total == 5
    assert [row.share_text for row in summary.rows][:2] == ["60%", "20%"]
    assert summary.text == "On track: 3; At risk: 1; No approved report yet: 1"


def test_the_results_bar_fills_its_width_left_to_right_and_right_to_left():
    counts = {"on_track": 1, "off_track": 3}
    ltr = results_summary(counts)
    rtl = results_summary(counts, right_to_left=True)

    drawn = [row for row in ltr.rows if row.count]
    assert [(row.x, row.width) for row in drawn] == [(0.0, 25.0), (25.0, 75.0)]
    drawn = [row for row in rtl.rows if row.count]
    assert [(row.x, row.width) for row in drawn] == [(75.0, 25.0), (0.0, 75.0)]


def test_the_results_summary_of_nothing_draws_nothing():
    summary = results_summary({})

    assert summary.total == 0
    assert all(row.width == 0 and row.share == 0 for row in summary.rows)
    assert summary.text == "No objectives"


def test_divisions_counts_are_combined_for_the_mission():
    assert combined({1: {"on_track": 2}, 2: {"on_track": 1, "none": 4}}) == {"on_track": 3, "none": 4}
