"""``balai ikm KODE [--dari YYYY-MM-DD] [--sampai YYYY-MM-DD]``: an office's satisfaction
index for a period, on one line, e.g.

    36.72.08.1007 2026-07-01..2026-12-31 responden 120 IKM 82.47 B (Baik)

Without dates, the current semester; with one date, the other side is the current
semester's. An unknown code or a wrong date is said plainly, with exit status 1.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from balai.survei import periods
from balai.survei.selectors import site_result
from balai.wilayah.models import Region


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"tanggal tidak dikenal: {value!r} (tulis YYYY-MM-DD, misalnya "
                           "2026-07-01)") from None


class Command(BaseCommand):
    help = "Indeks Kepuasan Masyarakat (IKM) satu kantor untuk satu periode, satu baris."

    def add_arguments(self, parser):
        parser.add_argument("kode", help="kode wilayah Kemendagri, misalnya 36.72.08.1007")
        parser.add_argument("--dari", help="tanggal awal, YYYY-MM-DD")
        parser.add_argument("--sampai", help="tanggal akhir, YYYY-MM-DD")

    def handle(self, *args, kode: str, dari: str | None, sampai: str | None, **options):
        region = Region.objects.filter(kode=kode.strip(), level__in=(
            Region.Level.KECAMATAN, Region.Level.KELURAHAN)).first()
        if region is None:
            raise CommandError(f"tidak ada kecamatan atau kelurahan dengan kode {kode!r}")
        start = _date(dari) if dari else None
        end = _date(sampai) if sampai else None
        period = periods.from_dates(start, end) if (start or end) else \
            periods.current_semester()
        if period is None:
            raise CommandError(f"tanggal akhir {end} sebelum tanggal awal {start}")
        result = site_result(region=region, period=period)
        line = f"{region.kode} {period.span} responden {result.respondents}"
        if result.respondents:
            with translation.override("id"):
                line += f" IKM {result.ikm} {result.mutu.letter} ({result.mutu.label})"
        else:
            line += " IKM - (belum ada responden)"
        self.stdout.write(line)
