"""Indonesia's national holidays and cuti bersama of 2026 and 2027 (balai/profil/data/
SOURCE.md), so that a fresh installation knows them; after this the city office keeps the
list in the admin. A date the city office has entered already is left as it is.

Also makes the (empty) row of the city's public-service contacts, so that the first page a
resident asks for does not make it (Wagtail's ``load()`` would, and saving a setting drops
every cached page)."""

import csv
import datetime
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "public_holidays.csv"


def _rows():
    with DATA.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield datetime.date.fromisoformat(row["date"]), row["name"], row["kind"]


def load(apps, schema_editor):
    holiday_model = apps.get_model("profil", "PublicHoliday")
    for day, name, kind in _rows():
        holiday_model.objects.get_or_create(date=day, defaults={"name": name, "kind": kind})


def unload(apps, schema_editor):
    holiday_model = apps.get_model("profil", "PublicHoliday")
    for day, name, kind in _rows():
        holiday_model.objects.filter(date=day, name=name, kind=kind).delete()


def city_contact(apps, schema_editor):
    contact_model = apps.get_model("profil", "CityContact")
    if not contact_model.objects.exists():
        contact_model.objects.create()


class Migration(migrations.Migration):
    dependencies = [("profil", "0004_city_contact_public_holiday")]

    operations = [
        migrations.RunPython(load, unload),
        migrations.RunPython(city_contact, migrations.RunPython.noop),
    ]
