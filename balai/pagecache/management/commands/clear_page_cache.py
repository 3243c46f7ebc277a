from django.core.management.base import BaseCommand

from balai.pagecache.versions import all_hosts_changed


class Command(BaseCommand):
    help = ("Drop every cached public page, e.g. after an upgrade changed templates "
            "(content changes drop exactly the pages they touch by themselves).")

    def handle(self, *args, **options):
        all_hosts_changed()
        self.stdout.write("Every cached public page dropped.")
