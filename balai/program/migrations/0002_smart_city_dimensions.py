from django.db import migrations

CODES = ["economy", "mobility", "environment", "governance", "living", "people"]


def create_dimensions(apps, schema_editor):
    dimension = apps.get_model("program", "SmartCityDimension")
    for code in CODES:
        dimension.objects.get_or_create(code=code)


def remove_dimensions(apps, schema_editor):
    apps.get_model("program", "SmartCityDimension").objects.filter(code__in=CODES).delete()


class Migration(migrations.Migration):
    dependencies = [("program", "0001_initial")]

    operations = [migrations.RunPython(create_dimensions, remove_dimensions)]
