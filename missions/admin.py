from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from missions import models
from nmi_site.access import rules
from nmi_site.access.models import PARTNER_SCOPES, KeyScope, PartnerKey
from nmi_site.access.services import key_issue, key_revoke
from nmi_site.backoffice.admin import ContentAdmin, ContentInline

PUBLISHING = (_("Publishing"), {"fields": ("visibility",)})


class ContributionInline(ContentInline, TranslationTabularInline):
    model = models.Contribution
    extra = 0
    autocomplete_fields = ("nation",)
    fields = ("nation", "since", "since_precision", "role")


class ProgrammeInline(ContentInline, TranslationTabularInline):
    model = models.Programme
    extra = 0
    fields = ("name", "acronym", "slug", "visibility")
    prepopulated_fields = {"slug": ("name",)}
    show_change_link = True


@admin.register(models.Mission)
class MissionAdmin(ContentAdmin, TranslationAdmin):
    list_display = ("name", "short_name", "launched_on", "visibility", "updated_at")
    list_filter = ("visibility",)
    search_fields = ("name", "short_name")
    prepopulated_fields = {"slug": ("short_name",)}
    inlines = (ContributionInline,)
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "nature", "mandate_summary", "objective_count")}),
        (_("Place"), {"fields": ("host_country", "headquarters_city")}),
        (
            _("Key dates"),
            {"fields": ("launched_on", "launched_on_precision", "established_on", "established_on_precision")},
        ),
        PUBLISHING,
    )


@admin.register(models.Division)
class DivisionAdmin(ContentAdmin, TranslationAdmin):
    administrator_only_fields = ("mission", "parent", "slug", "order")
    list_display = ("name", "acronym", "parent", "advisor_count", "order", "visibility", "updated_at")
    list_filter = ("visibility", "mission")
    list_select_related = ("parent",)
    search_fields = ("name", "acronym")
    autocomplete_fields = ("parent",)
    prepopulated_fields = {"slug": ("acronym",)}
    inlines = (ProgrammeInline,)
    fieldsets = (
        (None, {"fields": ("mission", "name", "acronym", "slug", "parent", "order", "purpose")}),
        (
            _("Figures"),
            {
                "fields": (
                    ("advisor_count", "advisor_count_qualifier"),
                    ("nation_count", "nation_count_qualifier"),
                    "objective_count",
                )
            },
        ),
        PUBLISHING,
    )

    def get_prepopulated_fields(self, request, obj=None):
        # A read-only slug cannot be prepopulated.
        return self.prepopulated_fields if "slug" not in self.get_readonly_fields(request, obj) else {}


@admin.register(models.Nation)
class NationAdmin(ContentAdmin, TranslationAdmin):
    list_display = ("name", "iso_code", "status", "visibility")
    list_filter = ("status", "visibility")
    search_fields = ("name", "iso_code")
    fields = ("name", "iso_code", "status", "visibility")


@admin.register(models.Contribution)
class ContributionAdmin(ContentAdmin, TranslationAdmin):
    list_display = ("nation", "mission", "since", "updated_at")
    list_filter = ("mission", "nation__status")
    list_select_related = ("nation", "mission")
    search_fields = ("nation__name", "role")
    autocomplete_fields = ("nation",)
    fields = ("mission", "nation", "since", "since_precision", "role")


@admin.register(models.Institution)
class InstitutionAdmin(ContentAdmin, TranslationAdmin):
    list_display = ("name", "acronym", "kind", "parent", "visibility")
    list_filter = ("kind", "visibility")
    list_select_related = ("parent",)
    search_fields = ("name", "acronym")
    autocomplete_fields = ("parent",)
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "acronym", "slug", "kind", "parent", "summary", "visibility")


class PartnerKeyForm(forms.ModelForm):
    # Only what a partner key can hold (writing is for staff personal tokens).
    scopes = forms.MultipleChoiceField(
        label=_("scopes"),
        choices=[(scope.value, scope.label) for scope in PARTNER_SCOPES],
        widget=forms.CheckboxSelectMultiple,
        initial=[KeyScope.CALENDAR],
    )
    revoke = forms.BooleanField(label=_("revoke"), required=False, help_text=_("Stops the key working at once."))

    class Meta:
        model = PartnerKey
        fields = ("label", "scopes", "expires_at")


class PartnerKeyInline(admin.TabularInline):
    """A partner's keys. A new key's secret is shown once, after saving."""

    model = PartnerKey
    form = PartnerKeyForm
    extra = 0
    can_delete = False  # revoked keys stay on record
    fields = ("label", "scopes", "expires_at", "prefix", "created_at", "last_used_at", "revoked_at", "revoke")
    readonly_fields = ("prefix", "created_at", "last_used_at", "revoked_at")


@admin.register(models.PartnerOrganisation)
class PartnerOrganisationAdmin(ContentAdmin, TranslationAdmin):
    list_display = ("name", "acronym", "kind", "visibility")
    list_filter = ("kind", "visibility")
    search_fields = ("name", "acronym")
    prepopulated_fields = {"slug": ("acronym",)}
    fields = ("name", "acronym", "slug", "kind", "website", "summary", "visibility")
    inlines = (PartnerKeyInline,)

    def get_inlines(self, request, obj):
        # Keys are for Administrators only.
        return self.inlines if rules.can_issue_key(request.user) else ()

    def save_formset(self, request, form, formset, change):
        if formset.model is not PartnerKey:
            return super().save_formset(request, form, formset, change)
        # Fills in the formset's new and changed objects for the change message.
        formset.save(commit=False)
        for key_form in formset.forms:
            if not key_form.has_changed():
                continue
            key = key_form.instance
            if key.pk is None:
                key, secret = key_issue(
                    user=request.user,
                    label=key.label,
                    scopes=key.scopes,
                    partner=form.instance,
                    expires_at=key.expires_at,
                )
                messages.warning(
                    request,
                    _("New key “%(label)s”: %(secret)s — copy it now; it is not stored and will not be shown again.")
                    % {"label": key.label, "secret": secret},
                )
            else:
                key.save()
            if key_form.cleaned_data.get("revoke"):
                key_revoke(user=request.user, key=key)


@admin.register(models.CapabilityArea)
class CapabilityAreaAdmin(ContentAdmin, TranslationAdmin):
    list_display = ("name", "order", "visibility")
    list_filter = ("visibility",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "order", "summary", "visibility")


@admin.register(models.Milestone)
class MilestoneAdmin(ContentAdmin, TranslationAdmin):
    list_display = ("title", "date", "date_precision", "kind", "visibility")
    list_filter = ("kind", "visibility")
    search_fields = ("title", "summary")
    date_hierarchy = "date"
    fields = ("mission", "date", "date_precision", "kind", "title", "summary", "visibility")


@admin.register(models.Programme)
class ProgrammeAdmin(ContentAdmin, TranslationAdmin):
    list_display = ("name", "acronym", "division", "visibility", "updated_at")
    list_filter = ("division", "visibility")
    list_select_related = ("division",)
    search_fields = ("name", "acronym", "summary")
    autocomplete_fields = ("division", "partner_organisations", "nations", "institutions")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("division", "name", "acronym", "slug", "summary")}),
        (_("Who takes part"), {"fields": ("partner_organisations", "nations", "institutions")}),
        PUBLISHING,
    )


@admin.register(models.Lesson)
class LessonAdmin(ContentAdmin, TranslationAdmin):
    list_display = ("number", "title", "stage", "action_owner", "action_due", "visibility")
    list_display_links = ("number", "title")
    list_filter = ("stage", "visibility", "action_owner")
    list_select_related = ("action_owner",)
    search_fields = ("title", "summary")
    fieldsets = (
        (None, {"fields": ("mission", "number", "title", "summary")}),
        (
            _("From observation to lesson learned"),
            {
                "fields": ("stage", "remedial_action", ("action_owner", "action_due")),
                "description": _(
                    "Observation → lesson identified → remedial action (written, owned and dated) → lesson "
                    "learned. Only published lessons learned appear on the site."
                ),
            },
        ),
        (_("Publishing"), {"fields": ("visibility",)}),
    )


@admin.register(models.TrustFundContribution)
class TrustFundContributionAdmin(ContentAdmin, TranslationAdmin):
    list_display = ("year", "amount_eur", "visibility")
    list_filter = ("visibility",)
    search_fields = ("purpose",)
    fields = ("mission", "year", "amount_eur", "purpose", "visibility")
