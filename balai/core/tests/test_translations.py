"""The Indonesian catalogue is complete and compiled: every string a resident or operator
reads from Balai's own code has a translation, and the .mo file matches the .po file."""

import importlib.util
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
            elif entry.msgctxt:
                assert translation.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr, (
                    entry.msgctxt, entry.msgid)
            else:
                assert translation.gettext(entry.msgid) == entry.msgstr, entry.msgid


def _admin_locale():
    """scripts/admin_locale.py, which knows every string of the installed Wagtail."""

    path = Path(balai.__file__).parent.parent / "scripts" / "admin_locale.py"
    spec = importlib.util.spec_from_file_location("admin_locale", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_wagtail_admin_string_has_an_indonesian_translation():
    # Operators and contributors work in the Wagtail admin: none of its strings may be left
    # in English. After a Wagtail upgrade, `scripts/admin_locale.py build` lists new ones.
    missing = _admin_locale().untranslated()
    assert len(missing) == 0, f"{len(missing)} untranslated, e.g. {missing[:10]}"


def test_the_admin_uses_our_indonesian_catalogue():
    locale = _admin_locale()
    catalogue = polib.pofile(str(locale.TARGET / "django.po"))
    # Balai's own catalogue comes first (LOCALE_PATHS order) for a msgid in both.
    own = {entry.msgid: entry.msgstr for entry in polib.pofile(str(CATALOGUE))}
    with translation.override("id"):
        for entry in catalogue.translated_entries():
            if entry.msgctxt or entry.msgid_plural:
                continue
            assert translation.gettext(entry.msgid) in (entry.msgstr, own.get(entry.msgid)), (
                entry.msgid)
