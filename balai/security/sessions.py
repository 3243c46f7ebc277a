"""Admin sessions end after a time of inactivity and after a maximum length, whatever the
activity (a stolen session cookie is worth little for long: ``SessionTimeoutMiddleware``,
limits BALAI_SESSION_IDLE_SECONDS and BALAI_SESSION_MAX_SECONDS); all of an account's
sessions end when it is suspended (accounts unused for long are, by `balai
suspend-inactive`) or its second factor is reset."""

from django.contrib.sessions.models import Session
from django.utils import timezone

LAST_SEEN = "balai_last_seen"
STARTED = "balai_session_started"
# Write the last-seen time at most this often (seconds), not on every request.
TOUCH_EVERY = 60


def user_sessions_end(user) -> int:
    """Delete every session of the user; returns how many."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended
