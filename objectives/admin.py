from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline

from missions.models import Institution
from nmi_site.access import rules
from nmi_site.backoffice.admin import ContentAdmin, ContentInline, keep_unchangeable_fields
from nmi_site.backoffice.workflow import WorkflowAdminMixin, WorkflowStep
from nmi_site.content.dates import format_date, format_datetime
from nmi_site.content.numbers import format_number
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

    # A submitted or approved report's measurements are fixed with it (its
    # Arabic may still be written: ProgressReportAdmin).
    def has_add_permission(self, request, obj):
        return not (obj is not None and obj.is_locked) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not (obj is not None and obj.is_locked) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj is not None and obj.is_locked) and super().has_delete_permission(request, obj)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("indicator")
        if obj is not None and field is not None:
            # Offer the report's own objective's indicators, each named with
            # what it is measured in, where it started, where it should get
            # and its last approved value: read once for every row.
            indicators = models.Indicator.objects.filter(objective_id=obj.objective_id)
            field.queryset = indicators
            field.choices = [
                ("", "---------"),
                *(
                    (indicator.pk, indicator_label(indicator))
                    for indicator in indicators.prefetch_related(
                        Prefetch(
                            "measurements",
                            queryset=models.Measurement.objects.current(),
                            to_attr="current_measurements",
                        )
                    )
                ),
            ]
            field.help_text = _("Each indicator shows its unit, baseline, target and last approved value.")
        return formset


def _number(value):
    return format_number(value)


def indicator_label(indicator):
    """An indicator as a measurement row offers it: ``Courses delivered —
    in courses; baseline 2 (1 Jan 2023); target 20 (31 Dec 2026); last
    approved 12 (to 30 Jun 2025)``."""
    parts = []
    if indicator.unit:
        parts.append(_("in %(unit)s") % {"unit": indicator.unit})
    for label, value, day in (
        (_("baseline"), indicator.baseline_value, indicator.baseline_date),
        (_("target"), indicator.target_value, indicator.target_date),
    ):
        if value is not None:
            parts.append(f"{label} {_number(value)}" + (f" ({format_date(day)})" if day else ""))
    latest = indicator.latest_measurement
    if latest is not None:
        parts.append(
            _("last approved %(value)s (to %(end)s)")
            % {"value": _number(latest.actual_value), "end": format_date(latest.report.period_end)}
        )
    else:
        parts.append(_("no approved value yet"))
    return f"{indicator} — {'; '.join(str(part) for part in parts)}"


def return_note_field():
    return forms.CharField(
        label=_("Why is the report returned?"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 50}),
        help_text=_("The author sees this note and acts on it."),
    )


class ReturnForm(forms.Form):
    review_note = return_note_field()


@admin.register(models.ProgressReport)
class ProgressReportAdmin(WorkflowAdminMixin, ContentAdmin, TranslationAdmin):
    list_display = ("objective", "period", "percent_complete", "status", "author", "submitted_at", "state")
    list_filter = ("state", "status", "objective__owning_division", "is_example", "is_superseded")
    list_select_related = ("objective", "author")
    search_fields = ("objective__title", "narrative")
    date_hierarchy = "period_end"
    autocomplete_fields = ("objective",)
    inlines = (MeasurementInline,)
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

    @admin.display(description=_("period"), ordering="period_end")
    def period(self, obj):
        return _("%(start)s to %(end)s") % {"start": format_date(obj.period_start), "end": format_date(obj.period_end)}

    def has_change_permission(self, request, obj=None):
        # Submitted reports wait for review; approved ones never change, but
        # their Arabic may be written later (a translation of what was
        # approved), by those who may translate them.
        if obj is not None and obj.state == models.ReportState.SUBMITTED:
            return False
        if obj is not None and obj.state == models.ReportState.APPROVED:
            return super().has_change_permission(request, obj) and rules.can_translate_report(request.user, obj)
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
        if obj is not None and obj.state == models.ReportState.APPROVED:
            # Only the Arabic of an approved report is written.
            arabic = set(services.TRANSLATABLE_REPORT_FIELDS)
            translated = {name.rsplit("_", 1)[0] for name in arabic}
            readonly.extend(
                field.name
                for field in self.model._meta.fields
                if field.editable and field.name not in arabic and field.name not in translated
            )
        return readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "supersedes":
            kwargs["queryset"] = models.ProgressReport.objects.current().select_related("objective")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            keep_unchangeable_fields(obj, form)
        try:
            if change and obj.state == models.ReportState.APPROVED:
                fields = [name for name in form.changed_data if name in services.TRANSLATABLE_REPORT_FIELDS]
                if fields:
                    services.report_translate(user=request.user, report=obj, fields=fields)
                return
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

    # Workflow on the report's page ------------------------------------------

    def workflow_steps(self, request, obj):
        user, steps = request.user, []
        if obj.state in (models.ReportState.DRAFT, models.ReportState.RETURNED) and rules.can_write_report(user, obj):
            editable = self.has_change_permission(request, obj)
            steps.append(
                WorkflowStep(
                    "submit",
                    _("Save and submit for review") if editable else _("Submit for review"),
                    with_save=editable,
                )
            )
        if obj.state == models.ReportState.SUBMITTED:
            if rules.can_review(user, obj):
                steps.append(WorkflowStep("approve", _("Approve")))
            if rules.can_return_report(user, obj):
                steps.append(WorkflowStep("return", _("Return to the author"), fields={"note": return_note_field()}))
        if (
            obj.state == models.ReportState.APPROVED
            and not obj.is_superseded
            and rules.can_write_report(user, obj)
            and self.has_add_permission(request)
        ):
            query = urlencode({"objective": obj.objective_id, "supersedes": obj.pk})
            url = reverse("admin:objectives_progressreport_add", current_app=self.admin_site.name)
            steps.append(WorkflowStep("correct", _("Write a correction"), url=f"{url}?{query}"))
        return steps

    def run_workflow_step(self, request, obj, name, data):
        if name == "submit":
            services.report_submit(user=request.user, report=obj)
            return _("The report is submitted: a Reviewer has been told.")
        if name == "approve":
            services.report_approve(user=request.user, report=obj)
            return _("The report is approved: it counts as the objective's progress.")
        if name == "return":
            services.report_return(user=request.user, report=obj, note=data["note"])
            return _("The report is returned to its author with your note.")
        raise ValueError(name)

    def workflow_summary(self, obj):
        state = _("This report is %(state)s.") % {"state": obj.get_state_display().lower()}
        if obj.state == models.ReportState.SUBMITTED and obj.submitted_at:
            state = _("Submitted on %(day)s by %(author)s: it waits for a Reviewer.") % {
                "day": format_date(timezone.localdate(obj.submitted_at)),
                "author": obj.author or "—",
            }
        history = [
            {
                "at": format_datetime(step.at),
                "step": str(step),
                "by": step.by,
                "note": step.note,
            }
            for step in obj.transitions.select_related("by")
        ]
        return {
            "state": state,
            "note": obj.review_note if obj.state != models.ReportState.SUBMITTED else "",
            "note_label": _("The reviewer's note"),
            "history": history,
        }

    # Bulk workflow actions ------------------------------------------------------

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

    list_display = ("objective", "period", "percent_complete", "status", "author", "submitted_at", "state")
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


class PlannedActivityInline(ContentInline, TranslationStackedInline):
    """Activities one under another (each has two languages of title,
    target and outcome: side by side they would not fit the page)."""

    model = models.PlannedActivity
    extra = 0
    fields = (("order", "status"), "title", "target", ("lead_division", "lead_nation"), "outcome")


@admin.register(models.PlanOnAPage)
class PlanOnAPageAdmin(WorkflowAdminMixin, ContentAdmin, TranslationAdmin):
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
        (
            _("State"),
            {
                "fields": (
                    "state",
                    ("submitted_by", "submitted_at"),
                    "agreed_on",
                    "counterpart_role",
                    "counterpart_name",
                )
            },
        ),
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

    # Workflow on the plan's page ---------------------------------------------

    def workflow_steps(self, request, obj):
        user, steps = request.user, []
        if obj.state == models.PlanState.DRAFT and rules.can_write_plan(user, obj):
            editable = self.has_change_permission(request, obj)
            label = _("Save and submit for agreement") if editable else _("Submit for agreement")
            steps.append(WorkflowStep("submit", label, with_save=editable))
        if obj.state == models.PlanState.SUBMITTED:
            if rules.can_agree_plan(user, obj):
                fields = {
                    "agreed_on": forms.DateField(
                        label=_("Agreed with the counterpart on"),
                        initial=timezone.localdate,
                        widget=forms.DateInput(attrs={"type": "date"}),
                    ),
                    "institution": forms.ModelChoiceField(
                        queryset=Institution.objects.order_by("name"),
                        initial=obj.institution_id,
                        label=_("Counterpart institution"),
                    ),
                    "counterpart_role": forms.CharField(
                        label=_("Agreed by (role)"),
                        max_length=200,
                        initial=obj.counterpart_role,
                        help_text=_("Shown on the plan page: e.g. 'Director of Training'."),
                    ),
                    "counterpart_name": forms.CharField(
                        label=_("Name (internal)"),
                        max_length=120,
                        required=False,
                        initial=obj.counterpart_name,
                        help_text=_("Kept for staff only: public pages name roles, never people."),
                    ),
                }
                steps.append(WorkflowStep("agree", _("Record the agreement"), fields=fields))
            if rules.reviews_reports(user):
                steps.append(WorkflowStep("return", _("Send back to draft")))
        if rules.can_write_plan(user, obj) and self.has_add_permission(request):
            steps.append(WorkflowStep("copy", _("Copy to a new version")))
        return steps

    def run_workflow_step(self, request, obj, name, data):
        user = request.user
        if name == "submit":
            services.plan_submit(user=user, plan=obj)
            return _("%(plan)s waits for a reviewer to record the agreement.") % {"plan": obj}
        if name == "agree":
            services.plan_agree(
                user=user,
                plan=obj,
                agreed_on=data["agreed_on"],
                institution=data["institution"],
                counterpart_role=data["counterpart_role"],
                counterpart_name=data["counterpart_name"],
            )
            return _("%(plan)s is now agreed.") % {"plan": obj}
        if name == "return":
            services.plan_return(user=user, plan=obj)
            return _("%(plan)s is a draft again.") % {"plan": obj}
        if name == "copy":
            draft = services.plan_copy_to_new_draft(user=user, plan=obj)
            return _("Draft version %(version)s created.") % {"version": draft.version}, draft
        raise ValueError(name)

    def workflow_summary(self, obj):
        if obj.state == models.PlanState.SUBMITTED:
            state = _("Submitted for agreement on %(day)s by %(person)s: it waits for a Reviewer.") % {
                "day": format_date(timezone.localdate(obj.submitted_at)) if obj.submitted_at else "—",
                "person": obj.submitted_by or "—",
            }
        elif obj.state in (models.PlanState.AGREED, models.PlanState.SUPERSEDED):
            state = _("%(state)s; agreed on %(day)s.") % {
                "state": obj.get_state_display(),
                "day": format_date(obj.agreed_on),
            }
        else:
            state = _("This plan version is a draft.")
        return {"state": state}

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
