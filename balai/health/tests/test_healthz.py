from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client, override_settings

from balai.conftest import CITANGKIL

pytestmark = pytest.mark.django_db


def test_all_ok_on_the_portal_and_on_a_kelurahan_host(site_of):
    kelurahan, _home = site_of(CITANGKIL)
    for client in (Client(HTTP_HOST="balai.test"), kelurahan):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"database": "ok", "cache": "ok", "disk": "ok"}
        assert "no-cache" in response["Cache-Control"]
        assert "max-age=0" in response["Cache-Control"]


def test_a_database_that_does_not_answer_gives_503():
    with mock.patch("django.db.backends.utils.CursorWrapper.execute",
                    side_effect=OperationalError("connection refused")):
        response = Client(HTTP_HOST="balai.test").get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "cache": "ok", "disk": "ok"}
    assert response["Retry-After"] == "30"
    # Nothing about the inside: not the error, not a version.
    assert b"refused" not in response.content


def test_a_cache_that_loses_what_it_was_given_gives_503():
    with mock.patch("django.core.cache.cache.get", return_value=None):
        response = Client(HTTP_HOST="balai.test").get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unavailable"


def test_a_cache_that_fails_gives_503():
    with mock.patch("django.core.cache.cache.set", side_effect=ConnectionError("down")):
        response = Client(HTTP_HOST="balai.test").get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unavailable"


def test_too_little_free_disk_gives_503():
    with override_settings(BALAI_HEALTH_MIN_FREE_MB=10**12):
        response = Client(HTTP_HOST="balai.test").get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "ok", "disk": "low"}


def test_get_and_head_only():
    client = Client(HTTP_HOST="balai.test")
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
