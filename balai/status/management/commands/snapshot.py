from django.core.management.base import BaseCommand

from balai.status.services import snapshot_record


class Command(BaseCommand):
    help = ("Record today's live/complete/fresh figures of every site for the city "
            "dashboard's chart. Safe to run more than once a day (e.g. from cron).")

    def handle(self, *args, **options):
        count = snapshot_record()
        self.stdout.write(f"Snapshot of {count} sites recorded.")
