"""Ending an account's sessions: when it is suspended or its second factor is reset."""

from django.contrib.sessions.models import Session
from django.utils import timezone


def user_sessions_end(user) -> int:
    """Delete every session of the user; returns how many."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended
