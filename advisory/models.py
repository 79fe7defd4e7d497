"""
The mission's corporate memory: advisory posts and who held them, tour
after tour. Advisors serve about six months; a post outlives each holder,
so what a holder knew is kept on the post.

Everything here is internal: staff see it in the back office, nobody else
ever does (``StaffOnlyQuerySet``). Public pages name roles, never people.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nmi_site.content.dates import format_date
from nmi_site.content.models import ExampleFlagModel, InternalModel

#: How long before a tour ends its post should have an incoming holder.
HANDOVER_WARNING_DAYS = 30


class AdvisoryPost(ExampleFlagModel, InternalModel):
    """An advisory post of a division: the advisor who holds it advises
    counterpart institutions and works on objectives."""

    division = models.ForeignKey(
        "missions.Division", on_delete=models.PROTECT, related_name="advisory_posts", verbose_name=_("division")
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("The post, by role: e.g. 'Senior advisor to the Director of Training'.")
    )
    duties = models.TextField(_("duties"), blank=True)
    institutions = models.ManyToManyField(
        "missions.Institution", blank=True, related_name="advisory_posts", verbose_name=_("counterpart institutions")
    )
    objectives = models.ManyToManyField(
        "objectives.LongTermObjective", blank=True, related_name="advisory_posts", verbose_name=_("objectives")
    )

    division_path = "division"
    # A post may work on other divisions' objectives once they are shared.
    cross_division_links = ("objectives",)

    class Meta:
        ordering = ("division__order", "title", "pk")
        verbose_name = _("advisory post")
        verbose_name_plural = _("advisory posts")

    def __str__(self):
        return self.title


class Tour(InternalModel):
    """Who held a post from when to when: a member of staff with an
    account, or a name and nation (internal, like everything here)."""

    post = models.ForeignKey(AdvisoryPost, on_delete=models.CASCADE, related_name="tours", verbose_name=_("post"))
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tours",
        verbose_name=_("holder"),
        help_text=_("The advisor's account, if they have one; otherwise give a name."),
    )
    holder_name = models.CharField(_("holder's name"), max_length=120, blank=True)
    nation = models.ForeignKey(
        "missions.Nation", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("nation")
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))

    division_path = "post__division"

    class Meta:
        ordering = ("post", "starts_on", "pk")
        verbose_name = _("tour")
        verbose_name_plural = _("tours")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="advisory_tour_order",
                violation_error_message=_("A tour cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(holder__isnull=False) | ~Q(holder_name=""),
                name="advisory_tour_has_holder",
                violation_error_message=_("Choose the holder's account or give their name."),
            ),
        ]

    def __str__(self):
        return _("%(holder)s, %(start)s to %(end)s") % {
            "holder": self.holder_label,
            "start": format_date(self.starts_on),
            "end": format_date(self.ends_on),
        }

    @property
    def holder_label(self):
        if self.holder_id is not None:
            user = self.holder
            return user.get_full_name() or user.get_username()
        return self.holder_name

    @property
    def days(self):
        return (self.ends_on - self.starts_on).days + 1

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("A tour cannot end before it starts.")
        if self.holder_id is None and not self.holder_name.strip():
            errors["holder_name"] = _("Choose the holder's account or give their name.")
        if not errors and self.starts_on and self.ends_on:
            overlapping = self._same_holder().filter(starts_on__lte=self.ends_on, ends_on__gte=self.starts_on)
            clash = overlapping.exclude(pk=self.pk).select_related("post").first()
            if clash is not None:
                errors["starts_on"] = _(
                    "%(holder)s already holds %(post)s from %(start)s to %(end)s: one person holds one post at a time."
                ) % {
                    "holder": self.holder_label,
                    "post": clash.post,
                    "start": format_date(clash.starts_on),
                    "end": format_date(clash.ends_on),
                }
        if errors:
            raise ValidationError(errors)

    def _same_holder(self):
        if self.holder_id is not None:
            return Tour.objects.filter(holder_id=self.holder_id)
        return Tour.objects.filter(
            holder__isnull=True, holder_name__iexact=self.holder_name.strip(), nation=self.nation
        )


def tour_changes(tours):
    """Each of a post's ``tours`` (in order) with how it meets the one
    before: ``overlap`` days both held the post (the right-seat ride), or
    ``gap`` days nobody did."""
    rows, previous = [], None
    for tour in sorted(tours, key=lambda tour: (tour.starts_on, tour.pk or 0)):
        overlap = gap = 0
        if previous is not None:
            between = (tour.starts_on - previous.ends_on).days - 1
            overlap, gap = max(0, -between), max(0, between)
        rows.append({"tour": tour, "overlap": overlap, "gap": gap})
        previous = tour if previous is None or tour.ends_on > previous.ends_on else previous
    return rows


def needs_incoming_holder(tours, today):
    """Whether a post whose ``tours`` these are has a holder whose tour ends
    within :data:`HANDOVER_WARNING_DAYS` of ``today`` (or has ended) with
    nobody recorded to take over after them."""
    current = [tour for tour in tours if tour.starts_on <= today]
    if not current:
        return False
    last = max(current, key=lambda tour: tour.ends_on)
    soon = last.ends_on <= today + datetime.timedelta(days=HANDOVER_WARNING_DAYS)
    incoming = any(tour.starts_on > last.starts_on and tour.ends_on > last.ends_on for tour in tours)
    return soon and not incoming


# Engagements ---------------------------------------------------------------------


class Atmosphere(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEUTRAL = "neutral", _("Neutral")
    NEGATIVE = "negative", _("Negative")


class Engagement(ExampleFlagModel, InternalModel):
    """An advisor's meeting with a counterpart: why, what came of it and
    what happens next. Written by the post's division; other posts that
    took part are named too."""

    post = models.ForeignKey(
        AdvisoryPost,
        on_delete=models.PROTECT,
        related_name="engagements",
        verbose_name=_("post"),
        help_text=_("The post whose advisor led the meeting."),
    )
    other_posts = models.ManyToManyField(
        AdvisoryPost, blank=True, related_name="joined_engagements", verbose_name=_("other posts present")
    )
    held_on = models.DateField(_("held on"))
    institution = models.ForeignKey(
        "missions.Institution",
        on_delete=models.PROTECT,
        related_name="engagements",
        verbose_name=_("counterpart institution"),
    )
    objectives = models.ManyToManyField(
        "objectives.LongTermObjective", blank=True, related_name="engagements", verbose_name=_("objectives served")
    )
    lines_of_effort = models.ManyToManyField(
        "objectives.LineOfEffort", blank=True, related_name="engagements", verbose_name=_("lines of effort served")
    )
    lessons = models.ManyToManyField(
        "missions.Lesson", blank=True, related_name="engagements", verbose_name=_("lessons (any stage)")
    )
    purpose = models.TextField(_("purpose"))
    outcomes = models.TextField(_("key outcomes"), blank=True)
    atmosphere = models.CharField(
        _("atmosphere"), max_length=10, choices=Atmosphere.choices, default=Atmosphere.NEUTRAL
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    cancellation_reason = models.TextField(_("why it was cancelled"), blank=True)

    division_path = "post__division"
    cross_division_links = ("other_posts", "objectives", "lines_of_effort")

    class Meta:
        ordering = ("-held_on", "-pk")
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        constraints = [
            models.CheckConstraint(
                condition=Q(cancelled=False) | ~Q(cancellation_reason=""),
                name="advisory_engagement_cancelled_has_reason",
                violation_error_message=_("Say why the engagement was cancelled."),
            ),
        ]

    def __str__(self):
        return _("%(institution)s, %(day)s") % {"institution": self.institution, "day": format_date(self.held_on)}

    def clean(self):
        if self.cancelled and not self.cancellation_reason.strip():
            raise ValidationError({"cancellation_reason": _("Say why the engagement was cancelled.")})


class NextStep(InternalModel):
    """What an engagement agreed to do next: which post owns it, by when,
    and whether it is done."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="next_steps", verbose_name=_("engagement")
    )
    description = models.CharField(_("next step"), max_length=300)
    owner = models.ForeignKey(
        AdvisoryPost, on_delete=models.PROTECT, related_name="next_steps", verbose_name=_("owning post")
    )
    due_on = models.DateField(_("due"))
    done = models.BooleanField(_("done"), default=False)

    division_path = "engagement__post__division"

    class Meta:
        ordering = ("due_on", "pk")
        verbose_name = _("next step")
        verbose_name_plural = _("next steps")

    def __str__(self):
        return self.description

    def clean(self):
        try:
            engagement = self.engagement  # unsaved while both are added together
        except Engagement.DoesNotExist:
            engagement = None
        if engagement is not None and self.due_on and engagement.held_on and self.due_on < engagement.held_on:
            raise ValidationError(
                {
                    "due_on": _("A next step cannot be due before its engagement (%(day)s).")
                    % {"day": format_date(engagement.held_on)}
                }
            )


# Handovers -----------------------------------------------------------------------

#: What an incoming holder does in their first 30 days: the checklist every
#: handover starts with (staff add their own items).
FIRST_30_DAYS = (
    _("Read this handover pack and the handover notes of each objective."),
    _("Meet each counterpart institution's lead with the outgoing holder."),
    _("Read the latest approved report of each objective."),
    _("Go through the current plan-on-a-page with the counterpart."),
    _("Take over the open next steps, or close them with the outgoing holder."),
    _("Check the coming events and who attends them."),
    _("Agree the first report period's work with the division."),
)


class Handover(InternalModel):
    """One holder handing a post to the next: both acknowledge it (who,
    when), and the incoming holder ticks the first-30-days checklist."""

    post = models.ForeignKey(AdvisoryPost, on_delete=models.CASCADE, related_name="handovers", verbose_name=_("post"))
    outgoing = models.ForeignKey(
        Tour, on_delete=models.PROTECT, related_name="handovers_given", verbose_name=_("outgoing tour")
    )
    incoming = models.ForeignKey(
        Tour, on_delete=models.PROTECT, related_name="handovers_received", verbose_name=_("incoming tour")
    )
    outgoing_acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    outgoing_acknowledged_at = models.DateTimeField(
        _("outgoing holder acknowledged"), null=True, blank=True, editable=False
    )
    incoming_acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    incoming_acknowledged_at = models.DateTimeField(
        _("incoming holder acknowledged"), null=True, blank=True, editable=False
    )

    division_path = "post__division"

    class Meta:
        ordering = ("post", "-pk")
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        constraints = [
            models.UniqueConstraint(
                fields=("outgoing", "incoming"),
                name="advisory_handover_once_per_pair",
                violation_error_message=_("This handover is already recorded."),
            ),
        ]

    def __str__(self):
        return _("Handover of %(post)s from %(outgoing)s to %(incoming)s") % {
            "post": self.post,
            "outgoing": self.outgoing.holder_label,
            "incoming": self.incoming.holder_label,
        }

    @property
    def is_acknowledged(self):
        return self.outgoing_acknowledged_at is not None and self.incoming_acknowledged_at is not None

    def clean(self):
        errors = {}
        if self.outgoing_id and self.incoming_id:
            if self.outgoing_id == self.incoming_id:
                errors["incoming"] = _("A holder does not hand a post to themselves.")
            elif {self.outgoing.post_id, self.incoming.post_id} != {self.post_id}:
                errors["incoming"] = _("Both tours must be of this post.")
        if errors:
            raise ValidationError(errors)


class ChecklistItem(InternalModel):
    handover = models.ForeignKey(
        Handover, on_delete=models.CASCADE, related_name="checklist", verbose_name=_("handover")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("to do"), max_length=300)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True, editable=False)

    division_path = "handover__post__division"

    class Meta:
        ordering = ("handover", "order", "pk")
        verbose_name = _("checklist item")
        verbose_name_plural = _("first-30-days checklist")

    def __str__(self):
        return self.text
