"""Emails to people, each in the person's own language and in Baghdad time,
through the job queue (:mod:`nmi_site.notifications.tasks`)."""

from django.conf import settings
from django.utils import translation

from nmi_site.notifications.tasks import send_email


def language_of(person):
    """The language ``person`` reads the portal's emails in (their staff
    profile's), English when they chose none."""
    profile = getattr(person, "staff_profile", None)
    languages = dict(settings.LANGUAGES)
    language = getattr(profile, "language", "") or settings.LANGUAGE_CODE
    return language if language in languages else settings.LANGUAGE_CODE


def email_people(people, compose, *, actor=None):
    """Enqueue one email to each of ``people`` with an address, except
    ``actor`` (nobody is emailed about their own action). ``compose(person)``
    returns ``(subject, body)``, or ``None`` for nothing to send, and runs
    in the person's language; dates it writes are in the site's time zone
    (Baghdad). Returns how many were enqueued."""
    actor_pk = getattr(actor, "pk", actor)
    count = 0
    seen = set()
    for person in people:
        if not person.email or person.pk == actor_pk or person.email in seen:
            continue
        seen.add(person.email)
        with translation.override(language_of(person)):
            message = compose(person)
            if message is None:
                continue
            subject, body = message
            send_email.enqueue(person.email, str(subject), str(body))
        count += 1
    return count
