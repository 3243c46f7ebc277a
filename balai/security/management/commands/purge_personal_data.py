from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail import hooks


class Command(BaseCommand):
    help = ("Remove residents' personal data whose time is up (UU 27/2022), in every app that "
            "keeps some (hook balai_purge_personal_data): complaints' contact details and "
            "photos, service requests' documents and personal fields, each after its own "
            "retention period. The anonymous records stay for the figures. Safe to run daily.")

    def handle(self, *args, **options):
        now = timezone.now()
        for purge in hooks.get_hooks("balai_purge_personal_data"):
            self.stdout.write(purge(now=now))
