from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from missions import models
from nmi_site.admin import ContentAdmin, ContentInline

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
    division_field = "pk"
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


@admin.register(models.PartnerOrganisation)
class PartnerOrganisationAdmin(ContentAdmin, TranslationAdmin):
    list_display = ("name", "acronym", "kind", "visibility")
    list_filter = ("kind", "visibility")
    search_fields = ("name", "acronym")
    prepopulated_fields = {"slug": ("acronym",)}
    fields = ("name", "acronym", "slug", "kind", "website", "summary", "visibility")


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
    division_field = "division"
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
    list_display = ("number", "title", "visibility")
    list_display_links = ("number", "title")
    list_filter = ("visibility",)
    search_fields = ("title", "summary")
    fields = ("mission", "number", "title", "summary", "visibility")


@admin.register(models.TrustFundContribution)
class TrustFundContributionAdmin(ContentAdmin, TranslationAdmin):
    list_display = ("year", "amount_eur", "visibility")
    list_filter = ("visibility",)
    search_fields = ("purpose",)
    fields = ("mission", "year", "amount_eur", "purpose", "visibility")
