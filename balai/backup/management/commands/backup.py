import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.backup.installation import installation_backup


class Command(BaseCommand):
    help = "Write the database and every media file into one archive with checksums."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path,
                            help="Archive to write (default: backups/ in the data dir).")

    def handle(self, *args, output: Path | None, **options):
        if output is None:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.DATA_DIR) / "backups" / f"balai-{stamp}.tar.gz"
        output.parent.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        result = installation_backup(path=output)
        rows = sum(result.manifest["counts"].values())
        self.stdout.write(_("Backup written to %(path)s: %(rows)d database rows, %(media)d media "
                            "files, %(size).1f MB in %(seconds).1f s.") % {
            "path": output, "rows": rows, "media": result.manifest["media_files"],
            "size": result.size / 1e6, "seconds": time.monotonic() - started})
        self.stdout.write(_("Residents' personal data in it is encrypted (%(count)d private "
                            "files too): a restore needs BALAI_DATA_KEYS. Keep the key apart "
                            "from the backups.") % {"count": result.manifest["private_files"]})
