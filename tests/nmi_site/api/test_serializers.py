"""The API's serializers answer a record exactly as DRF would
(nmi_site.api.serializers): the plan that reads model columns straight
from the instance, and the plan that reads a list from ``values()`` rows,
give the same representation as DRF's own field-by-field path."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import get_resolver
from django.utils import translation
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from nmi_site.access.models import PartnerKey
from nmi_site.api.serializers import datetime_writer
from nmi_site.api.views import VisibleViewSetMixin
from outreach.api.serializers import EventSerializer
from outreach.api.views import EventViewSet
from outreach.models import Event
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    call_command("load_source_data", stdout=io.StringIO())


def list_viewsets():
    """Every API view set with a list, from the URL configuration."""
    found = {}

    def walk(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns)
                continue
            view = getattr(pattern.callback, "cls", None)
            actions = getattr(pattern.callback, "actions", {}) or {}
            if view is not None and issubclass(view, VisibleViewSetMixin) and "list" in actions.values():
                found[view.__name__] = view

    walk(get_resolver().url_patterns)
    return sorted(found.values(), key=lambda view: view.__name__)


def drf_representation(serializer, instance):
    """What DRF's own Serializer.to_representation answers."""
    return serializers.Serializer.to_representation(serializer, instance)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_list_serializer_answers_as_drf_does(loaded, language):
    viewsets = list_viewsets()
    assert len(viewsets) >= 10
    checked = 0
    staff = factories.StaffFactory()
    with translation.override(language):
        for viewset in viewsets:
            view = viewset()
            view.action, view.format_kwarg = "list", None
            view.request = APIRequestFactory().get("/")
            view.request.auth = view.request.user = staff  # sees every record
            serializer_class = view.get_serializer_class()
            records = list(view.get_queryset().order_by("pk")[:30])
            if not records:
                continue
            view.get_serializer(records, many=True)  # attaches the nested summaries
            serializer = serializer_class(context={"request": view.request})
            for record in records:
                assert serializer.to_representation(record) == drf_representation(serializer, record), (
                    viewset.__name__,
                    record.pk,
                )
                checked += 1
    assert checked > 100


def test_a_datetime_is_written_as_drf_writes_it():
    moment = datetime.datetime(2024, 3, 5, 9, 30, 15, 120000, tzinfo=datetime.UTC)
    in_baghdad = serializers.DateTimeField()
    in_utc = serializers.DateTimeField(default_timezone=datetime.UTC)
    with_format = serializers.DateTimeField(format="%d/%m/%Y")
    assert (
        datetime_writer(in_baghdad)(moment)
        == in_baghdad.to_representation(moment)
        == "2024-03-05T12:30:15.120000+03:00"
    )
    assert datetime_writer(in_utc)(moment) == in_utc.to_representation(moment) == "2024-03-05T09:30:15.120000Z"
    # A format of its own is left to DRF.
    assert datetime_writer(with_format) is None


def test_a_serializer_with_a_field_that_needs_an_instance_has_no_row_plan():
    class WithMethod(EventSerializer):
        shout = serializers.SerializerMethodField()

        class Meta(EventSerializer.Meta):
            fields = (*EventSerializer.Meta.fields, "shout")

        def get_shout(self, event):
            return event.title.upper()

    attached = frozenset(summaries.to_attr for summaries in EventViewSet.nested_summaries)
    assert EventSerializer().row_plan(attached=attached) is not None
    assert WithMethod().row_plan(attached=attached) is None
    # Without the nested summaries on the rows, the related lists need instances.
    assert EventSerializer().row_plan() is None


@pytest.fixture
def events(division, other_division):
    """Events with what the row plan must get right: no organising
    division, no Arabic, Arabic only in some fields, no outcome at all,
    and related records of every visibility."""
    nation = factories.NationFactory(name="Norway", name_ar="النرويج")
    hidden_nation = factories.NationFactory(name="Denmark", visibility="internal")
    partner = factories.PartnerOrganisationFactory(name="UNAMI", visibility="partners")
    made = [
        factories.EventFactory(organising_division=division, title="Seminar", title_ar="ندوة", outcome=""),
        factories.EventFactory(
            organising_division=None, mission=division.mission, title="Course", summary_ar="دورة تدريبية"
        ),
        factories.EventFactory(organising_division=other_division, visibility="partners", location="Baghdad"),
        factories.EventFactory(organising_division=division, visibility="internal"),
    ]
    Event.objects.filter(pk=made[1].pk).update(outcome_en=None, outcome_ar=None)
    made[0].nations.set([nation, hidden_nation])
    made[0].partner_organisations.set([partner])
    made[2].nations.set([nation])
    return made


def secret_of(kind):
    if kind == "anonymous":
        return None
    if kind == "partner":
        return PartnerKey.issue(partner=factories.PartnerOrganisationFactory(), label=kind, scopes=["api:read"])[1]
    user = factories.StaffFactory(is_superuser=True)
    return PartnerKey.issue(user=user, label=kind, scopes=["api:read"])[1]


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("kind", ["anonymous", "partner", "administrator"])
@pytest.mark.parametrize("query", [{}, {"ordering": "-starts_at"}, {"search": "seminar"}, {"page_size": 1, "page": 2}])
def test_the_event_list_read_from_rows_says_what_the_serializer_says_of_the_records(events, kind, language, query):
    if "search" in query and language == "ar":
        query = {"search": "ندوة"}  # the seminar's Arabic title
    secret = secret_of(kind)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}
    request = APIRequestFactory().get("/api/v1/events/", query, **headers)
    with translation.override(language):
        response = EventViewSet.as_view({"get": "list"})(request)
        assert response.status_code == 200
        answered = response.data["results"]
        assert answered, query

        viewer = response.renderer_context["request"].auth
        records = {event.pk: event for event in Event.objects.visible_to(viewer)}
        listed = [records[row["id"]] for row in answered]
        for summaries in EventViewSet.nested_summaries:
            summaries.attach(listed, viewer)
        expected = EventSerializer(listed, many=True).data
    assert answered == [dict(item) for item in expected]
    if kind == "anonymous":
        assert {row["visibility"] for row in answered} == {"public"}


def test_the_plans_were_checked_against_the_installed_drf():
    """The plans copy what DRF's fields do (Serializer.to_representation,
    Field.get_attribute, DateTimeField.to_representation): a new DRF release
    means checking them again, starting with the tests above."""
    import rest_framework

    pinned = next(
        line.split("==")[1].strip()
        for line in (Path(__file__).resolve().parents[3] / "requirements.txt").read_text().splitlines()
        if line.lower().startswith("djangorestframework==")
    )
    assert rest_framework.VERSION == pinned == "3.18.3"
