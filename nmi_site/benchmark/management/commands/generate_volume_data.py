"""Synthetic volume for benchmarks: years of reports and events.

``--scale 1`` adds, on top of the loaded data: every ISO 3166 country as a
nation, 30 partner organisations and 30 institutions, 2,000 events with
participants, 4 approved progress reports (with a measurement per
indicator) for each objective, and 20 advisory posts with two tours and
three engagements (two next steps each) apiece. ``--scale 10`` is ten
times that: 20,000 events, 40 reports per objective and 200 posts.

Everything generated is marked: events and reports are example data
("example" on the site), partner organisations, institutions and events
have slugs starting ``generated-``, report narratives start with
``GENERATED``, as do the titles of advisory posts. A new run first removes what an earlier run generated, so the
volume is always that of the last scale asked for. Bulk inserts write no
history; the caches are told once at the end."""

import datetime
import random
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from advisory.models import AdvisoryPost, Engagement, NextStep, Tour
from missions.models import (
    Division,
    Institution,
    InstitutionKind,
    Mission,
    Nation,
    NationStatus,
    PartnerKind,
    PartnerOrganisation,
)
from nmi_site.caching.generations import bulk_changes
from nmi_site.content.visibility import Visibility
from objectives.models import LongTermObjective, Measurement, ProgressReport, ReportState, ReportStatus
from outreach.models import Event, EventKind, EventStatus

MAX_SCALE = 50
PREFIX = "generated-"
REPORT_MARK = "GENERATED"
BATCH = 1000
# Most generated records are public; some are shared with partners or kept
# internal, so that visibility filtering has work to do.
VISIBILITY_MIX = [Visibility.PUBLIC] * 8 + [Visibility.PARTNERS, Visibility.INTERNAL]
CITIES = ["Baghdad", "Erbil", "Basra", "Mosul", "Najaf", "Kirkuk", "Sulaymaniyah", "Online"]


def positive_scale(value):
    try:
        scale = int(value)
    except ValueError:
        raise CommandError(f"--scale must be a whole number from 1 to {MAX_SCALE}, not {value!r}.") from None
    if not 1 <= scale <= MAX_SCALE:
        raise CommandError(f"--scale must be a whole number from 1 to {MAX_SCALE}, not {value!r}.")
    return scale


class Command(BaseCommand):
    help = "Generate synthetic volume data for benchmarks (flagged as generated)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", default="1", help=f"1 to {MAX_SCALE}; 10 gives 20,000 events.")
        parser.add_argument("--seed", type=int, default=2018, help="Random seed, for repeatable data.")

    def handle(self, *args, scale, seed, **options):
        scale = positive_scale(scale)
        mission = Mission.objects.first()
        divisions = list(Division.objects.all())
        objectives = list(LongTermObjective.objects.prefetch_related("indicators"))
        if mission is None or not divisions or not objectives:
            raise CommandError("Load the source data first: manage.py load_source_data")
        self.random = random.Random(seed)
        with transaction.atomic(), bulk_changes():
            self.remove_generated()
            nations = self.nations()
            partners = self.partners(30 * scale)
            institutions = self.institutions(30 * scale)
            events = self.events(mission, divisions, nations, partners, institutions, objectives, 2000 * scale)
            reports, measurements = self.reports(objectives, 4 * scale)
            posts = self.advisory(divisions, nations, institutions, objectives, 20 * scale)
            removed = self.removed(mission, divisions, 10 * scale)
        # As after any bulk load (PostgreSQL's "Populating a Database"): give
        # the query planner statistics of the new volume at once, rather
        # than when autovacuum (PostgreSQL) or nobody (SQLite) gets to it.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            f"Scale {scale}: {len(nations)} nations in all, {len(partners)} partner organisations, "
            f"{len(institutions)} institutions, {events} events, {reports} reports with "
            f"{measurements} measurements and {posts} advisory posts (with tours, engagements and next "
            f"steps) generated; {removed} public events generated and deleted (their tombstones)."
        )

    def removed(self, mission, divisions, count):
        """Public events made and deleted, so the tombstones' list has
        volume too (``/api/v1/removed/``)."""
        now = timezone.now()
        Event.objects.bulk_create(
            [
                Event(
                    mission=mission,
                    title_en=f"Deleted event {number}",
                    slug=f"{PREFIX}deleted-{number}",
                    kind=EventKind.SEMINAR,
                    starts_at=now,
                    ends_at=now + datetime.timedelta(hours=1),
                    organising_division=divisions[number % len(divisions)],
                    visibility=Visibility.PUBLIC,
                    is_example=True,
                )
                for number in range(1, count + 1)
            ]
        )
        Event.objects.filter(slug__startswith=f"{PREFIX}deleted-").delete()
        return count

    def remove_generated(self):
        # Engagements protect their posts and institutions: they go first.
        generated_posts = AdvisoryPost.objects.filter(title__startswith=REPORT_MARK)
        NextStep.objects.filter(owner__in=generated_posts).delete()
        Engagement.objects.filter(post__in=generated_posts).delete()
        generated_posts.delete()
        ProgressReport.objects.filter(narrative__startswith=REPORT_MARK).delete()
        Event.objects.filter(slug__startswith=PREFIX).delete()
        PartnerOrganisation.objects.filter(slug__startswith=PREFIX).delete()
        Institution.objects.filter(slug__startswith=PREFIX).delete()

    def visibility(self):
        return self.random.choice(VISIBILITY_MIX)

    def nations(self):
        import pycountry

        known = set(Nation.objects.values_list("iso_code", flat=True))
        statuses = [NationStatus.NATO_ALLY, NationStatus.PARTNER]
        Nation.objects.bulk_create(
            [
                Nation(
                    name_en=country.name[:100],
                    iso_code=country.alpha_2,
                    status=statuses[index % 2],
                    visibility=Visibility.PUBLIC,
                )
                for index, country in enumerate(pycountry.countries)
                if country.alpha_2 not in known
            ],
            batch_size=BATCH,
        )
        return list(Nation.objects.all())

    def partners(self, count):
        kinds = list(PartnerKind.values)
        PartnerOrganisation.objects.bulk_create(
            [
                PartnerOrganisation(
                    name_en=f"Partner organisation {number}",
                    acronym=f"PO{number}",
                    slug=f"{PREFIX}partner-{number}",
                    kind=kinds[number % len(kinds)],
                    summary_en="Generated for load testing.",
                    visibility=self.visibility(),
                )
                for number in range(1, count + 1)
            ],
            batch_size=BATCH,
        )
        return list(PartnerOrganisation.objects.filter(slug__startswith=PREFIX))

    def institutions(self, count):
        kinds = list(InstitutionKind.values)
        Institution.objects.bulk_create(
            [
                Institution(
                    name_en=f"Directorate of training {number}",
                    slug=f"{PREFIX}institution-{number}",
                    kind=kinds[number % len(kinds)],
                    summary_en="Generated for load testing.",
                    visibility=self.visibility(),
                )
                for number in range(1, count + 1)
            ],
            batch_size=BATCH,
        )
        return list(Institution.objects.filter(slug__startswith=PREFIX))

    def events(self, mission, divisions, nations, partners, institutions, objectives, count):
        kinds = list(EventKind.values)
        now = timezone.now().replace(minute=0, second=0, microsecond=0)
        # Five years back and one ahead, spread evenly.
        span_hours = 6 * 365 * 24
        events = []
        for number in range(1, count + 1):
            starts = now - datetime.timedelta(hours=5 * 365 * 24 - number * span_hours // count)
            held = starts < now
            kind = kinds[number % len(kinds)]
            city = CITIES[number % len(CITIES)]
            events.append(
                Event(
                    mission=mission,
                    title_en=f"{EventKind(kind).label} {number} in {city}",
                    slug=f"{PREFIX}event-{number}",
                    kind=kind,
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=3),
                    location_en=city,
                    online=city == "Online",
                    organising_division=divisions[number % len(divisions)],
                    status=EventStatus.HELD if held else EventStatus.CONFIRMED,
                    audience_en="Host-nation officials and partners",
                    summary_en=f"Generated event {number}: a {EventKind(kind).label.lower()} for load testing.",
                    visibility=self.visibility(),
                    is_example=True,
                )
            )
        Event.objects.bulk_create(events, batch_size=BATCH)
        events = list(Event.objects.filter(slug__startswith=PREFIX).only("pk"))
        pick = self.random.choice
        relations = (
            (Event.nations.through, "nation_id", nations, 2),
            (Event.partner_organisations.through, "partnerorganisation_id", partners, 1),
            (Event.institutions.through, "institution_id", institutions, 1),
            (Event.objectives.through, "longtermobjective_id", objectives, 1),
        )
        for through, column, choices, per_event in relations:
            rows = {(event.pk, pick(choices).pk) for event in events for _ in range(per_event) if choices}
            through.objects.bulk_create(
                [through(event_id=event_id, **{column: other_id}) for event_id, other_id in rows], batch_size=BATCH
            )
        return len(events)

    def reports(self, objectives, per_objective):
        """Approved monthly reports, in the months before each objective's
        earliest report, with a measurement for each of its indicators."""
        statuses = list(ReportStatus.values)
        reviewed = timezone.now()
        reports = []
        for objective in objectives:
            first = ProgressReport.objects.filter(objective=objective).order_by("period_start").first()
            month = (first.period_start if first else datetime.date.today()).replace(day=1)
            for number in range(per_objective):
                month = (month - datetime.timedelta(days=1)).replace(day=1)
                end = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
                reports.append(
                    ProgressReport(
                        objective=objective,
                        period_start=month,
                        period_end=end,
                        percent_complete=max(0, 60 - number),
                        status=statuses[number % len(statuses)],
                        narrative_en=f"{REPORT_MARK}: report {number + 1} for load testing.",
                        state=ReportState.APPROVED,
                        submitted_at=reviewed,
                        reviewed_at=reviewed,
                        is_example=True,
                    )
                )
        ProgressReport.objects.bulk_create(reports, batch_size=BATCH)
        created = ProgressReport.objects.filter(narrative__startswith=REPORT_MARK).select_related("objective")
        indicators = {objective.pk: list(objective.indicators.all()) for objective in objectives}
        measurements = [
            Measurement(
                report=report,
                indicator=indicator,
                actual_value=Decimal(self.random.randint(0, 100)),
            )
            for report in created
            for indicator in indicators[report.objective_id]
        ]
        Measurement.objects.bulk_create(measurements, batch_size=BATCH)
        return len(reports), len(measurements)

    def advisory(self, divisions, nations, institutions, objectives, count):
        """Posts with two tours each, and three engagements each with two
        next steps, for the staff-only API lists."""
        today = datetime.date.today()
        AdvisoryPost.objects.bulk_create(
            [
                AdvisoryPost(
                    division=divisions[number % len(divisions)],
                    title_en=f"{REPORT_MARK} advisory post {number}",
                    duties_en="Generated for load testing.",
                    is_example=True,
                )
                for number in range(1, count + 1)
            ],
            batch_size=BATCH,
        )
        posts = list(AdvisoryPost.objects.filter(title__startswith=REPORT_MARK).only("pk"))
        pick = self.random.choice
        tours, engagements = [], []
        for post in posts:
            for number in range(2):
                starts = today - datetime.timedelta(days=180 * (2 - number))
                tours.append(
                    Tour(
                        post=post,
                        holder_name=f"Advisor {post.pk}-{number}",
                        nation=pick(nations),
                        starts_on=starts,
                        ends_on=starts + datetime.timedelta(days=179),
                    )
                )
            for number in range(3):
                engagements.append(
                    Engagement(
                        post=post,
                        held_on=today - datetime.timedelta(days=30 * number),
                        institution=pick(institutions),
                        purpose=f"{REPORT_MARK}: engagement {number + 1} for load testing.",
                        is_example=True,
                    )
                )
        Tour.objects.bulk_create(tours, batch_size=BATCH)
        Engagement.objects.bulk_create(engagements, batch_size=BATCH)
        engagements = list(Engagement.objects.filter(post__in=posts).only("pk", "post_id", "held_on"))
        NextStep.objects.bulk_create(
            [
                NextStep(
                    engagement=engagement,
                    description=f"Next step {number + 1}",
                    owner_id=engagement.post_id,
                    due_on=engagement.held_on + datetime.timedelta(days=14 * (number + 1)),
                    done=number == 0,
                )
                for engagement in engagements
                for number in range(2)
            ],
            batch_size=BATCH,
        )
        relations = (
            (AdvisoryPost.institutions.through, "advisorypost_id", "institution_id", posts, institutions),
            (AdvisoryPost.objectives.through, "advisorypost_id", "longtermobjective_id", posts, objectives),
            (Engagement.objectives.through, "engagement_id", "longtermobjective_id", engagements, objectives),
        )
        for through, own, column, records, choices in relations:
            through.objects.bulk_create(
                [through(**{own: record.pk, column: pick(choices).pk}) for record in records], batch_size=BATCH
            )
        return len(posts)
