from django.core.management.base import BaseCommand

from balai.demo.services import demo_load


class Command(BaseCommand):
    help = "Fill clearly-marked sample content (contoh) into a few sites. Safe to run again."

    def handle(self, *args, **options):
        filled = demo_load()
        for title in filled:
            self.stdout.write(f"sample content: {title}")
        self.stdout.write(f"Demo content: {len(filled)} pages filled.")
