"""The survey in the admin: an office sees its own results and suggestions and enters its
service users; another office's are refused (404) whatever the query names; the city
office sees every office. Everything a resident typed is escaped."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from balai.conftest import CITANGKIL, KEBONSARI
from balai.core.groups import CITY_ADMIN_GROUP
from balai.provisioning.models import RegionSite
from balai.survei import periods
from balai.survei.models import ServicePopulation
from balai.testing.builders import region_site

from .builders import answers

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("saran")</script>'


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def offices(make_user):
    a, b = (RegionSite.objects.get(region__kode=kode) for kode in (CITANGKIL, KEBONSARI))
    region_site(CITANGKIL).client.post("/survei/", answers(4, suggestion="Saran untuk A"))
    region_site(KEBONSARI).client.post("/survei/", answers(2, suggestion="Rahasia kantor B"))
    return {
        "a": a, "b": b,
        "operator_a": _signed_in(make_user("operator-a", a.operator_group)),
        "contributor_a": _signed_in(make_user("kontributor-a", a.contributor_group)),
        "city": _signed_in(make_user("kota", Group.objects.get(name=CITY_ADMIN_GROUP))),
    }


def test_an_operator_sees_their_own_results_and_suggestions(offices):
    response = offices["operator_a"].get("/admin/survei/")
    assert response.status_code == 200
    html = response.text
    assert "Saran untuk A" in html
    assert "100,00" in html
    assert "Rahasia kantor B" not in html
    assert "Kebonsari" not in html


@pytest.mark.parametrize("path", ["/admin/survei/?kode={kode}",
                                  "/admin/survei/pengguna-layanan/?kode={kode}"])
def test_another_offices_code_is_a_404(offices, path):
    for kode in (KEBONSARI, "36.72", "99.99.99.9999", "<script>"):
        response = offices["operator_a"].get(path.format(kode=kode))
        assert response.status_code == 404, kode
        assert "Rahasia kantor B" not in response.text


def test_posting_service_users_for_another_office_changes_nothing(offices):
    response = offices["operator_a"].post(
        f"/admin/survei/pengguna-layanan/?kode={KEBONSARI}",
        {"periode": periods.current_semester().code, "jumlah": "500"})
    assert response.status_code == 404
    assert not ServicePopulation.objects.exists()


def test_the_operator_enters_service_users_and_sees_the_minimum_sample(offices):
    client = offices["operator_a"]
    form = client.get("/admin/survei/pengguna-layanan/")
    assert form.status_code == 200
    code = periods.current_semester().code
    response = client.post("/admin/survei/pengguna-layanan/", {"periode": code,
                                                               "jumlah": "1250"})
    assert response.status_code == 302
    entry = ServicePopulation.objects.get()
    assert (entry.region.kode, entry.users) == (CITANGKIL, 1250)
    # Krejcie–Morgan: 1250 -> the row 1300 -> 297.
    results = client.get(response["Location"]).text
    assert "297" in results
    public = region_site(CITANGKIL).client.get("/survei/hasil/").text
    assert "297" in public and "1250" in public
    # Entered again: corrected, not doubled.
    client.post("/admin/survei/pengguna-layanan/", {"periode": code, "jumlah": "80"})
    assert ServicePopulation.objects.get().users == 80


@pytest.mark.parametrize(("jumlah", "message"), [
    ("", "Tulis jumlah pengguna layanan."), ("abc", "Tulis bilangan bulat"),
    ("0", "paling sedikit 1"), ("-5", "paling sedikit 1"),
    ("99999999999999999999", "paling banyak"), ("12\x00", "Tulis bilangan bulat"),
])
def test_a_wrong_number_of_service_users_is_said_plainly(offices, jumlah, message):
    response = offices["operator_a"].post(
        "/admin/survei/pengguna-layanan/",
        {"periode": periods.current_semester().code, "jumlah": jumlah})
    assert response.status_code == 200
    assert message in response.text
    assert not ServicePopulation.objects.exists()


def test_an_unknown_period_is_refused_in_words(offices):
    response = offices["operator_a"].post("/admin/survei/pengguna-layanan/",
                                          {"periode": "1990-1", "jumlah": "10"})
    assert "Pilih salah satu periode yang tercantum." in response.text
    assert not ServicePopulation.objects.exists()


def test_a_contributor_reads_results_but_does_not_enter_service_users(offices):
    client = offices["contributor_a"]
    assert client.get("/admin/survei/").status_code == 200
    refused = client.get("/admin/survei/pengguna-layanan/")
    # Wagtail's admin answers PermissionDenied by leading back to the dashboard.
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    client.post("/admin/survei/pengguna-layanan/",
                {"periode": periods.current_semester().code, "jumlah": "10"})
    assert not ServicePopulation.objects.exists()


def test_the_city_office_sees_every_office_but_not_its_suggestions(offices):
    client = offices["city"]
    response = client.get(f"/admin/survei/?kode={KEBONSARI}")
    assert response.status_code == 200
    assert "Rahasia kantor B" not in response.text
    assert "Hanya kantor yang membaca saran warganya." in response.text
    assert client.get(f"/admin/survei/?kode={CITANGKIL}").status_code == 200
    assert client.get("/admin/survei/?kode=36.72").status_code == 404  # the portal


def test_the_menu_offers_the_survey_to_operators(offices):
    html = offices["operator_a"].get("/admin/").text
    assert "/admin/survei/" in html


def test_a_user_without_an_office_is_refused(offices, make_user):
    client = _signed_in(make_user("tanpa-kantor"))
    response = client.get("/admin/survei/")
    assert response.status_code in (302, 403)
    assert "Saran untuk A" not in response.text


def test_what_residents_typed_is_escaped_in_the_admin(offices):
    region_site(CITANGKIL).client.post("/survei/", answers(3, suggestion=SCRIPT))
    html = offices["operator_a"].get("/admin/survei/").text
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(&quot;saran&quot;)&lt;/script&gt;" in html


def test_the_office_sees_its_respondents_profile_as_counts(offices):
    client = region_site(CITANGKIL).client
    client.post("/survei/", answers(3, umur="60+", jenis_kelamin="L", pekerjaan="pns"))
    html = offices["operator_a"].get("/admin/survei/").text
    assert "Profil responden" in html
    profile = html.split("Profil responden", 1)[1].split("Saran dari warga", 1)[0]
    rows = dict(re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td></tr>", profile))
    assert rows["60 tahun ke atas"] == "1" and rows["30–39 tahun"] == "1"
    assert rows["Laki-laki"] == "1" and rows["Perempuan"] == "1"
    assert rows["PNS"] == "1" and rows["Wirausaha"] == "1" and rows["TNI"] == "0"
