"""``manage.py restore_data FILE``: load a backup made by ``backup_data``
into an empty, migrated database. See nmi_site/history/backup.py."""

from pathlib import Path

from django.contrib.auth.models import Group
from django.core.management import BaseCommand, CommandError, call_command
from django.db import transaction

from nmi_site.caching.generations import content_changed
from nmi_site.content.visibility import refresh_all_effective_visibility
from nmi_site.history.backup import check_name, restoring, rows_in_the_way
from objectives.models import LongTermObjective, refresh_latest_reports


class Command(BaseCommand):
    help = "Load a backup made by backup_data into an empty database (run migrate first)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup: a .json or .json.gz file made by backup_data.")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no backup at {str(path)!r}.")
        if message := check_name(path):
            raise CommandError(message)
        in_the_way = rows_in_the_way()
        if in_the_way:
            raise CommandError(
                "The database is not empty, so nothing was restored. It already holds: "
                + ", ".join(in_the_way)
                + ". Restore into a new database: create it, run migrate, then restore_data."
            )
        try:
            # The backup holds the history and revisions as they were: loading
            # the records must not record their loading as new changes.
            with transaction.atomic(), restoring():
                # The role groups that migrate made are replaced by the backup's.
                Group.objects.all().delete()
                call_command("loaddata", str(path), verbosity=0)
                # Worked out again rather than trusted: a backup made by an
                # earlier release has no stored levels or latest reports.
                refresh_all_effective_visibility()
                refresh_latest_reports(LongTermObjective._base_manager.values("pk"))
        except CommandError:
            raise
        except Exception as error:
            raise CommandError(f"The backup could not be loaded, so nothing was restored: {error}") from error
        content_changed()
        self.stdout.write(f"Restored {path}.")
