from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from balai.backup.archive import ArchiveError
from balai.backup.site_import import site_import


class Command(BaseCommand):
    help = "Replace (or create) one kelurahan's site from an export-site archive."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        try:
            manifest = site_import(path=path)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        counts = manifest["counts"]
        self.stdout.write(_("Site %(kode)s imported from %(path)s: %(pages)d pages, %(images)d "
                            "images, %(documents)d documents.") % {
            "kode": manifest["region"], "path": path, "pages": counts["pages"],
            "images": counts["images"], "documents": counts["documents"]})
