from django.core.management.base import BaseCommand, CommandError

from balai.provisioning.services import ProvisionReport, site_provision, sites_provision_all
from balai.wilayah.models import Region


class Command(BaseCommand):
    help = (
        "Create the city portal and the site of every kecamatan and kelurahan (--all), or of "
        "one region by its Kemendagri code. Only what is missing is created."
    )

    def add_arguments(self, parser):
        parser.add_argument("kode", nargs="*", help="Kemendagri code, e.g. 36.72.08.1007")
        parser.add_argument("--all", action="store_true", help="every region of the city")
        parser.add_argument("-q", "--quiet", action="store_true", help="print only the totals")

    def handle(self, *args, kode, all, quiet, **options):
        if not kode and not all:
            raise CommandError("Give a region code, or --all.")
        if not Region.objects.exists():
            raise CommandError("No regions loaded yet: run `balai load-wilayah` first.")
        report = ProvisionReport()
        if all:
            sites_provision_all(report=report)
        for code in kode:
            try:
                region = Region.objects.get(kode=code)
            except Region.DoesNotExist:
                raise CommandError(f"Unknown region code: {code}") from None
            site_provision(region=region, report=report)
        if not quiet:
            for line in report.created:
                self.stdout.write(f"created     {line}")
            for line in report.left_alone:
                self.stdout.write(f"left alone  {line}")
        self.stdout.write(
            f"Provisioned {len(report.done)} regions: {len(report.created)} things created, "
            f"{len(report.left_alone)} left alone."
        )
