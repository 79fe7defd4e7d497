"""
Email through the job queue (django-tasks, the backport of Django 6's
``django.tasks``, on its database backend: see the README, "Background
jobs").

A request never talks to the mail server. It enqueues a job in its own
transaction, so the job exists exactly when the change it reports does;
the worker (``manage.py db_worker``) sends it. A send that fails is tried
again later, up to :data:`ATTEMPTS` times, each failure logged; the last
failure is logged as an error and kept as a failed job in the admin
("Background jobs"), never dropped silently.
"""

import datetime
import logging
import smtplib

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from nmi_site.content.links import site_domain, site_scheme

logger = logging.getLogger("nmi_site.notifications")

#: How long to wait before each further attempt (the first is at once).
RETRY_DELAYS = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=10),
    datetime.timedelta(hours=1),
    datetime.timedelta(hours=6),
)
ATTEMPTS = len(RETRY_DELAYS) + 1

#: What a failed send raises: the mail server refused or could not be reached.
SEND_ERRORS = (smtplib.SMTPException, OSError)


def _send(to, subject, body, attempt, again):
    """Send; on failure, log it and call ``again(run_after)`` to enqueue the
    next attempt, or, after the last, log an error and raise (the job is
    kept as failed)."""
    try:
        send_mail(subject, body, None, [to])
    except SEND_ERRORS as error:
        if attempt >= ATTEMPTS:
            logger.error(
                "Email %r to %s failed for good after %d attempts: %s", subject, to, attempt, error, exc_info=True
            )
            raise
        delay = RETRY_DELAYS[attempt - 1]
        logger.warning(
            "Email %r to %s failed (attempt %d of %d), trying again in %s: %s",
            subject,
            to,
            attempt,
            ATTEMPTS,
            delay,
            error,
        )
        again(timezone.now() + delay)
        return "retry"
    logger.info("Email %r sent to %s", subject, to)
    return "sent"


@task()
def send_email(to, subject, body, attempt=1):
    """Send one email to one address; on failure, enqueue the next attempt."""
    return _send(
        to,
        subject,
        body,
        attempt,
        lambda when: send_email.using(run_after=when).enqueue(to, subject, body, attempt + 1),
    )


@task()
def send_password_reset(user_pk, language, attempt=1):
    """Email a member of staff a link to set a new password. The one-use
    link is made here, in the worker, so it is never stored with the job;
    each attempt makes a fresh one."""
    user = get_user_model()._default_manager.filter(pk=user_pk, is_active=True).first()
    if user is None or not user.has_usable_password() or not user.email:
        return "gone"
    with translation.override(language):
        context = {
            "email": user.email,
            "domain": site_domain(),
            "site_name": site_domain(),
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "user": user,
            "token": default_token_generator.make_token(user),
            "protocol": site_scheme(),
        }
        subject = "".join(render_to_string("registration/password_reset_subject.txt", context).splitlines())
        body = render_to_string("registration/password_reset_email.html", context)
    return _send(
        user.email,
        subject,
        body,
        attempt,
        lambda when: send_password_reset.using(run_after=when).enqueue(user_pk, language, attempt + 1),
    )
