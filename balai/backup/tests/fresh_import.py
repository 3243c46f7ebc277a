"""Run as ``python -m balai.backup.tests.fresh_import ARCHIVE``: a fresh installation in
this process alone (test settings, an in-memory SQLite database and media storage), made as
an operator would (``migrate``, ``load-wilayah``, ``load-layanan``), then ``import-site
ARCHIVE``. Prints the rendered HTML of the imported site's pages and its media checksums
as JSON."""

import io
import json
import os
import sys


def main(archive: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from balai.backup.tests.snapshot import media_checksums, pages_html, site_pages

    quiet = {"stdout": io.StringIO()}
    call_command("migrate", verbosity=0, **quiet)
    call_command("load_wilayah", verbosity=0, **quiet)
    call_command("load_layanan", **quiet)
    call_command("import_site", archive, **quiet)
    from balai.backup.archive import archive_verify

    kode = archive_verify(archive, kind="site")["region"]
    pages = site_pages(kode)
    sys.stdout.write(json.dumps({"html": pages_html(pages), "media": media_checksums()}))


if __name__ == "__main__":
    os.environ["DJANGO_SETTINGS_MODULE"] = "balai.settings.test"
    os.environ.pop("DATABASE_URL", None)
    main(sys.argv[1])
