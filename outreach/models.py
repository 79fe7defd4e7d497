"""Outreach events: ambassador days, information days, Security Contact
Group meetings, seminars, courses and the like."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nmi_site.content.models import ExampleFlagModel, PublishedModel
from nmi_site.content.search import search_document_field
from nmi_site.content.visibility import VisibleQuerySet
from nmi_site.history.backup import is_restoring


class EventKind(models.TextChoices):
    AMBASSADOR_DAY = "ambassador-day", _("Ambassador day")
    INFORMATION_DAY = "information-day", _("Information day")
    SECURITY_CONTACT_GROUP = "security-contact-group", _("Security Contact Group meeting")
    SEMINAR = "seminar", _("Seminar")
    WORKSHOP = "workshop", _("Workshop")
    COURSE = "course", _("Mobile training team course")
    CONFERENCE = "conference", _("Conference")
    VISIT = "visit", _("Visit")
    MEDIA = "media", _("Media engagement")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONFIRMED = "confirmed", _("Confirmed")
    HELD = "held", _("Held")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class EventQuerySet(VisibleQuerySet):
    def upcoming(self, now=None):
        """Events not yet over, soonest first."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        """Events that are over, most recent first."""
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")


def calendar_uid(pk):
    """An event's calendar UID: stable across edits, so calendar
    applications update the event rather than add a copy."""
    return f"event-{pk}@{settings.CALENDAR_UID_DOMAIN}"


class Event(ExampleFlagModel, PublishedModel):
    mission = models.ForeignKey(
        "missions.Mission", on_delete=models.PROTECT, related_name="events", verbose_name=_("mission")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    all_day = models.BooleanField(
        _("all day"), default=False, help_text=_("Shown and exported by date only, in Baghdad time.")
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    organising_division = models.ForeignKey(
        "missions.Division",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organising division"),
    )
    status = models.CharField(_("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.PLANNED)
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True, help_text=_("Shown once the event has been held."))
    nations = models.ManyToManyField("missions.Nation", blank=True, related_name="events", verbose_name=_("nations"))
    partner_organisations = models.ManyToManyField(
        "missions.PartnerOrganisation", blank=True, related_name="events", verbose_name=_("partner organisations")
    )
    institutions = models.ManyToManyField(
        "missions.Institution", blank=True, related_name="events", verbose_name=_("counterpart institutions")
    )
    objectives = models.ManyToManyField(
        "objectives.LongTermObjective", blank=True, related_name="events", verbose_name=_("related objectives")
    )
    lessons = models.ManyToManyField(
        "missions.Lesson", blank=True, related_name="events", verbose_name=_("lessons (any stage)")
    )
    sequence = models.PositiveIntegerField(
        _("revision"), default=0, editable=False, help_text=_("Counts changes, for calendar applications.")
    )

    visibility_parents = ("mission", "organising_division")
    division_path = "organising_division"
    # An event may serve other divisions' objectives, once they are shared.
    cross_division_links = ("objectives",)

    objects = EventQuerySet.as_manager()

    # What site-wide search looks in (nmi_site.content.search).
    search_document = search_document_field({"title": "A", "summary": "B", "location": "C"})

    class Meta:
        ordering = ("starts_at", "pk")
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")),
                name="outreach_event_ends_after_start",
                violation_error_message=_("An event cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=("mission", "slug"),
                name="outreach_event_unique_slug",
                violation_error_message=_("Another event of this mission already has this slug."),
            ),
        ]
        indexes = [
            models.Index(fields=("ends_at", "starts_at"), name="outreach_event_dates"),
            # Lists: the events a viewer may see, in date order (and the first
            # and last year), and the ones not over yet, each read from one index.
            models.Index(fields=("effective_visibility", "starts_at"), name="outreach_event_visible_dates"),
            models.Index(fields=("effective_visibility", "ends_at"), name="outreach_event_visible_ends"),
            # Lists for viewers who see more than one level (partners, staff),
            # whose visibility condition is a NOT that no index serves.
            models.Index(fields=("starts_at", "id"), name="outreach_event_start_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("outreach:detail", kwargs={"slug": self.slug})

    @property
    def uid(self):
        """Stable across edits, so calendar applications update the event
        rather than add a copy."""
        return calendar_uid(self.pk)

    @property
    def is_over(self):
        return self.ends_at < timezone.now()

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at)

    @property
    def is_multi_day(self):
        return self.local_start.date() != self.local_end.date()

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("An event cannot end before it starts.")})

    def save(self, *args, **kwargs):
        # Every change is a new revision for calendar applications.
        if not self._state.adding:
            self.sequence = (self.sequence or 0) + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "sequence", "updated_at"}
        super().save(*args, **kwargs)


@receiver(m2m_changed, sender=Event.nations.through)
@receiver(m2m_changed, sender=Event.partner_organisations.through)
@receiver(m2m_changed, sender=Event.institutions.through)
@receiver(m2m_changed, sender=Event.objectives.through)
def participants_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A change of participants is a change of the event, for feeds and
    calendars: bump its revision and its last-changed time."""
    if action not in ("post_add", "post_remove", "post_clear") or is_restoring():
        return
    events = Event.objects.filter(pk__in=pk_set or []) if reverse else Event.objects.filter(pk=instance.pk)
    events.update(sequence=F("sequence") + 1, updated_at=timezone.now())
