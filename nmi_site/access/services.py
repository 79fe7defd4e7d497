"""Writes about access: who may see a record, and the keys that let
partners and scripts in. Each asks :mod:`nmi_site.access.rules` first,
runs in one transaction and validates before it saves."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from nmi_site.access import rules
from nmi_site.access.models import PartnerKey


@transaction.atomic
def record_set_visibility(*, user, records, level):
    """Give each of ``records`` (a queryset or list) the visibility
    ``level``; returns how many changed. Only publishers change visibility."""
    if not rules.can_publish(user):
        raise PermissionDenied(_("Only Reviewers and Administrators change who may see a record."))
    changed = 0
    for record in records:
        if record.visibility == level:
            continue
        record.visibility = level
        record.full_clean()
        record._change_reason = f"Visibility set to {level}"
        record._history_user = user if getattr(user, "pk", None) else None
        record.save(update_fields=["visibility", "updated_at"])
        changed += 1
    return changed


@transaction.atomic
def key_issue(*, user, label, scopes, partner=None, holder=None, expires_at=None):
    """Issue a partner key (``partner``) or a personal token (``holder``, a
    member of staff) and return ``(key, secret)``; the secret exists only in
    the return value."""
    if not rules.can_issue_key(user):
        raise PermissionDenied(_("Only Administrators issue keys."))
    return PartnerKey.issue(label=label, scopes=scopes, partner=partner, user=holder, expires_at=expires_at)


@transaction.atomic
def key_revoke(*, user, key):
    """Revoke ``key`` for good (it stays on record)."""
    if not rules.can_issue_key(user):
        raise PermissionDenied(_("Only Administrators revoke keys."))
    key.revoke()
    return key
