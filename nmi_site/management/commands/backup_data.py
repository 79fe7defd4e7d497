"""``manage.py backup_data FILE``: every row of the portal's data, as JSON
(compressed when FILE ends in ``.gz``). See nmi_site/backup.py."""

from pathlib import Path

from django.core.management import BaseCommand, CommandError, call_command

from nmi_site.backup import backed_up_models, check_name


class Command(BaseCommand):
    help = "Write all the portal's data to FILE (.json, or .json.gz to compress it)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup: a name ending in .json or .json.gz.")

    def handle(self, *args, file, **options):
        path = Path(file)
        if message := check_name(path):
            raise CommandError(message)
        if not path.parent.is_dir():
            raise CommandError(f"There is no folder {str(path.parent)!r} to write the backup into.")
        labels = [model._meta.label for model in backed_up_models()]
        call_command("dumpdata", *labels, natural_foreign=True, use_base_manager=True, output=str(path), verbosity=0)
        self.stdout.write(f"Backed up {len(labels)} kinds of record to {path}.")
