"""Sign-in throttling: guessing slows down, and a stranger cannot keep an operator out."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from balai.security.models import LoginFailure, SecurityEvent

from .conftest import sign_in

pytestmark = pytest.mark.django_db
OFFICE, ATTACKER = "10.1.1.10", "203.0.113.7"


def _fail(username: str, ip: str, times: int) -> None:
    client = Client()
    for _attempt in range(times):
        response = sign_in(client, username, "salah-salah-salah", REMOTE_ADDR=ip)
        assert response.status_code == 200


def _signs_in(username: str, ip: str) -> bool:
    response = sign_in(Client(), username, REMOTE_ADDR=ip)
    return response.status_code == 302


def _refused_message(username: str, ip: str) -> str:
    return sign_in(Client(), username, REMOTE_ADDR=ip).content.decode()


def test_five_failures_from_one_address_make_that_address_wait(operator):
    _fail("siti", ATTACKER, 5)
    html = _refused_message("siti", ATTACKER)
    assert "Terlalu banyak percobaan yang gagal" in html and "15 menit" in html
    assert SecurityEvent.objects.filter(kind="login_throttled", username="siti").exists()
    # The real operator, elsewhere, is not affected.
    assert _signs_in("siti", OFFICE)


def test_the_wait_ends_by_itself(operator):
    _fail("siti", ATTACKER, 5)
    assert not _signs_in("siti", ATTACKER)
    LoginFailure.objects.update(at=timezone.now() - timedelta(minutes=16))
    assert _signs_in("siti", ATTACKER)


def test_guessing_one_account_from_many_addresses_never_locks_out_its_office(operator):
    assert _signs_in("siti", OFFICE)  # the office's computer is now a known address
    for number in range(12):
        _fail("siti", f"198.51.100.{number}", 1)
    # A new address waits ...
    assert not _signs_in("siti", "192.0.2.99")
    # ... the office does not.
    assert _signs_in("siti", OFFICE)


def test_one_address_guessing_many_accounts_waits(operator):
    for number in range(30):
        _fail(f"akun{number}", ATTACKER, 1)
    assert not _signs_in("siti", ATTACKER)
    assert _signs_in("siti", OFFICE)


def test_user_names_are_counted_whatever_their_case(operator):
    _fail("SITI", ATTACKER, 3)
    _fail("Siti", ATTACKER, 2)
    assert not _signs_in("siti", ATTACKER)


def test_a_successful_sign_in_clears_its_own_failures(operator):
    _fail("siti", OFFICE, 4)
    assert _signs_in("siti", OFFICE)
    _fail("siti", OFFICE, 4)
    assert _signs_in("siti", OFFICE)


def test_address_behind_the_proxy_is_the_one_nginx_saw(operator, settings):
    settings.BALAI_TRUSTED_PROXIES = 1
    client = Client()
    for _attempt in range(5):
        sign_in(client, "siti", "salah-salah-salah", REMOTE_ADDR="127.0.0.1",
                HTTP_X_FORWARDED_FOR=f"6.6.6.6, {ATTACKER}")
    # A forged first entry does not help the attacker; other clients behind the same
    # proxy are unaffected.
    assert not sign_in(Client(), "siti", REMOTE_ADDR="127.0.0.1",
                       HTTP_X_FORWARDED_FOR=f"1.2.3.4, {ATTACKER}").status_code == 302
    assert sign_in(Client(), "siti", REMOTE_ADDR="127.0.0.1",
                   HTTP_X_FORWARDED_FOR=OFFICE).status_code == 302


def test_the_throttled_form_is_the_only_sign_in(operator):
    client = Client()
    response = client.post("/_util/login/", {"username": "siti", "password": "salah"})
    assert response.status_code in (301, 302)
    assert response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session
