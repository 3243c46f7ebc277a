import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from balai.operators.accounts import user_deactivate


class Command(BaseCommand):
    help = ("Suspend accounts not used for BALAI_SUSPEND_AFTER_DAYS (45) days: never logged "
            "in since then, or created that long ago and never used. For cron, daily.")

    def handle(self, *args, **options):
        days = getattr(settings, "BALAI_SUSPEND_AFTER_DAYS", 45)
        cutoff = timezone.now() - datetime.timedelta(days=days)
        idle = get_user_model().objects.filter(is_active=True).filter(
            Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        names = []
        for user in idle:
            user_deactivate(user=user, by=None)
            names.append(user.get_username())
        for name in names:
            self.stdout.write(f"suspended {name}")
        self.stdout.write(f"{len(names)} account(s) unused for {days} days suspended.")
