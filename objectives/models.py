"""Long-term objectives (LTOs), their progress over time, plans-on-a-page
and the handover notes that carry knowledge from one tour to the next."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nmi_site.access import rules
from nmi_site.content.dates import format_date, precision_check, precision_errors, precision_field
from nmi_site.content.models import ContentModel, ExampleFlagModel, PublishedModel
from nmi_site.content.search import search_document_field
from nmi_site.content.visibility import StaffOnlyQuerySet, VisibleQuerySet

PERCENT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]

#: Before anything the portal records.
EARLIEST = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def period_errors(start, end, start_field, end_field, message):
    if start and end and end < start:
        return {end_field: message}
    return {}


# Objectives ----------------------------------------------------------------


class ObjectiveStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")


# The progress status of an objective without an approved report.
NO_REPORT = "none"


class ObjectiveQuerySet(VisibleQuerySet):
    def with_progress(self, status):
        """The objectives whose latest approved report has ``status`` (a
        ReportStatus, or NO_REPORT for those without one)."""
        if status == NO_REPORT:
            return self.filter(latest_report__isnull=True)
        return self.filter(latest_report__status=status)

    def progress_counts(self):
        """How many of these objectives stand at each progress status of
        their latest approved report (NO_REPORT: none yet), per owning
        division: ``{division id: {status: count}}``, in one query."""
        counts = {}
        rows = (
            self.order_by()
            .values_list("owning_division_id", "latest_report__status")
            .annotate(count=models.Count("pk"))
        )
        for division, status, count in rows:
            counts.setdefault(division, {})[status or NO_REPORT] = count
        return counts

    def with_latest_progress(self):
        """Each objective with its latest current approved report: percent,
        status, period end and whether it is example data, as
        ``latest_percent``, ``latest_status``, ``latest_period_end`` and
        ``latest_is_example``, read through the stored ``latest_report``
        (one join, whatever the number of reports)."""
        return self.annotate(
            latest_percent=F("latest_report__percent_complete"),
            latest_status=F("latest_report__status"),
            latest_period_end=F("latest_report__period_end"),
            latest_is_example=F("latest_report__is_example"),
        )


def refresh_latest_reports(objective_ids):
    """Store again which report is the latest current approved one of each
    objective in ``objective_ids``: one UPDATE. Called wherever reports
    change (ProgressReport.save() and delete(), and the queryset's update(),
    bulk_create() and delete()), and after a restore."""
    latest = ProgressReport.objects.current().filter(objective=OuterRef("pk")).order_by("-period_end", "-pk")
    models.QuerySet.update(
        LongTermObjective._base_manager.filter(pk__in=objective_ids), latest_report=Subquery(latest.values("pk")[:1])
    )


class LongTermObjective(ExampleFlagModel, PublishedModel):
    mission = models.ForeignKey(
        "missions.Mission", on_delete=models.PROTECT, related_name="objectives", verbose_name=_("mission")
    )
    number = models.PositiveSmallIntegerField(
        _("number"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(21)],
        help_text=_("1 to 21. Leave empty when the objective's number is not known."),
    )
    slug = models.SlugField(_("slug"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    statement = models.TextField(_("statement"), blank=True)
    owning_division = models.ForeignKey(
        "missions.Division",
        on_delete=models.PROTECT,
        related_name="owned_objectives",
        verbose_name=_("owning division"),
    )
    supporting_divisions = models.ManyToManyField(
        "missions.Division",
        blank=True,
        related_name="supported_objectives",
        verbose_name=_("supporting divisions"),
        help_text=_("Shown on the objective's page; supporting divisions get no editing rights."),
    )
    institutions = models.ManyToManyField(
        "missions.Institution", blank=True, related_name="objectives", verbose_name=_("counterpart institutions")
    )
    capability_areas = models.ManyToManyField(
        "missions.CapabilityArea", blank=True, related_name="objectives", verbose_name=_("capability areas")
    )
    lessons = models.ManyToManyField(
        "missions.Lesson", blank=True, related_name="objectives", verbose_name=_("lessons learned")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ObjectiveStatus.choices, default=ObjectiveStatus.ACTIVE
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)

    visibility_parents = ("mission", "owning_division")
    division_path = "owning_division"
    cross_division_links = ("supporting_divisions",)

    objects = ObjectiveQuerySet.as_manager()

    # What site-wide search looks in (nmi_site.content.search).
    search_document = search_document_field({"title": "A", "statement": "B"})
    # Kept by the portal (refresh_latest_reports): the report whose progress
    # the dashboard, division pages and API show.
    latest_report = models.ForeignKey(
        "ProgressReport",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("latest approved report"),
    )

    class Meta:
        ordering = ("owning_division__order", "number", "title")
        verbose_name = _("long-term objective")
        verbose_name_plural = _("long-term objectives")
        constraints = [
            models.UniqueConstraint(
                fields=("mission", "number"),
                condition=Q(number__isnull=False),
                name="objectives_lto_unique_number",
                violation_error_message=_("Another objective of this mission already has this number."),
            ),
            models.UniqueConstraint(
                fields=("mission", "slug"),
                name="objectives_lto_unique_slug",
                violation_error_message=_("Another objective of this mission already has this slug."),
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=1, number__lte=21),
                name="objectives_lto_number_range",
                violation_error_message=_("Objectives are numbered from 1 to 21."),
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(target_date__isnull=True)
                | Q(target_date__gte=models.F("start_date")),
                name="objectives_lto_target_after_start",
                violation_error_message=_("The target date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.title}" if self.number else self.title

    @property
    def label(self):
        """How the objective is referred to: "LTO 9", or its title."""
        return f"LTO {self.number}" if self.number else ""

    def get_absolute_url(self):
        return reverse("objectives:detail", kwargs={"slug": self.slug})

    @property
    def status_label(self):
        """The readable status: ``get_status_display()`` without its per-call
        work of flattening the choices (the dashboard shows it on every row)."""
        try:
            return ObjectiveStatus(self.status).label
        except ValueError:
            return self.status

    def clean(self):
        errors = period_errors(
            self.start_date,
            self.target_date,
            "start_date",
            "target_date",
            _("The target date cannot be before the start date."),
        )
        if self.owning_division_id and self.mission_id and self.owning_division.mission_id != self.mission_id:
            errors["owning_division"] = _("Choose a division of the objective's mission.")
        if errors:
            raise ValidationError(errors)


class LineOfEffort(ContentModel):
    objective = models.ForeignKey(
        LongTermObjective, on_delete=models.CASCADE, related_name="lines_of_effort", verbose_name=_("objective")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    visibility_parents = ("objective",)
    division_path = "objective__owning_division"

    class Meta:
        ordering = ("objective", "order")
        verbose_name = _("line of effort")
        verbose_name_plural = _("lines of effort")
        constraints = [
            models.UniqueConstraint(
                fields=("objective", "order"),
                name="objectives_line_unique_order",
                violation_error_message=_("This objective already has a line of effort in this position."),
            ),
        ]

    def __str__(self):
        return self.title


class Measure(models.TextChoices):
    UNIT = "unit", _("Count of units")
    PERCENTAGE = "percentage", _("Percentage")
    QUALITATIVE = "qualitative", _("Qualitative")


class Indicator(ExampleFlagModel, ContentModel):
    """How progress towards an objective is measured. Field names follow the
    IATI results standard: baseline, target and (in measurements) actual."""

    objective = models.ForeignKey(
        LongTermObjective, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("objective")
    )
    line_of_effort = models.ForeignKey(
        LineOfEffort,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("line of effort"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    name = models.CharField(_("name"), max_length=200)
    measure = models.CharField(_("measure"), max_length=12, choices=Measure.choices, default=Measure.UNIT)
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("e.g. courses, instructors"))
    ascending = models.BooleanField(_("higher is better"), default=True)
    baseline_value = models.DecimalField(_("baseline value"), max_digits=12, decimal_places=2, null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target_value = models.DecimalField(_("target value"), max_digits=12, decimal_places=2, null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)

    visibility_parents = ("objective",)
    division_path = "objective__owning_division"

    class Meta:
        ordering = ("objective", "order", "name")
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(baseline_date__isnull=True)
                | Q(target_date__isnull=True)
                | Q(target_date__gte=models.F("baseline_date")),
                name="objectives_indicator_target_after_baseline",
                violation_error_message=_("The target date cannot be before the baseline date."),
            ),
            models.CheckConstraint(
                condition=~Q(measure="percentage")
                | (
                    (Q(baseline_value__isnull=True) | Q(baseline_value__gte=0, baseline_value__lte=100))
                    & (Q(target_value__isnull=True) | Q(target_value__gte=0, target_value__lte=100))
                ),
                name="objectives_indicator_percentage_range",
                violation_error_message=_("A percentage lies between 0 and 100."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def latest_measurement(self):
        """The newest current measurement, from the list a read prefetched
        as ``current_measurements`` (``measurements_prefetch``)."""
        measurements = getattr(self, "current_measurements", ())
        return measurements[0] if measurements else None

    def clean(self):
        errors = period_errors(
            self.baseline_date,
            self.target_date,
            "baseline_date",
            "target_date",
            _("The target date cannot be before the baseline date."),
        )
        if self.measure == Measure.PERCENTAGE:
            for field in ("baseline_value", "target_value"):
                value = getattr(self, field)
                if value is not None and not 0 <= value <= 100:
                    errors[field] = _("A percentage lies between 0 and 100.")
        if self.line_of_effort_id and self.objective_id and self.line_of_effort.objective_id != self.objective_id:
            errors["line_of_effort"] = _("Choose a line of effort of the same objective.")
        if errors:
            raise ValidationError(errors)


# Progress reports ----------------------------------------------------------


class ReportStatus(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    COMPLETED = "completed", _("Completed")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


class ProgressReportQuerySet(VisibleQuerySet):
    def approved(self):
        return self.filter(state=ReportState.APPROVED)

    def current(self):
        """Approved reports not replaced by a correction: the ones that count."""
        return self.approved().filter(is_superseded=False)

    def awaiting_review(self):
        return self.filter(state=ReportState.SUBMITTED)

    def reviewable_by(self, user):
        """Submitted reports ``user`` may approve or return: the four eyes of
        ``rules.can_review`` in SQL, for lists (a Reviewer who neither wrote
        the report nor changed what it says since it was last returned, as
        ``ProgressReport.content_editor_ids`` reads it)."""
        if not rules.reviews_reports(user):
            return self.none()
        last_return = (
            ReportTransition.objects.filter(report=OuterRef("pk"), to_state=ReportState.RETURNED)
            .order_by("-at")
            .values("at")[:1]
        )
        since = Coalesce(Subquery(last_return), Value(EARLIEST, output_field=models.DateTimeField()))
        changed_report = ProgressReport.history.filter(
            id=OuterRef("pk"),
            history_user_id=user.pk,
            history_change_reason=ProgressReport.CONTENT_CHANGE,
            history_date__gt=OuterRef("_since"),
        )
        changed_measurement = Measurement.history.filter(
            report_id=OuterRef("pk"), history_user_id=user.pk, history_date__gt=OuterRef("_since")
        )
        return (
            self.awaiting_review()
            .exclude(author_id=user.pk)
            .annotate(_since=since)
            .exclude(Exists(changed_report))
            .exclude(Exists(changed_measurement))
        )

    # Writes that go past ProgressReport.save() keep each objective's latest
    # report right all the same.

    def update(self, **kwargs):
        with transaction.atomic(using=self.db, savepoint=False):
            objectives = set(self.values_list("objective_id", flat=True))
            count = super().update(**kwargs)
            refresh_latest_reports(objectives | set(self.values_list("objective_id", flat=True)))
        return count

    update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        objs = super().bulk_create(objs, *args, **kwargs)
        refresh_latest_reports({obj.objective_id for obj in objs})
        return objs

    def delete(self):
        with transaction.atomic(using=self.db, savepoint=False):
            objectives = set(self.values_list("objective_id", flat=True))
            deleted = super().delete()
            refresh_latest_reports(objectives)
        return deleted

    delete.alters_data = True


class ProgressReport(ExampleFlagModel, ContentModel):
    """An objective's progress over one reporting period.

    Workflow: draft → submitted → approved, or submitted → returned →
    submitted again (see ``objectives.services``). Approved reports never
    change; a correction is a new report for the same period that supersedes
    the approved one once it is approved itself."""

    # Reports are the mission's record: deleting an objective that has any
    # is refused rather than taking them with it.
    objective = models.ForeignKey(
        LongTermObjective, on_delete=models.PROTECT, related_name="reports", verbose_name=_("objective")
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    percent_complete = models.PositiveSmallIntegerField(
        _("percent complete"), validators=PERCENT_VALIDATORS, help_text=_("Overall progress, 0 to 100.")
    )
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.ON_TRACK)
    narrative = models.TextField(_("narrative"), blank=True)
    achievements = models.TextField(_("achievements"), blank=True)
    obstacles = models.TextField(_("obstacles"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)

    state = models.CharField(
        _("workflow state"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT, editable=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
        editable=False,
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
        editable=False,
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True, editable=False)
    review_note = models.TextField(_("review note"), blank=True, editable=False)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("corrects"),
        help_text=_("The approved report this one corrects. It replaces that report once approved."),
    )
    is_superseded = models.BooleanField(_("superseded"), default=False, editable=False)

    visibility_parents = ("objective",)
    division_path = "objective__owning_division"
    # Only staff ever see reports that are not approved.
    published_rule = ("state", frozenset({ReportState.APPROVED}))

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        ordering = ("objective", "-period_end", "-pk")
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        permissions = [("review_progressreport", _("Can approve or return progress reports"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_complete__gte=0, percent_complete__lte=100),
                name="objectives_report_percent_range",
                violation_error_message=_("Percent complete lies between 0 and 100."),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="objectives_report_period_order",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            # One report per objective and period among those not superseded.
            # A correction counts once approved; until then the report it
            # corrects stands.
            models.UniqueConstraint(
                fields=("objective", "period_start", "period_end"),
                condition=Q(is_superseded=False) & (Q(supersedes__isnull=True) | Q(state="approved")),
                name="objectives_report_one_per_period",
                violation_error_message=_("This objective already has a report for this period."),
            ),
            # The workflow's states carry what they need.
            models.CheckConstraint(
                condition=Q(state="draft") | Q(submitted_at__isnull=False),
                name="objectives_report_submitted_has_time",
            ),
            # The reviewer's account may later be deleted (reviewed_by is then
            # empty), but the time of the review stays.
            models.CheckConstraint(
                condition=~Q(state__in=["approved", "returned"]) | Q(reviewed_at__isnull=False),
                name="objectives_report_reviewed_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(state="returned") | ~Q(review_note=""),
                name="objectives_report_returned_has_note",
            ),
            models.CheckConstraint(
                condition=Q(is_superseded=False) | Q(state="approved"),
                name="objectives_report_only_approved_superseded",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["draft", "submitted", "returned", "approved"]),
                name="objectives_report_known_state",
            ),
        ]

    def __str__(self):
        return f"{self.objective} — {format_date(self.period_start)} to {format_date(self.period_end)}"

    # The change reason of a save that changed what the report says (as
    # opposed to a workflow step): see ``content_editor_ids``.
    CONTENT_CHANGE = "content changed"

    def content_editor_ids(self):
        """The ids of everyone who changed what this report says (its fields
        or its measurements) since it was last returned, or ever if it never
        was. Nobody of them may approve it."""
        if self.pk is None:
            return frozenset()
        if not hasattr(self, "_content_editor_ids"):
            since = self.transitions.filter(to_state=ReportState.RETURNED).aggregate(latest=models.Max("at"))["latest"]
            changes = [
                self.history.filter(history_change_reason=self.CONTENT_CHANGE),
                Measurement.history.filter(report_id=self.pk),
            ]
            if since is not None:
                changes = [history.filter(history_date__gt=since) for history in changes]
            self._content_editor_ids = frozenset(
                user_id
                for history in changes
                for user_id in history.values_list("history_user_id", flat=True)
                if user_id is not None
            )
        return self._content_editor_ids

    @property
    def is_locked(self):
        """Approved reports are never changed; submitted ones wait for review."""
        return self.state in (ReportState.APPROVED, ReportState.SUBMITTED)

    # Marking an approved report as superseded by its correction is the one
    # change an approved report accepts.
    SUPERSEDING_FIELDS = frozenset({"is_superseded", "updated_at"})

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        superseding = update_fields is not None and set(update_fields) <= self.SUPERSEDING_FIELDS
        # Its Arabic may be written or corrected later: a translation of
        # what was approved, not a change of it.
        translating = update_fields is not None and all(
            name.endswith("_ar") or name == "updated_at" for name in update_fields
        )
        if (
            not self._state.adding
            and not superseding
            and not translating
            and ProgressReport.objects.filter(pk=self.pk, state=ReportState.APPROVED).exists()
        ):
            raise ValidationError(_("An approved report cannot be changed. Write a correction instead."))
        with transaction.atomic(savepoint=False):
            super().save(*args, **kwargs)
            refresh_latest_reports([self.objective_id])

    def delete(self, *args, **kwargs):
        if ProgressReport.objects.filter(pk=self.pk, state=ReportState.APPROVED).exists():
            raise ValidationError(_("An approved report cannot be deleted. Write a correction instead."))
        with transaction.atomic(savepoint=False):
            deleted = super().delete(*args, **kwargs)
            refresh_latest_reports([self.objective_id])
        return deleted

    def clean(self):
        errors = period_errors(
            self.period_start,
            self.period_end,
            "period_start",
            "period_end",
            _("The period cannot end before it starts."),
        )
        if not errors and self.objective_id and self.period_start and self.period_end:
            errors.update(self._period_errors())
        if errors:
            raise ValidationError(errors)

    def _period_errors(self):
        if self.supersedes_id:
            original = self.supersedes
            if original.objective_id != self.objective_id:
                return {"supersedes": _("A correction must be for the same objective.")}
            if (original.period_start, original.period_end) != (self.period_start, self.period_end):
                return {"period_start": _("A correction covers the same period as the report it corrects.")}
            if original.state != ReportState.APPROVED or original.is_superseded:
                return {"supersedes": _("Only the current approved report of a period can be corrected.")}
            return {}
        # Periods of an objective's reports do not overlap (corrections share
        # their original's period and are checked above).
        overlapping = (
            ProgressReport.objects.filter(
                objective_id=self.objective_id,
                is_superseded=False,
                period_start__lte=self.period_end,
                period_end__gte=self.period_start,
            )
            .exclude(pk=self.pk)
            .exclude(
                supersedes__isnull=False, state__in=[ReportState.DRAFT, ReportState.SUBMITTED, ReportState.RETURNED]
            )
        )
        if overlapping.exists():
            return {
                "period_start": _(
                    "This period overlaps another report of this objective. To change an approved report, "
                    "write a correction."
                )
            }
        return {}


class ReportAwaitingReview(ProgressReport):
    """Submitted reports, as the reviewers' queue in the admin."""

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        proxy = True
        verbose_name = _("report awaiting review")
        # Read in the admin as "Reports awaiting review" and "0 reports awaiting review".
        verbose_name_plural = _("reports awaiting review")


class ReportTransition(models.Model):
    """One step of a report's workflow: who moved it, when, and why."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("report")
    )
    from_state = models.CharField(_("from"), max_length=10, choices=ReportState.choices)
    to_state = models.CharField(_("to"), max_length=10, choices=ReportState.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ("report", "at", "pk")
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")

    def __str__(self):
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"


class MeasurementQuerySet(VisibleQuerySet):
    def current(self):
        """Measurements of current approved reports, newest period first:
        the ones that count as an indicator's actual value."""
        return (
            self.filter(report__state=ReportState.APPROVED, report__is_superseded=False)
            .select_related("report")
            .order_by("-report__period_end")
        )


class Measurement(ContentModel):
    """An indicator's actual value as reported in one progress report."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="measurements", verbose_name=_("indicator")
    )
    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="measurements", verbose_name=_("report")
    )
    actual_value = models.DecimalField(_("actual value"), max_digits=12, decimal_places=2)
    note = models.TextField(_("note"), blank=True)

    visibility_parents = ("report",)
    division_path = "report__objective__owning_division"

    objects = MeasurementQuerySet.as_manager()

    class Meta:
        ordering = ("report", "indicator__order")
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(
                fields=("indicator", "report"),
                name="objectives_measurement_once_per_report",
                violation_error_message=_("This report already has a measurement for this indicator."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.actual_value}"

    def save(self, *args, **kwargs):
        self._refuse_if_report_locked()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_report_locked()
        return super().delete(*args, **kwargs)

    def _refuse_if_report_locked(self):
        if ProgressReport.objects.filter(
            pk=self.report_id, state__in=[ReportState.SUBMITTED, ReportState.APPROVED]
        ).exists():
            raise ValidationError(_("The measurements of a submitted or approved report cannot be changed."))

    def clean(self):
        errors = {}
        # On a new report the report is not saved yet: compare the objects.
        indicator, report = getattr(self, "indicator", None), getattr(self, "report", None)
        if indicator and report and indicator.objective_id != report.objective_id:
            errors["indicator"] = _("Choose an indicator of the report's objective.")
        elif (
            indicator
            and self.actual_value is not None
            and indicator.measure == Measure.PERCENTAGE
            and not 0 <= self.actual_value <= 100
        ):
            errors["actual_value"] = _("A percentage lies between 0 and 100.")
        if errors:
            raise ValidationError(errors)


# Achievements ----------------------------------------------------------------


class KeyAchievement(ExampleFlagModel, PublishedModel):
    division = models.ForeignKey(
        "missions.Division", on_delete=models.PROTECT, related_name="achievements", verbose_name=_("division")
    )
    objective = models.ForeignKey(
        LongTermObjective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="achievements",
        verbose_name=_("objective"),
    )
    achieved_from = models.DateField(_("from"), null=True, blank=True)
    achieved_by = models.DateField(_("by"), null=True, blank=True)
    date_precision = precision_field(_("date precision"))
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)

    visibility_parents = ("division", "objective")
    division_path = "division"

    class Meta:
        ordering = ("division__order", "-achieved_by", "-achieved_from", "title")
        verbose_name = _("key achievement")
        verbose_name_plural = _("key achievements")
        constraints = [
            precision_check("achieved_from", "date_precision"),
            precision_check("achieved_by", "date_precision"),
            models.CheckConstraint(
                condition=Q(achieved_from__isnull=True)
                | Q(achieved_by__isnull=True)
                | Q(achieved_by__gte=models.F("achieved_from")),
                name="objectives_achievement_period_order",
                violation_error_message=_("'By' cannot be before 'from'."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def when(self):
        start = format_date(self.achieved_from, self.date_precision)
        end = format_date(self.achieved_by, self.date_precision)
        if start and end:
            return f"{start} – {end}"
        if start:
            return _("since %(date)s") % {"date": start}
        if end:
            return _("by %(date)s") % {"date": end}
        return ""

    def clean(self):
        errors = {
            **precision_errors(self.achieved_from, self.date_precision, "achieved_from"),
            **precision_errors(self.achieved_by, self.date_precision, "achieved_by"),
            **period_errors(
                self.achieved_from, self.achieved_by, "achieved_from", "achieved_by", _("'By' cannot be before 'from'.")
            ),
        }
        if errors:
            raise ValidationError(errors)


# Plans-on-a-page ---------------------------------------------------------------


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting agreement")
    AGREED = "agreed", _("Agreed")
    SUPERSEDED = "superseded", _("Superseded")


class PlanOnAPage(ExampleFlagModel, ContentModel):
    """A programme of activities agreed with a counterpart, kept to one page
    so that each advisor starts where the predecessor stopped."""

    objective = models.ForeignKey(
        LongTermObjective, on_delete=models.CASCADE, related_name="plans", verbose_name=_("objective")
    )
    institution = models.ForeignKey(
        "missions.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("agreed with"),
    )
    version = models.PositiveSmallIntegerField(_("version"), validators=[MinValueValidator(1)])
    state = models.CharField(_("state"), max_length=10, choices=PlanState.choices, default=PlanState.DRAFT)
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    counterpart_role = models.CharField(
        _("agreed by (role)"),
        max_length=200,
        blank=True,
        help_text=_("The counterpart's role, as the plan page shows it: e.g. 'Director of Training'."),
    )
    counterpart_name = models.CharField(
        _("agreed by (name, internal)"),
        max_length=120,
        blank=True,
        help_text=_("Kept for staff only: public pages name roles, never people."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    change_summary = models.TextField(
        _("what this version changed"), blank=True, help_text=_("Shown in the plan's public history.")
    )
    # Who asked for this version to be agreed, and when: a Reviewer other
    # than them records the agreement (see objectives.services).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
        editable=False,
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)

    visibility_parents = ("objective",)
    division_path = "objective__owning_division"

    # Drafts and versions awaiting agreement are work in progress, never
    # published.
    published_rule = ("state", frozenset({PlanState.AGREED, PlanState.SUPERSEDED}))

    class Meta:
        ordering = ("objective", "-version")
        verbose_name = _("plan-on-a-page")
        verbose_name_plural = _("plans-on-a-page")
        constraints = [
            models.UniqueConstraint(
                fields=("objective", "version"),
                name="objectives_plan_unique_version",
                violation_error_message=_("This objective already has a plan with this version number."),
            ),
            models.UniqueConstraint(
                fields=("objective",),
                condition=Q(state="agreed"),
                name="objectives_plan_one_agreed",
                violation_error_message=_(
                    "This objective already has an agreed plan. Agree the new version with the "
                    "'Mark as agreed' action, which supersedes the old one."
                ),
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="objectives_plan_validity_order",
                violation_error_message=_("A plan cannot end before it starts."),
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="objectives_plan_version_positive"),
            models.CheckConstraint(
                condition=Q(state__in=["draft", "submitted"]) | Q(agreed_on__isnull=False),
                name="objectives_plan_agreed_has_date",
                violation_error_message=_("An agreed plan needs the date it was agreed on."),
            ),
        ]

    def __str__(self):
        return _("%(objective)s — plan version %(version)s") % {"objective": self.objective, "version": self.version}

    def get_absolute_url(self):
        return reverse("objectives:plan_version", kwargs={"slug": self.objective.slug, "version": self.version})

    def clean(self):
        errors = period_errors(
            self.valid_from, self.valid_to, "valid_from", "valid_to", _("A plan cannot end before it starts.")
        )
        if self.state in (PlanState.AGREED, PlanState.SUPERSEDED) and not self.agreed_on:
            errors["agreed_on"] = _("An agreed plan needs the date it was agreed on.")
        if (
            self.state == PlanState.AGREED
            and self.objective_id
            and PlanOnAPage.objects.filter(objective_id=self.objective_id, state=PlanState.AGREED)
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["state"] = _(
                "This objective already has an agreed plan. Agree the new version with the "
                "'Mark as agreed' action, which supersedes the old one."
            )
        if errors:
            raise ValidationError(errors)


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class PlannedActivity(ContentModel):
    plan = models.ForeignKey(PlanOnAPage, on_delete=models.CASCADE, related_name="activities", verbose_name=_("plan"))
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=200)
    target = models.CharField(
        _("target"), max_length=20, blank=True, help_text=_("A quarter such as 2025-Q3, or a date.")
    )
    lead_division = models.ForeignKey(
        "missions.Division",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead division"),
    )
    lead_nation = models.ForeignKey(
        "missions.Nation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead nation"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    outcome = models.TextField(_("outcome"), blank=True)

    visibility_parents = ("plan",)
    division_path = "plan__objective__owning_division"
    cross_division_links = ("lead_division",)

    class Meta:
        ordering = ("plan", "order")
        verbose_name = _("planned activity")
        verbose_name_plural = _("planned activities")
        constraints = [
            models.UniqueConstraint(
                fields=("plan", "order"),
                name="objectives_activity_unique_order",
                violation_error_message=_("This plan already has an activity in this position."),
            ),
        ]

    def __str__(self):
        return self.title


# Handover notes -----------------------------------------------------------------


class HandoverNote(ContentModel):
    """What an advisor leaving at the end of a tour hands to the successor.
    Always internal: never on a public page, feed or API response."""

    objective = models.ForeignKey(
        LongTermObjective, on_delete=models.CASCADE, related_name="handover_notes", verbose_name=_("objective")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
        editable=False,
    )
    tour_start = models.DateField(_("tour start"))
    tour_end = models.DateField(_("tour end"))
    summary = models.TextField(_("summary"))
    open_threads = models.TextField(_("open threads"), blank=True)
    key_contacts = models.TextField(
        _("key contacts"), blank=True, help_text=_("By role, not by name: e.g. 'Director of Training, MoD'.")
    )

    visibility_parents = ("objective",)
    division_path = "objective__owning_division"

    objects = StaffOnlyQuerySet.as_manager()

    class Meta:
        ordering = ("objective", "-tour_end", "-pk")
        verbose_name = _("handover note")
        verbose_name_plural = _("handover notes")
        constraints = [
            models.CheckConstraint(
                condition=Q(tour_end__gte=models.F("tour_start")),
                name="objectives_handover_tour_order",
                violation_error_message=_("A tour cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return _("Handover for %(objective)s, tour ending %(date)s") % {
            "objective": self.objective,
            "date": format_date(self.tour_end),
        }

    def clean(self):
        errors = period_errors(
            self.tour_start, self.tour_end, "tour_start", "tour_end", _("A tour cannot end before it starts.")
        )
        if errors:
            raise ValidationError(errors)
