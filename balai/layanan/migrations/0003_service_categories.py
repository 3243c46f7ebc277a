from django.db import migrations

# The categories residents recognise; the city office may rename them or add more.
CATEGORIES = [
    ("kependudukan", "Kependudukan"),
    ("pernikahan", "Pernikahan"),
    ("sosial", "Sosial dan kesejahteraan"),
    ("usaha", "Usaha"),
    ("pertanahan", "Pertanahan dan waris"),
    ("ketertiban", "Keamanan dan ketertiban"),
]


def add_categories(apps, schema_editor):
    ServiceCategory = apps.get_model("layanan", "ServiceCategory")
    for order, (slug, name) in enumerate(CATEGORIES, start=1):
        ServiceCategory.objects.get_or_create(slug=slug, defaults={"name": name,
                                                                   "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("layanan", "0002_service_catalogue")]

    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]
