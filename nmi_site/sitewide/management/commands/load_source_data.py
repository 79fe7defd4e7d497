"""Load the source report's facts (and example data) into the database.
The project's one loader: idempotent, it never overwrites a row that
exists, and it never brings back a loaded record that staff deleted
(unless ``--restore-deleted``)."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from advisory import source_data as advisory_data
from missions import source_data as missions_data
from missions import source_data_ar as missions_arabic
from nmi_site.content.loading import Loader
from objectives import source_data as objectives_data
from objectives import source_data_ar as objectives_arabic
from outreach import source_data as outreach_data
from outreach import source_data_ar as outreach_arabic

#: Every loaded English text and its Arabic.
ARABIC = {**missions_arabic.ARABIC, **objectives_arabic.ARABIC, **outreach_arabic.ARABIC}


class Command(BaseCommand):
    help = (
        "Load the public source report's facts about the mission. Creates what is missing and never "
        "changes existing rows, so it is safe to run again; records it loaded before and staff have "
        "deleted stay deleted unless --restore-deleted is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--facts-only",
            action="store_true",
            help="Load the report's facts only, without example data for demonstration.",
        )
        parser.add_argument(
            "--restore-deleted",
            action="store_true",
            help="Create again the loaded records that staff have deleted, as the source data has them.",
        )

    def handle(self, *args, facts_only=False, restore_deleted=False, **options):
        # English is the language of the data's untranslated fields.
        with translation.override("en"), transaction.atomic():
            loader = Loader(restore=restore_deleted, arabic=ARABIC)
            mission = missions_data.load(loader)
            if mission is not None:
                objectives_data.load(loader, mission, facts_only=facts_only)
                if not facts_only:
                    # The report gives no event dates: all events are examples.
                    outreach_data.load(loader, mission)
                    # Nor the mission's posts and tours: examples too.
                    advisory_data.load(loader, mission)
            loader.fill_arabic()

        if loader.left_deleted:
            self.stdout.write(
                f"Left {loader.left_deleted} deleted records deleted (and what hangs from them); "
                "--restore-deleted brings them back."
            )
        if loader.arabic_filled:
            self.stdout.write(f"Filled {loader.arabic_filled} empty Arabic fields with the source data's Arabic.")
        if not loader.created:
            if not loader.arabic_filled:
                self.stdout.write("Source data already loaded; nothing to add.")
            return
        for label, count in loader.created.items():
            self.stdout.write(f"  {count:4d} {label}")
        self.stdout.write(self.style.SUCCESS(f"Loaded {sum(loader.created.values())} records."))
