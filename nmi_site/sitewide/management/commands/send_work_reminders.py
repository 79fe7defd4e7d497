"""Email each member of staff what "My work" holds for them: run weekly
(cron or a systemd timer, README "Background jobs")."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nmi_site.content.links import absolute_url
from nmi_site.notifications.emails import email_people
from nmi_site.sitewide.work import my_work


def reminder(person):
    """The reminder for ``person``, in the active language, or ``None`` when
    nothing waits for them."""
    work = [kind for kind in my_work(person) if kind.total]
    if not work:
        return None
    total = sum(kind.total for kind in work)
    subject = ngettext(
        "NMI Portal: %(count)d thing waits for you", "NMI Portal: %(count)d things wait for you", total
    ) % {"count": total}
    parts = [_("This is what the portal has for you to act on this week.")]
    for kind in work:
        lines = [f"{kind.title} ({kind.total})"]
        for item in kind.items:
            detail = f" — {item.detail}" if item.detail else ""
            lines.append(f"- {item.label}{detail}\n  {absolute_url(item.url)}")
        if kind.more:
            lines.append(
                ngettext("and %(count)d more", "and %(count)d more", kind.more) % {"count": kind.more}
                + (f": {absolute_url(kind.more_url)}" if kind.more_url else "")
            )
        parts.append("\n".join(lines))
    parts.append(
        _("Everything is on the back office's home page: %(url)s") % {"url": absolute_url(reverse("admin:index"))}
    )
    return subject, "\n\n".join(parts)


class Command(BaseCommand):
    help = 'Email each member of staff what "My work" holds for them, through the job queue.'

    def handle(self, *args, **options):
        people = (
            get_user_model()
            .objects.filter(is_active=True, is_staff=True)
            .exclude(email="")
            .select_related("staff_profile")
            .order_by("pk")
        )
        count = email_people(people, reminder)
        self.stdout.write(f"{count} reminder(s) queued.")
