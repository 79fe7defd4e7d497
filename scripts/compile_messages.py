"""Compile the portal's translations (locale/<language>/LC_MESSAGES/django.po)
into the .mo files Django reads, with polib: no GNU gettext needed, so
``make run`` and ``make test`` work on a fresh machine. ``make messages``
(which does need gettext) brings the .po files up to date with the code."""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main(paths):
    for path in paths or sorted(ROOT.glob("locale/*/LC_MESSAGES/django.po")):
        path = Path(path).resolve()
        catalogue = polib.pofile(str(path))
        catalogue.save_as_mofile(str(path.with_suffix(".mo")))
        print(f"Compiled {path.relative_to(ROOT)}: {catalogue.percent_translated()}% translated")


if __name__ == "__main__":
    main(sys.argv[1:])
