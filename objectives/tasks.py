"""Background jobs of the objectives: telling people that a progress
report moved on (run by the job queue's worker, never in a request)."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from nmi_site.access import rules
from nmi_site.content.dates import format_date
from nmi_site.content.links import absolute_url
from nmi_site.notifications.emails import email_people
from objectives.models import ProgressReport, ReportState


def report_step_recipients(report, to_state):
    """Whoever acts next: the Reviewers when a report is submitted, its
    author when it is returned or approved."""
    if to_state == ReportState.SUBMITTED:
        User = get_user_model()
        return list(
            User.objects.filter(is_active=True, groups__name=rules.REVIEWER)
            .select_related("staff_profile")
            .order_by("pk")
            .distinct()
        )
    author = report.author
    return [author] if author is not None and author.is_active else []


@task()
def report_step_emails(report_pk, to_state, actor_pk):
    """Email whoever acts next that a report changed state, never the person
    who made the change, each in their own language, with the period's dates
    written out and a link to the report in the back office."""
    report = ProgressReport.objects.select_related("objective", "author__staff_profile").filter(pk=report_pk).first()
    if report is None:
        return 0  # Deleted since (a draft): nothing to tell.
    link = absolute_url(reverse("admin:objectives_progressreport_change", args=[report.pk]))

    def compose(person):
        state = ReportState(to_state).label.lower()
        subject = _("Progress report %(state)s: %(objective)s") % {"state": state, "objective": report.objective}
        lines = [
            _("The progress report for %(objective)s, %(start)s to %(end)s, is now %(state)s.")
            % {
                "objective": report.objective,
                "start": format_date(report.period_start),
                "end": format_date(report.period_end),
                "state": state,
            }
        ]
        if report.review_note and to_state in (ReportState.RETURNED, ReportState.APPROVED):
            lines.append(_("Reviewer's note: %(note)s") % {"note": report.review_note})
        lines.append(link)
        return subject, "\n\n".join(lines)

    return email_people(report_step_recipients(report, to_state), compose, actor=actor_pk)
