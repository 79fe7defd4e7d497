import pytest

from nmi_site.access.models import KeyScope, PartnerKey
from tests import factories


@pytest.fixture
def partner(db):
    return factories.PartnerOrganisationFactory(
        name="European Union Advisory Mission in Iraq", acronym="EUAM-I", slug="euam-iraq"
    )


@pytest.fixture
def calendar_key(partner):
    """(key, secret) with the calendar scope."""
    return PartnerKey.issue(partner=partner, label="Outlook", scopes=[KeyScope.CALENDAR])
