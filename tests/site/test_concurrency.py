"""Two people editing one record: the second save is refused with a clear
message and nothing is overwritten."""

import pytest
from django.forms import MultiWidget
from django.test import Client

from objectives.models import Indicator
from tests import factories

pytestmark = pytest.mark.django_db


def form_data(response):
    """What the browser would send back: every field of the change form and
    of its inlines, as the page shows them."""
    data = {}

    def add(form):
        for field in form:
            value = field.value()
            if value is None:
                continue
            widget = field.field.widget
            if isinstance(widget, MultiWidget) and not isinstance(value, list | tuple):
                # A split date and time is sent as its parts.
                for index, part in enumerate(widget.decompress(value)):
                    data[f"{field.html_name}_{index}"] = "" if part is None else str(part)
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(item) for item in value]
            elif isinstance(value, bool):
                if value:
                    data[field.html_name] = "on"
            else:
                data[field.html_name] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


@pytest.fixture
def colleague(db):
    return factories.StaffFactory(username="colleague", is_superuser=True)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_second_of_two_admin_edits_is_refused_and_overwrites_nothing(administrator, colleague, objective):
    url = f"/admin/objectives/longtermobjective/{objective.pk}/change/"
    first, second = client_for(administrator), client_for(colleague)
    first_form = form_data(first.get(url))
    second_form = form_data(second.get(url))
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
    form = form_data(client.get(url))
    form["title_en"] = "Once"
    assert client.post(url, form).status_code == 302
    form = form_data(client.get(url))
    form["title_en"] = "Twice"
    assert client.post(url, form).status_code == 302
    objective.refresh_from_db()
    assert objective.title == "Twice"


def test_inline_rows_are_protected_too(administrator, colleague, objective):
    indicator = factories.IndicatorFactory(objective=objective, name="Courses run")
    url = f"/admin/objectives/longtermobjective/{objective.pk}/change/"
    first, second = client_for(administrator), client_for(colleague)
    second_form = form_data(second.get(url))

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
