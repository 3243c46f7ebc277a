import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from balai.conftest import CITANGKIL, WARNASARI
from balai.profil.models import KontakPage, OfficeHours, ProfilPage, StrukturPage

pytestmark = pytest.mark.django_db


def test_profil_shows_figures_borders_and_a_map_of_the_kecamatan(site_of):
    client, home = site_of(CITANGKIL)
    profil = ProfilPage.objects.child_of(home).get()
    profil.border_north = "Kelurahan Warnasari"
    profil.save()
    html = client.get("/profil/").text
    assert "<dt>Jumlah penduduk</dt><dd>12.000</dd>" in html
    # number and unit never on two lines, in the figures and in the operator's text
    assert "<dt>Luas wilayah</dt><dd>1,91&nbsp;km²</dd>" in html
    assert "dengan luas sekitar 1,91\u00a0km²." in html
    assert "Angka contoh untuk demonstrasi, bukan data resmi" in html
    assert "<dt>Utara</dt><dd>Kelurahan Warnasari</dd>" in html
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    assert svg.count("<path") == 7  # the seven kelurahan of Kecamatan Citangkil
    assert svg.count("map-shape--highlight") == 1
    assert "<title" in svg and "Peta Kelurahan Citangkil" in svg
    # numbered markers instead of names, which collided; the legend gives the names
    assert "Dringo" not in svg and "map-marker--highlight" in svg
    legend = html.split('<ol class="map-legend">')[1].split("</ol>")[0]
    assert re.findall(r"<li[^>]*>(?:<strong>)?([A-Za-z ]+)", legend) == [
        "Warnasari", "Dringo", "Lebak Denok", "Taman Baru", "Kebonsari", "Samangraya",
        "Citangkil"]
    assert '<li class="map-legend-highlight"><strong>Citangkil</strong></li>' in legend


def test_empty_profil_still_draws_the_official_map(site_of):
    client, _home = site_of(WARNASARI)
    html = client.get("/profil/").text
    assert "Kantor belum menulis profilnya." in html
    assert html.count("map-shape--highlight") == 1


def test_population_must_add_up():
    profil = ProfilPage(title="Profil", slug="p", population_total=100,
                        population_male=60, population_female=50)
    with pytest.raises(ValidationError) as error:
        profil.clean()
    assert "110" in str(error.value.message_dict["population_total"])


def test_struktur_lists_the_lurah_first_then_units_and_staff(site_of):
    client, home = site_of(CITANGKIL)
    html = client.get("/struktur-pegawai/").text
    org = html[html.index('<ol class="org">'):]
    leader = org.index("Nama Contoh A (contoh)")
    secretariat = org.index("Sekretaris Kelurahan")
    staff = org.index('<ul class="org-members">')
    assert leader < secretariat < staff
    assert org.index("Lurah") < secretariat  # default title for a kelurahan
    assert StrukturPage.objects.child_of(home).get().people_count == 6


def test_kontak_hours_today_and_validation(site_of):
    _client, home = site_of(CITANGKIL)
    kontak = KontakPage.objects.child_of(home).get()
    monday = datetime.date(2026, 11, 30)
    assert kontak.hours_on(monday).opens == datetime.time(8)
    assert kontak.hours_on(monday + datetime.timedelta(days=5)) is None  # Saturday
    with pytest.raises(ValidationError):
        OfficeHours(page=kontak, weekday=1, opens=datetime.time(16),
                    closes=datetime.time(8)).clean()
    kontak.whatsapp = "021 123"
    with pytest.raises(ValidationError) as error:
        kontak.full_clean()
    assert "whatsapp" in error.value.message_dict
    kontak.whatsapp = "0812 3456 7890"
    assert kontak.whatsapp_link == "https://wa.me/6281234567890"


def test_kontak_page_lists_hours_and_the_complaint_route(site_of):
    client, _home = site_of(CITANGKIL)
    html = client.get("/kontak/").text
    assert '<th scope="row">Senin</th><td>08.00–16.00</td>' in html
    assert '<th scope="row">Jumat</th><td>08.00–16.30</td>' in html
    assert 'href="https://www.lapor.go.id/"' in html
