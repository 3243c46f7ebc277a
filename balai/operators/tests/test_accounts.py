"""The city office invites, suspends and lists office accounts."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from balai.conftest import CITANGKIL, KEBONSARI
from balai.provisioning.models import RegionSite

pytestmark = pytest.mark.django_db



def _record(kode):
    return RegionSite.objects.select_related("operator_group", "contributor_group").get(
        region__kode=kode)


def test_invited_operator_sets_a_password_and_lands_in_the_site_group(city_client):
    record = _record(CITANGKIL)
    response = city_client.post("/admin/akun-kantor/undang/", {
        "email": "Sari@Contoh.id", "name": "Sari Rahayu", "site": record.pk,
        "role": "operator"})
    assert response.status_code == 302
    user = get_user_model().objects.get(email="sari@contoh.id")
    assert list(user.groups.all()) == [record.operator_group]
    assert not user.has_usable_password()
    [email] = mail.outbox
    assert email.to == ["sari@contoh.id"]
    assert email.subject == "Akun Anda untuk situs Kelurahan Citangkil"
    assert "Operator (mengubah dan memublikasikan)" in email.body
    link = re.search(r"http://balai\.test(/admin/password_reset/confirm/\S+/)", email.body)
    assert link is not None

    visitor = Client(HTTP_HOST="balai.test")
    set_password_page = visitor.get(link.group(1), follow=True)
    assert set_password_page.status_code == 200
    set_url = set_password_page.redirect_chain[-1][0]
    done = visitor.post(set_url, {"new_password1": "kopi-tubruk-citangkil-2026",
                                  "new_password2": "kopi-tubruk-citangkil-2026"})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("kopi-tubruk-citangkil-2026")


def test_invitation_form_says_what_is_wrong(city_client, make_user):
    make_user("ada", email="ada@contoh.id")
    kecamatan = _record("36.72.08")
    response = city_client.post("/admin/akun-kantor/undang/", {
        "email": "ada@contoh.id", "name": "", "site": kecamatan.pk, "role": "kontributor"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sudah ada akun dengan email ini." in html
    assert "Kontributor hanya ada untuk situs kelurahan." in html
    assert mail.outbox == []


def test_suspending_an_account_ends_its_sessions_at_once(city_client, make_user):
    operator = make_user("operator", _record(KEBONSARI).operator_group)
    session = Client(HTTP_HOST="balai.test")
    session.force_login(operator)
    assert session.get("/admin/").status_code == 200
    response = city_client.post(f"/admin/akun-kantor/{operator.pk}/nonaktifkan/")
    assert response.status_code == 302
    operator.refresh_from_db()
    assert not operator.is_active
    after = session.get("/admin/")
    assert after.status_code == 302 and after["Location"].startswith("/admin/login/")


def test_account_list_shows_site_role_and_last_login(city_client, make_user):
    operator = make_user("operator-kebonsari", _record(KEBONSARI).operator_group)
    Client(HTTP_HOST="balai.test").force_login(operator)
    operator.refresh_from_db()
    html = city_client.get("/admin/akun-kantor/").content.decode()
    row = html.split("operator-kebonsari")[1].split("</tr>")[0]
    assert "Kelurahan Kebonsari" in row and "36.72.08.1005" in row
    assert "Operator (mengubah dan memublikasikan)" in row
    assert "aktif" in row


def test_office_users_cannot_manage_accounts(make_user):
    client = Client(HTTP_HOST="balai.test")
    operator = make_user("operator", _record(CITANGKIL).operator_group)
    client.force_login(operator)
    assert client.get("/admin/akun-kantor/").status_code == 403
    assert client.post("/admin/akun-kantor/undang/", {
        "email": "x@contoh.id", "name": "X", "site": _record(CITANGKIL).pk,
        "role": "operator"}).status_code == 403
    assert not get_user_model().objects.filter(email="x@contoh.id").exists()
