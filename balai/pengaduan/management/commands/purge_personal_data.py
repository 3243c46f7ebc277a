from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from balai.pengaduan.services import purge_personal_data


class Command(BaseCommand):
    help = ("Remove residents' personal data whose time is up (UU 27/2022): the contact "
            "details and photo of complaints closed more than BALAI_COMPLAINT_RETENTION_DAYS "
            "days ago. The anonymous records stay for the figures. Safe to run daily.")

    def handle(self, *args, **options):
        count = purge_personal_data()
        self.stdout.write(_("Complaints closed more than %(days)d days ago: personal data "
                            "removed from %(count)d.") % {
            "days": settings.BALAI_COMPLAINT_RETENTION_DAYS, "count": count})
