"""The Arabic interface is complete: every string in the code has a
translation, the translations keep their placeholders, and Arabic pages
show no interface text in English."""

import io
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

from tests import factories

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "ar" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%%")


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(CATALOGUE))


def test_every_entry_is_translated_and_none_is_fuzzy(catalogue):
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=6;")


def test_translations_keep_their_placeholders(catalogue):
    for entry in catalogue:
        allowed = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
        forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for form in forms:
            assert set(PLACEHOLDER.findall(form)) <= allowed, entry.msgid
            if not entry.msgid_plural:
                assert set(PLACEHOLDER.findall(form)) == allowed, entry.msgid


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed (apt-get install gettext)")
def test_the_catalogue_holds_every_string_in_the_code(tmp_path, catalogue):
    """makemessages on a copy of the code finds nothing the catalogue lacks."""
    for name in ("manage.py", "nmi_site", "missions", "objectives", "outreach", "advisory", "templates"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    (tmp_path / "locale").mkdir()
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ar", "--no-location"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "DJANGO_DEBUG": "true", "DJANGO_SETTINGS_MODULE": "nmi_site.settings"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    found = polib.pofile(str(tmp_path / "locale" / "ar" / "LC_MESSAGES" / "django.po"))
    known = {(entry.msgctxt, entry.msgid) for entry in catalogue}
    missing = sorted(entry.msgid for entry in found if (entry.msgctxt, entry.msgid) not in known)
    assert missing == [], "run `make messages` and translate:\n" + "\n".join(missing)


class ArabicText(HTMLParser):
    """The page's text, leaving out what is marked lang="en": record
    content with no Arabic version yet falls back to English, marked so."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack, self.parts = [], []

    def leaves_out(self, tag, attributes):
        return attributes.get("lang") == "en"

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(self.leaves_out(tag, dict(attrs)) or bool(self.stack and self.stack[-1]))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def arabic_text(body):
    parser = ArabicText()
    parser.feed(body)
    return " ".join(parser.parts)


@pytest.mark.django_db
def test_arabic_pages_show_no_interface_text_in_english(catalogue):
    call_command("load_source_data", stdout=io.StringIO())
    # Interface sentences of three words or more, without placeholders.
    sentences = {
        entry.msgid
        for entry in catalogue
        if not entry.msgid_plural and "%" not in entry.msgid and len(entry.msgid.split()) >= 3
    }
    client = factories.Client()
    for path in factories.public_paths():
        body = client.get(factories.arabic(path)).content.decode()
        text = arabic_text(body)
        shown = [sentence for sentence in sentences if sentence in text]
        assert shown == [], (path, shown)
        assert '<html lang="ar" dir="rtl">' in body


class VisibleText(ArabicText):
    """What a reader sees of a page: not the head, scripts, styles, code or
    drawings, nor the link to the English version (it is in English on
    purpose). Text marked lang="en" counts: it is English a reader sees."""

    SKIP = {"head", "script", "style", "code", "svg"}

    def leaves_out(self, tag, attributes):
        return tag in self.SKIP or attributes.get("hreflang") == "en"


def share_in_arabic_script(body):
    """The share of the page's visible letters that are Arabic script
    (acronyms and names in Latin script, which have no Arabic form, count
    against it)."""
    parser = VisibleText()
    parser.feed(body)
    letters = [character for character in " ".join(parser.parts) if character.isalpha()]
    arabic = [character for character in letters if "\u0600" <= character <= "\u06ff"]
    return len(arabic) / len(letters)


@pytest.mark.django_db
def test_arabic_pages_of_the_loaded_data_are_in_arabic():
    """At least 90% of what an Arabic reader sees is in Arabic script, on
    every public page type, content and interface alike."""
    call_command("load_source_data", stdout=io.StringIO())
    client = factories.Client()
    shares = {
        path: share_in_arabic_script(client.get(factories.arabic(path)).content.decode())
        for path in factories.public_paths()
    }
    assert {path: round(share, 3) for path, share in shares.items() if share < 0.9} == {}


@pytest.mark.django_db
def test_arabic_pages_give_dates_with_arabic_month_names(client):
    call_command("load_source_data", stdout=io.StringIO())
    english = client.get("/timeline/").content.decode()
    arabic_page = client.get("/ar/timeline/").content.decode()
    assert '<time datetime="2018-07">Jul 2018</time>' in english
    assert '<time datetime="2018-07">يوليو 2018</time>' in arabic_page


# Arabic in every deployment ---------------------------------------------------

COMPILED = CATALOGUE.with_suffix(".mo")


def git(*args):
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, check=True).stdout


@pytest.fixture
def checkout():
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout: which files the repository holds is unknown")


def test_the_compiled_catalogue_is_in_the_repository_and_matches_its_source(checkout, tmp_path):
    """A server set up from the repository (README, "Deployment": install,
    migrate, collectstatic, gunicorn) has the Arabic interface without a
    compile step: the committed .mo is the committed .po compiled."""
    tracked = git("ls-files", "locale").decode().split()
    assert str(COMPILED.relative_to(ROOT)) in tracked
    source, compiled = tmp_path / "django.po", tmp_path / "django.mo"
    source.write_bytes(git("show", f"HEAD:{CATALOGUE.relative_to(ROOT)}"))
    compiled.write_bytes(git("show", f"HEAD:{COMPILED.relative_to(ROOT)}"))
    expected = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
        for entry in polib.pofile(str(source)).translated_entries()
    }
    shipped = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
        for entry in polib.mofile(str(compiled))
        if entry.msgid
    }
    assert shipped == expected


def test_a_server_set_up_from_the_repository_alone_serves_arabic(checkout, tmp_path):
    """The deployment path on the repository's files alone (no make): the
    production settings translate the interface into Arabic."""
    site = tmp_path / "site"
    for name in git("ls-files").decode().splitlines():
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    (site / "locale" / "ar" / "LC_MESSAGES" / "django.mo").write_bytes(
        git("show", f"HEAD:{COMPILED.relative_to(ROOT)}")
    )
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SECRET_KEY": "deployment-test-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "portal.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    script = (
        "from django.utils import translation; translation.activate('ar'); "
        "print(translation.gettext('Long-term objectives'))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script], cwd=site, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    answer = result.stdout.strip().splitlines()[-1]
    assert any("\u0600" <= character <= "\u06ff" for character in answer), answer
