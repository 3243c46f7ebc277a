"""Installations made before the security log: their Admin Kota group may read it too."""

from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group = Group.objects.filter(name="Admin Kota").first()
    if group is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="security",
                                                        model="securityevent")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_securityevent",
        defaults={"name": "Can view security event"})
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("security", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
