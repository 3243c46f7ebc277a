from cryptography.fernet import Fernet
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = ("Print a new random key for BALAI_DATA_KEYS (a Fernet key). Keep it in "
            "/etc/balai/balai.env and in the city's key store, never beside the backups.")

    def handle(self, *args, **options):
        self.stdout.write(Fernet.generate_key().decode("ascii"))
