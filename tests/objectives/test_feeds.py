"""Atom feeds of approved progress and agreed plans: public only, valid,
with ids that never change and an author."""

import re

import feedparser
import pytest

from objectives.models import ProgressReport
from tests import factories

pytestmark = pytest.mark.django_db

TAG = re.compile(r"tag:nmi-portal,2018:[a-z]+-[0-9]+")


def parse(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.bozo_exception
    assert feed.feed.author_detail.name == "NATO Mission Iraq"
    assert all(TAG.fullmatch(entry.id) for entry in feed.entries)
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)
    return feed


@pytest.fixture
def record(division, objective):
    other = factories.ObjectiveFactory(owning_division=division, title="Other objective")
    hidden = factories.ObjectiveFactory(owning_division=division, title="Hidden objective", visibility="internal")
    return {
        "approved": factories.ReportFactory(objective=objective, approved=True, percent_complete=61),
        "draft": factories.ReportFactory(objective=objective, percent_complete=99),
        "other": factories.ReportFactory(objective=other, approved=True, percent_complete=12),
        "hidden": factories.ReportFactory(objective=hidden, approved=True, percent_complete=33),
        "agreed": factories.PlanFactory(objective=objective, version=1, change_summary="First agreed version"),
        "plan draft": factories.PlanFactory(objective=objective, version=2, state="draft"),
        "hidden plan": factories.PlanFactory(objective=hidden, version=1),
    }


def test_the_progress_feed_lists_approved_public_reports(client, record, objective):
    feed = parse(client, "/feeds/progress.atom")

    ids = {entry.id for entry in feed.entries}
    assert ids == {f"tag:nmi-portal,2018:report-{record[name].pk}" for name in ("approved", "other")}
    entry = next(entry for entry in feed.entries if entry.id.endswith(f"-{record['approved'].pk}"))
    assert entry.title.startswith(f"{objective.title}: 61%, on track (")
    assert entry.link == f"http://testserver{objective.get_absolute_url()}#reports-heading"
    assert "Hidden objective" not in str(feed)


def test_an_objectives_progress_feed_holds_its_own_reports(client, record, objective):
    feed = parse(client, f"/feeds/objectives/{objective.slug}/progress.atom")

    assert [entry.id for entry in feed.entries] == [f"tag:nmi-portal,2018:report-{record['approved'].pk}"]
    assert feed.feed.id == f"tag:nmi-portal,2018:feed:progress:{objective.pk}"
    assert feed.feed.link == f"http://testserver{objective.get_absolute_url()}"


def test_the_plans_feeds_list_agreed_versions_only(client, record, objective):
    mission_wide = parse(client, "/feeds/plans.atom")
    own = parse(client, f"/feeds/objectives/{objective.slug}/plans.atom")

    expected = [f"tag:nmi-portal,2018:plan-{record['agreed'].pk}"]
    assert [entry.id for entry in mission_wide.entries] == expected
    assert [entry.id for entry in own.entries] == expected
    assert own.entries[0].summary == "First agreed version"
    assert own.entries[0].link == f"http://testserver/objectives/{objective.slug}/plan/1/"


def test_a_hidden_objective_has_no_feed(client, record):
    hidden = record["hidden"].objective

    assert client.get(f"/feeds/objectives/{hidden.slug}/progress.atom").status_code == 404
    assert client.get(f"/feeds/objectives/{hidden.slug}/plans.atom").status_code == 404


def test_objective_pages_offer_their_feeds(client, record, objective):
    content = client.get(objective.get_absolute_url()).content.decode()

    assert f'href="/feeds/objectives/{objective.slug}/progress.atom"' in content
    assert f'href="/feeds/objectives/{objective.slug}/plans.atom"' in content
    assert 'href="/feeds/progress.atom"' in client.get("/objectives/").content.decode()


def test_an_entry_says_when_it_is_example_data_or_a_correction(client, objective):
    original = factories.ReportFactory(objective=objective, approved=True, is_example=True, narrative="Invented.")
    # Replaced by its correction, as the approval of one does.
    ProgressReport.objects.filter(pk=original.pk).update(is_superseded=True)
    factories.ReportFactory(
        objective=objective,
        approved=True,
        supersedes=original,
        period_start=original.period_start,
        period_end=original.period_end,
        narrative="Corrected.",
    )

    entries = {entry.summary for entry in parse(client, "/feeds/progress.atom").entries}

    assert "Example data, not a fact about the mission.\n\nInvented." in entries
    assert "This report corrects an earlier one for the same period.\n\nCorrected." in entries
