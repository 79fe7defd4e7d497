from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from nmi_site.admin import ContentAdmin
from nmi_site.visibility import Visibility
from outreach.models import Event, EventStatus


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("starts_at", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(starts_at__year=int(value))
        return queryset


@admin.register(Event)
class EventAdmin(ContentAdmin, TranslationAdmin):
    division_field = "organising_division"
    list_display = ("title", "kind", "starts_at", "status", "organising_division", "is_example", "visibility")
    list_filter = ("kind", "status", "organising_division", YearFilter, "visibility", "is_example")
    list_select_related = ("organising_division",)
    search_fields = ("title", "summary", "location")
    date_hierarchy = "starts_at"
    autocomplete_fields = ("organising_division", "nations", "partner_organisations", "institutions", "objectives")
    prepopulated_fields = {"slug": ("title",)}
    actions = (*ContentAdmin.actions, "duplicate_events")
    readonly_fields = ("sequence",)
    fieldsets = (
        (None, {"fields": ("mission", "title", "slug", "kind", "status", "organising_division")}),
        (_("When and where"), {"fields": (("starts_at", "ends_at"), "all_day", "location", "online")}),
        (_("About"), {"fields": ("audience", "summary", "outcome")}),
        (_("Who took part"), {"fields": ("nations", "partner_organisations", "institutions", "objectives")}),
        (_("Publishing"), {"fields": ("visibility", "sequence")}),
        (_("Example data"), {"fields": ("is_example",), "classes": ("collapse",)}),
    )

    @admin.action(description=_("Duplicate (for a recurring event)"), permissions=["add"])
    def duplicate_events(self, request, queryset):
        """Copy each event as a planned, internal draft with the same
        participants, to adjust and publish: the twice-yearly ambassador day,
        say."""
        copies = 0
        for event in queryset.prefetch_related("nations", "partner_organisations", "institutions", "objectives"):
            with transaction.atomic():
                links = {
                    field: list(getattr(event, field).all())
                    for field in ("nations", "partner_organisations", "institutions", "objectives")
                }
                copy = Event.objects.get(pk=event.pk)
                copy.pk = None
                copy._state.adding = True
                copy.slug = self._free_slug(event)
                copy.status = EventStatus.PLANNED
                copy.visibility = Visibility.INTERNAL
                copy.outcome = ""
                copy.sequence = 0
                copy.save()
                for field, related in links.items():
                    getattr(copy, field).set(related)
            copies += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d copy made, planned and internal: set its dates, then publish it.",
                "%(count)d copies made, planned and internal: set their dates, then publish them.",
                copies,
            )
            % {"count": copies},
            messages.SUCCESS,
        )

    @staticmethod
    def _free_slug(event):
        for number in range(2, 1000):
            slug = f"{event.slug[:90]}-{number}"
            if not Event.objects.filter(mission=event.mission_id, slug=slug).exists():
                return slug
        raise ValueError("No free slug")
