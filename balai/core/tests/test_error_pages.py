"""Error pages are in Indonesian, friendly, and reveal nothing of the inside."""

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.views.defaults import server_error

from balai.conftest import CITANGKIL
from balai.provisioning.models import RegionSite

pytestmark = pytest.mark.django_db


def test_unknown_page_gives_an_indonesian_404(site_of):
    client, _home = site_of(CITANGKIL)
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Halaman tidak ditemukan</h1>" in html and 'lang="id"' in html
    assert "Traceback" not in html and "settings" not in html.lower()


def test_admin_refusal_gives_an_indonesian_403(make_user):

    client = Client(HTTP_HOST="balai.test")
    client.force_login(make_user("operator", RegionSite.objects.get(
        region__kode=CITANGKIL).operator_group))
    response = client.get("/admin/users/")
    assert response.status_code == 403
    assert "<h1>Akses ditolak</h1>" in response.content.decode()


def test_server_error_page_reveals_nothing():

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Terjadi kesalahan</h1>" in html and "Traceback" not in html


@pytest.mark.parametrize(("template", "heading"), [
    ("400.html", "Permintaan tidak dapat dibaca"), ("413.html", "Yang dikirim terlalu besar"),
    ("503.html", "Sementara tidak tersedia")])
def test_other_error_pages_render_in_indonesian(template, heading):
    assert f"<h1>{heading}</h1>" in render_to_string(template)


def test_a_body_larger_than_django_reads_says_so():
    # As a browser's POST: the CSRF check reads the body first, before any view.
    record = RegionSite.objects.select_related("site").get(region__kode=CITANGKIL)
    client = Client(HTTP_HOST=record.site.hostname, enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "k" * 32  # a browser that has opened a form before
    response = client.post("/kontak/", {"isi": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413
    assert "<h1>Yang dikirim terlalu besar</h1>" in response.text
