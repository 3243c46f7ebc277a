"""The security log records what the city office must be able to trace, lets the city
office read it, and lets nobody change it."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from balai.conftest import CITANGKIL
from balai.provisioning.models import RegionSite
from balai.security.models import AppendOnly, SecurityEvent

from .conftest import sign_in

pytestmark = pytest.mark.django_db


def kinds() -> list[str]:
    return list(SecurityEvent.objects.order_by("pk").values_list("kind", flat=True))


def test_sign_in_failure_and_sign_out_are_recorded_with_the_address(operator, enrolled):
    client = Client()
    sign_in(client, "siti", "salah-salah-salah", REMOTE_ADDR="203.0.113.9")
    sign_in(client, "siti", REMOTE_ADDR="203.0.113.9")
    client.post("/admin/logout/", REMOTE_ADDR="203.0.113.9")
    failed = SecurityEvent.objects.get(kind="login_failed")
    assert (failed.username, failed.ip, failed.user) == ("siti", "203.0.113.9", operator)
    assert SecurityEvent.objects.filter(kind="login", user=operator).exists()
    assert SecurityEvent.objects.filter(kind="logout", user=operator).exists()


def test_a_failure_for_an_unknown_name_is_recorded_too():
    sign_in(Client(), "admin", "admin123")
    event = SecurityEvent.objects.get(kind="login_failed")
    assert event.username == "admin" and event.user is None


def test_changes_to_accounts_groups_and_permissions_are_recorded(operator, city_client):
    group = Group.objects.create(name="Grup uji")
    operator.groups.add(group)
    group.permissions.add(Permission.objects.get(codename="add_user"))
    operator.is_superuser = True
    operator.save()
    details = list(SecurityEvent.objects.filter(kind__in=["permissions_changed",
                                                          "account_changed"])
                   .values_list("detail", flat=True))
    assert any("+ Grup uji" in detail for detail in details)
    assert any("Grup uji: + " in detail and "add_user" in detail.lower()
               or "Can add user" in detail for detail in details)
    assert any("is_superuser=True" in detail for detail in details)


def test_publishing_is_recorded_with_its_site_and_the_person(site_of, operator):

    _client, home = site_of(CITANGKIL)
    user = operator
    revision = home.save_revision(user=user)
    revision.publish(user=user)
    event = SecurityEvent.objects.filter(kind="page_published").latest("pk")
    assert event.region == RegionSite.objects.get(region__kode=CITANGKIL).region
    assert event.actor == user
    home.unpublish(user=user)
    assert SecurityEvent.objects.filter(kind="page_unpublished").exists()


def test_the_log_cannot_be_changed_or_deleted():
    event = SecurityEvent.objects.create(kind="login", username="siti")
    event.detail = "diubah"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()


def test_the_city_office_reads_and_downloads_the_log(operator, city_client):
    sign_in(Client(), "siti", "salah-salah-salah")
    page = city_client.get("/admin/log-keamanan/?jenis=login_failed&akun=siti")
    html = page.content.decode()
    assert page.status_code == 200 and "Gagal masuk" in html and "siti" in html
    csv = city_client.get("/admin/log-keamanan/?akun=siti&format=csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "siti" in csv.content.decode("utf-8-sig")


def test_operators_cannot_read_the_log(operator):
    client = Client(HTTP_HOST="balai.test")
    client.force_login(operator)
    response = client.get("/admin/log-keamanan/")
    assert response.status_code in (302, 403)
    assert b"log-keamanan" not in client.get("/admin/").content


def test_no_office_group_may_change_or_delete_log_entries():
    permitted = Permission.objects.filter(
        content_type__app_label="security", group__isnull=False).values_list(
            "codename", flat=True).distinct()
    assert set(permitted) <= {"view_securityevent"}
