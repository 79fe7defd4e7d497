"""
Writes with rules: the progress-report workflow and plan versioning.

The admin (and the API) call these functions, so each rule is written once:

- only editors of the objective's owning division (and Administrators) draft
  and submit its reports;
- only Reviewers (and Administrators) approve or return, never their own
  report, and a return needs a note;
- approved reports never change; a correction is a new report for the same
  period that supersedes the approved one when it is approved itself;
- every step is recorded (who, when, note) and emailed to the author and the
  reviewers.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from nmi_site.roles import REVIEW_PERMISSION, REVIEWER, editor_division_ids, is_administrator
from objectives.models import (
    PlanOnAPage,
    PlanState,
    ProgressReport,
    ReportState,
    ReportTransition,
)

# Who may do what -------------------------------------------------------------


def can_write_reports(user, objective):
    """Editors of the objective's owning division, and Administrators."""
    if not (user and user.is_active and user.is_staff):
        return False
    return is_administrator(user) or objective.owning_division_id in editor_division_ids(user)


def can_review(user):
    return bool(
        user and user.is_active and user.is_staff and (is_administrator(user) or user.has_perm(REVIEW_PERMISSION))
    )


def _require(condition, message):
    if not condition:
        raise PermissionDenied(message)


def _require_state(report, *states):
    if report.state not in states:
        raise ValidationError(
            _("This report is %(state)s; that step is not possible now.") % {"state": report.get_state_display()}
        )


# Progress reports --------------------------------------------------------------


@transaction.atomic
def report_save(*, user, report):
    """Save a new draft, or changes to a draft or returned report. ``report``
    may be unsaved (the admin's and the API's forms build it)."""
    _require(can_write_reports(user, report.objective), _("Only editors of the owning division write its reports."))
    if report._state.adding:
        report.author = user
        report.state = ReportState.DRAFT
        if report.supersedes_id:
            # Judge the report being corrected as it is now, not as the caller saw it.
            report.supersedes = ProgressReport.objects.get(pk=report.supersedes_id)
            report.period_start = report.supersedes.period_start
            report.period_end = report.supersedes.period_end
    else:
        _require_state(_locked(report), ReportState.DRAFT, ReportState.RETURNED)
    report.full_clean()
    report.save()
    return report


def report_create(*, user, objective, supersedes=None, **fields):
    """Draft a new report, or a correction of an approved one."""
    return report_save(user=user, report=ProgressReport(objective=objective, supersedes=supersedes, **fields))


@transaction.atomic
def report_submit(*, user, report):
    """Draft or returned → submitted."""
    report = _locked(report)
    _require(can_write_reports(user, report.objective), _("Only editors of the owning division submit its reports."))
    _require_state(report, ReportState.DRAFT, ReportState.RETURNED)
    report.full_clean()
    return _move(report, user, ReportState.SUBMITTED, submitted_at=timezone.now())


@transaction.atomic
def report_approve(*, user, report, note=""):
    """Submitted → approved. A correction replaces the report it corrects."""
    report = _locked(report)
    _require(can_review(user), _("Only reviewers approve reports."))
    _require(report.author_id != user.pk, _("Nobody approves their own report."))
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
    _require(can_review(user), _("Only reviewers return reports."))
    _require(report.author_id != user.pk, _("Nobody reviews their own report."))
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
    report.save()
    ReportTransition.objects.create(report=report, from_state=from_state, to_state=to_state, by=user, note=note)
    transaction.on_commit(lambda: _notify(report.pk, to_state))
    return report


def _notify(report_pk, to_state):
    """Email the author and the reviewers that a report changed state."""
    report = ProgressReport.objects.select_related("objective", "author").get(pk=report_pk)
    User = get_user_model()
    reviewers = User.objects.filter(is_active=True, groups__name=REVIEWER).exclude(email="")
    recipients = {user.email for user in reviewers}
    if report.author and report.author.email:
        recipients.add(report.author.email)
    if not recipients:
        return
    state = report.get_state_display()
    subject = _("Progress report %(state)s: %(objective)s") % {"state": state.lower(), "objective": report.objective}
    lines = [
        _("The progress report for %(objective)s, %(start)s to %(end)s, is now %(state)s.")
        % {
            "objective": report.objective,
            "start": report.period_start.isoformat(),
            "end": report.period_end.isoformat(),
            "state": state.lower(),
        }
    ]
    if report.review_note and to_state in (ReportState.RETURNED, ReportState.APPROVED):
        lines.append(_("Reviewer's note: %(note)s") % {"note": report.review_note})
    send_mail(subject, "\n\n".join(lines), None, sorted(recipients))


# Plans-on-a-page -----------------------------------------------------------------


def can_write_plans(user, objective):
    return can_write_reports(user, objective)


@transaction.atomic
def plan_copy_to_new_draft(*, user, plan):
    """Start the next version of a plan as a draft with the same activities."""
    _require(can_write_plans(user, plan.objective), _("Only editors of the owning division change its plans."))
    latest = PlanOnAPage.objects.filter(objective=plan.objective).aggregate(latest=Max("version"))["latest"] or 0
    draft = PlanOnAPage.objects.create(
        objective=plan.objective,
        institution=plan.institution,
        version=latest + 1,
        state=PlanState.DRAFT,
        valid_from=plan.valid_from,
        valid_to=plan.valid_to,
        is_example=plan.is_example,
    )
    for activity in plan.activities.all():
        activity.pk = None
        activity._state.adding = True
        activity.plan = draft
        activity.save()
    return draft


@transaction.atomic
def plan_agree(*, user, plan, agreed_on=None):
    """Mark a draft as agreed with the counterpart; the agreed plan it
    replaces becomes superseded."""
    plan = PlanOnAPage.objects.select_for_update().select_related("objective").get(pk=plan.pk)
    _require(can_write_plans(user, plan.objective), _("Only editors of the owning division change its plans."))
    if plan.state != PlanState.DRAFT:
        raise ValidationError(_("Only a draft plan can be agreed."))
    for previous in PlanOnAPage.objects.filter(objective=plan.objective, state=PlanState.AGREED):
        previous.state = PlanState.SUPERSEDED
        previous.save(update_fields=["state", "updated_at"])
    plan.state = PlanState.AGREED
    plan.agreed_on = agreed_on or timezone.localdate()
    plan.full_clean()
    plan.save()
    return plan
