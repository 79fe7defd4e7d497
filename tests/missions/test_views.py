import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from nmi_site.content.visibility import Visibility
from tests import factories

pytestmark = pytest.mark.django_db

HIDDEN = "zzhidden"  # every record anonymous visitors must not see carries this in its name

INTERNAL = Visibility.INTERNAL
PARTNERS = Visibility.PARTNERS


@pytest.fixture
def world(mission, division):
    """A mission with public records and, beside each kind, records that are
    internal, partners-only or hang from a hidden parent."""
    italy = factories.NationFactory(name="Italy", iso_code="IT")
    hidden_nation = factories.NationFactory(name=f"{HIDDEN} nation", iso_code="ZZ", visibility=INTERNAL)
    factories.NationFactory(name="Jordan", iso_code="JO")
    factories.ContributionFactory(mission=mission, nation=italy, role="Hosts the contact point embassy.")
    factories.ContributionFactory(mission=mission, nation=hidden_nation, role=f"{HIDDEN} role")

    euam = factories.PartnerOrganisationFactory(name="European Union Advisory Mission in Iraq", acronym="EUAM-I")
    hidden_partner = factories.PartnerOrganisationFactory(name=f"{HIDDEN} partner", visibility=PARTNERS)

    ministry = factories.InstitutionFactory(name="Ministry of Defence", acronym="MoD")
    hidden_institution = factories.InstitutionFactory(name=f"{HIDDEN} institution", visibility=INTERNAL)
    factories.InstitutionFactory(name="Defence University", parent=ministry)
    factories.InstitutionFactory(name="Cyber Security Directorate", parent=hidden_institution)

    branch = factories.DivisionFactory(
        mission=mission, name="Cross Cutting Project Branch", slug="ccpb", parent=division
    )
    factories.DivisionFactory(
        mission=mission, name=f"{HIDDEN} branch", slug="hidden-branch", parent=division, visibility=INTERNAL
    )
    hidden_division = factories.DivisionFactory(
        mission=mission, name=f"{HIDDEN} division", slug="hidden", visibility=INTERNAL
    )
    # Public itself, but its parent is hidden: children follow their parent.
    factories.DivisionFactory(mission=mission, name=f"{HIDDEN} orphan branch", slug="orphan", parent=hidden_division)
    factories.ProgrammeFactory(division=hidden_division, name=f"{HIDDEN} programme of a hidden division")

    factories.ProgrammeFactory(
        division=division,
        name="Defence Education Enhancement Programme",
        partner_organisations=[euam, hidden_partner],
        nations=[italy, hidden_nation],
        institutions=[ministry, hidden_institution],
    )
    factories.ProgrammeFactory(division=division, name=f"{HIDDEN} internal programme", visibility=INTERNAL)
    factories.ProgrammeFactory(division=division, name=f"{HIDDEN} partner programme", visibility=PARTNERS)

    factories.MilestoneFactory(mission=mission, title="Mission launched at the summit", date=datetime.date(2018, 7, 1))
    factories.MilestoneFactory(mission=mission, title=f"{HIDDEN} milestone", visibility=INTERNAL)
    factories.LessonFactory(mission=mission, number=1, title="Quality counts for more than size")
    factories.LessonFactory(mission=mission, number=2, title=f"{HIDDEN} lesson", visibility=INTERNAL)
    factories.CapabilityAreaFactory(name="Cyber defence")
    factories.CapabilityAreaFactory(name=f"{HIDDEN} capability", visibility=PARTNERS)
    factories.TrustFundContributionFactory(mission=mission, year=2018, purpose="Demining and vehicle maintenance.")
    factories.TrustFundContributionFactory(mission=mission, year=2019, purpose=f"{HIDDEN} purpose", visibility=INTERNAL)
    return {"branch": branch, "hidden_division": hidden_division}


# Each public page with text it must show from the world above.
PAGES = [
    ("home", {}, ["NATO Mission Iraq", "Ministerial Advisory Division", "Mission launched at the summit"]),
    (
        "missions:about",
        {},
        ["Ministry of Defence", "Defence University", "Cyber Security Directorate", "Cyber defence"],
    ),
    ("missions:structure", {}, ["Ministerial Advisory Division", "Cross Cutting Project Branch"]),
    (
        "missions:division_detail",
        {"slug": "mad"},
        [
            "Ministerial Advisory Division",
            "Defence Education Enhancement Programme",
            "European Union Advisory",
            "Italy",
        ],
    ),
    ("missions:division_detail", {"slug": "ccpb"}, ["Cross Cutting Project Branch", "Ministerial Advisory Division"]),
    ("missions:timeline", {}, ["Mission launched at the summit", '<time datetime="2018-07-01">']),
    ("missions:partners", {}, ["Italy", "Hosts the contact point embassy.", "Jordan", "EUAM-I"]),
    ("missions:lessons", {}, ["Quality counts for more than size"]),
    ("accessibility", {}, []),
    ("sources", {}, ["One Mission, Many Nations"]),
]


def page_url(name, kwargs, language):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize(("name", "kwargs", "expected"), PAGES)
def test_public_page_shows_visible_records_only(client, world, name, kwargs, expected, language):
    response = client.get(page_url(name, kwargs, language))

    assert response.status_code == 200
    content = response.content.decode()
    for text in expected:
        assert text in content
    assert HIDDEN not in content.lower()
    assert "badge--" not in content


@pytest.mark.parametrize(("name", "kwargs", "expected"), PAGES)
def test_public_page_language_attributes(client, world, name, kwargs, expected):
    english = client.get(page_url(name, kwargs, "en")).content.decode()
    arabic = client.get(page_url(name, kwargs, "ar")).content.decode()

    assert '<html lang="en" dir="ltr">' in english
    assert '<html lang="ar" dir="rtl">' in arabic
    # The language links lead to the same page in the other language.
    assert f'href="{page_url(name, kwargs, "ar")}"' in english
    assert f'href="{page_url(name, kwargs, "en")}"' in arabic


@pytest.mark.parametrize(("name", "kwargs", "expected"), PAGES)
def test_public_page_has_no_inline_script_or_style(client, world, name, kwargs, expected):
    content = client.get(page_url(name, kwargs, "en")).content.decode()

    assert "<script" not in content
    assert "<style" not in content
    assert " style=" not in content
    assert not re.search(r" on[a-z]+=", content)


@pytest.mark.parametrize(("name", "kwargs", "expected"), PAGES)
def test_public_page_sets_no_cookie(client, world, name, kwargs, expected):
    response = client.get(page_url(name, kwargs, "en"))

    assert response.cookies == {}
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_staff_see_hidden_records_with_a_badge(client, world):
    client.force_login(factories.StaffFactory())

    content = client.get(reverse("missions:division_detail", kwargs={"slug": "mad"})).content.decode()

    assert f"{HIDDEN} internal programme" in content
    assert '<strong class="badge badge--internal">Internal</strong>' in content
    assert f"{HIDDEN} partner programme" in content
    assert '<strong class="badge badge--partners">Partners only</strong>' in content


@pytest.mark.parametrize("slug", ["hidden", "hidden-branch", "orphan", "no-such-division"])
def test_hidden_or_unknown_division_is_404(client, world, slug):
    response = client.get(reverse("missions:division_detail", kwargs={"slug": slug}))

    assert response.status_code == 404
    assert HIDDEN not in response.content.decode().lower()


def test_staff_can_open_a_hidden_division(client, world):
    client.force_login(factories.StaffFactory())

    response = client.get(reverse("missions:division_detail", kwargs={"slug": "hidden"}))

    assert response.status_code == 200


def test_non_staff_user_sees_public_records_only(client, world):
    client.force_login(factories.UserFactory())

    assert client.get(reverse("missions:division_detail", kwargs={"slug": "hidden"})).status_code == 404


def figures(content):
    return dict(re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", content))


def test_home_figures_count_visible_records_only(client, world):
    content = client.get(reverse("home")).content.decode()

    assert figures(content) == {
        "Long-term objectives": "21",
        "Divisions": "1",
        "Contributing nations named": "1",
        "Partner organisations": "1",
        "Counterpart institutions": "3",
    }


def test_home_figures_for_staff_count_everything(client, world):
    client.force_login(factories.StaffFactory())

    content = client.get(reverse("home")).content.decode()

    assert figures(content)["Divisions"] == "2"
    assert figures(content)["Partner organisations"] == "2"


def test_home_without_a_published_mission_says_so(client, db):
    factories.MissionFactory(visibility=INTERNAL, name=f"{HIDDEN} mission")

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert "Nothing has been published yet." in response.content.decode()
    assert HIDDEN not in response.content.decode().lower()


def test_about_does_not_name_a_hidden_parent_institution(client, world):
    content = client.get(reverse("missions:about")).content.decode()

    # The directorate under a hidden institution is listed on its own.
    assert "Cyber Security Directorate" in content
    assert HIDDEN not in content.lower()


def test_arabic_page_shows_arabic_names_with_english_fallback(client, mission, division):
    division.name_ar = "قسم الاستشارات الوزارية"
    division.save()
    factories.DivisionFactory(mission=mission, name="Training Development Division", slug="tdd")

    content = client.get(page_url("missions:structure", {}, "ar")).content.decode()

    assert '<a href="/ar/structure/mad/">قسم الاستشارات الوزارية</a>' in content
    # The English fallback is marked as English for screen readers and bidi.
    assert '<a href="/ar/structure/tdd/" lang="en" dir="ltr">Training Development Division</a>' in content


def test_english_page_needs_no_language_marks(client, division):
    content = client.get(reverse("missions:structure")).content.decode()

    assert 'lang="en" dir="ltr">' not in content.split("<body>")[1]


def test_dates_render_at_their_precision(client, mission):
    factories.MilestoneFactory(mission=mission, title="Day", date=datetime.date(2024, 3, 12), date_precision="day")
    factories.MilestoneFactory(mission=mission, title="Month", date=datetime.date(2021, 2, 1), date_precision="month")
    factories.MilestoneFactory(mission=mission, title="Year", date=datetime.date(2018, 1, 1), date_precision="year")

    content = client.get(reverse("missions:timeline")).content.decode()

    assert '<time datetime="2024-03-12">12 Mar 2024</time>' in content
    assert '<time datetime="2021-02">Feb 2021</time>' in content
    assert '<time datetime="2018">2018</time>' in content


def test_footer_last_updated_ignores_hidden_records(client, mission, division):
    from missions.models import Division, Mission

    Mission.objects.update(updated_at=datetime.datetime(2024, 1, 5, 12, tzinfo=datetime.UTC))
    Division.objects.update(updated_at=datetime.datetime(2024, 2, 10, 12, tzinfo=datetime.UTC))
    hidden = factories.DivisionFactory(mission=mission, visibility=INTERNAL)
    Division.objects.filter(pk=hidden.pk).update(updated_at=datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC))

    anonymous = client.get(reverse("missions:about")).content.decode()
    client.force_login(factories.StaffFactory())
    staff = client.get(reverse("missions:about")).content.decode()

    assert '<time datetime="2024-02-10T12:00:00Z">10 Feb 2024</time>' in anonymous
    assert '<time datetime="2025-06-01T12:00:00Z">1 Jun 2025</time>' in staff


def test_sitemap_lists_visible_pages_in_both_languages(client, world):
    content = client.get("/sitemap.xml").content.decode()

    assert "http://testserver/structure/mad/" in content
    assert "http://testserver/ar/structure/mad/" in content
    assert 'hreflang="ar"' in content
    assert "/structure/hidden/" not in content
    assert "/structure/hidden-branch/" not in content
    assert "/structure/orphan/" not in content


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_unknown_page_uses_the_site_layout(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'class="skip-link"' in response.content.decode()


def test_server_error_page_renders_without_a_request():
    from django.template.loader import render_to_string

    content = render_to_string("500.html")

    assert "Sorry, there is a problem with the service" in content
    assert 'class="skip-link"' in content


@pytest.mark.parametrize(
    ("path", "lists"),
    [
        ("/lessons/", ["lessons"]),
        ("/timeline/", ["milestones"]),
        ("/structure/", ["divisions"]),
        ("/nations-and-partners/", ["nations", "partner-organisations"]),
    ],
)
def test_list_pages_offer_their_records_as_csv_and_xlsx(client, world, path, lists):
    content = client.get(path).content.decode()
    arabic = client.get(f"/ar{path}").content.decode()

    for name in lists:
        for export in ("csv", "xlsx"):
            assert f'href="/api/v1/{name}/?format={export}" download' in content
            assert f'href="/api/v1/{name}/?lang=ar&amp;format={export}" download' in arabic
        response = client.get(f"/api/v1/{name}/?format=csv")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
