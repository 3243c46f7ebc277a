"""Finding the Site of a request asks for "this host name, or the default site". The host
name has an index (hostname, port); the default flag had none, so with many sites the
database read every Site row. A partial index holds just the one default site."""

from django.db import migrations

INDEX = "balai_site_default_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_balai_image"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_site (is_default_site) "
            "WHERE is_default_site",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
