"""The loader never brings back what staff deleted, unless asked to."""

import pytest
from django.core.management import call_command

from missions.models import Contribution, Lesson, Nation
from nmi_site.content.models import LoadedRecord
from objectives.models import LineOfEffort, LongTermObjective, ProgressReport

pytestmark = pytest.mark.django_db


def load(*args):
    call_command("load_source_data", *args)


def test_a_loaded_record_staff_deleted_stays_deleted(capsys):
    load()
    lesson = Lesson.objects.order_by("number").first()
    lessons = Lesson.objects.count()
    lesson.delete()
    capsys.readouterr()

    load()

    assert not Lesson.objects.filter(number=lesson.number).exists()
    assert Lesson.objects.count() == lessons - 1
    output = capsys.readouterr().out
    assert "Left 1 deleted records deleted" in output
    assert "--restore-deleted" in output


def test_restoring_on_purpose_brings_the_original_back(capsys):
    load()
    lesson = Lesson.objects.order_by("number").first()
    title = lesson.title
    lesson.delete()

    load("--restore-deleted")

    restored = Lesson.objects.get(number=lesson.number)
    assert restored.title == title
    assert restored.visibility == "public"
    # And from then on it is remembered again: a second deletion sticks too.
    restored.delete()
    load()
    assert not Lesson.objects.filter(number=lesson.number).exists()


def test_what_hangs_from_a_deleted_record_stays_deleted():
    load()
    nation = Nation.objects.filter(contributions__isnull=False).first()
    nation.delete()  # and with it its contributions
    objective = LongTermObjective.objects.filter(lines_of_effort__isnull=False).first()
    objective.reports.all().delete()
    objective.plans.all().delete()
    objective.indicators.all().delete()
    objective.delete()  # and with it its lines of effort

    load()

    assert not Nation.objects.filter(iso_code=nation.iso_code).exists()
    assert not Contribution.objects.filter(nation__iso_code=nation.iso_code).exists()
    assert not LongTermObjective.objects.filter(slug=objective.slug).exists()
    assert not LineOfEffort.objects.filter(objective__slug=objective.slug).exists()


def test_deleted_example_reports_are_not_made_again():
    load()
    objective = LongTermObjective.objects.filter(reports__isnull=False).distinct().first()
    objective.reports.all().delete()

    load()

    assert not ProgressReport.objects.filter(objective=objective).exists()


def test_a_database_loaded_before_the_loader_remembered_is_remembered_now(capsys):
    load()
    LoadedRecord.objects.all().delete()  # as loaded by an earlier release
    load()  # finds everything there, creates nothing, remembers it all
    assert "nothing to add" in capsys.readouterr().out
    lesson = Lesson.objects.order_by("number").first()
    lesson.delete()

    load()

    assert not Lesson.objects.filter(number=lesson.number).exists()


def test_loading_twice_creates_nothing_the_second_time(capsys):
    load()
    remembered = LoadedRecord.objects.count()
    capsys.readouterr()

    load()

    assert "nothing to add" in capsys.readouterr().out
    assert LoadedRecord.objects.count() == remembered
