"""Two-step verification (TOTP) for every admin account, required after the password.

At the first sign-in an account enrols an authenticator app (Google Authenticator, Aegis,
Microsoft Authenticator …) by scanning a QR code, confirms it with a code, and receives
ten single-use backup codes. From then on every sign-in asks for a code. The verification
belongs to the session, so a password reset, which never signs anyone in, cannot skip it.
A lost phone is handled by the city office, which resets the account's verification.
"""

from datetime import timedelta

import segno
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .audit import Kind, record
from .forms import CodeForm, EnrolForm, wait_message
from .sessions import user_sessions_end

BACKUP_CODES = 10
# Wrong codes slow verification down (1, 2, 4 … seconds); the wait never exceeds this.
MAX_CODE_WAIT = timedelta(minutes=15)
EXEMPT_VIEWS = {"wagtailadmin_login", "wagtailadmin_logout", "wagtailadmin_javascript_catalog",
                "wagtailadmin_sprite", "balai_2fa_verify", "balai_2fa_setup"}


def authenticator(user, *, confirmed=True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _signed_in_unverified(request):
    user = request.user
    if not user.is_authenticated:
        return redirect("wagtailadmin_login")
    if user.is_verified():
        return redirect(_next_url(request))
    return None


def _release_cap(device) -> None:
    """Let a device that has waited MAX_CODE_WAIT try again, whatever its failure count."""
    stamp = device.throttling_failure_timestamp
    if stamp is not None and timezone.now() - stamp >= MAX_CODE_WAIT:
        device.throttle_reset()


def verify(request):
    """The code page after the password."""
    if (response := _signed_in_unverified(request)) is not None:
        return response
    device = authenticator(request.user)
    if device is None:
        return redirect("balai_2fa_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        backup = StaticDevice.objects.filter(user=request.user, confirmed=True).first()
        for candidate in (device, backup):
            if candidate is not None:
                _release_cap(candidate)
        if code.isdigit() and device.verify_token(code):
            otp_login(request, device)
            return redirect(_next_url(request))
        if not code.isdigit() and backup is not None and backup.verify_token(code):
            otp_login(request, backup)
            left = backup.token_set.count()
            record(Kind.OTP_BACKUP_USED, request=request, user=request.user,
                   detail=f"{left} left")
            messages.warning(request, _(
                "You signed in with a backup code; %(left)d remain. If your phone is lost, "
                "ask the city office to reset your two-step verification.") % {"left": left})
            return redirect(_next_url(request))
        record(Kind.OTP_FAILED, request=request, user=request.user)
        allowed, details = device.verify_is_allowed()
        if not allowed and details.get("locked_until"):
            seconds = (details["locked_until"] - timezone.now()).total_seconds()
            form.add_error("code", wait_message(seconds) if seconds > 60 else _(
                "That code is not right. Wait a few seconds before the next try."))
        else:
            form.add_error("code", _("That code is not right. Check the time on your phone "
                                     "and use the newest code."))
    return TemplateResponse(request, "security/verify.html", {
        "form": form, "next": _next_url(request)})


def setup(request):
    """Enrolment: scan the QR code, confirm with a code, keep the backup codes."""
    if (response := _signed_in_unverified(request)) is not None:
        return response
    if authenticator(request.user):
        return redirect(f"{reverse('balai_2fa_verify')}?{urlencode({'next': _next_url(request)})}")
    device = authenticator(request.user, confirmed=False) or TOTPDevice.objects.create(
        user=request.user, name=_("Authenticator app"), confirmed=False)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            codes = _confirm(request, device)
            return TemplateResponse(request, "security/backup_codes.html", {
                "codes": codes, "next": _next_url(request)})
        form.add_error("code", _("That code is not right. Scan the QR code again, or check "
                                 "that the time on your phone is correct."))
    secret = device.config_url.split("secret=")[1].split("&")[0]
    return TemplateResponse(request, "security/setup.html", {
        "form": form, "next": _next_url(request),
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4, border=2),
        "secret_groups": [secret[i:i + 4] for i in range(0, len(secret), 4)],
        "issuer": settings.OTP_TOTP_ISSUER})


def _confirm(request, device) -> list[str]:
    device.confirmed = True
    device.save()
    TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
    StaticDevice.objects.filter(user=request.user).delete()
    backup = StaticDevice.objects.create(user=request.user, name=_("Backup codes"))
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=backup, token=c) for c in codes])
    otp_login(request, device)
    record(Kind.OTP_ENROLLED, request=request, user=request.user)
    return codes


def reset(user, *, by) -> None:
    """Forget an account's authenticator and backup codes (the city office, for a lost
    phone): its open sessions end and the next sign-in enrols again."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    user_sessions_end(user)
    record(Kind.OTP_RESET, user=user, actor=by)
