"""The security app's middleware (their places in settings.MIDDLEWARE are explained there):
response headers for public pages, who is acting (for the security log), two-step
verification before the admin, the end of idle or long admin sessions, and the optional
password expiry."""

import time
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .audit import acting
from .models import PasswordAge
from .sessions import LAST_SEEN, STARTED, TOUCH_EVERY
from .twofactor import EXEMPT_VIEWS, authenticator

# Public pages load nothing from elsewhere and run no inline script or style; JSON-LD is
# data, not script. Nothing may frame them, and forms only post back to the same site.
PUBLIC_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def content_security_policy() -> str:
    directives = [f"{name} {value}" for name, value in PUBLIC_POLICY.items()]
    if getattr(settings, "SECURE_SSL_REDIRECT", False):
        directives.append("upgrade-insecure-requests")
    return "; ".join(directives)


class ContentSecurityPolicyMiddleware:
    """Adds the public pages' Content-Security-Policy. The admin (Wagtail's own scripts)
    and responses that bring their own policy (documents: a sandbox) are left as they are."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = content_security_policy()
        self.admin_prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        if ("Content-Security-Policy" not in response
                and not request.path.startswith(self.admin_prefix)):
            response["Content-Security-Policy"] = self.policy
        return response


def password_changed_at(user):
    age = PasswordAge.objects.filter(user=user).first()
    return age.changed_at if age else user.date_joined


class PasswordExpiryMiddleware:
    """With BALAI_PASSWORD_MAX_AGE_DAYS set (0, the default, means never), an admin account
    whose password is older is sent to its account page to choose a new one first."""

    ALLOWED = {"wagtailadmin_account", "wagtailadmin_logout", "wagtailadmin_login",
               "wagtailadmin_javascript_catalog", "wagtailadmin_sprite", "balai_2fa_verify",
               "balai_2fa_setup"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        days = getattr(settings, "BALAI_PASSWORD_MAX_AGE_DAYS", 0)
        match = request.resolver_match
        if (not days or not request.user.is_authenticated or match is None
                or not request.path.startswith(reverse("wagtailadmin_home"))
                or match.url_name in self.ALLOWED):
            return None
        if password_changed_at(request.user) > timezone.now() - timedelta(days=days):
            return None
        messages.warning(request, _(
            "Your password is more than %(days)d days old. Please choose a new one before "
            "you continue.") % {"days": days})
        return redirect("wagtailadmin_account")


class CurrentActorMiddleware:
    """Remembers, for the security log, which request is running (and so whose: its user
    is only looked up when something is recorded)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with acting(request):
            return self.get_response(request)


class RequireTwoFactorMiddleware:
    """An admin request from a signed-in account that has not entered a code in this
    session goes to the code page (or, for an account without an app yet, to enrolment)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        if not request.path.startswith(self.admin_prefix):
            return None
        name = request.resolver_match.url_name if request.resolver_match else None
        user = request.user
        if name in EXEMPT_VIEWS or name and name.startswith("wagtailadmin_password_reset"):
            return None
        if not user.is_authenticated or user.is_verified():
            return None
        target = "balai_2fa_verify" if authenticator(user) else "balai_2fa_setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


class SessionTimeoutMiddleware:
    """Ends an admin session idle for BALAI_SESSION_IDLE_SECONDS or older than
    BALAI_SESSION_MAX_SECONDS (sessions.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault(STARTED, now)
            last_seen = session.get(LAST_SEEN, now)
            if (now - last_seen > settings.BALAI_SESSION_IDLE_SECONDS
                    or now - started > settings.BALAI_SESSION_MAX_SECONDS):
                logout(request)  # flushes the session; the admin asks to log in again
            elif now - last_seen >= TOUCH_EVERY or LAST_SEEN not in session:
                session[LAST_SEEN] = now
        return self.get_response(request)
