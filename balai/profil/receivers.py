"""Cache purges for what the profil app adds to every site's pages."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from balai.pagecache.versions import all_hosts_changed

from .models import PublicHoliday


@receiver([post_save, post_delete], sender=PublicHoliday,
          dispatch_uid="profil-holiday-changes-every-site")
def holiday_changed(**kwargs) -> None:
    """Every office's "open now / opens again" may change with a holiday."""
    all_hosts_changed()
