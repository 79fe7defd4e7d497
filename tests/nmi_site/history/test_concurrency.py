"""Two people editing one record: the second save is refused with a clear
message and nothing is overwritten."""

import pytest

from objectives.models import Indicator
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(db):
    return factories.StaffFactory(username="colleague", is_superuser=True)


def client_for(user):
    client = factories.Client()
    client.force_login(user)
    return client


def test_the_second_of_two_admin_edits_is_refused_and_overwrites_nothing(administrator, colleague, objective):
    url = f"/admin/objectives/longtermobjective/{objective.pk}/change/"
    first, second = client_for(administrator), client_for(colleague)
    first_form = factories.form_data(first.get(url))
    second_form = factories.form_data(second.get(url))
    assert first_form["edit_version"]

    first_form["title_en"] = "Curriculum development (first)"
    saved = first.post(url, first_form)
    assert saved.status_code == 302

    second_form["title_en"] = "Curriculum development (second)"
    refused = second.post(url, second_form)
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "admin changed this record at" in text
    assert "Your changes have not been saved" in text
    objective.refresh_from_db()
    assert objective.title == "Curriculum development (first)"


def test_an_edit_made_after_reopening_the_record_saves(administrator, objective):
    url = f"/admin/objectives/longtermobjective/{objective.pk}/change/"
    client = client_for(administrator)
    form = factories.form_data(client.get(url))
    form["title_en"] = "Once"
    assert client.post(url, form).status_code == 302
    form = factories.form_data(client.get(url))
    form["title_en"] = "Twice"
    assert client.post(url, form).status_code == 302
    objective.refresh_from_db()
    assert objective.title == "Twice"


def test_inline_rows_are_protected_too(administrator, colleague, objective):
    indicator = factories.IndicatorFactory(objective=objective, name="Courses run")
    url = f"/admin/objectives/longtermobjective/{objective.pk}/change/"
    first, second = client_for(administrator), client_for(colleague)
    second_form = factories.form_data(second.get(url))

    # Someone changes the indicator on its own, after the second person opened the page.
    indicator.name = "Courses run by Iraqi instructors"
    indicator.save()

    prefix = next(name for name in second_form if name.endswith("-name_en"))
    second_form[prefix] = "Courses"
    refused = second.post(url, second_form)
    assert refused.status_code == 200
    assert "Your changes have not been saved" in refused.content.decode()
    assert Indicator.objects.get(pk=indicator.pk).name == "Courses run by Iraqi instructors"
    assert first.get(url).status_code == 200
