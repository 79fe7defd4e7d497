"""Nested summaries in API lists are read as plain values
(nmi_site.api.views.NestedSummaries); they must say exactly what the
summary serializer says of the records the pages prefetch: the same
visible records, in the same order, in the same language."""

import pytest
from django.utils import translation

from missions.api.serializers import InstitutionSummarySerializer, NationSummarySerializer, PartnerSummarySerializer
from missions.models import Institution, Nation, PartnerOrganisation
from nmi_site.access.models import PartnerKey
from nmi_site.api.views import NestedSummaries
from nmi_site.content.visibility import Visibility, visible_prefetch
from objectives.api.serializers import ObjectiveSummarySerializer
from objectives.models import LongTermObjective
from outreach.models import Event
from tests import factories

pytestmark = pytest.mark.django_db

RELATIONS = (
    ("nations", Nation, NationSummarySerializer),
    ("partner_organisations", PartnerOrganisation, PartnerSummarySerializer),
    ("institutions", Institution, InstitutionSummarySerializer),
    ("objectives", LongTermObjective, ObjectiveSummarySerializer),
)


@pytest.fixture
def events(division):
    """Two events sharing related records of every visibility, some with
    no Arabic name, linked in an order that is not the models' order."""
    public, partners_only, internal = Visibility.PUBLIC, Visibility.PARTNERS, Visibility.INTERNAL

    def named(factory, *rows):
        return [factory(name=name, name_ar=arabic, visibility=level) for name, arabic, level in rows]

    nations = named(
        factories.NationFactory,
        ("Norway", "النرويج", public),
        ("Albania", "", public),
        ("Canada", "كندا", partners_only),
        ("Denmark", "الدنمارك", internal),
    )
    partners = named(
        factories.PartnerOrganisationFactory,
        ("UNAMI", "يونامي", public),
        ("EUAM Iraq", "بعثة الاتحاد الأوروبي", partners_only),
        ("Coalition", "التحالف", public),
    )
    institutions = named(
        factories.InstitutionFactory,
        ("War College", "كلية الحرب", public),
        ("Defence Ministry", "وزارة الدفاع", internal),
        ("Academy", "الأكاديمية", public),
    )
    objectives = [
        factories.ObjectiveFactory(owning_division=division, number=number, visibility=level)
        for number, level in [(7, public), (2, public), (5, partners_only)]
    ]
    first = factories.EventFactory(organising_division=division)
    second = factories.EventFactory(organising_division=division)
    first.nations.set(nations)
    first.partner_organisations.set(partners)
    first.institutions.set(institutions)
    first.objectives.set(objectives)
    second.nations.set(nations[1:3])
    second.objectives.set(objectives[2:])
    factories.EventFactory(organising_division=division)  # nothing linked
    return Event.objects.order_by("pk")


def viewers():
    partner_key, _ = PartnerKey.issue(
        partner=factories.PartnerOrganisationFactory(), label="partner", scopes=["api:read"]
    )
    return {"anonymous": None, "partner": partner_key, "staff": factories.StaffFactory()}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_summaries_match_what_the_serializer_says_of_the_prefetched_records(events, language):
    for name, viewer in viewers().items():
        with translation.override(language):
            expected = {}
            prefetched = events.prefetch_related(
                *(
                    visible_prefetch(lookup, model, viewer, to_attr=f"expected_{lookup}")
                    for lookup, model, _ in RELATIONS
                )
            )
            for event in prefetched:
                for lookup, _, serializer in RELATIONS:
                    expected[event.pk, lookup] = serializer(getattr(event, f"expected_{lookup}"), many=True).data

            records = list(events)
            for lookup, _, serializer in RELATIONS:
                NestedSummaries(lookup, serializer, f"summaries_{lookup}").attach(records, viewer)
            for event in records:
                for lookup, _, serializer in RELATIONS:
                    got = getattr(event, f"summaries_{lookup}")
                    assert got == expected[event.pk, lookup], (name, language, lookup)
                    assert all(list(summary) == list(serializer.Meta.fields) for summary in got)


def test_arabic_summaries_fall_back_to_english_and_follow_the_arabic_order(events):
    with translation.override("ar"):
        records = list(events)
        NestedSummaries("nations", NationSummarySerializer, "summaries").attach(records, None)
    # Ordered by the Arabic name as the model's own queries are in Arabic;
    # Albania has none and shows its English name.
    assert [nation["name"] for nation in records[0].summaries] == ["Albania", "النرويج"]


def test_hidden_related_records_never_appear_in_the_api(api, events):
    anonymous = api.get("/api/v1/events/").json()["results"]
    first = next(event for event in anonymous if event["id"] == events[0].pk)

    assert [nation["name"] for nation in first["nations"]] == ["Albania", "Norway"]
    assert [partner["name"] for partner in first["partner_organisations"]] == ["Coalition", "UNAMI"]
    assert [institution["name"] for institution in first["institutions"]] == ["Academy", "War College"]
    assert [objective["number"] for objective in first["objectives"]] == [2, 7]
    detail = api.get(f"/api/v1/events/{events[0].pk}/").json()
    assert detail["nations"] == first["nations"]
    assert detail["objectives"] == first["objectives"]
