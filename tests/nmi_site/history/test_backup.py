"""Backup and restore: everything comes back, identical, into an empty
database; a database that is not empty is refused and left alone."""

import io
import json

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from nmi_site.access.models import KeyScope, PartnerKey, SecurityPolicy
from nmi_site.history.backup import backed_up_models
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot():
    """Every backed-up row, with users, groups, permissions and content
    types named by their natural keys: what "the same data" means."""
    rows = {}
    for model in backed_up_models():
        objects = model._base_manager.order_by("pk")
        rows[model._meta.label] = json.loads(serializers.serialize("json", objects, use_natural_foreign_keys=True))
    return rows


@pytest.fixture
def portal(tmp_path):
    call_command("load_source_data", verbosity=0, stdout=io.StringIO())
    division = factories.DivisionFactory(name="Hidden division", visibility="internal")
    editor = factories.make_editor(division, username="editor")
    objective = factories.ObjectiveFactory(owning_division=division, title="Internal objective")
    objective.supporting_divisions.add(division)
    factories.ReportFactory(objective=objective, approved=True)
    partner = factories.PartnerOrganisationFactory(name="Partner")
    PartnerKey.issue(partner=partner, label="Reader", scopes=[KeyScope.API_READ])
    SecurityPolicy.objects.create(require_second_factor=True)
    return editor


@pytest.mark.parametrize("name", ["backup.json", "backup.json.gz"])
def test_backup_and_restore_round_trip(portal, tmp_path, name):
    before = snapshot()
    counts = {label: len(rows) for label, rows in before.items()}
    assert counts["objectives.LongTermObjective"] >= 21
    assert counts["objectives.HistoricalLongTermObjective"] > 0
    backup = tmp_path / name
    call_command("backup_data", str(backup), stdout=io.StringIO())

    call_command("flush", interactive=False, verbosity=0)
    assert snapshot()["objectives.LongTermObjective"] == []

    call_command("restore_data", str(backup), stdout=io.StringIO())
    after = snapshot()
    assert {label: len(rows) for label, rows in after.items()} == counts
    for label, rows in before.items():
        for old, new in zip(rows, after[label], strict=True):
            assert old == new, label


def test_restore_refuses_a_database_that_is_not_empty(portal, tmp_path):
    backup = tmp_path / "backup.json"
    call_command("backup_data", str(backup), stdout=io.StringIO())
    before = snapshot()
    with pytest.raises(CommandError, match="The database is not empty, so nothing was restored"):
        call_command("restore_data", str(backup))
    assert snapshot() == before


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["restore_data", "/no/such/backup.json"], "There is no backup at"),
        (["backup_data", "/no/such/folder/backup.json"], "There is no folder"),
        (["backup_data", "backup.txt"], "ends in .json or .json.gz"),
    ],
)
def test_bad_paths_get_a_clear_message(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command(*arguments)


def test_a_damaged_backup_restores_nothing(tmp_path, db):
    backup = tmp_path / "backup.json"
    backup.write_text('[{"model": "missions.mission", "pk": 1, "fields": {"name": "NMI"}}, {"model": "nope"')
    with pytest.raises(CommandError, match="nothing was restored"):
        call_command("restore_data", str(backup))
    from missions.models import Mission

    assert not Mission.objects.exists()
    # The role groups are still there.
    from django.contrib.auth.models import Group

    assert Group.objects.filter(name="Editor").exists()


def test_a_backup_is_readable_by_its_owner_only(portal, tmp_path):
    path = tmp_path / "backup.json.gz"

    call_command("backup_data", str(path), stdout=io.StringIO())

    assert path.stat().st_mode & 0o777 == 0o600


def test_a_backup_without_secrets_holds_no_password_hash_or_second_factor_seed(portal, tmp_path):
    TOTPDevice.objects.create(user=portal, name="phone", confirmed=True)
    portal.set_password("a long passphrase 42")
    portal.save()
    path = tmp_path / "backup.json"

    call_command("backup_data", str(path), "--without-secrets", stdout=io.StringIO())

    rows = json.loads(path.read_text())
    users = [row for row in rows if row["model"] == "auth.user"]
    assert users
    assert {row["fields"]["password"] for row in users} == {"!"}
    assert not [row for row in rows if row["model"].startswith("otp_totp.")]
    assert portal.password not in path.read_text()
    assert path.stat().st_mode & 0o777 == 0o600
