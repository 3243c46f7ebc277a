from django.core.management.base import BaseCommand

from balai.wilayah.services import regions_load


class Command(BaseCommand):
    help = "Load the official Kemendagri regions (kota, kecamatan, kelurahan) shipped with Balai."

    def handle(self, *args, **options):
        report = regions_load()
        self.stdout.write(
            f"Regions: {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged."
        )
        for kode, name, ours, shipped in report.kept_corrections:
            self.stdout.write(
                f"  kept correction {kode} {name}: {ours!r} (shipped data: {shipped!r})"
            )
