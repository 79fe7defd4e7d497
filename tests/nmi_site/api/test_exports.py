"""Complete exports of every API list, as CSV and as XLSX, compared row for
row with the JSON the API pages through."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from nmi_site.api.exports import escape_cell
from nmi_site.api_router import PUBLIC_LISTS, SERIES
from tests import factories

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def body(response):
    assert response.status_code == 200, response
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(body(response).decode("utf-8"))))


def xlsx_rows(response):
    sheet = openpyxl.load_workbook(io.BytesIO(body(response)), read_only=True).active
    values = list(sheet.iter_rows(values_only=True))
    headers = values[0]
    return [dict(zip(headers, row, strict=True)) for row in values[1:]]


def json_items(client, path, params):
    """Every item of a list, page after page."""
    items, page = [], 1
    while True:
        answer = client.get(path, {**params, "page": page, "page_size": 7}).json()
        items += answer["results"]
        if answer["next"] is None:
            return items
        page += 1


def as_cell(value):
    """What the export writes for a JSON value (names of nested records)."""
    if isinstance(value, list):
        return "; ".join(str(as_cell(item)) for item in value)
    if isinstance(value, dict):
        return next((value[key] for key in ("name", "title", "label", "acronym", "id") if key in value), "")
    return value


def flat(item):
    row = {}
    for name, value in item.items():
        if name == "latest_progress":
            for sub in ("percent_complete", "status", "period_end", "is_example"):
                row[f"{name}.{sub}"] = (value or {}).get(sub)
        else:
            row[name] = as_cell(value)
    return row


def csv_text(value):
    return escape_cell(value)


def xlsx_value(value):
    return None if value in (None, "") else value


@pytest.fixture
def loaded(division, other_division):
    """Enough of everything for two pages of each list, some of it hidden."""
    nations = [factories.NationFactory(name=f"Nation {n}") for n in range(3)]
    for n in range(9):
        objective = factories.ObjectiveFactory(owning_division=division if n % 2 else other_division, number=n + 1)
        report = factories.ReportFactory(objective=objective, approved=True, percent_complete=10 * n)
        indicator = factories.IndicatorFactory(objective=objective)
        factories.MeasurementFactory(indicator=indicator, report=report, actual_value=n)
        factories.EventFactory(organising_division=division, nations=nations[: n % 3], title=f"Event {n}")
        factories.LessonFactory(mission=division.mission, number=n + 1, title=f"=cmd|' /C calc'!A{n}")
    factories.EventFactory(organising_division=division, title="Partners' meeting", visibility="partners")
    factories.EventFactory(organising_division=division, title="Staff meeting", visibility="internal")


# Search answers JSON only.
LISTS = [prefix for prefix, viewset, _ in PUBLIC_LISTS if getattr(viewset, "queryset", None) is not None] + [SERIES[0]]


@pytest.mark.parametrize("prefix", LISTS)
@pytest.mark.parametrize("caller", ["anonymous", "partner"])
def test_every_list_exports_every_row_as_its_json(make_client, loaded, prefix, caller):
    client = make_client(caller)
    path = f"/api/v1/{prefix}/"
    expected = [flat(item) for item in json_items(client, path, {})]

    as_csv = csv_rows(client.get(path, {"format": "csv"}))
    as_xlsx = xlsx_rows(client.get(path, {"format": "xlsx"}))

    assert len(as_csv) == len(as_xlsx) == len(expected)
    for row, from_csv, from_xlsx in zip(expected, as_csv, as_xlsx, strict=True):
        assert list(from_csv) == list(row)
        assert from_csv == {name: csv_text(value) for name, value in row.items()}
        assert from_xlsx == {name: xlsx_value(value) for name, value in row.items()}


def test_an_export_holds_what_the_caller_may_see_with_the_lists_filters(make_client, loaded, division):
    anonymous = csv_rows(make_client("anonymous").get("/api/v1/events/", {"format": "csv"}))
    partner = csv_rows(make_client("partner").get("/api/v1/events/", {"format": "csv"}))

    assert "Partners' meeting" not in {row["title"] for row in anonymous}
    assert "Partners' meeting" in {row["title"] for row in partner}
    assert "Staff meeting" not in {row["title"] for row in partner}
    filtered = csv_rows(
        make_client("anonymous").get("/api/v1/objectives/", {"format": "csv", "division": division.slug})
    )
    assert {row["owning_division"] for row in filtered} == {division.name}


def test_an_export_is_complete_streamed_and_named(api, loaded):
    response = api.get("/api/v1/events/", {"format": "csv", "page_size": 2})

    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="nmi-portal-events.csv"'
    assert len(csv_rows(response)) == 9
    spreadsheet = api.get("/api/v1/events/", HTTP_ACCEPT=XLSX)
    assert spreadsheet["Content-Type"] == XLSX
    assert spreadsheet["Content-Disposition"] == 'attachment; filename="nmi-portal-events.xlsx"'


def test_the_objectives_export_has_its_latest_progress(api, loaded):
    rows = csv_rows(api.get("/api/v1/objectives/", {"format": "csv", "ordering": "number"}))

    assert [row["latest_progress.percent_complete"] for row in rows] == [str(10 * n) for n in range(9)]
    assert {row["latest_progress.status"] for row in rows} == {"on_track"}


def test_exports_are_in_the_language_asked_for(api, division):
    factories.EventFactory(organising_division=division, title="Open day", title_ar="يوم مفتوح")

    (row,) = csv_rows(api.get("/api/v1/events/", {"format": "csv", "lang": "ar"}))

    assert row["title"] == "يوم مفتوح"
    assert row["url"].startswith("http://testserver/ar/events/")


def test_formulas_are_neutralised_in_both_formats(api, mission):
    texts = ["=1+1", " =1+1", "\u3000+SUM(A1)", '＝HYPERLINK("x")', "＠cmd", "-2+3", "\tx", "plain = text"]
    for number, text in enumerate(texts, start=1):
        factories.LessonFactory(mission=mission, number=number, title=text)

    rows = csv_rows(api.get("/api/v1/lessons/", {"format": "csv", "ordering": "number"}))
    cells = xlsx_rows(api.get("/api/v1/lessons/", {"format": "xlsx", "ordering": "number"}))

    assert [row["title"] for row in rows] == [f"'{text}" for text in texts[:-1]] + ["plain = text"]
    # A spreadsheet's text cell is never a formula: the text is kept as it is.
    sheet = openpyxl.load_workbook(
        io.BytesIO(body(api.get("/api/v1/lessons/", {"format": "xlsx", "ordering": "number"})))
    ).active
    kinds = {cell.data_type for row in sheet.iter_rows(min_row=2) for cell in row if cell.value is not None}
    assert "f" not in kinds
    assert [row["title"] for row in cells] == texts


def test_a_malformed_page_size_or_page_is_still_refused(api, loaded):
    response = api.get("/api/v1/events/", {"format": "csv", "page_size": "500"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert api.get("/api/v1/events/", {"format": "xlsx", "page": "-3"}).status_code == 404
    assert api.get("/api/v1/events/", {"format": "csv", "page": ""}).status_code == 404


def test_an_export_reads_a_thousand_records_at_a_time(api, division, django_assert_max_num_queries):
    factories.EventFactory.create_batch(3, organising_division=division)
    with django_assert_max_num_queries(12) as few:
        body(api.get("/api/v1/events/", {"format": "csv"}))
    factories.EventFactory.create_batch(30, organising_division=division)

    with django_assert_max_num_queries(len(few)):
        assert len(csv_rows(api.get("/api/v1/events/", {"format": "csv", "search": ""}))) == 33


def test_an_objectives_series_is_one_row_per_indicator_and_approved_report(api, division):
    objective = factories.ObjectiveFactory(owning_division=division, slug="training")
    indicator = factories.IndicatorFactory(objective=objective, name="Courses", unit="courses")
    first = factories.ReportFactory(objective=objective, approved=True)
    second = factories.ReportFactory(objective=objective, approved=True)
    draft = factories.ReportFactory(objective=objective)
    for report, value in ((first, 3), (second, 7), (draft, 99)):
        factories.MeasurementFactory(indicator=indicator, report=report, actual_value=value)

    rows = csv_rows(api.get("/api/v1/measurements/", {"objective": "training", "format": "csv"}))

    assert [(row["indicator_name"], row["unit"], row["actual_value"]) for row in rows] == [
        ("Courses", "courses", "3.00"),
        ("Courses", "courses", "7.00"),
    ]
    assert [row["period_end"] for row in rows] == [str(first.period_end), str(second.period_end)]


def test_the_data_package_describes_each_export(api, loaded):
    package = api.get(reverse("api:datapackage")).json()

    assert package["profile"] == "tabular-data-package"
    names = [resource["name"] for resource in package["resources"]]
    assert names == LISTS
    for resource in package["resources"]:
        assert resource["path"].startswith("http://testserver/api/v1/")
        header = next(csv.reader(io.StringIO(body(api.get(resource["path"])).decode())))
        assert [field["name"] for field in resource["schema"]["fields"]] == header
    events = next(resource for resource in package["resources"] if resource["name"] == "events")
    types = {field["name"]: field["type"] for field in events["schema"]["fields"]}
    assert (types["id"], types["starts_at"], types["all_day"], types["url"]) == (
        "integer",
        "datetime",
        "boolean",
        "string",
    )


def test_lists_are_available_as_csv_with_formulas_escaped(api, mission):
    factories.LessonFactory(mission=mission, number=1, title='=HYPERLINK("http://evil.example","click")')
    factories.LessonFactory(mission=mission, number=2, title="+1 good idea", summary="@SUM(A1:A2)")
    factories.LessonFactory(mission=mission, number=3, title="-minus", summary="A plain lesson")

    response = api.get("/api/v1/lessons/", {"format": "csv", "ordering": "number"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response)
    assert [row["title"] for row in rows] == ['\'=HYPERLINK("http://evil.example","click")', "'+1 good idea", "'-minus"]
    assert rows[1]["summary"] == "'@SUM(A1:A2)"
    assert rows[2]["summary"] == "A plain lesson"


def test_csv_flattens_related_records_to_names(api, division):
    factories.ProgrammeFactory(
        division=division,
        name="DEEP",
        nations=[factories.NationFactory(name="Italy"), factories.NationFactory(name="Denmark")],
    )

    rows = csv_rows(api.get("/api/v1/programmes/", HTTP_ACCEPT="text/csv"))

    assert rows[0]["division"] == "Ministerial Advisory Division"
    assert sorted(rows[0]["nations"].split("; ")) == ["Denmark", "Italy"]
