from django.core.management.base import BaseCommand, CommandError

from balai.guard.services import guard_run
from balai.provisioning.models import RegionSite


class Command(BaseCommand):
    help = ("Scan every published page of every site (or of the given region codes) for "
            "gambling spam, hidden or off-screen links, unknown hosts and cloaking. Exits "
            "with 1 when an attack is found (unknown hosts alone are warnings).")

    def add_arguments(self, parser):
        parser.add_argument("kode", nargs="*", help="region codes; all sites when none")

    def handle(self, *args, kode, **options):
        records = None
        if kode:
            records = list(RegionSite.objects.filter(region__kode__in=kode).select_related(
                "region", "site__root_page", "home_page"))
            if len(records) != len(set(kode)):
                raise CommandError("Unknown region code among: " + ", ".join(kode))
        results = guard_run(records=records)
        attacks = warnings = 0
        for result in results:
            for finding in result.findings:
                level = "ATTACK " if finding.blocking else "warning"
                attacks += finding.blocking
                warnings += not finding.blocking
                self.stdout.write(f"{level} {finding.kind:15} {result.url}  {finding.detail}")
        self.stdout.write(f"Guard: {len(results)} pages scanned, {attacks} attack finding(s), "
                          f"{warnings} warning(s).")
        if attacks:
            raise SystemExit(1)
