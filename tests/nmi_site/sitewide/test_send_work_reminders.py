"""The weekly reminder: each member of staff gets what "My work" holds for
them, through the job queue, in their language; nobody with nothing to do
is emailed."""

import pytest
from django.core import mail
from django.core.management import call_command

from nmi_site.access import rules
from nmi_site.access.models import StaffProfile
from nmi_site.translations.models import PendingTranslation
from tests import factories

pytestmark = pytest.mark.django_db


def test_each_person_with_work_gets_a_reminder_through_the_queue(editor, reviewer, objective, run_jobs, capsys):
    returned = factories.ReportFactory(objective=objective, author=editor, returned=True, review_note="Add figures.")
    factories.StaffFactory(username="idle", email="idle@example.org", roles=["Reviewer"])
    factories.StaffFactory(username="gone", email="gone@example.org", roles=["Editor"], is_active=False)

    call_command("send_work_reminders")
    assert "1 reminder(s) queued." in capsys.readouterr().out
    assert mail.outbox == []
    run_jobs()

    (message,) = mail.outbox
    assert message.to == ["editor@example.org"]
    # The returned report, the objective's report due for the last half-year,
    # and the texts of the editor's division written in English only.
    to_translate = rules.editable(editor, PendingTranslation.objects.all()).count()
    assert to_translate > 0
    assert message.subject == f"NMI Portal: {2 + to_translate} things wait for you"
    assert f"Arabic to write or bring up to date ({to_translate})" in message.body
    assert "Reports returned to me (1)" in message.body
    assert "Reports due from my divisions for " in message.body
    assert "Add figures." in message.body
    assert f"http://testserver/admin/objectives/progressreport/{returned.pk}/change/" in message.body


def test_a_reminder_is_written_in_the_recipients_language(editor, objective, run_jobs):
    StaffProfile.objects.filter(user=editor).update(language="ar")
    factories.ReportFactory(objective=objective, author=editor)

    call_command("send_work_reminders")
    run_jobs()

    (message,) = mail.outbox
    assert "NMI Portal" not in message.subject
    assert "My draft reports" not in message.body
