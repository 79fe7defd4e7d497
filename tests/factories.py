import datetime
import os
import socket
from decimal import Decimal
from urllib.parse import urlsplit

import factory
from django import test
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError  # noqa: F401  (re-exported for tests)
from django.forms import MultiWidget
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from advisory import models as advisory
from missions import models
from nmi_site.access.models import StaffProfile
from nmi_site.caching.responses import SIGNED_IN_COOKIE, signed_in_marker
from nmi_site.content.visibility import Visibility
from nmi_site.history.concurrency import version_of
from objectives import models as objectives
from outreach import models as outreach

# Every test account signs in with this password.
PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))


class StaffFactory(UserFactory):
    is_staff = True


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Mission

    name = factory.Sequence(lambda n: f"Mission {n}")
    short_name = "NMI"
    slug = factory.Sequence(lambda n: f"mission-{n}")
    nature = "non-combat advisory mission"
    launched_on = datetime.date(2018, 7, 1)
    launched_on_precision = "month"
    objective_count = 21
    visibility = Visibility.PUBLIC


class DivisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Division

    mission = factory.SubFactory(MissionFactory)
    name = factory.Sequence(lambda n: f"Division {n}")
    acronym = factory.Sequence(lambda n: f"D{n}")
    slug = factory.Sequence(lambda n: f"division-{n}")
    purpose = "Advises counterparts."
    visibility = Visibility.PUBLIC


class NationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Nation

    name = factory.Sequence(lambda n: f"Nation {n}")
    # Two capital letters, unique across the sequence.
    iso_code = factory.Sequence(lambda n: chr(65 + (n // 26) % 26) + chr(65 + n % 26))
    status = models.NationStatus.NATO_ALLY
    visibility = Visibility.PUBLIC


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Contribution

    mission = factory.SubFactory(MissionFactory)
    nation = factory.SubFactory(NationFactory)
    role = "Contributes advisors."


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Institution

    name = factory.Sequence(lambda n: f"Institution {n}")
    slug = factory.Sequence(lambda n: f"institution-{n}")
    kind = models.InstitutionKind.MINISTRY
    visibility = Visibility.PUBLIC


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PartnerOrganisation

    name = factory.Sequence(lambda n: f"Partner {n}")
    acronym = factory.Sequence(lambda n: f"P{n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    kind = models.PartnerKind.UN
    visibility = Visibility.PUBLIC


class CapabilityAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CapabilityArea

    name = factory.Sequence(lambda n: f"Capability {n}")
    slug = factory.Sequence(lambda n: f"capability-{n}")
    visibility = Visibility.PUBLIC


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Milestone

    mission = factory.SubFactory(MissionFactory)
    date = factory.Sequence(lambda n: datetime.date(2018, 1, 1) + datetime.timedelta(days=n))
    title = factory.Sequence(lambda n: f"Milestone {n}")
    kind = models.MilestoneKind.OTHER
    visibility = Visibility.PUBLIC


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Programme
        skip_postgeneration_save = True

    division = factory.SubFactory(DivisionFactory)
    name = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    visibility = Visibility.PUBLIC

    @factory.post_generation
    def partner_organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.partner_organisations.set(extracted)

    @factory.post_generation
    def nations(self, create, extracted, **kwargs):
        if create and extracted:
            self.nations.set(extracted)

    @factory.post_generation
    def institutions(self, create, extracted, **kwargs):
        if create and extracted:
            self.institutions.set(extracted)


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Lesson

    mission = factory.SubFactory(MissionFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Lesson {n}")
    stage = models.LessonStage.LEARNED
    visibility = Visibility.PUBLIC


class TrustFundContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TrustFundContribution

    mission = factory.SubFactory(MissionFactory)
    year = 2018
    amount_eur = Decimal("1130000.00")
    purpose = "Demining."
    visibility = Visibility.PUBLIC


def make_editor(*divisions, **kwargs):
    """A staff user in the Editor group who edits ``divisions``."""
    user = StaffFactory(roles=["Editor"], **kwargs)
    profile, _ = StaffProfile.objects.get_or_create(user=user)
    profile.divisions.set(divisions)
    return user


# Objectives ------------------------------------------------------------------


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = objectives.LongTermObjective

    mission = factory.SelfAttribute("owning_division.mission")
    owning_division = factory.SubFactory(DivisionFactory)
    title = factory.Sequence(lambda n: f"Objective {n}")
    slug = factory.Sequence(lambda n: f"objective-{n}")
    statement = "Iraq's institutions do better."
    visibility = Visibility.PUBLIC


class LineOfEffortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = objectives.LineOfEffort

    objective = factory.SubFactory(ObjectiveFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Line {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = objectives.Indicator

    objective = factory.SubFactory(ObjectiveFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "courses"
    baseline_value = Decimal("2")
    target_value = Decimal("20")


class ReportFactory(factory.django.DjangoModelFactory):
    """A report in any state, written directly (bypassing the workflow) for
    tests that need one as a starting point."""

    class Meta:
        model = objectives.ProgressReport

    objective = factory.SubFactory(ObjectiveFactory)
    # One half-year a year, long past (reports are submitted once their
    # period has ended): year 1000 + n stays in the past for a thousand reports.
    period_start = factory.Sequence(lambda n: datetime.date(1000 + n, 1, 1))
    period_end = factory.LazyAttribute(lambda report: report.period_start.replace(month=6, day=30))
    percent_complete = 40
    status = objectives.ReportStatus.ON_TRACK
    narrative = "Work goes on."
    state = objectives.ReportState.DRAFT

    class Params:
        approved = factory.Trait(
            state=objectives.ReportState.APPROVED,
            submitted_at=factory.LazyFunction(timezone.now),
            reviewed_at=factory.LazyFunction(timezone.now),
        )
        submitted = factory.Trait(
            state=objectives.ReportState.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now)
        )
        returned = factory.Trait(
            state=objectives.ReportState.RETURNED,
            submitted_at=factory.LazyFunction(timezone.now),
            reviewed_at=factory.LazyFunction(timezone.now),
            review_note="Please add figures.",
        )


class MeasurementFactory(factory.django.DjangoModelFactory):
    """A measurement of a report in any state (inserted directly: a
    submitted or approved report's measurements are not saved one by one)."""

    class Meta:
        model = objectives.Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    report = factory.SubFactory(ReportFactory, objective=factory.SelfAttribute("..indicator.objective"))
    actual_value = Decimal("5")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        (measurement,) = model_class.objects.bulk_create([model_class(*args, **kwargs)])
        return measurement


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = objectives.PlanOnAPage

    objective = factory.SubFactory(ObjectiveFactory)
    version = factory.Sequence(lambda n: n + 1)
    state = objectives.PlanState.AGREED
    agreed_on = datetime.date(2024, 3, 1)
    change_summary = "First agreed version."


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = objectives.PlannedActivity

    plan = factory.SubFactory(PlanFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Activity {n}")
    target = "2024-Q3"


class AchievementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = objectives.KeyAchievement

    division = factory.SubFactory(DivisionFactory)
    title = factory.Sequence(lambda n: f"Achievement {n}")
    visibility = Visibility.PUBLIC


class HandoverNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = objectives.HandoverNote

    objective = factory.SubFactory(ObjectiveFactory)
    tour_start = datetime.date(2024, 1, 1)
    tour_end = datetime.date(2024, 6, 30)
    summary = "Handover summary."


# Outreach --------------------------------------------------------------------


def baghdad(year, month, day, hour=0, minute=0):
    from zoneinfo import ZoneInfo

    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo("Asia/Baghdad"))


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = outreach.Event
        skip_postgeneration_save = True

    mission = factory.SelfAttribute("organising_division.mission")
    organising_division = factory.SubFactory(DivisionFactory)
    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = outreach.EventKind.SEMINAR
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=3))
    status = outreach.EventStatus.CONFIRMED
    summary = "A seminar."
    visibility = Visibility.PUBLIC

    @factory.post_generation
    def partner_organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.partner_organisations.set(extracted)

    @factory.post_generation
    def nations(self, create, extracted, **kwargs):
        if create and extracted:
            self.nations.set(extracted)

    @factory.post_generation
    def objectives(self, create, extracted, **kwargs):
        if create and extracted:
            self.objectives.set(extracted)


# Corporate memory ------------------------------------------------------------


class AdvisoryPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = advisory.AdvisoryPost
        skip_postgeneration_save = True

    division = factory.SubFactory(DivisionFactory)
    title = factory.Sequence(lambda n: f"Advisor to the Director {n}")
    duties = "Advises on training policy."


class TourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = advisory.Tour

    post = factory.SubFactory(AdvisoryPostFactory)
    holder_name = factory.Sequence(lambda n: f"Advisor {n}")
    starts_on = datetime.date(2026, 1, 1)
    ends_on = datetime.date(2026, 6, 30)


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = advisory.Engagement
        skip_postgeneration_save = True

    post = factory.SubFactory(AdvisoryPostFactory)
    held_on = datetime.date(2026, 3, 10)
    institution = factory.SubFactory(InstitutionFactory)
    purpose = "Agree the training calendar."


class HandoverFactory(factory.django.DjangoModelFactory):
    """A handover between two consecutive tours of one post, with no
    checklist (services.handover_start adds the standard one)."""

    class Meta:
        model = advisory.Handover

    post = factory.SubFactory(AdvisoryPostFactory)
    outgoing = factory.SubFactory(TourFactory, post=factory.SelfAttribute("..post"))
    incoming = factory.SubFactory(
        TourFactory,
        post=factory.SelfAttribute("..post"),
        starts_on=datetime.date(2026, 6, 16),
        ends_on=datetime.date(2026, 12, 31),
    )


class ChecklistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = advisory.ChecklistItem

    handover = factory.SubFactory(HandoverFactory)
    order = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Meet the counterpart's lead {n}")


class NextStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = advisory.NextStep

    engagement = factory.SubFactory(EngagementFactory)
    description = factory.Sequence(lambda n: f"Send the draft calendar {n}")
    owner = factory.SelfAttribute("engagement.post")
    due_on = datetime.date(2026, 4, 1)


# Admin form data -------------------------------------------------------------


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def form_data(response):
    """What the browser would send back: every field of the change form and
    of its inlines, as the page shows them."""
    data = {}

    def add(form):
        for field in form:
            value = field.value()
            if value is None:
                continue
            widget = field.field.widget
            if isinstance(widget, MultiWidget) and not isinstance(value, list | tuple):
                # A split date and time is sent as its parts.
                for index, part in enumerate(widget.decompress(value)):
                    data[f"{field.html_name}_{index}"] = "" if part is None else str(part)
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(item) for item in value]
            elif isinstance(value, bool):
                if value:
                    data[field.html_name] = "on"
            else:
                data[field.html_name] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", ()):
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


def programme_form(programme, **changes):
    """A programme's change form as the admin sends it, with its edit version."""
    return {
        "division": programme.division_id,
        "name_en": programme.name,
        "name_ar": "",
        "acronym": programme.acronym,
        "slug": programme.slug,
        "summary_en": programme.summary,
        "summary_ar": "",
        "edit_version": version_of(programme.updated_at),
        **changes,
    }


def event_form(mission, division, **changes):
    data = {
        "mission": mission.pk,
        "title_en": "Ambassador day",
        "title_ar": "",
        "slug": "ambassador-day",
        "kind": "ambassador-day",
        "status": "planned",
        "organising_division": division.pk,
        "starts_at_0": "2030-03-12",
        "starts_at_1": "09:00",
        "ends_at_0": "2030-03-12",
        "ends_at_1": "13:00",
        "location_en": "Baghdad",
        "location_ar": "",
        "audience_en": "",
        "audience_ar": "",
        "summary_en": "",
        "summary_ar": "",
        "outcome_en": "",
        "outcome_ar": "",
    }
    data.update(changes)
    return data


# Pages, API callers and services ---------------------------------------------


def public_paths():
    """One page of every public kind, from the loaded source data."""
    division = models.Division.objects.visible_to(None).order_by("order", "pk").first()
    plan = objectives.PlanOnAPage.objects.visible_to(None).select_related("objective").order_by("pk").first()
    objective = objectives.LongTermObjective.objects.visible_to(None).order_by("number", "pk").first()
    event = outreach.Event.objects.visible_to(None).order_by("starts_at", "pk").first()
    return [
        "/",
        "/about/",
        "/structure/",
        division.get_absolute_url(),
        "/timeline/",
        "/nations-and-partners/",
        "/lessons/",
        "/objectives/",
        objective.get_absolute_url(),
        reverse("objectives:plan", args=[plan.objective.slug]),
        "/events/",
        "/events/past/",
        event.get_absolute_url(),
        "/search/",
        "/search/?q=training",
        "/accessibility/",
        "/sources/",
        "/site-map/",
        "/no-such-page/",
    ]


def arabic(path):
    return "/ar" + path


def client_with(secret):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def objective_at(level, mission, division):
    return ObjectiveFactory(owning_division=division, title=f"{level} objective", visibility=level)


API_RESOURCES = {
    "missions": lambda level, mission, division: MissionFactory(name=f"{level} mission", visibility=level),
    "divisions": lambda level, mission, division: DivisionFactory(
        mission=mission, name=f"{level} division", visibility=level
    ),
    "nations": lambda level, mission, division: NationFactory(name=f"{level} nation", visibility=level),
    "contributions": lambda level, mission, division: ContributionFactory(
        mission=mission, nation=NationFactory(visibility=level), role=f"{level} contribution"
    ),
    "institutions": lambda level, mission, division: InstitutionFactory(name=f"{level} institution", visibility=level),
    "partner-organisations": lambda level, mission, division: PartnerOrganisationFactory(
        name=f"{level} partner", visibility=level
    ),
    "capability-areas": lambda level, mission, division: CapabilityAreaFactory(name=f"{level} area", visibility=level),
    "milestones": lambda level, mission, division: MilestoneFactory(
        mission=mission, title=f"{level} milestone", visibility=level
    ),
    "programmes": lambda level, mission, division: ProgrammeFactory(
        division=division, name=f"{level} programme", visibility=level
    ),
    "lessons": lambda level, mission, division: LessonFactory(
        mission=mission, title=f"{level} lesson", visibility=level
    ),
    "trust-fund-contributions": lambda level, mission, division: TrustFundContributionFactory(
        mission=mission, purpose=f"{level} funding", visibility=level
    ),
    "objectives": objective_at,
    "reports": lambda level, mission, division: ReportFactory(
        objective=objective_at(level, mission, division), narrative=f"{level} report", approved=True
    ),
    "achievements": lambda level, mission, division: AchievementFactory(
        division=division, title=f"{level} achievement", visibility=level
    ),
    "plans": lambda level, mission, division: PlanFactory(
        objective=objective_at(level, mission, division), change_summary=f"{level} plan"
    ),
    "events": lambda level, mission, division: EventFactory(
        organising_division=division, title=f"{level} event", visibility=level
    ),
}


# A Redis for the tests that need a real one (a database of its own).
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def reachable(url):
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


# A browser ------------------------------------------------------------------


class Client(test.Client):
    """Django's test client; ``force_login`` also sets the signed-in marker
    that a real sign-in sets (nmi_site/caching/responses.py)."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        self.cookies[SIGNED_IN_COOKIE] = signed_in_marker(self.session.session_key)
