import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from balai.conftest import CITANGKIL
from balai.provisioning.models import RegionSite

PASSWORD = "kunci-rahasia-balai-2026"


@pytest.fixture
def operator(db, site_of):

    user = get_user_model().objects.create_user(
        "siti", email="siti@example.com", password=PASSWORD)
    user.groups.add(RegionSite.objects.get(region__kode=CITANGKIL).operator_group)
    return user


def sign_in(client: Client, username: str, password: str = PASSWORD, **extra):
    return client.post("/admin/login/", {"username": username, "password": password},
                       **extra)


def code_for(device: TOTPDevice, *, step_offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + step_offset * device.step
    return f"{totp.token():06d}"


@pytest.fixture
def enrolled(operator):
    """The operator with a confirmed authenticator app."""
    return TOTPDevice.objects.create(user=operator, name="HP", confirmed=True)
