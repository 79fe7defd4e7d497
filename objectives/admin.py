from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline

from nmi_site.access import rules
from nmi_site.backoffice.admin import ContentAdmin, ContentInline, keep_unchangeable_fields
from objectives import models, services

EXAMPLE = (_("Example data"), {"fields": ("is_example",), "classes": ("collapse",)})


# Objectives ------------------------------------------------------------------


class LineOfEffortInline(ContentInline, TranslationTabularInline):
    model = models.LineOfEffort
    extra = 0
    fields = ("order", "title", "description")


class IndicatorInline(ContentInline, TranslationStackedInline):
    model = models.Indicator
    extra = 0
    fields = (
        ("order", "name", "line_of_effort"),
        ("measure", "unit", "ascending"),
        ("baseline_value", "baseline_date"),
        ("target_value", "target_date"),
    )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # An indicator serves a line of effort of its own objective: only
        # those are offered (Indicator.clean() refuses any other). A new
        # objective has none yet: save its lines first.
        field = formset.form.base_fields.get("line_of_effort")
        if field is not None:
            field.queryset = field.queryset.filter(objective=obj) if obj is not None else field.queryset.none()
        return formset


class HandoverNoteInline(ContentInline, admin.StackedInline):
    """Internal notes, newest first: what the last advisor handed over."""

    model = models.HandoverNote
    extra = 0
    ordering = ("-tour_end", "-pk")
    fields = (("tour_start", "tour_end"), "author", "summary", "open_threads", "key_contacts")
    readonly_fields = ("author",)
    verbose_name_plural = _("handover notes (internal, newest first)")


@admin.register(models.LongTermObjective)
class LongTermObjectiveAdmin(ContentAdmin, TranslationAdmin):
    administrator_only_fields = ("mission", "number", "slug", "owning_division")
    list_display = ("__str__", "owning_division", "status", "is_example", "visibility", "updated_at")
    list_filter = ("owning_division", "status", "visibility", "is_example", "capability_areas")
    list_select_related = ("owning_division",)
    search_fields = ("title", "statement", "number")
    autocomplete_fields = ("owning_division", "institutions", "capability_areas", "lessons")
    # Supporting divisions may be any division, not only the editor's own.
    filter_horizontal = ("supporting_divisions",)
    prepopulated_fields = {"slug": ("title",)}
    inlines = (LineOfEffortInline, IndicatorInline, HandoverNoteInline)
    fieldsets = (
        (
            None,
            {"fields": ("mission", "number", "title", "slug", "statement", "status", ("start_date", "target_date"))},
        ),
        (_("Who works on it"), {"fields": ("owning_division", "supporting_divisions", "institutions")}),
        (_("Links"), {"fields": ("capability_areas", "lessons")}),
        (_("Publishing"), {"fields": ("visibility",)}),
        EXAMPLE,
    )

    def save_formset(self, request, form, formset, change):
        # A handover note's author is whoever writes it.
        for note in formset.save(commit=False):
            if isinstance(note, models.HandoverNote) and note.author_id is None:
                note.author = request.user
            note.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


# Progress reports --------------------------------------------------------------


class MeasurementInline(ContentInline, admin.StackedInline):
    model = models.Measurement
    extra = 1
    fields = ("indicator", "actual_value", "note")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            # Offer the report's own objective's indicators.
            formset.form.base_fields["indicator"].queryset = models.Indicator.objects.filter(
                objective_id=obj.objective_id
            )
        return formset


class TransitionInline(admin.TabularInline):
    """The report's workflow so far, read-only."""

    model = models.ReportTransition
    extra = 0
    fields = ("at", "from_state", "to_state", "by", "note")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReturnForm(forms.Form):
    review_note = forms.CharField(
        label=_("Why is the report returned?"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_("The author sees this note and acts on it."),
    )


@admin.register(models.ProgressReport)
class ProgressReportAdmin(ContentAdmin, TranslationAdmin):
    list_display = ("objective", "period_start", "period_end", "percent_complete", "status", "state", "is_example")
    list_filter = ("state", "status", "objective__owning_division", "is_example", "is_superseded")
    list_select_related = ("objective",)
    search_fields = ("objective__title", "narrative")
    date_hierarchy = "period_end"
    autocomplete_fields = ("objective",)
    inlines = (MeasurementInline, TransitionInline)
    actions = ("submit_reports", "approve_reports", "return_reports")
    readonly_fields = ("state", "author", "submitted_at", "reviewed_by", "reviewed_at", "review_note", "is_superseded")
    fieldsets = (
        (None, {"fields": ("objective", ("period_start", "period_end"), "supersedes")}),
        (
            _("Progress"),
            {"fields": ("percent_complete", "status", "narrative", "achievements", "obstacles", "next_steps")},
        ),
        (
            _("Workflow"),
            {
                "fields": (
                    "state",
                    "author",
                    "submitted_at",
                    ("reviewed_by", "reviewed_at"),
                    "review_note",
                    "is_superseded",
                )
            },
        ),
        EXAMPLE,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("objective__owning_division")

    def has_change_permission(self, request, obj=None):
        # Submitted reports wait for review; approved ones never change.
        if obj is not None and obj.is_locked:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.state != models.ReportState.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            # The objective, period and what it corrects are fixed once drafted.
            readonly.extend(["objective", "supersedes"])
        return readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "supersedes":
            kwargs["queryset"] = models.ProgressReport.objects.current().select_related("objective")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            keep_unchangeable_fields(obj, form)
        try:
            services.report_save(user=request.user, report=obj)
        except ValidationError as error:
            # The form has validated the fields; what is left is a report that
            # moved on (submitted by someone else) while this form was open.
            raise PermissionDenied("; ".join(error.messages)) from error

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if any(obj.state != models.ReportState.DRAFT for obj in objs):
            perms_needed.add(_("reports that are not drafts"))
        return deleted, model_count, perms_needed, protected

    # Workflow actions --------------------------------------------------------

    def has_review_permission(self, request):
        return rules.reviews_reports(request.user)

    def _apply(self, request, queryset, step, done_message, **kwargs):
        done = 0
        for report in queryset:
            try:
                step(user=request.user, report=report, **kwargs)
                done += 1
            except (PermissionDenied, ValidationError) as error:
                reason = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                self.message_user(request, f"{report}: {reason}", messages.ERROR)
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(description=_("Submit selected reports for review"), permissions=["change"])
    def submit_reports(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.report_submit,
            lambda n: ngettext("%(n)d report submitted.", "%(n)d reports submitted.", n) % {"n": n},
        )

    @admin.action(description=_("Approve selected reports"), permissions=["review"])
    def approve_reports(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.report_approve,
            lambda n: ngettext("%(n)d report approved.", "%(n)d reports approved.", n) % {"n": n},
        )

    @admin.action(description=_("Return selected reports to their authors"), permissions=["review"])
    def return_reports(self, request, queryset):
        form = ReturnForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._apply(
                request,
                queryset,
                services.report_return,
                lambda n: ngettext("%(n)d report returned.", "%(n)d reports returned.", n) % {"n": n},
                note=form.cleaned_data["review_note"],
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Return reports to their authors"),
            "opts": self.model._meta,
            "items": queryset,
            "action_name": "return_reports",
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/objectives/return_reports.html", context)


@admin.register(models.ReportAwaitingReview)
class ReviewQueueAdmin(ProgressReportAdmin):
    """The reviewers' queue: submitted reports, oldest first."""

    list_display = ("objective", "period_start", "period_end", "percent_complete", "status", "author", "submitted_at")
    list_filter = ("objective__owning_division", "status")
    actions = ("approve_reports", "return_reports")
    date_hierarchy = None

    def get_queryset(self, request):
        return super().get_queryset(request).awaiting_review().order_by("submitted_at")

    def has_add_permission(self, request):
        return False


# Achievements ------------------------------------------------------------------


@admin.register(models.KeyAchievement)
class KeyAchievementAdmin(ContentAdmin, TranslationAdmin):
    list_display = ("title", "division", "objective", "achieved_from", "achieved_by", "is_example", "visibility")
    list_filter = ("division", "visibility", "is_example")
    list_select_related = ("division", "objective")
    search_fields = ("title", "summary")
    autocomplete_fields = ("division", "objective")
    fieldsets = (
        (None, {"fields": ("division", "objective", "title", "summary")}),
        (_("When"), {"fields": ("achieved_from", "achieved_by", "date_precision")}),
        (_("Publishing"), {"fields": ("visibility",)}),
        EXAMPLE,
    )


# Plans-on-a-page ---------------------------------------------------------------


class PlannedActivityInline(ContentInline, TranslationTabularInline):
    model = models.PlannedActivity
    extra = 0
    fields = ("order", "title", "target", "lead_division", "lead_nation", "status", "outcome")


@admin.register(models.PlanOnAPage)
class PlanOnAPageAdmin(ContentAdmin, TranslationAdmin):
    """Plan versions: the objective's editors draft a version and submit it
    for agreement; a Reviewer who did not submit it records that the
    counterpart agreed it, which puts it on the site."""

    list_display = ("objective", "version", "state", "agreed_on", "valid_from", "valid_to", "is_example")
    list_filter = ("state", "objective__owning_division", "is_example")
    list_select_related = ("objective",)
    search_fields = ("objective__title", "change_summary")
    autocomplete_fields = ("objective", "institution")
    inlines = (PlannedActivityInline,)
    actions = ("copy_to_new_draft", "submit_for_agreement", "mark_agreed", "return_to_draft")
    readonly_fields = ("state", "agreed_on", "submitted_by", "submitted_at")
    fieldsets = (
        (None, {"fields": ("objective", "version", "institution", ("valid_from", "valid_to"), "change_summary")}),
        (_("State"), {"fields": ("state", ("submitted_by", "submitted_at"), "agreed_on")}),
        EXAMPLE,
    )

    def has_change_permission(self, request, obj=None):
        # A version awaiting agreement waits for a Reviewer; a superseded one
        # is history.
        if obj is not None and obj.state in (models.PlanState.SUBMITTED, models.PlanState.SUPERSEDED):
            return False
        return super().has_change_permission(request, obj)

    def has_review_permission(self, request):
        return rules.reviews_reports(request.user)

    def _apply(self, request, queryset, step, done_message):
        for plan in queryset:
            try:
                result = step(user=request.user, plan=plan)
            except (PermissionDenied, ValidationError) as error:
                reason = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                self.message_user(request, f"{plan}: {reason}", messages.ERROR)
            else:
                self.message_user(request, done_message(result), messages.SUCCESS)

    @admin.action(description=_("Copy to a new draft version"), permissions=["add"])
    def copy_to_new_draft(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.plan_copy_to_new_draft,
            lambda draft: _("Draft version %(version)s created.") % {"version": draft.version},
        )

    @admin.action(description=_("Submit for agreement"), permissions=["change"])
    def submit_for_agreement(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.plan_submit,
            lambda plan: _("%(plan)s waits for a reviewer to record the agreement.") % {"plan": plan},
        )

    @admin.action(description=_("Mark as agreed (supersedes the current agreed plan)"), permissions=["review"])
    def mark_agreed(self, request, queryset):
        self._apply(request, queryset, services.plan_agree, lambda plan: _("%(plan)s is now agreed.") % {"plan": plan})

    @admin.action(description=_("Send back to draft"), permissions=["review"])
    def return_to_draft(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.plan_return,
            lambda plan: _("%(plan)s is a draft again.") % {"plan": plan},
        )
