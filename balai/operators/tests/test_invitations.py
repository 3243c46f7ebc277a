"""A lost or expired invitation: the city office sees when each unused invitation expires
and sends it again; the new link works, the old one no longer does."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from balai.conftest import CITANGKIL
from balai.provisioning.models import RegionSite

pytestmark = pytest.mark.django_db
LINK = re.compile(r"http://balai\.test(/admin/password_reset/confirm/\S+/)")
PASSWORD = "kopi-tubruk-citangkil-2026"


@pytest.fixture
def record():
    return RegionSite.objects.get(region__kode=CITANGKIL)


@pytest.fixture
def invited(city_client, record):
    city_client.post("/admin/akun-kantor/undang/", {
        "email": "sari@contoh.id", "name": "Sari Rahayu", "site": record.pk,
        "role": "operator"})
    return get_user_model().objects.get(email="sari@contoh.id")


def _set_password(link: str) -> Client:
    visitor = Client(HTTP_HOST="balai.test")
    page = visitor.get(link, follow=True)
    return visitor, page


def _row(html: str, email: str) -> str:
    """The text of the account list's row of one account."""
    [row] = [row for row in BeautifulSoup(html, "html.parser").select("table.listing tbody tr")
             if email in row.get_text()]
    return " ".join(row.get_text(" ").split())


def test_the_list_shows_when_an_unused_invitation_expires(city_client, invited):
    [email] = mail.outbox
    assert "selama 3 hari" in email.body
    html = city_client.get("/admin/akun-kantor/").content.decode()
    row = _row(html, "sari@contoh.id")
    expires = timezone.localtime(timezone.now() + timedelta(days=3))
    assert "Undangan berlaku sampai" in row
    assert f"{expires:%-d}" in row and f"{expires:%Y}" in row
    assert "Kirim ulang undangan" in row


def test_an_expired_invitation_says_so(city_client, invited):
    ModelLogEntry.objects.filter(object_id=str(invited.pk)).update(
        timestamp=timezone.now() - timedelta(days=4))
    row = _row(city_client.get("/admin/akun-kantor/").content.decode(), "sari@contoh.id")
    assert "Undangan kedaluwarsa pada" in row


def test_resending_gives_a_new_link_and_the_old_one_stops_working(city_client, invited):
    [first] = mail.outbox
    old_link = LINK.search(first.body).group(1)

    response = city_client.post(f"/admin/akun-kantor/{invited.pk}/kirim-ulang-undangan/",
                                follow=True)
    assert "Undangan baru telah dikirim ke sari@contoh.id" in response.content.decode()
    assert len(mail.outbox) == 2
    second = mail.outbox[1]
    assert second.to == ["sari@contoh.id"]
    new_link = LINK.search(second.body).group(1)
    assert new_link != old_link
    assert ModelLogEntry.objects.filter(object_id=str(invited.pk),
                                        action="balai.invitation_resent").count() == 1

    _visitor, old_page = _set_password(old_link)
    assert not old_page.context["validlink"]

    visitor, new_page = _set_password(new_link)
    assert new_page.context["validlink"]
    done = visitor.post(new_page.redirect_chain[-1][0],
                        {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302
    invited.refresh_from_db()
    assert invited.check_password(PASSWORD)


def test_no_invitation_is_resent_to_an_account_that_set_its_password(city_client, invited):
    invited.set_password(PASSWORD)
    invited.save()
    mail.outbox.clear()
    response = city_client.post(f"/admin/akun-kantor/{invited.pk}/kirim-ulang-undangan/",
                                follow=True)
    assert "tidak ada undangan yang perlu dikirim ulang" in response.content.decode()
    assert mail.outbox == []
    invited.refresh_from_db()
    assert invited.check_password(PASSWORD)
    row = _row(city_client.get("/admin/akun-kantor/").content.decode(), "sari@contoh.id")
    assert "Kirim ulang undangan" not in row


def test_an_operator_cannot_resend_invitations(make_user, record, invited):
    client = Client(HTTP_HOST="balai.test")
    client.force_login(make_user("operator", record.operator_group))
    mail.outbox.clear()
    response = client.post(f"/admin/akun-kantor/{invited.pk}/kirim-ulang-undangan/")
    assert response.status_code == 403
    assert mail.outbox == []
    assert client.get(f"/admin/akun-kantor/{invited.pk}/kirim-ulang-undangan/").status_code \
        in (403, 405)
