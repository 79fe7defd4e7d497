"""
Writes with rules: the progress-report workflow and plan versioning.

The admin (and the API) call these functions, so each rule is written once:

- only editors of the objective's owning division (and Administrators) draft
  and submit its reports;
- only Reviewers (and Administrators) approve or return, never their own
  report, and a return needs a note;
- approved reports never change; a correction is a new report for the same
  period that supersedes the approved one when it is approved itself;
- every step is recorded (who, when, note) and emailed, through the job
  queue, to whoever acts next.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from nmi_site.access import rules
from nmi_site.content.dates import format_date
from objectives.models import (
    PlanOnAPage,
    PlanState,
    ProgressReport,
    ReportState,
    ReportTransition,
)
from objectives.tasks import report_step_emails


def _require(condition, message):
    if not condition:
        raise PermissionDenied(message)


def _require_state(report, *states):
    if report.state not in states:
        raise ValidationError(
            _("This report is %(state)s; that step is not possible now.") % {"state": report.get_state_display()}
        )


# Progress reports --------------------------------------------------------------


#: What may still be written on an approved report: its Arabic.
TRANSLATABLE_REPORT_FIELDS = ("narrative_ar", "achievements_ar", "obstacles_ar", "next_steps_ar")


@transaction.atomic
def report_translate(*, user, report, fields):
    """Write the Arabic ``fields`` of an approved report (``report`` holds
    the new text): a translation of what was approved, nothing else."""
    stored = _locked(report)
    _require(rules.can_translate_report(user, stored), _("Only editors of the owning division translate its reports."))
    _require_state(stored, ReportState.APPROVED)
    if not set(fields) <= set(TRANSLATABLE_REPORT_FIELDS):
        raise ValueError(fields)
    for name in fields:
        setattr(stored, name, getattr(report, name))
    stored._change_reason = "Arabic written"
    stored.save(update_fields=[*fields, "updated_at"])
    return stored


@transaction.atomic
def report_save(*, user, report):
    """Save a new draft, or changes to a draft or returned report. ``report``
    may be unsaved (the admin's and the API's forms build it). For a change,
    the rights are judged on the report as stored, before anything of the
    change counts; its objective and what it corrects never change."""
    if report._state.adding:
        _require(rules.can_write_report(user, report), _("Only editors of the owning division write its reports."))
        report.author = user
        report.state = ReportState.DRAFT
        if report.supersedes_id:
            # Judge the report being corrected as it is now, not as the caller saw it.
            report.supersedes = ProgressReport.objects.get(pk=report.supersedes_id)
            report.period_start = report.supersedes.period_start
            report.period_end = report.supersedes.period_end
    else:
        stored = _locked(report)
        _require(rules.can_write_report(user, stored), _("Only editors of the owning division write its reports."))
        _require_state(stored, ReportState.DRAFT, ReportState.RETURNED)
        if (report.objective_id, report.supersedes_id) != (stored.objective_id, stored.supersedes_id):
            raise ValidationError(
                {"objective": _("A report's objective, and the report it corrects, are fixed once it is drafted.")}
            )
        # What the workflow keeps is the stored record's, whatever was sent.
        for name in ("state", "author_id", "submitted_at", "reviewed_by_id", "reviewed_at", "review_note"):
            setattr(report, name, getattr(stored, name))
    report.full_clean()
    report._change_reason = ProgressReport.CONTENT_CHANGE
    report._history_user = user
    report.save()
    return report


def report_create(*, user, objective, supersedes=None, **fields):
    """Draft a new report, or a correction of an approved one."""
    return report_save(user=user, report=ProgressReport(objective=objective, supersedes=supersedes, **fields))


@transaction.atomic
def report_submit(*, user, report):
    """Draft or returned → submitted."""
    report = _locked(report)
    _require(rules.can_write_report(user, report), _("Only editors of the owning division submit its reports."))
    _require_state(report, ReportState.DRAFT, ReportState.RETURNED)
    report.full_clean()
    # A report says what a whole period achieved: it is submitted once the
    # period is over (in Baghdad), never as an interim report.
    if report.period_end >= timezone.localdate():
        raise ValidationError(
            {
                "period_end": _(
                    "This period has not ended yet (it ends on %(end)s): submit the report once it has, "
                    "or end the period earlier."
                )
                % {"end": format_date(report.period_end)}
            }
        )
    return _move(report, user, ReportState.SUBMITTED, submitted_at=timezone.now())


@transaction.atomic
def report_approve(*, user, report, note=""):
    """Submitted → approved. A correction replaces the report it corrects."""
    report = _locked(report)
    _require(rules.reviews_reports(user), _("Only reviewers approve reports."))
    _require(not rules.is_author(user, report), _("Nobody approves their own report."))
    _require(
        not rules.changed_content(user, report),
        _("You changed this report's content, so another reviewer must approve it."),
    )
    _require_state(report, ReportState.SUBMITTED)
    if report.supersedes_id:
        original = _locked(report.supersedes)
        if original.state != ReportState.APPROVED or original.is_superseded:
            raise ValidationError(_("The report this one corrects has already been replaced."))
        # Before the correction becomes approved: one current report per period.
        original.is_superseded = True
        original._change_reason = "superseded by a correction"
        original.save(update_fields=["is_superseded", "updated_at"])
    return _move(
        report, user, ReportState.APPROVED, note=note, reviewed_by=user, reviewed_at=timezone.now(), review_note=note
    )


@transaction.atomic
def report_return(*, user, report, note):
    """Submitted → returned to its author, with a note saying why."""
    report = _locked(report)
    _require(rules.reviews_reports(user), _("Only reviewers return reports."))
    _require(not rules.is_author(user, report), _("Nobody reviews their own report."))
    _require_state(report, ReportState.SUBMITTED)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"review_note": _("Say why the report is returned, so its author can act on it.")})
    return _move(
        report, user, ReportState.RETURNED, note=note, reviewed_by=user, reviewed_at=timezone.now(), review_note=note
    )


def _locked(report):
    """Re-read the report under a row lock, so two reviewers cannot act on
    the same submitted report at once."""
    return (
        ProgressReport.objects.select_for_update(of=("self",))
        .select_related("objective", "supersedes")
        .get(pk=report.pk)
    )


def _move(report, user, to_state, note="", **fields):
    from_state = report.state
    report.state = to_state
    for name, value in fields.items():
        setattr(report, name, value)
    report._change_reason = f"{from_state} → {to_state}"
    report._history_user = user
    report.save()
    ReportTransition.objects.create(report=report, from_state=from_state, to_state=to_state, by=user, note=note)
    # The email job is queued in this transaction: it exists exactly when the
    # step does, and the worker sends it (objectives/tasks.py).
    report_step_emails.enqueue(report.pk, to_state, user.pk)
    return report


# Plans-on-a-page -----------------------------------------------------------------


PLAN_WRITERS_ONLY = _("Only editors of the owning division change its plans.")


@transaction.atomic
def plan_copy_to_new_draft(*, user, plan):
    """Start the next version of a plan as a draft with the same activities."""
    _require(rules.can_write_plan(user, plan), PLAN_WRITERS_ONLY)
    latest = PlanOnAPage.objects.filter(objective=plan.objective).aggregate(latest=Max("version"))["latest"] or 0
    draft = PlanOnAPage(
        objective=plan.objective,
        institution=plan.institution,
        version=latest + 1,
        state=PlanState.DRAFT,
        valid_from=plan.valid_from,
        valid_to=plan.valid_to,
        is_example=plan.is_example,
    )
    draft.full_clean()
    draft.save()
    for activity in plan.activities.all():
        activity.pk = None
        activity._state.adding = True
        activity.plan = draft
        activity.save()
    return draft


def _locked_plan(plan):
    return PlanOnAPage.objects.select_for_update(of=("self",)).select_related("objective").get(pk=plan.pk)


@transaction.atomic
def plan_submit(*, user, plan):
    """Draft → awaiting agreement: the objective's editors ask a Reviewer to
    record that the counterpart agreed this version."""
    plan = _locked_plan(plan)
    _require(rules.can_write_plan(user, plan), PLAN_WRITERS_ONLY)
    if plan.state != PlanState.DRAFT:
        raise ValidationError(_("Only a draft plan can be submitted for agreement."))
    plan.state = PlanState.SUBMITTED
    plan.submitted_by = user
    plan.submitted_at = timezone.now()
    plan.full_clean()
    plan._change_reason = "submitted for agreement"
    plan.save()
    return plan


@transaction.atomic
def plan_return(*, user, plan):
    """Awaiting agreement → draft again, for changes."""
    plan = _locked_plan(plan)
    _require(rules.reviews_reports(user), _("Only reviewers agree plans or send them back."))
    if plan.state != PlanState.SUBMITTED:
        raise ValidationError(_("Only a plan awaiting agreement can be sent back to its draft."))
    plan.state = PlanState.DRAFT
    plan._change_reason = "returned to draft"
    plan.save()
    return plan


@transaction.atomic
def plan_agree(*, user, plan, agreed_on=None, institution=None, counterpart_role=None, counterpart_name=None):
    """Record that a plan awaiting agreement was agreed with the counterpart:
    it becomes the objective's current plan, on the site, and the agreed
    plan it replaces becomes superseded. Four eyes: a Reviewer other than
    whoever submitted it."""
    plan = _locked_plan(plan)
    _require(rules.reviews_reports(user), _("Only reviewers record that a plan was agreed."))
    _require(not rules.proposed_plan(user, plan), _("Another reviewer must agree the plan you submitted."))
    if plan.state != PlanState.SUBMITTED:
        raise ValidationError(_("Only a plan submitted for agreement can be agreed."))
    for previous in PlanOnAPage.objects.filter(objective=plan.objective, state=PlanState.AGREED):
        previous.state = PlanState.SUPERSEDED
        previous.save(update_fields=["state", "updated_at"])
    plan.state = PlanState.AGREED
    plan.agreed_on = agreed_on or timezone.localdate()
    # Who agreed it for the counterpart: the institution and the role (shown
    # on the plan page) and, for staff only, the name.
    if institution is not None:
        plan.institution = institution
    if counterpart_role is not None:
        plan.counterpart_role = counterpart_role
    if counterpart_name is not None:
        plan.counterpart_name = counterpart_name
    plan.full_clean()
    plan._change_reason = "agreed"
    plan.save()
    return plan
