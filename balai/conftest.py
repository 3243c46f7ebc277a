"""Shared fixtures: one test database with the Cilegon regions loaded, the sample service
catalogue, every site provisioned and the demo content loaded (Kecamatan Citangkil, Kelurahan
Citangkil and Kebonsari filled; the other 48 sites empty), made once per session; each test
runs in a transaction rolled back after it."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_wilayah", verbosity=0, stdout=open("/dev/null", "w"))
        call_command("load_layanan", stdout=open("/dev/null", "w"))
        call_command("provision", all=True, quiet=True, stdout=open("/dev/null", "w"))
        call_command("load_demo", stdout=open("/dev/null", "w"))


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Pages cached in one test must not be served in the next (its rows are rolled back):
    a new generation token makes them unreachable, and leaves Wagtail's own cache alone."""
    from balai.pagecache.versions import GENERATION, page_cache

    page_cache().delete(GENERATION)


@pytest.fixture(autouse=True)
def _sites_as_committed():
    """A Site made in a test is rolled back with it, without the signal that would tell
    Wagtail's list of site roots and Balai's index of it (balai/core/siteroots.py)."""
    yield
    # Not Site.clear_site_root_paths_cache(): through Balai's index it registers an
    # on-commit callback, which needs the database that most tests do not have.
    from django.core.cache import cache
    from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

    from balai.core import siteroots

    cache.delete(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)
    siteroots.forget()


def host_of(site) -> str:
    """The Host header a browser sends for a Wagtail Site."""
    return site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"


@pytest.fixture
def site_client():
    """Return a test client whose requests go to one site's host name."""

    def make(site) -> Client:
        return Client(HTTP_HOST=host_of(site))

    return make


@pytest.fixture(autouse=True)
def force_login_is_a_full_sign_in(monkeypatch):
    """``client.force_login(user)`` stands for a complete sign-in, password *and*
    verification code, as it skips the password already. Tests of the sign-in itself
    (balai/security/tests) go through the real forms instead."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or \
            TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def make_user(db):
    def make(username: str, *groups, **extra):
        user = get_user_model().objects.create_user(username=username, password="x" * 16,
                                                    **extra)
        user.groups.add(*groups)
        return user

    return make


# Sites used throughout the tests: two filled with demo content, one left empty.
CITANGKIL = "36.72.08.1007"
KEBONSARI = "36.72.08.1005"
WARNASARI = "36.72.08.1001"  # provisioned, no content


@pytest.fixture
def site_of():
    """Return (client on the site's host, its home page) for a region code."""
    from balai.provisioning.models import RegionSite

    def make(kode: str):
        record = RegionSite.objects.select_related("site", "home_page").get(region__kode=kode)
        return Client(HTTP_HOST=host_of(record.site)), record.home_page.specific

    return make


@pytest.fixture
def city_client(make_user):
    """A client logged in as a member of the city office's group (Admin Kota)."""
    from django.contrib.auth.models import Group

    from balai.core.groups import CITY_ADMIN_GROUP

    client = Client(HTTP_HOST="balai.test")
    client.force_login(make_user("dinas", Group.objects.get(name=CITY_ADMIN_GROUP)))
    return client
