"""Admin sessions end after a time of inactivity and after a maximum length, whatever the
activity (a stolen session cookie is worth little for long); accounts unused for a long
time are suspended by `balai suspend-inactive`."""

import time

from django.conf import settings
from django.contrib.auth import logout

LAST_SEEN = "balai_last_seen"
STARTED = "balai_session_started"
# Write the last-seen time at most this often (seconds), not on every request.
TOUCH_EVERY = 60


def idle_limit() -> int:
    return getattr(settings, "BALAI_SESSION_IDLE_SECONDS", 30 * 60)


def absolute_limit() -> int:
    return getattr(settings, "BALAI_SESSION_MAX_SECONDS", 10 * 60 * 60)


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault(STARTED, now)
            last_seen = session.get(LAST_SEEN, now)
            if now - last_seen > idle_limit() or now - started > absolute_limit():
                logout(request)  # flushes the session; the admin asks to log in again
            elif now - last_seen >= TOUCH_EVERY or LAST_SEEN not in session:
                session[LAST_SEEN] = now
        return self.get_response(request)
