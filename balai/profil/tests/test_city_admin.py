"""The city's public-service contacts and the public holidays: the city office's alone,
edited through the admin's own forms."""

import datetime

import pytest
from django.test import Client

from balai.conftest import WARNASARI
from balai.profil.models import CityContact, PublicHoliday
from balai.provisioning.models import RegionSite

pytestmark = pytest.mark.django_db

SETTINGS_URL = "/admin/settings/profil/citycontact/"
HOLIDAYS_URL = "/admin/snippets/profil/publicholiday/"
CONTACT_FORM = {
    "name": "Pemerintah Kota Cilegon — Layanan Informasi",
    "address": "Jl. Contoh No. 1, Cilegon",
    "phone": "0254 111222",
    "whatsapp": "0812 3456 7890",
    "email": "layanan@cilegon.example",
    "hours": "Senin–Jumat 08.00–16.00",
    "office_hours_default": "",
}


@pytest.fixture
def operator_client(make_user):
    """The operator of Kelurahan Warnasari, signed in."""
    group = RegionSite.objects.get(region__kode=WARNASARI).operator_group
    client = Client(HTTP_HOST="balai.test")
    client.force_login(make_user("operator-warnasari", group))
    return client


def _edit_url(client) -> str:
    response = client.get(SETTINGS_URL)
    assert response.status_code == 302
    return response["Location"]


def test_the_city_office_sets_the_contacts_every_empty_site_shows(city_client, site_of):
    resident, _home = site_of(WARNASARI)
    assert "0254 111222" not in resident.get("/rt-rw/").text  # cached from now on
    edit = _edit_url(city_client)
    assert "Kontak layanan publik kota" in city_client.get(edit).text
    response = city_client.post(edit, CONTACT_FORM)
    assert response.status_code == 302
    contact = CityContact.load()
    assert (contact.phone, contact.email) == ("0254 111222", "layanan@cilegon.example")
    html = resident.get("/rt-rw/").text
    assert "Pemerintah Kota Cilegon — Layanan Informasi</p>" in html
    assert '<a href="tel:0254111222">0254 111222</a>' in html
    assert 'href="https://wa.me/6281234567890"' in html


def test_a_wrong_phone_number_is_refused_in_indonesian(city_client):
    edit = _edit_url(city_client)
    response = city_client.post(edit, CONTACT_FORM | {"phone": "telepon kami", "whatsapp": "123"})
    assert response.status_code == 200
    assert "Tulis nomor telepon dengan angka saja" in response.text
    assert "Tulis nomor HP yang memakai WhatsApp" in response.text
    assert CityContact.load().phone != "telepon kami"


def test_what_an_editor_types_is_shown_as_text(city_client, site_of):
    city_client.post(_edit_url(city_client),
                     CONTACT_FORM | {"name": "<script>alert(1)</script>Layanan"})
    client, _home = site_of(WARNASARI)
    html = client.get("/kontak/").text
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Layanan" in html


def test_the_city_office_adds_a_holiday_and_a_date_only_once(city_client):
    response = city_client.post(HOLIDAYS_URL + "add/", {
        "date": "2026-12-31", "name": "Cuti bersama kota (contoh)", "kind": "city"})
    assert response.status_code == 302
    assert PublicHoliday.objects.get(date=datetime.date(2026, 12, 31)).kind == "city"
    again = city_client.post(HOLIDAYS_URL + "add/", {
        "date": "2026-12-31", "name": "Lagi", "kind": "city"})
    assert again.status_code == 200
    assert "Tanggal ini sudah ada di daftar" in again.text
    assert "Hari Raya Natal" in city_client.get(HOLIDAYS_URL).text


def test_an_office_operator_can_neither_see_nor_change_them(operator_client):
    before = (CityContact.load().name, PublicHoliday.objects.count())
    holiday = PublicHoliday.objects.first()
    for url in (SETTINGS_URL, f"{SETTINGS_URL}{CityContact.load().pk}/", HOLIDAYS_URL,
                HOLIDAYS_URL + "add/", f"{HOLIDAYS_URL}edit/{holiday.pk}/",
                f"{HOLIDAYS_URL}delete/{holiday.pk}/"):
        assert operator_client.get(url).status_code == 403, url
        assert operator_client.post(url, CONTACT_FORM | {
            "date": "2026-12-31", "name": "Libur palsu", "kind": "city"}).status_code == 403
    assert (CityContact.load().name, PublicHoliday.objects.count()) == before
    dashboard = operator_client.get("/admin/").text
    assert "Hari libur" not in dashboard and "Kontak layanan publik kota" not in dashboard


def test_the_city_office_finds_both_in_the_settings_menu(city_client):
    dashboard = city_client.get("/admin/").text
    assert "Hari libur" in dashboard and "Kontak layanan publik kota" in dashboard


def test_the_holidays_of_2026_and_2027_are_loaded_with_their_kind():
    days = dict(PublicHoliday.objects.values_list("date", "kind"))
    assert days[datetime.date(2026, 8, 17)] == "national"
    assert days[datetime.date(2026, 3, 20)] == "cuti_bersama"
    assert days[datetime.date(2027, 12, 25)] == "national"
    assert sum(1 for day in days if day.year == 2026) == 25
