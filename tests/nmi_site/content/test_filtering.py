"""Filter lists of the public pages: visible records only, labelled as the
records name themselves, in the page's language with English as fallback."""

import pytest

from nmi_site.content.filtering import form_parameters
from nmi_site.content.visibility import Visibility
from outreach.api.filters import EventFilter as ApiEventFilter
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(division):
    division.name_ar = "قسم الاستشارات الوزارية"
    division.save()
    factories.PartnerOrganisationFactory(name="European Union Advisory Mission", acronym="EUAM", slug="euam")
    factories.PartnerOrganisationFactory(name="Hidden partner", slug="hidden", visibility=Visibility.INTERNAL)
    factories.EventFactory(organising_division=division)
    return division


def test_labels_follow_the_record_and_the_language(client, records):
    english = client.get("/events/").text
    assert '<option value="mad">Ministerial Advisory Division (MAD)</option>' in english
    assert '<option value="euam">European Union Advisory Mission (EUAM)</option>' in english
    arabic = client.get("/ar/events/").text
    assert '<option value="mad">قسم الاستشارات الوزارية (MAD)</option>' in arabic
    # No Arabic name: the English one.
    assert '<option value="euam">European Union Advisory Mission (EUAM)</option>' in arabic


def test_hidden_records_are_neither_listed_nor_accepted(client, records):
    page = client.get("/events/").text
    assert "Hidden partner" not in page
    response = client.get("/events/", {"partner": "hidden"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not response.context["events"]


def test_a_chosen_record_is_selected_and_filters(client, records):
    other = factories.EventFactory(organising_division=records, title="Partner seminar")
    other.partner_organisations.add(factories.PartnerOrganisationFactory(slug="nato-dcb", name="NATO DCB", acronym=""))
    response = client.get("/events/", {"partner": "nato-dcb"})
    assert '<option value="nato-dcb" selected>NATO DCB</option>' in response.text
    assert [event.title for event in response.context["events"]] == ["Partner seminar"]


def test_the_parameters_a_filter_set_reads_include_range_suffixes():
    names = form_parameters(filterset_class=ApiEventFilter)
    assert {"starts_after", "starts_before", "kind"} <= names
    assert "starts" not in names
