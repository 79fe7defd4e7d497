"""Each save says which fields' Arabic is missing or older than the English."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nmi_site.translations.models import PendingTranslation, TranslationState
from outreach.models import Event
from tests import factories

pytestmark = pytest.mark.django_db


def rows(record):
    return PendingTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    )


def states(record):
    return dict(rows(record).values_list("field", "state"))


def test_a_new_record_with_english_only_is_missing_its_arabic(division):
    event = factories.EventFactory(organising_division=division, title_en="Ambassador day", title_ar="", summary_en="")
    assert states(event)["title"] == TranslationState.MISSING
    assert "summary" not in states(event)  # nothing to translate
    row = rows(event).get(field="title")
    assert row.division_id == division.pk and row.label == str(event)


def test_writing_the_arabic_clears_it(division):
    event = factories.EventFactory(organising_division=division, title_en="Ambassador day", title_ar="")
    event.title_ar = "يوم السفراء"
    event.save()
    assert "title" not in states(event)


def test_changing_the_english_after_the_arabic_makes_it_outdated(division):
    event = factories.EventFactory(organising_division=division, title_en="Ambassador day", title_ar="يوم السفراء")
    assert "title" not in states(event)

    event.title_en = "Ambassador day with the Contact Point Embassy"
    event.save()
    assert states(event)["title"] == TranslationState.OUTDATED

    # Saving something else leaves it outdated; updating the Arabic clears it.
    event.location_en = "Baghdad"
    event.location_ar = "بغداد"
    event.save()
    assert states(event)["title"] == TranslationState.OUTDATED
    event.title_ar = "يوم السفراء مع سفارة نقطة الاتصال"
    event.save()
    assert "title" not in states(event)


def test_changing_both_languages_in_one_save_is_translated(division):
    event = factories.EventFactory(organising_division=division, title_en="Ambassador day", title_ar="يوم السفراء")
    event.title_en, event.title_ar = "Information day", "يوم تعريفي"
    event.save()
    assert "title" not in states(event)


def test_a_save_of_other_fields_changes_no_row(division):
    event = factories.EventFactory(organising_division=division, title_en="Ambassador day", title_ar="")
    before = rows(event).get(field="title").english_changed_at
    event.save(update_fields=["visibility"])
    assert rows(event).get(field="title").english_changed_at == before


def test_deleting_the_record_removes_its_rows(division):
    event = factories.EventFactory(organising_division=division, title_en="Ambassador day", title_ar="")
    assert rows(event).exists()
    event.delete()
    assert not rows(event).exists()


def test_the_division_follows_the_record(division, other_division):
    objective = factories.ObjectiveFactory(owning_division=division, title_en="Cyber", title_ar="")
    line = factories.LineOfEffortFactory(objective=objective, title_en="Curriculum development", title_ar="")
    assert rows(line).get(field="title").division_id == division.pk
    nation = factories.NationFactory(name_en="Italy", name_ar="")
    assert rows(nation).get(field="name").division_id is None


def test_a_save_that_changes_no_text_costs_no_query_of_its_own(division):
    event = factories.EventFactory(organising_division=division, title_en="Ambassador day", title_ar="")
    event.visibility = "internal"
    with CaptureQueriesContext(connection) as queries:
        event.save()
    assert not [query for query in queries if "translations_pendingtranslation" in query["sql"]]
    assert states(event)["title"] == TranslationState.MISSING


def test_a_record_moved_to_another_division_takes_its_rows_along(division, other_division):
    factories.EventFactory(organising_division=division, title_en="Ambassador day", title_ar="")
    event = Event.objects.get(title_en="Ambassador day")  # read afresh: no snapshot
    event.organising_division = other_division
    event.save()
    assert rows(event).get(field="title").division_id == other_division.pk
