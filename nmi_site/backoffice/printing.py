"""A4 PDFs of back-office pages, printed by Chromium's own print engine
(the browser the portal's tests already use; README "Corporate memory").

The page is written to a private temporary folder as one self-contained
HTML file (its styles inline, no request back to the site), and printed
from there by ``chromium --headless --print-to-pdf``: no session, cookie or
network is involved."""

import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-pdf-header-footer",
)


class PrintingUnavailable(Exception):
    """Chromium is not installed on this server, or could not print."""


def html_to_pdf(html, *, timeout=90):
    """The PDF Chromium prints of ``html`` (a complete page)."""
    chromium = Path(settings.CHROMIUM_PATH)
    if not chromium.exists():
        raise PrintingUnavailable(f"Chromium is not installed at {chromium}")
    with tempfile.TemporaryDirectory(prefix="nmi-print-") as folder:
        page, pdf = Path(folder) / "page.html", Path(folder) / "page.pdf"
        page.write_text(html, encoding="utf-8")
        try:
            subprocess.run(
                [str(chromium), *FLAGS, f"--user-data-dir={folder}/profile", f"--print-to-pdf={pdf}", page.as_uri()],
                check=True,
                capture_output=True,
                timeout=timeout,
            )
        except (OSError, subprocess.SubprocessError) as error:
            raise PrintingUnavailable(str(error)) from error
        if not pdf.exists():
            raise PrintingUnavailable("Chromium printed nothing")
        return pdf.read_bytes()
