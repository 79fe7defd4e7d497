"""Every public page type, in English and Arabic, passes the Nu HTML
Checker (vnu-jar from the npm registry, run with Java) without errors.

``make test`` installs vnu-jar into .cache/vnu with npm. Without Java or
the jar the test is skipped with a reason; with CI=true a skip fails."""

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from tests import factories

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(JAVA is None, reason="Java is not installed (apt-get install default-jre-headless)"),
    pytest.mark.skipif(not VNU_JAR.exists(), reason=f"vnu-jar is not installed at {VNU_JAR} (make test installs it)"),
]


def test_every_public_page_type_is_valid_html(tmp_path):
    call_command("load_source_data", stdout=io.StringIO())
    client = factories.Client()
    files = {}
    for path in factories.public_paths():
        for address in (path, factories.arabic(path)):
            response = client.get(address)
            assert response.status_code in (200, 404), address
            file = tmp_path / f"page-{len(files)}.html"
            file.write_bytes(response.content)
            files[file.as_uri()] = address
    result = subprocess.run(
        [
            JAVA,
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--errors-only",
            *(str(file) for file in tmp_path.glob("*.html")),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(message.get('url'), message.get('url'))} line {message.get('lastLine')}: {message['message']}"
        for message in messages
        if message.get("type") == "error"
    ]
    assert errors == [], "\n".join(errors)
