"""
The access rules: who may edit, publish, review and agree, as small named
predicates (django-rules), composed rather than repeated.

Every path that writes asks these predicates: the admin (add, change,
delete, history and revert, inlines, every choice offered, autocomplete,
actions), the API, the services and the management commands. Nothing else
decides.

A record belongs to a division through the path its model declares once,
``division_path`` (``"pk"`` for a division itself, ``"owning_division"``
for an objective, ``"objective__owning_division"`` for a report), as it
declares ``visibility_parents``. A model without one belongs to no
division: only Administrators write it (the mission, nations, counterparts,
partner organisations and the like).

- **Editors** edit the records of their own divisions (their staff
  profile), and link them only to records they may edit, or, where the
  model says a link may cross divisions, to records shared beyond staff.
- **Reviewers** publish (change visibility), approve or return reports and
  agree plans, never their own work.
- **Administrators** may do everything a rule allows anyone (superusers
  count as Administrators); a workflow's four eyes apply to them too.

Predicates take ``(user)`` or ``(user, record)``; each returns a bool and
runs at most one query per user and request (the user's groups and
divisions are read once and kept on the user object).
"""

import rules
from django.db.models import Q

from nmi_site.access.models import StaffProfile
from nmi_site.content.visibility import PUBLIC_AND_PARTNERS, visibility_condition

EDITOR = "Editor"
REVIEWER = "Reviewer"
ADMINISTRATOR = "Administrator"
PARTNER = "Partner"

PUBLISH_PERMISSION = "nmi_site.publish_records"
REVIEW_PERMISSION = "objectives.review_progressreport"


# What a user is -----------------------------------------------------------------


def _group_names(user):
    if not hasattr(user, "_nmi_group_names"):
        user._nmi_group_names = frozenset(user.groups.values_list("name", flat=True)) if user.pk else frozenset()
    return user._nmi_group_names


def division_ids(user):
    """The ids of the divisions whose records ``user`` edits."""
    if not hasattr(user, "_nmi_division_ids"):
        if getattr(user, "pk", None) is None:
            user._nmi_division_ids = frozenset()
        else:
            user._nmi_division_ids = frozenset(
                StaffProfile.divisions.through.objects.filter(staffprofile__user=user).values_list(
                    "division_id", flat=True
                )
            )
    return user._nmi_division_ids


class Operator:
    """Whoever runs the portal's management commands on the server: they
    hold the keys to the machine, so the rules treat them as an
    Administrator. Commands pass ``OPERATOR`` as the acting user."""

    pk = None
    is_active = True
    is_staff = True
    is_superuser = True
    is_authenticated = True

    def __str__(self):
        return "operator"


OPERATOR = Operator()


@rules.predicate
def is_active_staff(user):
    return bool(user is not None and user.is_active and user.is_staff)


@rules.predicate
def is_administrator(user):
    return bool(
        user is not None
        and user.is_active
        and (user.is_superuser or (user.is_authenticated and ADMINISTRATOR in _group_names(user)))
    )


@rules.predicate
def is_reviewer(user):
    """A Reviewer: publishes, approves and returns reports, agrees plans."""
    return bool(
        is_active_staff(user)
        and (REVIEWER in _group_names(user) or user.has_perm(PUBLISH_PERMISSION) or user.has_perm(REVIEW_PERMISSION))
    )


@rules.predicate
def is_editor(user):
    """A member of staff who edits the records of at least one division."""
    return bool(is_active_staff(user) and division_ids(user))


# Records and their divisions --------------------------------------------------


def division_path(model):
    """The path from ``model`` to the division its records belong to, or
    ``None``."""
    return getattr(model, "division_path", None)


def division_id_of(record):
    """The id of the division ``record`` belongs to, following its model's
    ``division_path``; ``None`` when it belongs to none (yet)."""
    path = division_path(type(record))
    if path is None:
        return None
    if path == "pk":
        return record.pk
    *hops, last = path.split("__")
    obj = record
    for hop in hops:
        obj = getattr(obj, hop, None)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id", None)


@rules.predicate
def belongs_to_a_division(user, record):
    return division_path(record if isinstance(record, type) else type(record)) is not None


@rules.predicate
def in_own_division(user, record):
    """``record`` belongs to one of the user's divisions."""
    return division_id_of(record) in division_ids(user)


# Writing ------------------------------------------------------------------------

#: Add, change or delete a record (and its rows inline).
can_edit = is_active_staff & (is_administrator | (belongs_to_a_division & in_own_division))

#: Start a record of a model (the record's division is checked on save).
can_add = is_active_staff & (is_administrator | (belongs_to_a_division & is_editor))

#: Change who may see a record.
can_publish = is_active_staff & (is_administrator | is_reviewer)

#: See every record in the back office; Editors see their own divisions'
#: records (and reference data of no division).
sees_all_records = can_publish

#: Fields that only Administrators set (moving a record between missions or
#: divisions, numbering, slugs): structure, not content.
can_change_structure = is_administrator

#: Partner keys and personal tokens are issued and revoked by Administrators.
can_issue_key = is_administrator


def in_own_divisions_condition(user, model, *, pk_name="pk"):
    """A ``Q`` keeping the records of ``model`` that belong to the user's
    divisions. ``pk_name`` names the field that holds a division's own id
    (``"id"`` in a history table, whose primary key is the history row's)."""
    path = division_path(model)
    if path is None:
        return Q(pk__in=[])
    return Q(**{f"{pk_name if path == 'pk' else path}__in": division_ids(user)})


def editable(user, queryset):
    """The records of ``queryset`` that ``user`` may edit."""
    if is_administrator(user):
        return queryset
    if not is_active_staff(user):
        return queryset.none()
    return queryset.filter(in_own_divisions_condition(user, queryset.model))


def linkable(user, queryset, *, across_divisions=False):
    """The records ``user`` may choose when linking one of their records to
    ``queryset``'s model. Records of no division (reference data) are open
    to all staff; records of a division must be the user's own, or, for a
    link the model declares open ``across_divisions``, shared beyond staff
    (not internal)."""
    if is_administrator(user) or division_path(queryset.model) is None:
        return queryset
    if not is_active_staff(user):
        return queryset.none()
    own = editable(user, queryset)
    if not across_divisions:
        return own
    return queryset.filter(Q(pk__in=own.values("pk")) | visibility_condition(queryset.model, PUBLIC_AND_PARTNERS))


# Progress reports -----------------------------------------------------------------


@rules.predicate
def is_author(user, report):
    return report is not None and report.author_id is not None and report.author_id == user.pk


@rules.predicate
def changed_content(user, report):
    """``user`` changed the report's content since it was last returned (or
    ever, if it never was)."""
    return user.pk in report.content_editor_ids()


#: Draft, change and submit a report: its objective's editors.
can_write_report = can_edit

#: Write the Arabic of an approved report (what was approved stays).
can_translate_report = can_edit

#: Approve or return a submitted report: a Reviewer who neither wrote it nor
#: changed its content since it was last returned (four eyes).
can_review = is_active_staff & (is_administrator | is_reviewer) & ~is_author & ~changed_content

#: Return a submitted report to its author: a Reviewer who did not write it.
can_return_report = is_active_staff & (is_administrator | is_reviewer) & ~is_author

#: Whether ``user`` is a reviewer at all (the review queue, the actions).
reviews_reports = is_active_staff & (is_administrator | is_reviewer)


# Plans-on-a-page ------------------------------------------------------------------


@rules.predicate
def proposed_plan(user, plan):
    return plan is not None and plan.submitted_by_id is not None and plan.submitted_by_id == user.pk


#: Draft a plan version and submit it for agreement: its objective's editors.
can_write_plan = can_edit

#: Record that a submitted plan was agreed with the counterpart, which puts it
#: on the site: a Reviewer who did not submit it.
can_agree_plan = is_active_staff & (is_administrator | is_reviewer) & ~proposed_plan


# Handovers of advisory posts ---------------------------------------------------------


@rules.predicate
def holds_tour(user, tour):
    """``user`` is the holder of ``tour`` (their own account)."""
    return tour is not None and tour.holder_id is not None and tour.holder_id == user.pk


@rules.predicate
def tour_without_account(user, tour):
    return tour is not None and tour.holder_id is None


#: Acknowledge a handover for one side: the holder of that tour; for a
#: holder with no account, an editor of the post's division records it.
can_acknowledge_tour = is_active_staff & (holds_tour | is_administrator | (tour_without_account & can_edit))


# Reading what staff keep --------------------------------------------------------


def unpublished_work_condition(user, model, *, pk_name="pk"):
    """A ``Q`` keeping the records of ``model`` whose unpublished state
    (report drafts, handover notes, the names in the change history)
    ``user`` may read: Reviewers all; Editors their own divisions'; records
    of no division (reference data) all staff."""
    if sees_all_records(user) or (is_active_staff(user) and division_path(model) is None):
        return Q()
    if not is_active_staff(user):
        return Q(pk__in=[])
    return in_own_divisions_condition(user, model, pk_name=pk_name)
