from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from balai.backup.archive import ArchiveError
from balai.backup.site_export import site_export


class Command(BaseCommand):
    help = "Write one kelurahan's site (pages, images, documents, files) into an archive."

    def add_arguments(self, parser):
        parser.add_argument("kode", help="Kemendagri code of the kelurahan, e.g. 36.72.08.1007")
        parser.add_argument("--output", type=Path,
                            help="Archive to write (default: site-<kode>.tar.gz here).")

    def handle(self, *args, kode: str, output: Path | None, **options):
        output = output or Path(f"site-{kode}.tar.gz")
        try:
            manifest = site_export(kode=kode, path=output)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        counts = manifest["counts"]
        self.stdout.write(_("Site %(kode)s written to %(path)s: %(pages)d pages, %(images)d "
                            "images, %(documents)d documents.") % {
            "kode": kode, "path": output, "pages": counts["pages"], "images": counts["images"],
            "documents": counts["documents"]})
