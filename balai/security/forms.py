"""The admin sign-in form with throttling, the verification-code forms, and the forms that
set a password (an invitation's link, a reset, the account's own settings)."""

import math

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm, PasswordChangeForm

from .audit import Kind, client_ip, record
from .throttle import wait_before_login


def wait_message(seconds: float) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many failed attempts. Please wait %(minutes)d minute and try again.",
        "Too many failed attempts. Please wait %(minutes)d minutes and try again.",
        minutes) % {"minutes": minutes}


class ThrottledLoginForm(LoginForm):
    """Wagtail's sign-in form, refusing to check a password while its user name or address
    is waiting out too many failures (balai/security/throttle.py)."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        wait = wait_before_login(username, client_ip(self.request))
        if wait:
            record(Kind.LOGIN_THROTTLED, request=self.request, username=username[:150],
                   detail=f"{int(wait.total_seconds())} s")
            raise ValidationError(wait_message(wait.total_seconds()), code="throttled")
        return super().clean()


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"), max_length=16, strip=True,
        help_text=_("The 6-digit code your authenticator app shows now for Balai."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "autofocus": "", "spellcheck": "false"}))

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split()).lower()
        if not code.isalnum():
            raise ValidationError(_("Type only the digits (or the letters of a backup code)."))
        return code


class EnrolForm(CodeForm):
    def clean_code(self):
        code = super().clean_code()
        if not (code.isdigit() and len(code) == 6):
            raise ValidationError(_("The code has 6 digits, as shown in the app."))
        return code


class ErrorsUnderTheNewPassword:
    """Django checks a new password against the password rules on its *confirmation*
    field, so "too short" or "too common" appears under "confirm the password", away from
    where it was typed. Here the rules are checked on the new password itself and their
    message sits under it; a confirmation that differs is still said under the
    confirmation."""

    def validate_password_for_user(self, user, password_field_name="password2"):  # noqa: S107
        first = password_field_name.replace("password2", "password1")
        super().validate_password_for_user(user, password_field_name=first)


class NewPasswordForm(ErrorsUnderTheNewPassword, SetPasswordForm):
    """Setting a password from an invitation's or a reset's link."""


class ChangePasswordForm(ErrorsUnderTheNewPassword, PasswordChangeForm):
    """Changing one's password in the account settings (Wagtail's form, fields optional)."""
