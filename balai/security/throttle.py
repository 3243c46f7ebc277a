"""Sign-in throttling that slows guessing without letting a stranger lock an operator out.

Failures are counted over a sliding window (15 minutes by default) three ways:

- one user name from one address: 5 failures, then that pair waits;
- one address, whatever the user names: 30 failures, then that address waits;
- one user name from anywhere: 10 failures, then it waits, except from addresses where
  this account has already signed in fully (password and verification code).

Every wait ends by itself when the oldest counted failure leaves the window; nothing is
locked for good. An attacker hammering an operator's user name from elsewhere therefore
never keeps the operator out of the office's usual computer, and with a second factor
required a guessed password alone opens nothing.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import KnownAddress, LoginFailure


@dataclass(frozen=True)
class Limits:
    window: timedelta
    per_pair: int
    per_address: int
    per_account: int


def limits() -> Limits:
    policy = settings.BALAI_LOGIN_THROTTLE
    return Limits(window=timedelta(seconds=policy["window_seconds"]),
                  per_pair=policy["per_pair"], per_address=policy["per_address"],
                  per_account=policy["per_account"])


def _wait(failures, limit: int, window: timedelta, now) -> timedelta:
    """How long until fewer than ``limit`` failures remain in the window."""
    times = list(failures.order_by("-at").values_list("at", flat=True)[:limit])
    if len(times) < limit:
        return timedelta(0)
    return max(timedelta(0), times[-1] + window - now)


def wait_before_login(username: str, ip: str | None) -> timedelta:
    """Zero when a sign-in attempt may be checked now, else how long to wait."""
    policy, now = limits(), timezone.now()
    recent = LoginFailure.objects.filter(at__gte=now - policy.window)
    username = username.lower()
    waits = [_wait(recent.filter(username=username, ip=ip), policy.per_pair,
                   policy.window, now)]
    if ip:
        waits.append(_wait(recent.filter(ip=ip), policy.per_address, policy.window, now))
    if not _known(username, ip):
        waits.append(_wait(recent.filter(username=username), policy.per_account,
                           policy.window, now))
    return max(waits)


def _known(username: str, ip: str | None) -> bool:
    field = get_user_model().USERNAME_FIELD
    return bool(ip) and KnownAddress.objects.filter(
        ip=ip, **{f"user__{field}__iexact": username}).exists()


def forget_old_failures() -> int:
    """Failures older than the window (at least a day) count for nothing; each new failure
    clears them away, so the table stays small."""
    return LoginFailure.objects.filter(
        at__lt=timezone.now() - max(limits().window, timedelta(days=1))).delete()[0]
