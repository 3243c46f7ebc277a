"""Balai's password rules, beside Django's (AUTH_PASSWORD_VALIDATORS in the settings)."""

import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.wilayah.models import Region

from .audit import Kind, record
from .models import PasswordAge


class PasswordChangeRecorder:
    """Not a check on the password itself: Django calls ``password_changed`` on every
    configured validator whenever a password is set, which is when the security log and the
    optional expiry learn about it."""

    def validate(self, password, user=None):
        return None

    def password_changed(self, password, user=None):
        if user is None or user.pk is None:
            return
        PasswordAge.objects.update_or_create(user=user, defaults={"changed_at": timezone.now()})
        if not getattr(user, "_balai_new", False):
            record(Kind.PASSWORD_CHANGED, user=user)

    def get_help_text(self):
        return ""


class LocalWordsPasswordValidator:
    """Refuse a password that is only local words: the city's, kecamatan and kelurahan
    names, and words every attacker tries first here ("admin", "cilegon", "kelurahan" …),
    whatever the digits and symbols around them ('Cilegon2025!', 'admin_citangkil')."""

    WORDS = {"admin", "administrator", "cilegon", "kotacilegon", "banten", "kelurahan",
             "kecamatan", "lurah", "camat", "pemkot", "diskominfo", "balai", "operator",
             "password", "sandi", "katasandi", "rahasia", "bismillah", "indonesia", "merdeka",
             "qwerty", "asdf"}

    def _words(self) -> set[str]:
        names = {re.sub(r"[^a-z]", "", name.lower())
                 for name in Region.objects.values_list("name", flat=True)}
        return self.WORDS | {name for name in names if name}

    def validate(self, password, user=None):
        letters = re.sub(r"[^a-z]", "", password.lower())
        words = self._words()
        if letters and (letters in words or any(
                letters.startswith(word) and letters[len(word):] in words for word in words)):
            raise ValidationError(self.get_help_text(), code="password_local_words")

    def get_help_text(self):
        return _("Your password cannot be only the name of the city, a kecamatan or kelurahan, "
                 "or words such as 'admin', with numbers or symbols around them. A short "
                 "sentence of your own is best.")
