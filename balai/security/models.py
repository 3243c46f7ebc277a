"""The security log, and what sign-in throttling and password expiry remember."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.wilayah.models import Region


class AppendOnly(Exception):
    """A security event is written once and never changed or removed through the app."""


class SecurityEvent(models.Model):
    """One security-relevant event. Read by the city office (Log keamanan); no screen and no
    permission lets anyone change or delete one, and the model itself refuses to."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("signed in")
        LOGIN_FAILED = "login_failed", _("sign-in failed")
        LOGIN_THROTTLED = "login_throttled", _("sign-in refused: too many failures")
        LOGOUT = "logout", _("signed out")
        OTP_ENROLLED = "otp_enrolled", _("two-step verification set up")
        OTP_FAILED = "otp_failed", _("wrong verification code")
        OTP_BACKUP_USED = "otp_backup_used", _("backup code used")
        OTP_RESET = "otp_reset", _("two-step verification reset")
        PASSWORD_CHANGED = "password_changed", _("password changed")
        ACCOUNT_CHANGED = "account_changed", _("account status changed")
        PERMISSIONS_CHANGED = "permissions_changed", _("groups or permissions changed")
        PAGE_PUBLISHED = "page_published", _("page published")
        PAGE_UNPUBLISHED = "page_unpublished", _("page unpublished")
        GUARD_BLOCKED = "guard_blocked", _("publishing stopped by the guard")
        GUARD_FINDING = "guard_finding", _("guard finding on a live page")
        COMPLAINT_HELD = "complaint_held", _("complaint held by the guard")
        PERSONAL_DATA_VIEWED = "personal_data_viewed", _("resident's personal data viewed")
        PERSONAL_DATA_EXPORTED = "personal_data_exported", _("resident's personal data exported")
        PERSONAL_DATA_DELETED = "personal_data_deleted", _("resident's personal data deleted")

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    kind = models.CharField(_("event"), max_length=24, choices=Kind.choices, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True,
                             blank=True, on_delete=models.SET_NULL, related_name="+")
    # As typed or as it was then: kept when the account is renamed or deleted.
    username = models.CharField(_("user name"), max_length=150, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("done by"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    region = models.ForeignKey(Region, verbose_name=_("site"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("security events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("security events cannot be deleted")


class LoginFailure(models.Model):
    """A failed sign-in, kept for the throttling window (balai/security/throttle.py)."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    username = models.CharField(max_length=150, db_index=True)  # lower-cased, as typed
    ip = models.GenericIPAddressField(null=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.ip}"


class KnownAddress(models.Model):
    """An address an account has fully signed in from: failures by strangers elsewhere do
    not lock the account out from here."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    ip = models.GenericIPAddressField()
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "ip"], name="known_address")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.ip}"


class PasswordAge(models.Model):
    """When an account's password was last set (for the optional expiry)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                primary_key=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user_id} {self.changed_at:%Y-%m-%d}"
