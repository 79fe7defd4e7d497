import pytest

from tests import factories


@pytest.fixture
def objective(division):
    return factories.ObjectiveFactory(
        owning_division=division, title="Curriculum development", slug="lto-11", number=11
    )


@pytest.fixture
def other_editor(other_division):
    return factories.make_editor(other_division, username="other-editor", email="other@example.org")


@pytest.fixture
def reviewer(db):
    return factories.StaffFactory(username="reviewer", email="reviewer@example.org", roles=["Reviewer"])


@pytest.fixture
def editor(division):
    return factories.make_editor(division, username="editor", email="editor@example.org")
