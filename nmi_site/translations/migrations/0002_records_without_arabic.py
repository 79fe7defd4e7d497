"""The records saved before translations were tracked: each field with
English and no Arabic is listed as missing. (Which Arabic is older than its
English the history cannot say reliably; from now on each save tells.)

The models and their fields are named here as they were when this
migration was written, as a data migration must."""

from django.db import migrations
from django.db.models import Q
from django.utils import timezone

# model → (path to its division, or None; the field naming a record; translated fields)
TRANSLATED = {
    "missions.mission": (None, "name", ("name", "short_name", "mandate_summary", "nature", "host_country", "headquarters_city")),
    "missions.division": ("pk", "name", ("name", "purpose")),
    "missions.nation": (None, "name", ("name",)),
    "missions.contribution": (None, "role", ("role",)),
    "missions.institution": (None, "name", ("name", "summary")),
    "missions.partnerorganisation": (None, "name", ("name", "summary")),
    "missions.capabilityarea": (None, "name", ("name", "summary")),
    "missions.milestone": (None, "title", ("title", "summary")),
    "missions.programme": ("division", "name", ("name", "summary")),
    "missions.lesson": (None, "title", ("title", "summary")),
    "missions.trustfundcontribution": (None, "purpose", ("purpose",)),
    "objectives.longtermobjective": ("owning_division", "title", ("title", "statement")),
    "objectives.lineofeffort": ("objective__owning_division", "title", ("title", "description")),
    "objectives.indicator": ("objective__owning_division", "name", ("name", "unit")),
    "objectives.progressreport": (
        "objective__owning_division",
        "narrative",
        ("narrative", "achievements", "obstacles", "next_steps"),
    ),
    "objectives.keyachievement": ("division", "title", ("title", "summary")),
    "objectives.planonapage": ("objective__owning_division", "change_summary", ("change_summary", "counterpart_role")),
    "objectives.plannedactivity": ("plan__objective__owning_division", "title", ("title", "outcome")),
    "outreach.event": ("organising_division", "title", ("title", "location", "audience", "summary", "outcome")),
    "advisory.advisorypost": ("division", "title", ("title", "duties")),
}


def list_missing(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    PendingTranslation = apps.get_model("translations", "PendingTranslation")
    now = timezone.now()
    for label, (division_path, name_field, fields) in TRANSLATED.items():
        app_label, model_name = label.split(".")
        model = apps.get_model(app_label, model_name)
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
        division = None if division_path is None else ("pk" if division_path == "pk" else f"{division_path}_id")
        for field in fields:
            english, arabic = f"{field}_en", f"{field}_ar"
            missing = model._base_manager.exclude(Q(**{english: ""}) | Q(**{f"{english}__isnull": True})).filter(
                Q(**{arabic: ""}) | Q(**{f"{arabic}__isnull": True})
            )
            columns = ["pk", f"{name_field}_en"] + ([division] if division else [])
            PendingTranslation.objects.bulk_create(
                [
                    PendingTranslation(
                        content_type_id=content_type.pk,
                        object_id=row[0],
                        field=field,
                        state="missing",
                        label=(row[1] or f"#{row[0]}")[:300],
                        division_id=row[2] if division else None,
                        english_changed_at=now,
                    )
                    for row in missing.values_list(*columns).iterator()
                ],
                batch_size=1000,
                ignore_conflicts=True,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("missions", "0004_lesson_stages"),
        ("objectives", "0007_plan_counterpart"),
        ("outreach", "0005_lessons"),
        ("advisory", "0002_lessons"),
    ]

    operations = [migrations.RunPython(list_missing, migrations.RunPython.noop)]
