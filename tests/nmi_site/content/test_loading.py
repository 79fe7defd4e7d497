"""The loader never brings back what staff deleted, unless asked to, and
gives every record it loads its Arabic without overwriting staff's."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from modeltranslation.translator import translator

from missions.models import Contribution, Lesson, Nation
from nmi_site.content.loading import translated_fields
from nmi_site.content.models import LoadedRecord
from nmi_site.sitewide.management.commands.load_source_data import ARABIC
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


# Arabic ---------------------------------------------------------------------


def translated_values():
    """(model, field, English, Arabic) of every translated field of every
    record, as the database holds them."""
    for model in translator.get_registered_models():
        if model._meta.proxy:
            continue
        names = translated_fields(model)
        for obj in model._base_manager.all():
            for name in names:
                yield model, name, getattr(obj, f"{name}_en"), getattr(obj, f"{name}_ar")


def test_every_loaded_text_has_its_arabic():
    load()
    missing = [
        (model.__name__, name, english)
        for model, name, english, arabic in translated_values()
        if english and not arabic
    ]
    assert missing == []
    # Each fits its field (SQLite would not say; PostgreSQL refuses).
    too_long = [
        (model.__name__, name, arabic)
        for model, name, _english, arabic in translated_values()
        if arabic and len(arabic) > (model._meta.get_field(f"{name}_ar").max_length or len(arabic))
    ]
    assert too_long == []
    # Written text by text, not one placeholder for all.
    arabic = {arabic for *_rest, arabic in translated_values() if arabic}
    assert len(arabic) > 200


def test_the_arabic_is_arabic_and_keeps_the_numbers_of_its_english():
    for english, arabic in ARABIC.items():
        letters = [character for character in arabic if character.isalpha()]
        arabic_letters = [character for character in letters if "\u0600" <= character <= "\u06ff"]
        assert len(arabic_letters) >= 0.9 * len(letters), (english, arabic)
        assert re.findall(r"\d+(?:\.\d+)?", english) == re.findall(r"\d+(?:\.\d+)?", arabic), english


def test_loading_again_fills_empty_arabic_and_never_overwrites_what_staff_wrote(capsys):
    load()
    lesson, changed, emptied = Lesson.objects.order_by("number")[:3]
    Lesson.objects.filter(pk=lesson.pk).update(title_ar="عنوان كتبه الموظفون")
    # Staff rewrote the English and left the Arabic empty: the loaded Arabic
    # would translate another text.
    Lesson.objects.filter(pk=changed.pk).update(title_en="A title staff rewrote", title_ar="")
    Lesson.objects.filter(pk=emptied.pk).update(title_ar="", summary_ar="")
    capsys.readouterr()

    load()

    assert "Filled 2 empty Arabic fields" in capsys.readouterr().out
    lesson.refresh_from_db(), changed.refresh_from_db(), emptied.refresh_from_db()
    assert lesson.title_ar == "عنوان كتبه الموظفون"
    assert changed.title_ar == ""
    assert emptied.title_ar == ARABIC[emptied.title_en] and emptied.summary_ar == ARABIC[emptied.summary_en]
    assert emptied.history.latest().history_change_reason == "Arabic added by the loader"


def test_an_approved_reports_arabic_may_be_added_but_nothing_else_changed():
    load()
    report = ProgressReport.objects.filter(state="approved").first()
    report.narrative_ar = "ترجمة لاحقة"
    report.save(update_fields=["narrative_ar", "updated_at"])
    report.narrative_en = "Changed"
    with pytest.raises(ValidationError):
        report.save(update_fields=["narrative_en"])
