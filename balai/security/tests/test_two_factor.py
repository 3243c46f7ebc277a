"""Two-step verification: enrolled at the first sign-in, asked at every sign-in after, not
skipped by a password reset, reset by the city office for a lost phone."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from balai.security.models import SecurityEvent

from .conftest import PASSWORD, code_for, sign_in

pytestmark = pytest.mark.django_db


def test_first_sign_in_enrols_an_authenticator_before_anything_else(operator):
    client = Client()
    response = sign_in(client, "siti")
    assert response.status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/verifikasi/aktifkan/")
    for path in ["/admin/pages/", "/admin/images/", "/admin/account/", "/admin/api/main/pages/"]:
        assert client.get(path).status_code == 302, path

    page = client.get(response["Location"])
    html = page.content.decode()
    assert "<svg" in html and "Aktifkan verifikasi dua langkah" in html
    device = TOTPDevice.objects.get(user=operator, confirmed=False)

    wrong = client.post("/admin/verifikasi/aktifkan/", {"code": "000000", "next": "/admin/"})
    assert "Kode itu tidak benar" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    device.refresh_from_db()
    device.throttle_reset()
    done = client.post("/admin/verifikasi/aktifkan/", {"code": code_for(device),
                                                       "next": "/admin/"})
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert SecurityEvent.objects.filter(kind="otp_enrolled", user=operator).exists()


def test_every_later_sign_in_asks_for_a_code(operator, enrolled):
    client = Client()
    sign_in(client, "siti")
    response = client.get("/admin/pages/")
    assert response["Location"] == "/admin/verifikasi/?next=%2Fadmin%2Fpages%2F"
    wrong = client.post("/admin/verifikasi/", {"code": "123456", "next": "/admin/images/"})
    assert wrong.status_code == 200
    assert SecurityEvent.objects.filter(kind="otp_failed", user=operator).count() == 1
    enrolled.throttle_reset()
    response = client.post("/admin/verifikasi/", {"code": code_for(enrolled),
                                                  "next": "/admin/images/"})
    assert response["Location"] == "/admin/images/"
    assert client.get("/admin/images/").status_code == 200


def test_code_page_never_redirects_to_another_host(operator, enrolled):
    client = Client()
    sign_in(client, "siti")
    response = client.post("/admin/verifikasi/", {"code": code_for(enrolled),
                                                  "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_a_backup_code_works_once(operator, enrolled):
    client = Client()
    sign_in(client, "siti")
    client.post("/admin/verifikasi/aktifkan/")  # already enrolled: sent on to the code page

    backup = StaticDevice.objects.create(user=operator, name="cadangan")
    StaticToken.objects.create(device=backup, token="abcde12345")
    response = client.post("/admin/verifikasi/", {"code": "abcde 12345"})
    assert response["Location"] == "/admin/"
    assert SecurityEvent.objects.filter(kind="otp_backup_used", user=operator).exists()

    again = Client()
    sign_in(again, "siti")
    response = again.post("/admin/verifikasi/", {"code": "abcde12345"})
    assert response.status_code == 200
    assert again.get("/admin/").status_code == 302


def test_repeated_wrong_codes_slow_down_but_never_lock_for_good(operator, enrolled):

    client = Client()
    sign_in(client, "siti")
    for _attempt in range(12):
        client.post("/admin/verifikasi/", {"code": "000000"})
    enrolled.refresh_from_db()
    assert enrolled.throttling_failure_count >= 1
    # Even the right code waits while throttled ...
    response = client.post("/admin/verifikasi/", {"code": code_for(enrolled)})
    assert response.status_code == 200
    # ... and never more than 15 minutes, however many failures there were.
    TOTPDevice.objects.filter(pk=enrolled.pk).update(
        throttling_failure_count=40,
        throttling_failure_timestamp=enrolled.throttling_failure_timestamp
        - timedelta(minutes=15))
    enrolled.refresh_from_db()
    response = client.post("/admin/verifikasi/", {"code": code_for(enrolled)})
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_password_reset_does_not_skip_the_code(operator, enrolled, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    client = Client()
    client.post("/admin/password_reset/", {"email": "siti@example.com"})
    link = re.search(r"http://testserver(/admin/password_reset/confirm/\S+/)",
                     mail.outbox[-1].body).group(1)
    form = client.get(link, follow=True)
    new_password = "kata-sandi-baru-yang-panjang"
    response = client.post(form.redirect_chain[-1][0],
                           {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    # The reset signs nobody in ...
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    # ... and signing in with the new password still asks for the code.
    sign_in(client, "siti", new_password)
    assert client.get("/admin/")["Location"].startswith("/admin/verifikasi/?")
    assert TOTPDevice.objects.filter(user=operator, confirmed=True).exists()
    assert SecurityEvent.objects.filter(kind="password_changed", user=operator).exists()


def test_city_office_resets_a_lost_phone(operator, enrolled, city_client):
    victim = Client()
    victim.force_login(operator)
    assert victim.get("/admin/").status_code == 200
    response = city_client.post(f"/admin/akun-kantor/{operator.pk}/reset-verifikasi/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=operator).exists()
    # Open sessions end; the next sign-in enrols again.
    assert victim.get("/admin/")["Location"].startswith("/admin/login/")
    client = Client()
    sign_in(client, "siti")
    assert client.get("/admin/")["Location"].startswith("/admin/verifikasi/aktifkan/")
    event = SecurityEvent.objects.get(kind="otp_reset", user=operator)
    assert event.actor.username == "dinas"


def test_an_operator_cannot_reset_anyone(operator, enrolled, make_user):
    other = make_user("budi")
    TOTPDevice.objects.create(user=other, name="HP Budi", confirmed=True)
    client = Client()
    client.force_login(operator)
    response = client.post(f"/admin/akun-kantor/{other.pk}/reset-verifikasi/")
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=other, name="HP Budi").exists()


def test_no_account_reaches_the_admin_without_a_code():
    """Every account, superusers included."""
    get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD)
    client = Client()
    sign_in(client, "root")
    assert client.get("/admin/")["Location"].startswith("/admin/verifikasi/aktifkan/")
