"""``manage.py backup_data FILE``: every row of the portal's data, as JSON
(compressed when FILE ends in ``.gz``), readable by its owner only. See
nmi_site/history/backup.py."""

import os
from pathlib import Path

from django.core.management import BaseCommand, CommandError, call_command

from nmi_site.history.backup import backed_up_models, check_name, create_private_file, strip_secrets


class Command(BaseCommand):
    help = "Write all the portal's data to FILE (.json, or .json.gz to compress it), readable by its owner only."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup: a name ending in .json or .json.gz.")
        parser.add_argument(
            "--without-secrets",
            action="store_true",
            help=(
                "leave out password hashes (restored accounts set a new password through 'Forgotten your "
                "password?') and second-factor devices (staff enrol again): a copy to hand to someone else"
            ),
        )

    def handle(self, *args, file, without_secrets, **options):
        path = Path(file)
        if message := check_name(path):
            raise CommandError(message)
        if not path.parent.is_dir():
            raise CommandError(f"There is no folder {str(path.parent)!r} to write the backup into.")
        models = backed_up_models(without_secrets=without_secrets)
        labels = [model._meta.label for model in models]
        # The file exists, for its owner only, before anything is written to it.
        create_private_file(path)
        call_command("dumpdata", *labels, natural_foreign=True, use_base_manager=True, output=str(path), verbosity=0)
        if without_secrets:
            strip_secrets(path)
        os.chmod(path, 0o600)
        kind = "without secrets " if without_secrets else ""
        self.stdout.write(f"Backed up {len(labels)} kinds of record {kind}to {path} (readable by its owner only).")
