"""
Roles: Editor, Reviewer, Administrator and Partner, as Django groups. What
each role may do is decided in :mod:`nmi_site.access.rules`; this module
gives the groups the model permissions the admin needs to show its pages.

The groups are created by a data migration and their model permissions are
brought up to date after every ``migrate``, so a model added by a later
migration is covered without another data migration.

- **Editor**: adds and changes the records of their own divisions (the
  divisions are on their staff profile).
- **Reviewer**: sees every record in the admin and publishes (changes
  visibility); approves or returns progress reports.
- **Administrator**: everything, like a superuser.
- **Partner**: an organisation holding partner keys; no login and no admin
  rights, so the group carries no permissions.
"""

from django.apps import apps as global_apps
from django.db.models import Q

from nmi_site.access.rules import ADMINISTRATOR, EDITOR, PARTNER, PUBLISH_PERMISSION, REVIEW_PERMISSION, REVIEWER

# Models whose records belong to a division, and what an editor may do with
# them. Records not tied to a division are for Administrators only.
EDITOR_PERMISSIONS = {
    "missions.division": ("view", "change"),
    "missions.programme": ("view", "add", "change", "delete"),
    "objectives.longtermobjective": ("view", "change"),
    "objectives.lineofeffort": ("view", "add", "change", "delete"),
    "objectives.indicator": ("view", "add", "change", "delete"),
    "objectives.progressreport": ("view", "add", "change", "delete"),
    "objectives.measurement": ("view", "add", "change", "delete"),
    "objectives.keyachievement": ("view", "add", "change", "delete"),
    "objectives.planonapage": ("view", "add", "change"),
    "objectives.plannedactivity": ("view", "add", "change", "delete"),
    "objectives.handovernote": ("view", "add", "change"),
    "outreach.event": ("view", "add", "change", "delete"),
    "advisory.advisorypost": ("view", "add", "change", "delete"),
    "advisory.tour": ("view", "add", "change", "delete"),
    "advisory.engagement": ("view", "add", "change", "delete"),
    "advisory.nextstep": ("view", "add", "change", "delete"),
    # Handovers start from the post's page (a service); editors add the
    # post's own checklist items, or delete a handover started by mistake.
    "advisory.handover": ("view", "change", "delete"),
    "advisory.checklistitem": ("view", "add", "change", "delete"),
    # What their divisions' records need in Arabic.
    "translations.pendingtranslation": ("view",),
    # Reference data editors pick from, read-only.
    "missions.institution": ("view",),
    "missions.capabilityarea": ("view",),
    "missions.lesson": ("view",),
    "missions.nation": ("view",),
    "missions.partnerorganisation": ("view",),
}

# Apps whose content models a Reviewer may see (and publish) in the admin.
CONTENT_APPS = ("missions", "objectives", "outreach", "advisory")

# Administrators hold every permission of these apps.
ADMINISTRATOR_APPS = (
    "auth",
    "nmi_site",
    "axes",
    "otp_totp",
    "django_tasks_database",
    "translations",
    *CONTENT_APPS,
)


def _permissions(permission_model, app_labels=(), view_apps=(), model_actions=None, extra=()):
    query = Q(pk__in=[])
    if app_labels:
        query |= Q(content_type__app_label__in=app_labels)
    if view_apps:
        query |= Q(content_type__app_label__in=view_apps, codename__startswith="view_")
    for label, actions in (model_actions or {}).items():
        app_label, model = label.split(".")
        query |= Q(
            content_type__app_label=app_label,
            content_type__model=model,
            codename__in=[f"{action}_{model}" for action in actions],
        )
    for label in extra:
        app_label, codename = label.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    return permission_model.objects.filter(query)


def sync_role_groups(apps):
    """Create the four role groups and give them their permissions. ``apps``
    is an app registry: the real one, or a migration's historical one."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    editor, _ = Group.objects.get_or_create(name=EDITOR)
    editor.permissions.set(_permissions(Permission, model_actions=EDITOR_PERMISSIONS))

    reviewer, _ = Group.objects.get_or_create(name=REVIEWER)
    reviewer.permissions.set(
        _permissions(
            Permission,
            view_apps=(*CONTENT_APPS, "translations"),
            extra=[PUBLISH_PERMISSION, REVIEW_PERMISSION],
        )
    )

    administrator, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    administrator.permissions.set(_permissions(Permission, app_labels=ADMINISTRATOR_APPS))

    partner, _ = Group.objects.get_or_create(name=PARTNER)
    partner.permissions.clear()


def sync_role_groups_after_migrate(sender, **kwargs):
    # The auth app's own post_migrate handler has just created the
    # permissions of ``sender``'s models (it was connected first), so the
    # groups can take them up now.
    if sender.label not in ADMINISTRATOR_APPS:
        return
    sync_role_groups(global_apps)
