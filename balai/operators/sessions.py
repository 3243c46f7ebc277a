"""Admin sessions end after a time of inactivity and after a maximum length, whatever the
activity (a stolen session cookie is worth little for long); accounts unused for a long
time are suspended by `balai suspend-inactive`."""


from django.conf import settings

LAST_SEEN = "balai_last_seen"
STARTED = "balai_session_started"
# Write the last-seen time at most this often (seconds), not on every request.
TOUCH_EVERY = 60


def idle_limit() -> int:
    return getattr(settings, "BALAI_SESSION_IDLE_SECONDS", 30 * 60)


def absolute_limit() -> int:
    return getattr(settings, "BALAI_SESSION_MAX_SECONDS", 10 * 60 * 60)
