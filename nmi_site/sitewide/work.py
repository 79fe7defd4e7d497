""" "My work" across the apps: what the admin home and the weekly reminder
show a member of staff (see nmi_site/backoffice/work.py)."""

from advisory import selectors as advisory
from nmi_site.access import rules
from nmi_site.translations import selectors as translations
from objectives import selectors as objectives
from outreach import selectors as outreach


def my_work(user):
    """Every list of work ``user`` has, in the order an officer takes them;
    empty for anyone who is not active staff."""
    if not rules.is_active_staff(user):
        return []
    return [
        *objectives.work_for(user),
        *outreach.work_for(user),
        *advisory.work_for(user),
        *translations.work_for(user),
    ]
