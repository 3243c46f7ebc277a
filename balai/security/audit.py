"""Writing the security log: who signed in or failed to, 2FA and password changes, changes
to accounts, groups and permissions, publishing, and what the guard stopped or found.

Events caused by a signal (a group change, a publish) carry the account of the person whose
request caused them, kept for the length of the request by :class:`CurrentActorMiddleware`.
"""

import contextvars
import ipaddress
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model, user_logged_in, user_logged_out, user_login_failed
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import GroupPagePermission
from wagtail.signals import page_published, page_unpublished

from balai.provisioning.models import RegionSite

from .models import KnownAddress, LoginFailure, SecurityEvent
from .throttle import forget_old_failures

Kind = SecurityEvent.Kind
_request = contextvars.ContextVar("balai_security_request", default=None)


def client_ip(request) -> str | None:
    """The client's address. Behind BALAI_TRUSTED_PROXIES proxies (nginx: 1), the address
    the nearest trusted proxy put last in X-Forwarded-For; otherwise the socket's."""
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR")
    proxies = settings.BALAI_TRUSTED_PROXIES
    forwarded = [part.strip() for part in
                 request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except (TypeError, ValueError):
        return None


def record(kind, *, request=None, user=None, username="", region=None, detail="",
           actor=None) -> SecurityEvent:
    request = request or _request.get()
    if actor is None:
        # Whoever the running request is signed in as.
        user_of_request = getattr(request, "user", None)
        if user_of_request is not None and user_of_request.is_authenticated:
            actor = user_of_request
    if user is not None and not username:
        username = user.get_username()
    return SecurityEvent.objects.create(
        kind=kind, user=user if user is not None and user.pk else None,
        username=username[:150], actor=actor, ip=client_ip(request), region=region,
        detail=str(detail)[:500])


@contextmanager
def acting(request):
    """Within: the security log knows which request (and so whose) is running
    (``CurrentActorMiddleware``, security/middleware.py)."""
    token = _request.set(request)
    try:
        yield
    finally:
        _request.reset(token)


# Signing in and out.

@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs):
    ip = client_ip(request)
    record(Kind.LOGIN, request=request, user=user, actor=user)
    if ip:
        KnownAddress.objects.get_or_create(user=user, ip=ip)
        LoginFailure.objects.filter(username=user.get_username().lower(), ip=ip).delete()


@receiver(user_logged_out)
def signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(Kind.LOGOUT, request=request, user=user, actor=user)


@receiver(user_login_failed)
def sign_in_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get(get_user_model().USERNAME_FIELD)
                   or credentials.get("username") or "")[:150]
    forget_old_failures()
    LoginFailure.objects.create(username=username.lower(), ip=client_ip(request))
    user = get_user_model()._default_manager.filter(
        **{f"{get_user_model().USERNAME_FIELD}__iexact": username}).first()
    record(Kind.LOGIN_FAILED, request=request, user=user, username=username)


# Accounts, groups and permissions.

ACCOUNT_FLAGS = ("is_active", "is_superuser", "is_staff")


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def account_flags_changing(sender, instance, raw=False, **kwargs):
    instance._balai_new = instance._state.adding
    if raw:  # fixtures and restores load rows as they were; nothing happened now
        return
    update_fields = kwargs.get("update_fields")
    if instance._state.adding or (update_fields is not None
                                  and not set(update_fields) & set(ACCOUNT_FLAGS)):
        return  # a new account, or a save of other columns (a sign-in's last_login)
    before = sender._default_manager.filter(pk=instance.pk).values(*ACCOUNT_FLAGS).first()
    changed = [f"{flag}={getattr(instance, flag)}" for flag in ACCOUNT_FLAGS
               if before and before[flag] != getattr(instance, flag)]
    instance._balai_flag_changes = changed


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def account_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created:
        record(Kind.ACCOUNT_CHANGED, user=instance, detail="created")
    elif getattr(instance, "_balai_flag_changes", None):
        record(Kind.ACCOUNT_CHANGED, user=instance,
               detail=", ".join(instance._balai_flag_changes))
        instance._balai_flag_changes = []


def _names(model, pks) -> str:
    return ", ".join(sorted(str(obj) for obj in model._default_manager.filter(pk__in=pks)))


def _membership_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    verb = {"post_add": "+", "post_remove": "-", "post_clear": "cleared"}[action]
    what = _names(model, pk_set or [])
    if isinstance(instance, get_user_model()):
        record(Kind.PERMISSIONS_CHANGED, user=instance, detail=f"{verb} {what}")
    else:  # a group, or a permission/group seen from the other side
        record(Kind.PERMISSIONS_CHANGED, detail=f"{instance}: {verb} {what}")


def connect_memberships():
    user_model = get_user_model()
    for through in (user_model.groups.through, user_model.user_permissions.through,
                    Group.permissions.through):
        m2m_changed.connect(_membership_changed, sender=through,
                            dispatch_uid=f"balai_security_{through._meta.label}")


connect_memberships()


@receiver(post_save, sender=GroupPagePermission)
@receiver(post_delete, sender=GroupPagePermission)
def page_permission_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    verb = "-" if "created" not in kwargs else "+"
    record(Kind.PERMISSIONS_CHANGED,
           detail=f"{instance.group}: {verb} {instance.permission.codename} "
                  f"{instance.page.url_path}")


# Publishing.

def region_of_page(page):
    """The region whose site holds the page (the deepest site home above it)."""
    steplen = page.steplen
    above = [page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)]
    record_ = RegionSite.objects.filter(home_page__path__in=above).select_related(
        "region").order_by("-home_page__depth").first()
    return record_.region if record_ else None


@receiver(page_published)
def page_went_live(sender, instance, revision=None, **kwargs):
    user = getattr(revision, "user", None) if revision is not None else None
    record(Kind.PAGE_PUBLISHED, actor=user, region=region_of_page(instance),
           detail=f"{instance.title} ({instance.url_path})")


@receiver(page_unpublished)
def page_went_offline(sender, instance, **kwargs):
    record(Kind.PAGE_UNPUBLISHED, region=region_of_page(instance),
           detail=f"{instance.title} ({instance.url_path})")
