from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from balai.backup.archive import ArchiveError
from balai.backup.installation import installation_restore


class Command(BaseCommand):
    help = "Rebuild the installation (database and media) from a backup archive."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--force", action="store_true",
                            help="Replace an installation that already has content.")

    def handle(self, *args, path: Path, force: bool, **options):
        try:
            manifest = installation_restore(path=path, force=force)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(_("Restored %(rows)d database rows and %(media)d media files from "
                            "%(path)s (made %(created)s).") % {
            "rows": sum(manifest["counts"].values()), "media": manifest["media_files"],
            "path": path, "created": manifest["created_at"]})
        self.stdout.write(_("%(count)d residents' private files restored, still encrypted: "
                            "they and the residents' personal data read only with the key "
                            "they were encrypted with in BALAI_DATA_KEYS.") % {
            "count": manifest.get("private_files", 0)})
