"""Create the Editor, Reviewer, Administrator and Partner groups with their
permissions (see nmi_site/access/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_role_groups(apps, schema_editor):
    # Permissions are normally created after all migrations have run; create
    # them now so that the groups can be given them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    from nmi_site.access.roles import sync_role_groups

    sync_role_groups(apps)


def remove_role_groups(apps, schema_editor):
    from nmi_site.access.roles import ADMINISTRATOR, EDITOR, PARTNER, REVIEWER

    apps.get_model("auth", "Group").objects.filter(name__in=[EDITOR, REVIEWER, ADMINISTRATOR, PARTNER]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("nmi_site", "0001_initial"),
        ("missions", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
