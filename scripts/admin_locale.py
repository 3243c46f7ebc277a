"""Build and check Balai's Indonesian catalogue of Wagtail's admin strings.

Wagtail's own Indonesian (id_ID) catalogue covers only part of its admin. Balai ships a
complete one in balai/locale_admin/id/ (found through LOCALE_PATHS, so it takes precedence
over Wagtail's): Wagtail's existing translations plus ours for the rest.

    .venv/bin/python scripts/admin_locale.py build [translations.json ...]
        Re-read the msgids of the installed Wagtail (its English catalogues), keep every
        translation already in our catalogue, add Wagtail's id_ID ones and those in the
        given JSON files ([{"domain", "context", "msgid", "msgstr"}, ...]), write the .po
        files and compile them. Run it after upgrading Wagtail; then translate what
        `check` lists.
    .venv/bin/python scripts/admin_locale.py check
        Print the msgids still untranslated; exit 1 if there are any.
"""

import json
import sys
from pathlib import Path

import polib

import wagtail

WAGTAIL = Path(wagtail.__file__).parent
TARGET = Path(__file__).resolve().parent.parent / "balai" / "locale_admin" / "id" / "LC_MESSAGES"
DOMAINS = ("django", "djangojs")
HEADER = {
    "Project-Id-Version": "Balai: Wagtail admin in Bahasa Indonesia",
    "Language": "id",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}


def source_entries(domain: str) -> dict:
    """(context, msgid) -> msgid_plural of every string of the installed Wagtail."""
    entries = {}
    for path in sorted(WAGTAIL.glob(f"**/locale/en/LC_MESSAGES/{domain}.po")):
        for entry in polib.pofile(str(path)):
            if not entry.obsolete:
                entries.setdefault((entry.msgctxt, entry.msgid), entry.msgid_plural or None)
    return entries


def _translated(entry) -> str | None:
    if entry.obsolete or entry.fuzzy:
        return None
    text = entry.msgstr_plural.get(0) if entry.msgid_plural else entry.msgstr
    return text or None


def known_translations(domain: str, extra: list[Path]) -> dict:
    known = {}
    for path in sorted(WAGTAIL.glob(f"**/locale/id_ID/LC_MESSAGES/{domain}.po")):
        for entry in polib.pofile(str(path)):
            if text := _translated(entry):
                known[(entry.msgctxt, entry.msgid)] = text
    for path in extra:
        for item in json.loads(path.read_text("utf-8")):
            if item["domain"] == domain and item.get("msgstr"):
                known[(item["context"], item["msgid"])] = item["msgstr"]
    ours = TARGET / f"{domain}.po"
    if ours.exists():  # ours win: they may correct Wagtail's
        for entry in polib.pofile(str(ours)):
            if text := _translated(entry):
                known[(entry.msgctxt, entry.msgid)] = text
    return known


def build(extra: list[Path]) -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for domain in DOMAINS:
        known = known_translations(domain, extra)
        po = polib.POFile(wrapwidth=0)
        po.metadata = HEADER
        for (context, msgid), plural in sorted(source_entries(domain).items(),
                                               key=lambda item: (item[0][1], item[0][0] or "")):
            text = known.get((context, msgid), "")
            entry = polib.POEntry(msgctxt=context, msgid=msgid)
            if plural:
                entry.msgid_plural = plural
                entry.msgstr_plural = {0: text}
            else:
                entry.msgstr = text
            po.append(entry)
        po.save(str(TARGET / f"{domain}.po"))
        po.save_as_mofile(str(TARGET / f"{domain}.mo"))


def untranslated() -> list[str]:
    missing = []
    for domain in DOMAINS:
        path = TARGET / f"{domain}.po"
        known = {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if _translated(e)} \
            if path.exists() else set()
        missing += [f"{domain}: {msgid!r}" for (context, msgid) in source_entries(domain)
                    if (context, msgid) not in known]
    return missing


if __name__ == "__main__":
    command, *files = sys.argv[1:] or ["check"]
    if command == "build":
        build([Path(name) for name in files])
    missing = untranslated()
    print("\n".join(missing))  # noqa: T201
    print(f"{len(missing)} untranslated Wagtail admin strings")  # noqa: T201
    sys.exit(1 if missing else 0)
