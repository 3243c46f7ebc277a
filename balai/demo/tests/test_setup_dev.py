import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from wagtail.models import Collection, Page, Site

from balai.demo.services import demo_load, dev_superuser_create
from balai.home.models import KelurahanPage
from balai.layanan.models import ServiceDefinition
from balai.profil.models import ProfilPage
from balai.provisioning.models import RegionSite
from balai.wilayah.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def dev_settings(settings, tmp_path):
    settings.BALAI_ALLOW_DEV_SUPERUSER = True
    settings.DATA_DIR = tmp_path
    return settings


@pytest.fixture
def empty_database():
    """Bring the (rolled back) test database to what `migrate` leaves: Wagtail's welcome page."""
    Site.objects.all().delete()
    RegionSite.objects.all().delete()
    Page.objects.filter(depth__gt=1).delete()
    ServiceDefinition.objects.all().delete()
    Group.objects.filter(name__startswith="Operator ").delete()
    Collection.objects.filter(depth__gt=1).delete()
    for level in ("kelurahan", "kecamatan", "kota"):
        Region.objects.filter(level=level).delete()
    welcome = Page.get_first_root_node().add_child(
        instance=Page(title="Welcome to your new Wagtail site!", slug="home"))
    Site.objects.create(hostname="localhost", port=80, root_page=welcome, is_default_site=True)


@pytest.mark.skipif(connection.vendor != "sqlite", reason=(
    "setup-dev is the development installation's command, on SQLite (make run); on "
    "PostgreSQL the session's database is built by the same four steps (balai/conftest.py), "
    "and rebuilding all 52 sites here would cost a minute of the suite's time for nothing "
    "more"))
def test_setup_dev_on_an_empty_database_builds_the_demo(dev_settings, empty_database, capsys):
    call_command("setup_dev")
    out = capsys.readouterr().out
    assert "Regions: 52 created" in out
    assert "Provisioned 52 regions" in out
    assert "Service catalogue: 17 sample services added, 0 left alone." in out
    assert "Demo content: 36 pages filled." in out
    assert Site.objects.count() == 52
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    assert Site.objects.get(is_default_site=True).hostname == "balai.test"
    line = next(line for line in out.splitlines() if "Development superuser created" in line)
    password = line.rsplit(" / ", 1)[1]
    assert authenticate(username="admin", password=password).is_superuser
    password_file = dev_settings.DATA_DIR / "dev-admin-password.txt"
    assert password_file.read_text() == f"admin {password}\n"
    assert password_file.stat().st_mode & 0o777 == 0o600
    html = Client(HTTP_HOST="kel-citangkil.balai.test").get("/").text
    assert "Contoh isi." in html


def test_setup_dev_leaves_an_existing_database_alone(dev_settings, capsys):
    pages = Page.objects.count()
    call_command("setup_dev")
    call_command("setup_dev")
    out = capsys.readouterr().out
    assert "The database has data already" in out
    assert out.count("Development superuser created") == 1
    assert Page.objects.count() == pages
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


def test_no_superuser_outside_dev_settings(settings):
    settings.BALAI_ALLOW_DEV_SUPERUSER = False
    with pytest.raises(CommandError):
        call_command("setup_dev")
    with pytest.raises(PermissionError):
        dev_superuser_create()
    assert not get_user_model().objects.exists()


def test_demo_is_idempotent_and_marked_as_sample():
    # The session database has had the demo loaded once already.
    assert demo_load() == []
    profil = ProfilPage.objects.child_of(
        KelurahanPage.objects.get(region__kode="36.72.08.1007")).get()
    assert profil.intro.startswith("<p><b>Contoh isi.</b>")
    assert "Kecamatan Citangkil, Kota Cilegon, Provinsi Banten" in profil.intro


def test_demo_never_overwrites_what_a_person_saved(make_user):
    home = KelurahanPage.objects.get(region__kode="36.72.08.1007")
    operator = make_user("op", RegionSite.objects.get(region__kode="36.72.08.1007").operator_group)
    home.intro = ""
    home.save_revision(user=operator).publish(user=operator)
    assert "Kelurahan Citangkil / Beranda" not in demo_load()
    home.refresh_from_db()
    assert home.intro == ""
