from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from balai.security import datakey
from balai.security.rotation import data_key_rotate


class Command(BaseCommand):
    help = ("Encrypt residents' data again with the first key of BALAI_DATA_KEYS: every "
            "encrypted value and file. Put the new key first (older keys after it), restart "
            "Balai, run this, then remove the older keys. Safe to run twice.")

    def handle(self, *args, **options):
        keys = datakey.data_keys()
        self.stdout.write(_("Encrypting with key %(id)s (the first of %(count)d in "
                            "BALAI_DATA_KEYS).") % {"id": datakey.key_id(keys[0]),
                                                    "count": len(keys)})
        unreadable = 0
        for report in data_key_rotate():
            counts = report.counts
            self.stdout.write(_("%(label)s: %(rotated)d encrypted again, %(encrypted)d "
                                "encrypted that were in clear, %(current)d already under "
                                "the newest key, %(unreadable)d unreadable.") % {
                "label": report.label, "rotated": counts[datakey.Rotation.ROTATED],
                "encrypted": counts[datakey.Rotation.ENCRYPTED],
                "current": counts[datakey.Rotation.CURRENT],
                "unreadable": counts[datakey.Rotation.UNREADABLE]})
            if report.unreadable:
                self.stdout.write(_("  unreadable: %(where)s") % {
                    "where": ", ".join(report.unreadable)})
            unreadable += counts[datakey.Rotation.UNREADABLE]
        if unreadable:
            raise CommandError(_(
                "%(count)d value(s) or file(s) cannot be decrypted with any key in "
                "BALAI_DATA_KEYS and were left as they are. Put back the key they were "
                "encrypted with (after the new one) and run this again.") % {
                "count": unreadable})
        self.stdout.write(_("Done: everything is encrypted with the newest key. The older "
                            "keys may leave BALAI_DATA_KEYS; keep them apart, as long as "
                            "backups made before today are kept: those need them."))
