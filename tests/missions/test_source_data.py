import pytest
from django.core.management import call_command

from missions import models

pytestmark = pytest.mark.django_db

ALL_MODELS = [
    models.Mission,
    models.Division,
    models.Nation,
    models.Contribution,
    models.Institution,
    models.PartnerOrganisation,
    models.CapabilityArea,
    models.Milestone,
    models.Programme,
    models.Lesson,
    models.TrustFundContribution,
]


def snapshot():
    return {model.__name__: sorted(model.objects.values_list("pk", "updated_at")) for model in ALL_MODELS}


def test_loader_loads_the_reports_structure(capsys):
    call_command("load_source_data")

    mission = models.Mission.objects.get()
    assert (mission.name, mission.short_name, mission.objective_count) == ("NATO Mission Iraq", "NMI", 21)
    assert (mission.launched_display, mission.established_display) == ("Jul 2018", "Oct 2018")
    assert list(models.Division.objects.filter(parent=None).values_list("acronym", flat=True)) == [
        "MAD",
        "PSE",
        "TDD",
        "SPCO",
        "SCRO",
    ]
    mad = models.Division.objects.get(acronym="MAD")
    assert (mad.advisors_display, mad.nations_display, mad.objective_count) == ("over 60", "about 15", 14)
    assert models.Division.objects.get(acronym="CCPB").parent.acronym == "TDD"
    assert set(models.PartnerOrganisation.objects.values_list("acronym", flat=True)) == {
        "EUAM-I",
        "UNAMI",
        "UNDP",
        "CJTF-OIR",
        "RDDC",
    }
    assert [
        str(m.date_display) for m in models.Milestone.objects.filter(kind__in=["mandate", "expansion", "operational"])
    ] == [
        "Jul 2018",
        "Oct 2018",
        "Sep 2019",
        "Feb 2021",
        "Aug 2023",
    ]
    # The report's five lessons (the loader adds one example observation).
    assert models.Lesson.objects.filter(is_example=False).count() == 5
    assert models.TrustFundContribution.objects.get().amount_eur == 1130000
    assert set(models.Programme.objects.values_list("slug", flat=True)) == {
        "deep",
        "tsdp",
        "ecdc-it-systems",
        "ssrc-rddc-partnership",
        "matt",
    }
    assert models.Programme.objects.get(slug="ssrc-rddc-partnership").partner_organisations.get().acronym == "RDDC"
    assert models.Institution.objects.get(slug="federal-police-command").parent.slug == "ministry-of-interior"
    # The loader publishes what it loads.
    for model in ALL_MODELS:
        if hasattr(model, "visibility"):
            assert set(model.objects.values_list("visibility", flat=True)) == {"public"}
    assert "Loaded" in capsys.readouterr().out


def test_loader_gives_official_arabic_names_and_arabic_for_the_rest():
    call_command("load_source_data")

    ministry = models.Institution.objects.get(slug="ministry-of-defence")
    ccpb = models.Division.objects.get(acronym="CCPB")
    assert ministry.name_ar == "وزارة الدفاع"
    assert models.Mission.objects.get().name_ar == "بعثة حلف الناتو في العراق"
    # Names with no official Arabic form get the glossary's (docs/glossary.md).
    assert ccpb.name_ar == "فرع المشاريع المشتركة بين الأقسام"


def test_loader_run_twice_changes_nothing(capsys):
    call_command("load_source_data")
    before = snapshot()

    call_command("load_source_data")

    assert snapshot() == before
    assert "nothing to add" in capsys.readouterr().out


def test_loader_never_overwrites_staff_edits():
    call_command("load_source_data")
    mad = models.Division.objects.get(acronym="MAD")
    mad.purpose = "Edited by staff."
    mad.visibility = "internal"
    mad.save()
    deep = models.Programme.objects.get(slug="deep")
    deep.delete()

    call_command("load_source_data")

    mad.refresh_from_db()
    assert (mad.purpose, mad.visibility) == ("Edited by staff.", "internal")
    # A deleted record stays deleted (nmi_site/content/loading.py).
    assert not models.Programme.objects.filter(slug="deep").exists()


def test_loader_accepts_facts_only():
    call_command("load_source_data", "--facts-only")

    assert models.Mission.objects.count() == 1
