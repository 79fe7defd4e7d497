"""The list of texts to translate: Editors see their divisions' records,
Reviewers and Administrators every record; each row links to the record;
a constant number of queries; nothing is written there."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nmi_site.translations.models import PendingTranslation
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("admin:translations_pendingtranslation_changelist")


@pytest.fixture
def untranslated(division, other_division):
    own = factories.EventFactory(organising_division=division, title_en="Our ambassador day", title_ar="")
    theirs = factories.EventFactory(organising_division=other_division, title_en="Their seminar", title_ar="")
    nation = factories.NationFactory(name_en="Freedonia", name_ar="")
    return own, theirs, nation


def test_an_editor_sees_their_divisions_records_only(editor_client, untranslated):
    own, _theirs, _nation = untranslated
    page = editor_client.get(URL).text
    assert "Our ambassador day" in page
    assert reverse("admin:outreach_event_change", args=[own.pk]) in page
    assert "Their seminar" not in page and "Freedonia" not in page


@pytest.mark.parametrize("role", ["reviewer", "administrator"])
def test_reviewers_and_administrators_see_every_record(client, untranslated, role):
    user = (
        factories.StaffFactory(roles=["Reviewer"]) if role == "reviewer" else factories.StaffFactory(is_superuser=True)
    )
    client.force_login(user)
    page = client.get(URL).text
    assert all(name in page for name in ("Our ambassador day", "Their seminar", "Freedonia"))
    assert "Arabic missing" in page


def test_the_list_takes_the_same_number_of_queries_as_rows_grow(admin_client, division, django_assert_max_num_queries):
    factories.EventFactory(organising_division=division, title_en="One", title_ar="")
    admin_client.get(URL)
    with CaptureQueriesContext(connection) as one:
        admin_client.get(URL)
    for number in range(10):
        factories.EventFactory(organising_division=division, title_en=f"Event {number}", title_ar="")
        factories.NationFactory(name_en=f"Nation {number}", name_ar="")
    with django_assert_max_num_queries(len(one)):
        admin_client.get(URL)


def test_nothing_is_added_changed_or_deleted_there(admin_client, untranslated):
    row = PendingTranslation.objects.first()
    assert admin_client.get(reverse("admin:translations_pendingtranslation_add")).status_code == 403
    response = admin_client.post(
        reverse("admin:translations_pendingtranslation_delete", args=[row.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert PendingTranslation.objects.filter(pk=row.pk).exists()


def test_my_work_lists_the_texts_to_translate(editor_client, untranslated):
    page = editor_client.get(reverse("admin:index")).text
    section = page[page.index('id="work-translations"') :]
    assert "Our ambassador day" in section.split("</div>")[0]
    assert "Title: Arabic missing" in section.split("</div>")[0]
