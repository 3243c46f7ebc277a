"""Not a check on the password itself: Django calls ``password_changed`` on every
configured validator whenever a password is set, which is when the security log and the
optional expiry learn about it."""


from django.utils import timezone


class PasswordChangeRecorder:
    def validate(self, password, user=None):
        return None

    def password_changed(self, password, user=None):
        if user is None or user.pk is None:
            return
        from .audit import Kind, record
        from .models import PasswordAge

        PasswordAge.objects.update_or_create(user=user, defaults={"changed_at": timezone.now()})
        if not getattr(user, "_balai_new", False):
            record(Kind.PASSWORD_CHANGED, user=user)

    def get_help_text(self):
        return ""
