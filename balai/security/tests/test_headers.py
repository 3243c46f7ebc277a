"""Public pages carry a Content-Security-Policy without inline script that forbids framing;
an old password is replaced first when the city sets an expiry."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from balai.conftest import CITANGKIL
from balai.security.models import PasswordAge

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict((part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";"))


@pytest.mark.parametrize("path", ["/", "/layanan/", "/berita/", "/tidak-ada/", "/api/v1/sites/"])
def test_public_responses_have_a_strict_policy(site_of, path):
    client, _home = site_of(CITANGKIL)
    response = client.get(path)
    policy = directives(response)
    assert policy["frame-ancestors"] == "'none'"
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_public_pages_have_no_inline_script_or_style(site_of):
    """What the policy forbids is not in the pages either (the browser tests also watch
    for violations): JSON-LD is data, not script."""

    client, home = site_of(CITANGKIL)
    for path in ["/", "/layanan/", "/profil/", "/rt-rw/", "/kontak/"]:
        html = client.get(path).content.decode()
        scripts = re.findall(r"<script\b([^>]*)>", html)
        assert all("src=" in attrs or "application/ld+json" in attrs for attrs in scripts)
        assert not re.search(r"\sstyle=|<style\b|\son[a-z]+=", html), path


def test_the_admin_keeps_wagtails_own_scripts(city_client):
    assert "Content-Security-Policy" not in city_client.get("/admin/")


def test_no_expiry_by_default(operator):
    client = Client()
    client.force_login(operator)
    PasswordAge.objects.update_or_create(user=operator, defaults={
        "changed_at": timezone.now() - timedelta(days=3000)})
    assert client.get("/admin/").status_code == 200


def test_expiry_when_the_city_sets_it(operator, settings):
    settings.BALAI_PASSWORD_MAX_AGE_DAYS = 90
    client = Client()
    client.force_login(operator)
    assert client.get("/admin/").status_code == 200  # set just now (account made)
    PasswordAge.objects.update_or_create(user=operator, defaults={
        "changed_at": timezone.now() - timedelta(days=91)})
    response = client.get("/admin/")
    assert response["Location"] == "/admin/account/"
    assert client.get("/admin/account/").status_code == 200
    operator.set_password("kata-sandi-baru-yang-panjang")
    operator.save()
    assert PasswordAge.objects.get(user=operator).changed_at > timezone.now() - timedelta(1)
