import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from outreach.models import Event, EventKind, EventStatus

pytestmark = pytest.mark.django_db


def test_loader_adds_the_reports_outreach_as_example_events():
    call_command("load_source_data")

    kinds = {kind: Event.objects.filter(kind=kind).count() for kind in EventKind.values}
    assert kinds[EventKind.AMBASSADOR_DAY] == 4
    assert kinds[EventKind.INFORMATION_DAY] == 2
    assert kinds[EventKind.SECURITY_CONTACT_GROUP] == 5
    assert kinds[EventKind.COURSE] == 8
    assert set(Event.objects.values_list("is_example", "visibility")) == {(True, "public")}
    now = timezone.now()
    assert Event.objects.filter(ends_at__lt=now).exists()
    assert Event.objects.filter(starts_at__gt=now).exists()
    assert set(
        Event.objects.get(slug="security-contact-group-1").partner_organisations.values_list("acronym", flat=True)
    ) == {
        "EUAM-I",
        "UNAMI",
        "UNDP",
        "CJTF-OIR",
    }
    assert Event.objects.get(slug="ambassador-day-1").nations.get().iso_code == "IT"
    assert Event.objects.filter(status=EventStatus.CANCELLED).exists()
    assert Event.objects.filter(all_day=True, kind=EventKind.COURSE).count() == 8


def test_events_are_made_once_whatever_the_day():
    call_command("load_source_data")
    before = sorted(Event.objects.values_list("slug", "starts_at", "updated_at"))

    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2031, 6, 1)):
        call_command("load_source_data")

    assert sorted(Event.objects.values_list("slug", "starts_at", "updated_at")) == before


def test_facts_only_loads_no_events():
    call_command("load_source_data", "--facts-only")

    assert not Event.objects.exists()
