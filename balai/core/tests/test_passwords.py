"""Passwords: at least 12 characters, not common, not only local words; hashed with Argon2."""

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from balai.settings import base

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("password", [
    "Cilegon2025!", "admin_citangkil", "KEBONSARI-12345", "kelurahan!!2026", "Pulomerak1234",
    "pendek1!", "password1234", "123456789012",
])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize("password", [
    "kopi-tubruk-citangkil-2026", "Saya suka nasi uduk pagi", "hujan turun di Merak sore ini",
])
def test_passphrases_are_accepted_even_with_a_place_name(password):
    validate_password(password)


def test_passwords_are_hashed_with_argon2():

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    # (The test settings use a fast hasher; Argon2 itself must be installed and work.)
    hasher = Argon2PasswordHasher()
    encoded = hasher.encode("kopi-tubruk-citangkil-2026", hasher.salt())
    assert encoded.startswith("argon2$argon2id$")
    assert hasher.verify("kopi-tubruk-citangkil-2026", encoded)
    assert not hasher.verify("kopi-tubruk-citangkil-2025", encoded)
