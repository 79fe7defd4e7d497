import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from nmi_site.access.models import KeyScope, PartnerKey
from tests import factories


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def make_client(db):
    """A client for each kind of caller the API knows."""

    def make(kind, division=None):
        if kind == "anonymous":
            return APIClient()
        partner = factories.PartnerOrganisationFactory()
        if kind in ("partner", "expired", "revoked", "calendar only"):
            scopes = [KeyScope.CALENDAR] if kind == "calendar only" else [KeyScope.API_READ]
            key, secret = PartnerKey.issue(partner=partner, label=kind, scopes=scopes)
            if kind == "expired":
                key.expires_at = timezone.now() - datetime.timedelta(days=1)
                key.save()
            if kind == "revoked":
                key.revoke()
            return factories.client_with(secret)
        if kind == "editor of another division":
            user = factories.make_editor(division) if division else factories.make_editor()
        elif kind == "reviewer":
            user = factories.StaffFactory(roles=["Reviewer"])
        elif kind == "administrator":
            user = factories.StaffFactory(is_superuser=True)
        else:
            raise ValueError(kind)
        _, secret = PartnerKey.issue(user=user, label=kind, scopes=[KeyScope.API_READ, KeyScope.API_WRITE])
        return factories.client_with(secret)

    return make
