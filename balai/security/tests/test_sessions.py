"""Sessions end after idle time and after a maximum length; unused accounts are suspended."""

import datetime
import io
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from balai.conftest import CITANGKIL
from balai.provisioning.models import RegionSite
from balai.security.sessions import LAST_SEEN, STARTED

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(make_user):
    return make_user("operator", RegionSite.objects.get(region__kode=CITANGKIL).operator_group)


def _logged_in(user) -> Client:
    client = Client(HTTP_HOST="balai.test")
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    return client


def _age_session(client, **shift_seconds) -> None:
    session = client.session
    for key, seconds in shift_seconds.items():
        session[key] = int(time.time()) - seconds
    session.save()


def test_an_active_session_continues(operator):
    client = _logged_in(operator)
    _age_session(client, **{LAST_SEEN: 10 * 60})
    assert client.get("/admin/").status_code == 200


def test_a_session_idle_for_more_than_30_minutes_ends(operator):
    client = _logged_in(operator)
    _age_session(client, **{LAST_SEEN: 31 * 60})
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_a_session_ends_after_10_hours_even_when_active(operator):
    client = _logged_in(operator)
    _age_session(client, **{STARTED: 10 * 60 * 60 + 60, LAST_SEEN: 30})
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_accounts_unused_for_45_days_are_suspended(make_user):
    now = timezone.now()
    recent = make_user("baru-saja", last_login=now - datetime.timedelta(days=44))
    old = make_user("lama", last_login=now - datetime.timedelta(days=46))
    never = make_user("tidak-pernah")
    get_user_model().objects.filter(pk=never.pk).update(
        date_joined=now - datetime.timedelta(days=50))
    out = io.StringIO()
    call_command("suspend_inactive", stdout=out)
    active = dict(get_user_model().objects.filter(
        pk__in=[recent.pk, old.pk, never.pk]).values_list("username", "is_active"))
    assert active == {"baru-saja": True, "lama": False, "tidak-pernah": False}
    assert "suspended lama" in out.getvalue()
