from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from balai.demo.services import dev_superuser_create
from balai.layanan.models import ServiceDefinition
from balai.wilayah.models import Region


class Command(BaseCommand):
    help = (
        "For `make run`: on an empty database load the regions, provision every site and load "
        "the demo content; create a development superuser once."
    )

    def handle(self, *args, **options):
        if not settings.BALAI_ALLOW_DEV_SUPERUSER:
            raise CommandError("setup-dev is for development settings only.")
        if Region.objects.exists():
            self.stdout.write(
                "The database has data already: regions, sites and content left alone.")
            if not ServiceDefinition.objects.exists():
                # An installation made before the service catalogue existed.
                call_command("load_layanan", stdout=self.stdout)
                call_command("provision", all=True, quiet=True, stdout=self.stdout)
        else:
            call_command("load_wilayah", stdout=self.stdout)
            call_command("load_layanan", stdout=self.stdout)
            call_command("provision", all=True, quiet=True, stdout=self.stdout)
            call_command("load_demo", stdout=self.stdout)
        created = dev_superuser_create()
        port = settings.BALAI_PORT
        if created:
            username, password = created
            self.stdout.write(self.style.WARNING(
                f"\nDevelopment superuser created: {username} / {password}\n"
                f"(also in {settings.DATA_DIR / 'dev-admin-password.txt'})"
            ))
        else:
            self.stdout.write(
                f"A superuser exists; its generated password, if any, is in "
                f"{settings.DATA_DIR / 'dev-admin-password.txt'}"
            )
        root = f"http://{settings.BALAI_BASE_DOMAIN}" + ("" if port == 80 else f":{port}")
        kelurahan = root.replace("://", "://kel-citangkil.", 1)
        self.stdout.write(
            f"\nCity portal:  {root}/\n"
            f"A kelurahan:  {kelurahan}/  (also {root}/citangkil/citangkil/)\n"
            f"Admin:        {root}/admin/  (first sign-in: set up two-step verification)\n"
            f"Open data:    {root}/api/v1/sites/\n"
        )
