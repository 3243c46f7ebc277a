"""The admin sign-in form with throttling, and the verification-code forms."""

import math

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm

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
