from django.core.management.base import BaseCommand

from balai.layanan.services import sample_catalogue_load


class Command(BaseCommand):
    help = (
        "Add the sample catalogue of common kelurahan services (marked as sample text for the "
        "city office to confirm) and publish it. Services that exist are left alone."
    )

    def handle(self, *args, **options):
        report = sample_catalogue_load()
        self.stdout.write(f"Service catalogue: {report.created} sample services added, "
                          f"{report.left_alone} left alone.")
