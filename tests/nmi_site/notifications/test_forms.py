"""'Forgotten your login credentials?': the reset email goes through the job
queue, with a one-use link from the configured site address."""

import re

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from tests import factories

pytestmark = pytest.mark.django_db


def test_staff_reset_a_forgotten_password_by_email(client, run_jobs):
    factories.StaffFactory(username="editor", email="editor@example.org")

    login = client.get("/admin/login/").content.decode()
    assert 'href="/admin/password-reset/"' in login
    response = client.post("/admin/password-reset/", {"email": "editor@example.org"})

    assert response.status_code == 302
    assert mail.outbox == []  # queued, not sent in the request
    run_jobs()
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/admin/password-reset/\S+/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a long new passphrase 42", "new_password2": "a long new passphrase 42"},
        follow=True,
    )
    assert "Password reset complete" in done.content.decode()
    signed_in = client.post(
        "/admin/login/?next=/admin/", {"username": "editor", "password": "a long new passphrase 42"}
    )
    assert signed_in.status_code == 302
    assert signed_in["Location"] == "/admin/"


def test_password_reset_for_unknown_email_sends_nothing_and_reveals_nothing(client, run_jobs):
    response = client.post("/admin/password-reset/", {"email": "nobody@example.org"})
    assert run_jobs() == 0

    assert response.status_code == 302
    assert response["Location"] == "/admin/password-reset/sent/"
    assert mail.outbox == []


def test_password_reset_with_a_bad_token_is_refused(client):
    response = client.get("/admin/password-reset/MQ/bad-token/")

    assert response.status_code == 200
    assert "The password reset link was invalid" in response.content.decode()


@pytest.mark.parametrize("host", ["evil.example.com", "testserver:8443"])
def test_the_reset_link_starts_with_the_configured_site_address_whatever_the_host(client, settings, host, run_jobs):
    settings.ALLOWED_HOSTS = ["testserver", "evil.example.com"]
    settings.SITE_URL = "https://portal.example.org"
    factories.StaffFactory(username="editor", email="editor@example.org")

    client.post("/admin/password-reset/", {"email": "editor@example.org"}, HTTP_HOST=host)
    run_jobs()

    body = mail.outbox[0].body
    assert re.search(r"https://portal\.example\.org/admin/password-reset/\S+/\S+/", body)
    assert host not in body


def test_the_reset_link_is_not_kept_with_the_job(client, run_jobs):
    user = factories.StaffFactory(username="editor", email="editor@example.org")
    client.post("/admin/password-reset/", {"email": "editor@example.org"})

    (job,) = DBTaskResult.objects.all()
    assert job.args_kwargs["args"] == [user.pk, "en"]
    run_jobs()
    assert "/admin/password-reset/" in mail.outbox[0].body


def test_the_reset_email_is_in_the_language_the_page_was_read_in(client, run_jobs):
    factories.StaffFactory(username="editor", email="editor@example.org")
    client.post("/admin/password-reset/", {"email": "editor@example.org"}, HTTP_ACCEPT_LANGUAGE="ar")
    run_jobs()
    assert "password" not in mail.outbox[0].subject.lower()
