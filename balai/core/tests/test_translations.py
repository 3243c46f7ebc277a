"""The Indonesian catalogue is complete and compiled: every string a resident or operator
reads from Balai's own code has a translation, and the .mo file matches the .po file."""

from pathlib import Path

import polib
from django.utils import translation

import balai

CATALOGUE = Path(balai.__file__).parent / "locale" / "id" / "LC_MESSAGES" / "django.po"


def test_no_untranslated_or_fuzzy_strings():
    catalogue = polib.pofile(str(CATALOGUE))
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


def test_compiled_catalogue_matches_the_source():
    catalogue = polib.pofile(str(CATALOGUE))
    with translation.override("id"):
        for entry in catalogue.translated_entries():
            if entry.msgid_plural:
                got = translation.ngettext(entry.msgid, entry.msgid_plural, 1)
                assert got == entry.msgstr_plural[0], entry.msgid
            else:
                assert translation.gettext(entry.msgid) == entry.msgstr, entry.msgid
