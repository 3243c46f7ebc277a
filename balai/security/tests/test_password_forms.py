"""A refused password is explained under the field where it was typed, in the set-password
form of an invitation or reset link and in the account settings; a confirmation that
differs is explained under the confirmation."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from balai.conftest import CITANGKIL
from balai.provisioning.models import RegionSite

pytestmark = pytest.mark.django_db
GOOD = "kopi-tubruk-citangkil-2026"
SHORT = "pendek1!"


def _errors_by_field(html: str) -> dict[str, str]:
    """The error text shown in each field's box, by the name of its input."""
    soup = BeautifulSoup(html, "html.parser")
    found = {}
    for field in soup.select("[data-field]"):
        control = field.select_one("input[name]")
        errors = field.select_one("[data-field-errors]")
        if control is not None and errors is not None:
            text = " ".join(errors.get_text(" ").split())
            if text:
                found[control["name"]] = text
    return found


@pytest.fixture
def set_password_url(make_user):
    user = make_user("sari")
    user.set_unusable_password()
    user.save()
    client = Client(HTTP_HOST="balai.test")
    link = reverse("wagtailadmin_password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user)})
    page = client.get(link, follow=True)
    return client, page.redirect_chain[-1][0], user


def test_a_short_password_is_refused_under_the_new_password(set_password_url):
    client, url, user = set_password_url
    response = client.post(url, {"new_password1": SHORT, "new_password2": SHORT})
    assert response.status_code == 200
    errors = _errors_by_field(response.content.decode())
    assert list(errors) == ["new_password1"], errors
    assert "12 karakter" in errors["new_password1"]
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_a_different_confirmation_is_said_under_the_confirmation(set_password_url):
    client, url, _user = set_password_url
    response = client.post(url, {"new_password1": GOOD, "new_password2": GOOD + "x"})
    errors = _errors_by_field(response.content.decode())
    assert list(errors) == ["new_password2"], errors


def test_a_local_word_password_is_refused_under_the_new_password(set_password_url):
    client, url, _user = set_password_url
    response = client.post(url, {"new_password1": "Cilegon2026!!!", "new_password2": "x"})
    errors = _errors_by_field(response.content.decode())
    assert set(errors) == {"new_password1", "new_password2"}, errors
    assert re.search("kota|kecamatan|kelurahan", errors["new_password1"])


def test_account_settings_say_it_under_the_new_password(make_user):
    user = make_user("sari", RegionSite.objects.get(region__kode=CITANGKIL).operator_group)
    user.set_password(GOOD)
    user.save()
    client = Client(HTTP_HOST="balai.test")
    client.force_login(user)
    response = client.post(reverse("wagtailadmin_account"), {
        "password-old_password": GOOD, "password-new_password1": SHORT,
        "password-new_password2": SHORT, "name_email-first_name": "Sari",
        "name_email-last_name": "Rahayu", "name_email-email": "sari@example.com",
        "locale-preferred_language": "id", "locale-current_time_zone": "Asia/Jakarta",
        "theme-theme": "system", "theme-density": "default", "theme-contrast": "system",
        "theme-keyboard_shortcuts": "on"})
    assert response.status_code == 200
    errors = _errors_by_field(response.content.decode())
    assert "password-new_password1" in errors, errors
    assert "password-new_password2" not in errors, errors
    user.refresh_from_db()
    assert user.check_password(GOOD)
