"""Emails through the job queue: sent by the worker, retried when the mail
server fails, logged, never lost silently."""

import datetime
import logging

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from nmi_site.notifications.tasks import ATTEMPTS, RETRY_DELAYS, send_email

pytestmark = pytest.mark.django_db


def test_the_worker_sends_a_queued_email(run_jobs):
    send_email.enqueue("someone@example.org", "Subject", "Body")
    assert mail.outbox == []

    assert run_jobs() == 1

    (message,) = mail.outbox
    assert (message.to, message.subject, message.body) == (["someone@example.org"], "Subject", "Body")
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.fixture
def unreachable_mail_server(settings):
    # A real SMTP connection to a port nobody listens on.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9
    settings.EMAIL_TIMEOUT = 2


def test_a_failed_send_is_logged_and_tried_again_later(unreachable_mail_server, run_jobs, caplog):
    send_email.enqueue("someone@example.org", "Subject", "Body")

    with caplog.at_level(logging.WARNING, logger="nmi_site.notifications"):
        run_jobs()

    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["args"] == ["someone@example.org", "Subject", "Body", 2]
    assert retry.run_after > timezone.now() + RETRY_DELAYS[0] - datetime.timedelta(seconds=30)
    assert "failed (attempt 1 of 5)" in caplog.text
    # Not due yet: the worker leaves it for later.
    assert run_jobs() == 0


def test_the_last_failed_attempt_is_an_error_and_a_failed_job(unreachable_mail_server, run_jobs, caplog):
    send_email.enqueue("someone@example.org", "Subject", "Body", ATTEMPTS)

    with caplog.at_level(logging.ERROR, logger="nmi_site.notifications"):
        run_jobs()

    job = DBTaskResult.objects.get()
    assert job.status == "FAILED"
    assert "failed for good after 5 attempts" in caplog.text
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_a_retry_that_succeeds_sends_the_email(settings, run_jobs):
    send_email.using(run_after=timezone.now() - datetime.timedelta(seconds=1)).enqueue(
        "someone@example.org", "Subject", "Body", 3
    )
    run_jobs()
    assert [message.to for message in mail.outbox] == [["someone@example.org"]]
