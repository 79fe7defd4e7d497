from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from nmi_site.access import rules
from nmi_site.backoffice.admin import ContentAdmin
from nmi_site.backoffice.workflow import WorkflowAdminMixin, WorkflowStep, error_text
from outreach import services
from outreach.models import Event


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


def months_later_field():
    return forms.TypedChoiceField(
        label=_("How much later"),
        choices=[
            ("1", _("1 month later")),
            ("3", _("3 months later")),
            ("6", _("6 months later")),
            ("12", _("a year later")),
        ],
        coerce=int,
        initial="6",
        help_text=_("Each copy starts and ends this much later, and its title names its month and year."),
    )


class DuplicateForm(forms.Form):
    months = months_later_field()


def copy_message(user, copies):
    """What a member of staff is told after copying events: a Reviewer
    publishes the copies; an Editor asks one to."""
    if rules.can_publish(user):
        message = ngettext(
            "%(count)d copy made, planned and internal: check it, then publish it.",
            "%(count)d copies made, planned and internal: check them, then publish them.",
            copies,
        )
    else:
        message = ngettext(
            "%(count)d copy made, planned and internal: check it, then ask a Reviewer to publish it.",
            "%(count)d copies made, planned and internal: check them, then ask a Reviewer to publish them.",
            copies,
        )
    return message % {"count": copies}


@admin.register(Event)
class EventAdmin(WorkflowAdminMixin, ContentAdmin, TranslationAdmin):
    list_display = ("title", "kind", "starts_at", "status", "organising_division", "is_example", "visibility")
    list_filter = ("kind", "status", "organising_division", YearFilter, "visibility", "is_example")
    list_select_related = ("organising_division",)
    search_fields = ("title", "summary", "location")
    date_hierarchy = "starts_at"
    autocomplete_fields = (
        "organising_division",
        "nations",
        "partner_organisations",
        "institutions",
        "objectives",
        "lessons",
    )
    prepopulated_fields = {"slug": ("title",)}
    actions = (*ContentAdmin.actions, "duplicate_events")
    fieldsets = (
        (None, {"fields": ("mission", "title", "slug", "kind", "status", "organising_division")}),
        (_("When and where"), {"fields": (("starts_at", "ends_at"), "all_day", "location", "online")}),
        (_("About"), {"fields": ("audience", "summary", "outcome")}),
        (_("Who took part"), {"fields": ("nations", "partner_organisations", "institutions", "objectives")}),
        (_("Lessons"), {"fields": ("lessons",), "classes": ("collapse",)}),
        # The calendar revision ("sequence") is the portal's own bookkeeping:
        # not shown to staff.
        (_("Publishing"), {"fields": ("visibility",)}),
        (_("Example data"), {"fields": ("is_example",), "classes": ("collapse",)}),
    )

    # Duplicate on the event's page ----------------------------------------

    def workflow_steps(self, request, obj):
        if rules.can_edit(request.user, obj) and self.has_add_permission(request):
            return [WorkflowStep("duplicate", _("Duplicate"), fields={"months": months_later_field()})]
        return []

    def run_workflow_step(self, request, obj, name, data):
        if name != "duplicate":
            raise ValueError(name)
        copy = services.event_duplicate(user=request.user, event=obj, months=data["months"])
        return copy_message(request.user, 1), copy

    @admin.action(description=_("Duplicate (for a recurring event)"), permissions=["add"])
    def duplicate_events(self, request, queryset):
        """Copy each event as a planned, internal draft with the same
        participants, some months later, to adjust and publish: a page
        first asks how much later."""
        form = DuplicateForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "title": _("Duplicate events"),
                "opts": self.model._meta,
                "items": queryset,
                "action_name": "duplicate_events",
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/outreach/duplicate_events.html", context)
        months = form.cleaned_data["months"]
        copies = 0
        for event in queryset.prefetch_related(*services.LINKS):
            try:
                services.event_duplicate(user=request.user, event=event, months=months)
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, f"{event}: {error_text(error)}", messages.ERROR)
            else:
                copies += 1
        if copies:
            self.message_user(request, copy_message(request.user, copies), messages.SUCCESS)
        return None
