"""What every complaint test shares: a resident whose contact details are unmistakable, the
office accounts, and a watch on every public response the tests receive: none may ever carry
the resident's contact details."""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client

from balai.conftest import CITANGKIL
from balai.core.groups import CITY_ADMIN_GROUP
from balai.pengaduan import services
from balai.provisioning.models import RegionSite
from balai.testing.builders import region_site

NAME = "Siti Rahmawati Qadrunnada"
PHONE = "0812 9988 7766"
EMAIL = "siti.qadrunnada@contoh.id"
CONTACT = (NAME, PHONE, "081299887766", EMAIL, "siti.qadrunnada")
@pytest.fixture(autouse=True)
def emails_go_at_once(monkeypatch):
    """A test's transaction is never committed: what waits for the commit (the emails) runs
    at once instead."""
    monkeypatch.setattr(services, "transaction", SimpleNamespace(
        atomic=transaction.atomic, on_commit=lambda function, **kwargs: function()))


@pytest.fixture(autouse=True)
def public_responses(monkeypatch):
    """Every public (not /admin/) response any client gets in a complaint test: checked at
    the end for the resident's contact details."""
    seen = []
    original = Client.request

    def request(self, **environ):
        response = original(self, **environ)
        if not environ.get("PATH_INFO", "").startswith("/admin/"):
            seen.append((environ.get("PATH_INFO"), response.content))
        return response

    monkeypatch.setattr(Client, "request", request)
    yield seen
    for path, content in seen:
        text = content.decode("utf-8", "replace")
        for detail in CONTACT:
            assert detail not in text, f"{detail!r} shown on the public page {path}"


def office_user(kode: str, username: str, *, email: str = ""):
    user = get_user_model().objects.create_user(username, email=email or f"{username}@kantor.id",
                                                password="x" * 16)
    user.groups.add(RegionSite.objects.get(region__kode=kode).operator_group)
    return user


def signed_in(user) -> Client:
    client = Client(HTTP_HOST="balai.test")
    client.force_login(user)
    return client


@pytest.fixture
def citangkil():
    return region_site(CITANGKIL)


@pytest.fixture
def city_user():
    user = get_user_model().objects.create_user("dinas", password="x" * 16)
    user.groups.add(Group.objects.get(name=CITY_ADMIN_GROUP))
    return user
