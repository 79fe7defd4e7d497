"""Load the source report's facts (and, later, example data) into the
database. The project's one loader: idempotent, and it never overwrites a
row that exists."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from missions import source_data as missions_data
from nmi_site.content.loading import Loader
from objectives import source_data as objectives_data
from outreach import source_data as outreach_data


class Command(BaseCommand):
    help = (
        "Load the public source report's facts about the mission. Creates what is missing and never "
        "changes existing rows, so it is safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--facts-only",
            action="store_true",
            help="Load the report's facts only, without example data for demonstration.",
        )

    def handle(self, *args, facts_only=False, **options):

        loader = Loader()
        # English is the language of the data's untranslated fields.
        with translation.override("en"), transaction.atomic():
            mission = missions_data.load(loader)
            objectives_data.load(loader, mission, facts_only=facts_only)
            if not facts_only:
                # The report gives no event dates: all events are examples.
                outreach_data.load(loader, mission)

        if not loader.created:
            self.stdout.write("Source data already loaded; nothing to add.")
            return
        for label, count in loader.created.items():
            self.stdout.write(f"  {count:4d} {label}")
        self.stdout.write(self.style.SUCCESS(f"Loaded {sum(loader.created.values())} records."))
