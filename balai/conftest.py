"""Shared fixtures: one test database with the Cilegon regions loaded, the sample service
catalogue, every site provisioned and the demo content loaded (Kecamatan Citangkil, Kelurahan
Citangkil and Kebonsari filled; the other 48 sites empty), made once per session; each test
runs in a transaction rolled back after it.

With pytest-xdist the database is built once for the whole run, not once per worker: the
first worker to need it builds it while the others wait on a lock, then each worker gets a
copy (SQLite: the in-memory database restored from a file with SQLite's backup API;
PostgreSQL: ``CREATE DATABASE ... TEMPLATE``), and the media files the demo stored (in the
tests' in-memory storage) are written into each worker's storage.
"""

import io
import sqlite3
import time
import uuid
from pathlib import Path

import pytest
from django.conf import DEFAULT_STORAGE_ALIAS
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.core.files.storage import default_storage, storages
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.plugin import blocking_manager_key
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

from balai.backup.media import media_names, media_read, media_write
from balai.core import siteroots
from balai.core.groups import CITY_ADMIN_GROUP
from balai.pagecache.versions import GENERATION, page_cache
from balai.provisioning.models import RegionSite
from balai.security import ratelimit
from balai.security.storage import file_names
from balai.testing.locks import locked

SHARED_LOCK = "balai-testdb.lock"
SHARED_SQLITE = "balai-testdb.sqlite3"
SHARED_MEDIA = "balai-testdb-media"
SHARED_TEMPLATE_NAME = "balai-testdb-template"  # PostgreSQL: the template database's name


def _load_sample_installation() -> None:
    """What every test finds in the database: regions, services, 52 sites, the demo."""
    out = io.StringIO()
    call_command("load_wilayah", verbosity=0, stdout=out)
    call_command("load_layanan", stdout=out)
    call_command("provision", all=True, quiet=True, stdout=out)
    call_command("load_demo", stdout=out)


def _media_save(folder: Path) -> None:
    for name in media_names():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(media_read(name))
    folder.mkdir(exist_ok=True)  # the sign that the database is complete


def _media_restore(folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            media_write(path.relative_to(folder).as_posix(), path.read_bytes())


def _sqlite_build(connection, shared: Path) -> None:
    """Build the in-memory test database in this worker, keep it, and save a copy."""
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    _load_sample_installation()
    connection.ensure_connection()
    target = sqlite3.connect(shared / SHARED_SQLITE)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


def _sqlite_copy(connection, shared: Path) -> None:
    """Give this worker its in-memory test database: a copy of the one built."""
    name = connection.creation._get_test_db_name()
    connection.settings_dict["NAME"] = name
    source = sqlite3.connect(f"file:{shared / SHARED_SQLITE}?mode=ro", uri=True)
    target = sqlite3.connect(name, uri=True)
    try:
        source.backup(target)
        # As Django's own parallel runner does: (re)open the connection on the copy before
        # `target` closes, which would otherwise drop the in-memory database.
        connection.connect()
    finally:
        source.close()
        target.close()


def _postgres_template_name(connection) -> str:
    return f"{connection.creation._get_test_db_name()}_template"[:63]


def _postgres_build(connection, shared: Path) -> None:
    """Build the template database every worker's database is created from."""
    template = _postgres_template_name(connection)
    original_name = connection.settings_dict["NAME"]
    test_settings = connection.settings_dict["TEST"]
    worker_test_name = test_settings.get("NAME")
    test_settings["NAME"] = template
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        _load_sample_installation()
        # Closes the connection (no session may use a template) and restores NAME.
        connection.creation.destroy_test_db(original_name, verbosity=0, keepdb=True)
    finally:
        test_settings["NAME"] = worker_test_name
    (shared / SHARED_TEMPLATE_NAME).write_text(template)


def _postgres_copy(connection, shared: Path) -> None:
    template = (shared / SHARED_TEMPLATE_NAME).read_text()
    name = connection.creation._get_test_db_name()
    quote = connection.ops.quote_name
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
        cursor.execute(f"CREATE DATABASE {quote(name)} WITH TEMPLATE {quote(template)}")
    connection.close()
    connection.settings_dict["NAME"] = name


def _postgres_drop_template(connection, shared: Path) -> None:
    path = shared / SHARED_TEMPLATE_NAME
    if path.exists():
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(
                f"DROP DATABASE IF EXISTS {connection.ops.quote_name(path.read_text())}")
        path.unlink()


def _shared_folder(config: pytest.Config, tmp_path_factory) -> Path:
    """The folder all workers of this run share (each worker's basetemp is inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if hasattr(config, "workerinput") else base


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker,
                    django_db_modify_db_settings, tmp_path_factory):
    """Replaces pytest-django's: the built database copied to each worker (see above)."""
    if set(connections) != {"default"}:
        raise RuntimeError("balai/conftest.py sets up only the default database")
    connection = connections["default"]
    sqlite = connection.vendor == "sqlite"
    shared = _shared_folder(request.config, tmp_path_factory)
    original_name = connection.settings_dict["NAME"]
    with django_db_blocker.unblock():
        with locked(shared / SHARED_LOCK):
            built_here = not (shared / SHARED_MEDIA).exists()
            if built_here:
                (_sqlite_build if sqlite else _postgres_build)(connection, shared)
                _media_save(shared / SHARED_MEDIA)
        if not (sqlite and built_here):
            (_sqlite_copy if sqlite else _postgres_copy)(connection, shared)
        if not built_here:
            _media_restore(shared / SHARED_MEDIA)
    # Every worker starts alike, whether it built the database or copied it.
    for each in caches.all():
        each.clear()
    siteroots.forget()

    yield

    with django_db_blocker.unblock():
        connection.creation.destroy_test_db(original_name, verbosity=0)
        if not sqlite and not hasattr(request.config, "workerinput"):
            _postgres_drop_template(connection, shared)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """xdist's controlling process drops the PostgreSQL template once the workers are done
    (without xdist the session's own ``django_db_setup`` has dropped it already)."""
    config = session.config
    if hasattr(config, "workerinput") or connections["default"].vendor == "sqlite":
        return
    # The folder the workers' temporary folders are made in (see _shared_folder).
    shared = config._tmp_path_factory.getbasetemp()
    if (shared / SHARED_TEMPLATE_NAME).exists():
        with config.stash[blocking_manager_key].unblock():
            _postgres_drop_template(connections["default"], shared)


@pytest.fixture(scope="session")
def _media_storage():
    """The tests' media storage (in memory), as the session starts."""
    return storages[DEFAULT_STORAGE_ALIAS]


@pytest.fixture(scope="session")
def _private_storage():
    """The tests' private storage (in memory), as the session starts: the one the models'
    file fields hold (they take it once, when the models are defined)."""
    return storages["private"]


@pytest.fixture(autouse=True)
def _media_storage_kept(_media_storage, _private_storage):
    """A test that overrides STORAGES, STATIC_ROOT or STATIC_URL makes Django drop its
    storages, and the in-memory media storage with every file the demo stored in it: put
    the session's storages back, or the next tests in the worker find no pictures."""
    yield
    if storages[DEFAULT_STORAGE_ALIAS] is not _media_storage:
        storages._storages[DEFAULT_STORAGE_ALIAS] = _media_storage
        default_storage._wrapped = _media_storage
    # Likewise the private storage: the residents' files are stored through the field's
    # instance and walked (rotation, backups) through storages["private"]: one instance.
    if storages["private"] is not _private_storage:
        storages._storages["private"] = _private_storage


@pytest.fixture(autouse=True)
def _private_files_rolled_back():
    """Residents' files a test stored in the encrypted private storage (a request's
    documents, a complaint's photo) go with its rows: a later test that walks every private
    file (key rotation, backups) finds only its own."""
    private = storages["private"]
    before = set(file_names(private.raw))
    yield
    for name in set(file_names(private.raw)) - before:
        private.raw.delete(name)


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Pages cached in one test must not be served in the next (its rows are rolled back):
    a new generation token makes them unreachable, and leaves Wagtail's own cache alone."""

    page_cache().delete(GENERATION)


@pytest.fixture(autouse=True)
def _fresh_send_limits(monkeypatch):
    """What residents sent in one test (complaints, survey answers, requests) does not count
    in the next: each test counts under its own name."""
    monkeypatch.setattr(ratelimit, "PREFIX", f"balai:rate:{uuid.uuid4().hex}")
    # One window for the whole test, whenever it runs: the clock stands still at its start.
    started = time.time()
    monkeypatch.setattr(ratelimit, "_now", lambda: started)


@pytest.fixture(autouse=True)
def _sites_as_committed():
    """A Site made in a test is rolled back with it, without the signal that would tell
    Wagtail's list of site roots and Balai's index of it (balai/core/siteroots.py)."""
    yield
    # Not Site.clear_site_root_paths_cache(): through Balai's index it registers an
    # on-commit callback, which needs the database that most tests do not have.

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

    def make(kode: str):
        record = RegionSite.objects.select_related("site", "home_page").get(region__kode=kode)
        return Client(HTTP_HOST=host_of(record.site)), record.home_page.specific

    return make


@pytest.fixture
def city_client(make_user):
    """A client logged in as a member of the city office's group (Admin Kota)."""


    client = Client(HTTP_HOST="balai.test")
    client.force_login(make_user("dinas", Group.objects.get(name=CITY_ADMIN_GROUP)))
    return client

