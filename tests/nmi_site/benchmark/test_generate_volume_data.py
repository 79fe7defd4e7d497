"""generate_volume_data: realistic, flagged, repeatable synthetic volume."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from advisory.models import AdvisoryPost, Engagement, NextStep, Tour
from missions.models import Institution, Nation, PartnerOrganisation
from objectives.models import LongTermObjective, Measurement, ProgressReport
from outreach.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    call_command("load_source_data", "--facts-only", verbosity=0)


def generated_events():
    return Event.objects.filter(slug__startswith="generated-")


def test_scale_one_adds_the_promised_volume(loaded):
    objectives = list(LongTermObjective.objects.prefetch_related("indicators"))
    reports_before = ProgressReport.objects.count()

    call_command("generate_volume_data", "--scale", "1", verbosity=0)

    assert generated_events().count() == 2000
    assert generated_events().filter(is_example=False).count() == 0
    assert Nation.objects.count() >= 249
    assert PartnerOrganisation.objects.filter(slug__startswith="generated-").count() == 30
    assert Institution.objects.filter(slug__startswith="generated-").count() == 30
    generated_reports = ProgressReport.objects.filter(narrative__startswith="GENERATED")
    assert generated_reports.count() == 4 * len(objectives)
    assert ProgressReport.objects.count() == reports_before + 4 * len(objectives)
    assert all(report.is_example for report in generated_reports)
    indicators = sum(len(objective.indicators.all()) for objective in objectives)
    assert Measurement.objects.filter(report__in=generated_reports).count() == 4 * indicators
    # Participants, and a mix of visibilities.
    assert Event.nations.through.objects.filter(event__in=generated_events()).count() > 2000
    assert generated_events().filter(visibility="public").count() > 1000
    assert generated_events().exclude(visibility="public").exists()


def test_scale_one_adds_advisory_posts_with_tours_engagements_and_next_steps(loaded):
    call_command("generate_volume_data", "--scale", "1", verbosity=0)

    posts = AdvisoryPost.objects.filter(title__startswith="GENERATED")
    assert posts.count() == 20
    assert all(post.is_example for post in posts)
    assert Tour.objects.filter(post__in=posts).count() == 40
    assert Engagement.objects.filter(post__in=posts).count() == 60
    assert NextStep.objects.filter(engagement__post__in=posts).count() == 120
    assert AdvisoryPost.objectives.through.objects.filter(advisorypost__in=posts).count() == 20


def test_a_new_run_replaces_the_last_one(loaded):
    call_command("generate_volume_data", "--scale", "1", verbosity=0)
    assert generated_events().count() == 2000
    # Run again: the same number, not twice as many.
    call_command("generate_volume_data", "--scale", "1", "--seed", "7", verbosity=0)
    assert generated_events().count() == 2000
    assert PartnerOrganisation.objects.filter(slug__startswith="generated-").count() == 30
    # Engagements protect their posts and institutions: removed first.
    assert AdvisoryPost.objects.filter(title__startswith="GENERATED").count() == 20
    assert Engagement.objects.filter(post__title__startswith="GENERATED").count() == 60


def test_generated_pages_render(loaded, client):
    call_command("generate_volume_data", "--scale", "1", verbosity=0)
    event = generated_events().filter(visibility="public").first()
    assert client.get(event.get_absolute_url()).status_code == 200
    assert client.get("/events/past/").status_code == 200


@pytest.mark.parametrize("scale", ["0", "51", "ten", "-1", "1.5", ""])
def test_bad_scales_are_refused_with_a_message(loaded, scale):
    with pytest.raises(CommandError, match="--scale must be a whole number from 1 to 50"):
        call_command("generate_volume_data", "--scale", scale, verbosity=0)
    assert not generated_events().exists()


def test_it_needs_the_source_data_first(db):
    with pytest.raises(CommandError, match="load_source_data"):
        call_command("generate_volume_data", "--scale", "1", verbosity=0)


def test_the_planner_has_statistics_of_the_new_volume(loaded):
    call_command("generate_volume_data", "--scale", "1", verbosity=0)

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'outreach_event'")
            assert cursor.fetchone()[0] >= 2000
        else:
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'outreach_event' LIMIT 1")
            assert int(cursor.fetchone()[0].split()[0]) >= 2000
