"""The mission's structure: divisions, nations, counterparts, partners,
timeline, programmes, lessons and funding."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nmi_site.content.dates import format_date, precision_check, precision_errors, precision_field
from nmi_site.content.models import ContentModel, ExampleFlagModel, PublishedModel
from nmi_site.content.search import search_document_field


class CountQualifier(models.TextChoices):
    EXACT = "exact", _("exactly")
    ABOUT = "about", _("about")
    OVER = "over", _("over")


def qualified_count(value, qualifier):
    """Render a figure the report gives loosely: "over 60", "about 15"."""
    if value is None:
        return ""
    if qualifier == CountQualifier.OVER:
        return _("over %(count)s") % {"count": value}
    if qualifier == CountQualifier.ABOUT:
        return _("about %(count)s") % {"count": value}
    return str(value)


class Mission(PublishedModel):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=20)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    mandate_summary = models.TextField(_("mandate summary"), blank=True)
    nature = models.CharField(
        _("nature"),
        max_length=200,
        blank=True,
        help_text=_("The mission's character in a few words, e.g. non-combat advisory and capacity building."),
    )
    host_country = models.CharField(_("host country"), max_length=100, blank=True)
    headquarters_city = models.CharField(_("headquarters city"), max_length=100, blank=True)
    launched_on = models.DateField(_("launched on"), null=True, blank=True)
    launched_on_precision = precision_field(_("launch date precision"))
    established_on = models.DateField(_("established on"), null=True, blank=True)
    established_on_precision = precision_field(_("establishment date precision"))
    objective_count = models.PositiveSmallIntegerField(
        _("number of long-term objectives"),
        null=True,
        blank=True,
        help_text=_("How many long-term objectives the mission works to, as agreed with its counterparts."),
    )

    class Meta:
        ordering = ("name",)
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        constraints = [
            precision_check("launched_on"),
            precision_check("established_on"),
            models.CheckConstraint(
                condition=models.Q(launched_on__isnull=True)
                | models.Q(established_on__isnull=True)
                | models.Q(established_on__gte=models.F("launched_on")),
                name="missions_mission_established_after_launch",
                violation_error_message=_("The mission cannot be established before it was launched."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("missions:about")

    @property
    def launched_display(self):
        return format_date(self.launched_on, self.launched_on_precision)

    @property
    def established_display(self):
        return format_date(self.established_on, self.established_on_precision)

    def clean(self):
        errors = {
            **precision_errors(self.launched_on, self.launched_on_precision, "launched_on"),
            **precision_errors(self.established_on, self.established_on_precision, "established_on"),
        }
        if self.launched_on and self.established_on and self.established_on < self.launched_on:
            errors.setdefault("established_on", _("The mission cannot be established before it was launched."))
        if errors:
            raise ValidationError(errors)


class Division(PublishedModel):
    mission = models.ForeignKey(Mission, on_delete=models.PROTECT, related_name="divisions", verbose_name=_("mission"))
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    slug = models.SlugField(_("slug"), max_length=60)
    purpose = models.TextField(_("purpose"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="branches",
        verbose_name=_("part of"),
        help_text=_("For a branch: the division it belongs to."),
    )
    advisor_count = models.PositiveSmallIntegerField(_("advisors"), null=True, blank=True)
    advisor_count_qualifier = models.CharField(
        _("advisor figure is"), max_length=5, choices=CountQualifier.choices, default=CountQualifier.EXACT
    )
    nation_count = models.PositiveSmallIntegerField(_("nations represented"), null=True, blank=True)
    nation_count_qualifier = models.CharField(
        _("nations figure is"), max_length=5, choices=CountQualifier.choices, default=CountQualifier.EXACT
    )
    objective_count = models.PositiveSmallIntegerField(
        _("long-term objectives led"),
        null=True,
        blank=True,
        help_text=_("How many of the mission's long-term objectives the division leads, as reported."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    visibility_parents = ("mission", "parent")
    division_path = "pk"

    # What site-wide search looks in (nmi_site.content.search).
    search_document = search_document_field({"name": "A", "acronym": "A", "purpose": "B"}, untranslated=("acronym",))

    class Meta:
        ordering = ("order", "name")
        verbose_name = _("division")
        verbose_name_plural = _("divisions")
        constraints = [
            models.UniqueConstraint(
                fields=("mission", "slug"),
                name="missions_division_unique_slug",
                violation_error_message=_("Another division of this mission already has this slug."),
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="missions_division_not_own_parent",
                violation_error_message=_("A division cannot be a branch of itself."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("missions:division_detail", kwargs={"slug": self.slug})

    @property
    def advisors_display(self):
        return qualified_count(self.advisor_count, self.advisor_count_qualifier)

    @property
    def nations_display(self):
        return qualified_count(self.nation_count, self.nation_count_qualifier)

    def clean(self):
        errors = {}
        if self.parent_id:
            if self.parent_id == self.pk:
                errors["parent"] = _("A division cannot be a branch of itself.")
            elif self.parent.parent_id:
                errors["parent"] = _("A branch cannot have branches of its own; choose a division.")
            elif self.mission_id and self.parent.mission_id != self.mission_id:
                errors["parent"] = _("A branch must belong to a division of the same mission.")
            elif self.pk and self.branches.exists():
                errors["parent"] = _("This division has branches of its own, so it cannot be a branch.")
        if errors:
            raise ValidationError(errors)


class NationStatus(models.TextChoices):
    NATO_ALLY = "ally", _("NATO ally")
    PARTNER = "partner", _("Partner nation")
    HOST = "host", _("Host nation")


class Nation(PublishedModel):
    name = models.CharField(_("name"), max_length=100)
    iso_code = models.CharField(
        _("ISO 3166 code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Enter the two capital letters of the ISO 3166-1 code."))],
        help_text=_("Two capital letters, e.g. IT for Italy."),
    )
    status = models.CharField(_("status"), max_length=10, choices=NationStatus.choices)

    class Meta:
        ordering = ("name",)
        verbose_name = _("nation")
        verbose_name_plural = _("nations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(iso_code__regex=r"^[A-Z][A-Z]$"),
                name="missions_nation_iso_code_format",
                violation_error_message=_("Enter the two capital letters of the ISO 3166-1 code."),
            ),
        ]

    def __str__(self):
        return self.name


class Contribution(ContentModel):
    """A nation's part in the mission."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("mission")
    )
    nation = models.ForeignKey(Nation, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("nation"))
    since = models.DateField(_("since"), null=True, blank=True)
    since_precision = precision_field(_("precision of 'since'"))
    role = models.TextField(_("role"), blank=True)

    visibility_parents = ("mission", "nation")

    class Meta:
        ordering = ("nation__name",)
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.UniqueConstraint(
                fields=("mission", "nation"),
                name="missions_contribution_unique_nation",
                violation_error_message=_("This nation's contribution to the mission is already recorded."),
            ),
            precision_check("since"),
        ]

    def __str__(self):
        return f"{self.nation} — {self.mission}" if self.nation_id and self.mission_id else str(_("contribution"))

    @property
    def since_display(self):
        return format_date(self.since, self.since_precision)

    def clean(self):
        errors = precision_errors(self.since, self.since_precision, "since")
        if errors:
            raise ValidationError(errors)


class InstitutionKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    COMMAND = "command", _("Command")
    SERVICE = "service", _("Service")
    COUNCIL = "council", _("Council")
    COMMITTEE = "committee", _("Committee")
    OFFICE = "office", _("Office")
    DIRECTORATE = "directorate", _("Directorate")
    UNIVERSITY = "university", _("University")
    ACADEMY = "academy", _("Academy")
    CENTRE = "centre", _("Centre")


class Institution(PublishedModel):
    """A host-nation counterpart the mission advises."""

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=InstitutionKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    summary = models.TextField(_("summary"), blank=True)

    search_document = search_document_field({"name": "A", "acronym": "A", "summary": "B"}, untranslated=("acronym",))

    class Meta:
        ordering = ("name",)
        verbose_name = _("counterpart institution")
        verbose_name_plural = _("counterpart institutions")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="missions_institution_not_own_parent",
                violation_error_message=_("An institution cannot be part of itself."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def clean(self):
        # Walk up the chain: an institution may not end up inside itself.
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("An institution cannot be part of itself.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class PartnerKind(models.TextChoices):
    EU = "eu", _("European Union mission")
    UN = "un", _("United Nations body")
    COALITION = "coalition", _("Coalition")
    ACADEMIC = "academic", _("Academic institution")
    OTHER = "other", _("Other")


class PartnerOrganisation(PublishedModel):
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=PartnerKind.choices)
    website = models.URLField(_("website"), blank=True)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class CapabilityArea(PublishedModel):
    """An advisory domain, such as countering improvised explosive devices."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ("order", "name")
        verbose_name = _("capability area")
        verbose_name_plural = _("capability areas")

    def __str__(self):
        return self.name


class MilestoneKind(models.TextChoices):
    MANDATE = "mandate", _("Mandate")
    EXPANSION = "expansion", _("Expansion")
    OPERATIONAL = "operational", _("Operational")
    FUNDING = "funding", _("Funding")
    OTHER = "other", _("Other")


class Milestone(PublishedModel):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("mission"))
    date = models.DateField(_("date"))
    date_precision = precision_field(_("date precision"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=MilestoneKind.choices, default=MilestoneKind.OTHER)

    visibility_parents = ("mission",)

    class Meta:
        ordering = ("date", "title")
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [precision_check("date")]

    def __str__(self):
        return f"{self.date_display} — {self.title}"

    @property
    def date_display(self):
        return format_date(self.date, self.date_precision)

    def clean(self):
        errors = precision_errors(self.date, self.date_precision, "date")
        if errors:
            raise ValidationError(errors)


class Programme(PublishedModel):
    """A named cooperation programme run by a division."""

    division = models.ForeignKey(
        Division, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("division")
    )
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    partner_organisations = models.ManyToManyField(
        PartnerOrganisation, blank=True, related_name="programmes", verbose_name=_("partner organisations")
    )
    nations = models.ManyToManyField(Nation, blank=True, related_name="programmes", verbose_name=_("nations"))
    institutions = models.ManyToManyField(
        Institution, blank=True, related_name="programmes", verbose_name=_("counterpart institutions")
    )

    visibility_parents = ("division",)
    division_path = "division"

    class Meta:
        ordering = ("name",)
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return self.name


class LessonStage(models.TextChoices):
    """NATO's lessons-learned stages, in order."""

    OBSERVATION = "observation", _("Observation")
    IDENTIFIED = "identified", _("Lesson identified")
    REMEDIAL_ACTION = "action", _("Remedial action")
    LEARNED = "learned", _("Lesson learned")


class Lesson(ExampleFlagModel, PublishedModel):
    """A lesson, from an observation to a lesson learned (NATO's stages):
    an observation is analysed into a lesson identified, a remedial action
    with an owner and a due date is taken, and once it has worked the
    lesson is learned. Only published lessons learned are public."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("mission"))
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    stage = models.CharField(_("stage"), max_length=12, choices=LessonStage.choices, default=LessonStage.OBSERVATION)
    remedial_action = models.TextField(_("remedial action"), blank=True)
    action_owner = models.ForeignKey(
        Division,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lesson_actions",
        verbose_name=_("owner of the remedial action"),
    )
    action_due = models.DateField(_("remedial action due"), null=True, blank=True)

    visibility_parents = ("mission",)
    # Observations, lessons identified and remedial actions are the
    # mission's own work: only staff see a lesson before it is learned.
    published_rule = ("stage", frozenset({LessonStage.LEARNED}))

    search_document = search_document_field({"title": "A", "summary": "B"})

    def clean(self):
        # A remedial action under way is written, owned and dated.
        if self.stage == LessonStage.REMEDIAL_ACTION:
            errors = {}
            if not self.remedial_action.strip():
                errors["remedial_action"] = _("Say what the remedial action is.")
            if self.action_owner_id is None:
                errors["action_owner"] = _("Choose the division that owns the remedial action.")
            if self.action_due is None:
                errors["action_due"] = _("Give the date the remedial action is due.")
            if errors:
                raise ValidationError(errors)

    class Meta:
        ordering = ("number",)
        verbose_name = _("lesson learned")
        verbose_name_plural = _("lessons learned")
        constraints = [
            models.UniqueConstraint(
                fields=("mission", "number"),
                name="missions_lesson_unique_number",
                violation_error_message=_("This mission already has a lesson with this number."),
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1),
                name="missions_lesson_number_positive",
                violation_error_message=_("Lessons are numbered from 1."),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class TrustFundContribution(PublishedModel):
    """Money paid into the NATO trust fund for Defence and related Security
    Capacity Building in support of the mission."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="trust_fund_contributions", verbose_name=_("mission")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1949)])
    amount_eur = models.DecimalField(
        _("amount (EUR)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    purpose = models.TextField(_("purpose"), blank=True)

    visibility_parents = ("mission",)

    class Meta:
        ordering = ("year",)
        verbose_name = _("trust fund contribution")
        verbose_name_plural = _("trust fund contributions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_eur__gte=0),
                name="missions_trustfund_amount_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=1949),
                name="missions_trustfund_year_plausible",
                violation_error_message=_("Enter a year from 1949 on."),
            ),
        ]

    def __str__(self):
        return f"{self.year}: EUR {self.amount_eur:,.2f}"
