"""A staff account's role and divisions are set together on its page
(nmi_site/sitewide/admin.py), and staff status follows from the role."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from nmi_site.access import rules
from nmi_site.access.models import StaffProfile
from tests import factories

pytestmark = pytest.mark.django_db


def change_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def form_data(client, user, **changes):
    """What the change page would send back, with ``changes``."""
    form = client.get(change_url(user)).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if name in ("roles", "divisions"):
            data[name] = [str(pk) for pk in value or ()]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif name in ("last_login", "date_joined"):
            if value:
                data[f"{name}_0"], data[f"{name}_1"] = value.strftime("%Y-%m-%d"), value.strftime("%H:%M:%S")
        elif value is not None and name != "password":
            data[name] = value
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def role(name):
    return str(Group.objects.get(name=name).pk)


@pytest.fixture
def newcomer(db):
    return User.objects.create_user("newcomer", "newcomer@example.org", "a long enough passphrase")


def test_an_editor_gets_role_divisions_and_staff_status_in_one_step(administrator_client, newcomer, division):
    assert not newcomer.is_staff
    response = administrator_client.post(
        change_url(newcomer),
        form_data(administrator_client, newcomer, roles=[role(rules.EDITOR)], divisions=[str(division.pk)]),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    newcomer.refresh_from_db()
    assert newcomer.is_staff
    assert list(newcomer.groups.values_list("name", flat=True)) == [rules.EDITOR]
    assert list(StaffProfile.objects.get(user=newcomer).divisions.all()) == [division]
    assert rules.is_editor(newcomer)


def test_without_a_role_staff_status_goes(administrator_client, division):
    editor = factories.make_editor(division)
    assert editor.is_staff
    response = administrator_client.post(
        change_url(editor), form_data(administrator_client, editor, roles=[], divisions=[])
    )
    assert response.status_code == 302
    editor.refresh_from_db()
    assert not editor.is_staff
    assert not editor.groups.filter(name__in=[rules.EDITOR, rules.REVIEWER, rules.ADMINISTRATOR]).exists()


def test_an_editor_without_a_division_is_a_field_error_and_changes_nothing(administrator_client, newcomer):
    response = administrator_client.post(
        change_url(newcomer), form_data(administrator_client, newcomer, roles=[role(rules.EDITOR)])
    )
    assert response.status_code == 200
    assert "choose at least one" in str(response.context["adminform"].form.errors["divisions"])
    newcomer.refresh_from_db()
    assert not newcomer.is_staff
    assert not newcomer.groups.exists()


def test_an_administrator_cannot_take_away_their_own_role(administrator_client, administrator):
    administrator.groups.add(Group.objects.get(name=rules.ADMINISTRATOR))
    data = form_data(administrator_client, administrator, roles=[role(rules.REVIEWER)])
    response = administrator_client.post(change_url(administrator), data)
    assert response.status_code == 200
    assert "own Administrator role" in str(response.context["adminform"].form.errors["roles"])
    assert administrator.groups.filter(name=rules.ADMINISTRATOR).exists()


def test_the_page_explains_the_roles_and_hides_the_raw_permissions(administrator_client, newcomer):
    page = administrator_client.get(change_url(newcomer)).text
    assert "Any role opens the back office" in page
    assert 'name="is_staff"' not in page
    assert 'name="user_permissions"' not in page
    assert 'name="groups"' not in page


def test_the_language_of_emails_is_set_on_the_same_page(administrator_client, newcomer, division):
    response = administrator_client.post(
        change_url(newcomer),
        form_data(administrator_client, newcomer, roles=[role(rules.REVIEWER)], divisions=[], language="ar"),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert StaffProfile.objects.get(user=newcomer).language == "ar"
    assert administrator_client.get(change_url(newcomer)).context["adminform"].form.fields["language"].initial == "ar"


def test_a_language_not_offered_is_a_field_error(administrator_client, newcomer):
    response = administrator_client.post(
        change_url(newcomer), form_data(administrator_client, newcomer, roles=[role(rules.REVIEWER)], language="fr")
    )
    assert response.status_code == 200
    assert "language" in response.context["adminform"].form.errors
    assert not StaffProfile.objects.filter(user=newcomer).exists()
