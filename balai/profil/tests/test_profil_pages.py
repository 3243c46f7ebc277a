import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from balai.conftest import WARNASARI
from balai.profil.models import OfficeHours, ProfilPage
from balai.testing.builders import DRINGO, kelurahan_site, kontak, person, staff, update

pytestmark = pytest.mark.django_db

HOURS = [*[(day, datetime.time(8), datetime.time(16)) for day in (1, 2, 3, 4)],
         (5, datetime.time(8), datetime.time(16, 30))]


def test_profil_shows_figures_borders_and_a_map_of_the_kecamatan():
    site = kelurahan_site(DRINGO)
    update(site.section(ProfilPage), population_total=12000, area_km2=Decimal("2.35"),
           population_source="Data kependudukan kelurahan, Juni 2026",
           intro="<p>Kelurahan Dringo dengan luas sekitar 2,35 km².</p>",
           border_north="Kelurahan Samangraya")
    html = site.client.get("/profil/").text
    assert "<dt>Jumlah penduduk</dt><dd>12.000</dd>" in html
    # number and unit never on two lines, in the figures and in the operator's text
    assert "<dt>Luas wilayah</dt><dd>2,35&nbsp;km²</dd>" in html
    assert "dengan luas sekitar 2,35\u00a0km²." in html
    assert "Data kependudukan kelurahan, Juni 2026" in html
    assert "<dt>Utara</dt><dd>Kelurahan Samangraya</dd>" in html
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    assert svg.count("<path") == 7  # the seven kelurahan of Kecamatan Citangkil
    assert svg.count("map-shape--highlight") == 1
    assert "<title" in svg and "Peta Kelurahan Dringo" in svg
    # numbered markers instead of names, which collided; the legend gives the names
    assert "Warnasari" not in svg and "map-marker--highlight" in svg
    legend = html.split('<ol class="map-legend">')[1].split("</ol>")[0]
    assert re.findall(r"<li[^>]*>(?:<strong>)?([A-Za-z ]+)", legend) == [
        "Warnasari", "Dringo", "Lebak Denok", "Taman Baru", "Kebonsari", "Samangraya",
        "Citangkil"]
    assert '<li class="map-legend-highlight"><strong>Dringo</strong></li>' in legend


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


def test_struktur_lists_the_lurah_first_then_units_and_staff():
    site = kelurahan_site(DRINGO)
    page = staff(site, leader="Ibu Hj. Nurhasanah", units=[
        ("Sekretariat", person("Pak Budi", "Sekretaris Kelurahan"), [person("Sinta", "Staf")]),
        *[(f"Seksi {name}", person(f"Kepala {name}", f"Kepala Seksi {name}"), [])
          for name in ("Pemerintahan", "Ekonomi", "Kesejahteraan")]])
    html = site.client.get("/struktur-pegawai/").text
    org = html[html.index('<ol class="org">'):]
    leader = org.index("Ibu Hj. Nurhasanah")
    secretariat = org.index("Sekretaris Kelurahan")
    members = org.index('<ul class="org-members">')
    assert leader < secretariat < members
    assert org.index("Lurah") < secretariat  # default title for a kelurahan
    assert page.people_count == 6


def test_kontak_hours_today_and_validation():
    kontak_page = kontak(kelurahan_site(DRINGO), address="Jl. Raya Dringo No. 3", hours=HOURS)
    monday = datetime.date(2026, 11, 30)
    assert kontak_page.hours_on(monday).opens == datetime.time(8)
    assert kontak_page.hours_on(monday + datetime.timedelta(days=5)) is None  # Saturday
    with pytest.raises(ValidationError):
        OfficeHours(page=kontak_page, weekday=1, opens=datetime.time(16),
                    closes=datetime.time(8)).clean()
    kontak_page.whatsapp = "021 123"
    with pytest.raises(ValidationError) as error:
        kontak_page.full_clean()
    assert "whatsapp" in error.value.message_dict
    kontak_page.whatsapp = "0812 3456 7890"
    assert kontak_page.whatsapp_link == "https://wa.me/6281234567890"


def test_kontak_page_lists_hours_and_the_complaint_route():
    site = kelurahan_site(DRINGO)
    kontak(site, address="Jl. Raya Dringo No. 3", hours=HOURS)
    html = site.client.get("/kontak/").text
    assert '<th scope="row">Senin</th><td>08.00–16.00</td>' in html
    assert '<th scope="row">Jumat</th><td>08.00–16.30</td>' in html
    assert 'href="https://www.lapor.go.id/"' in html
