""""Cari kelurahan Anda" on the portal: a resident finds their kelurahan by its name (typos,
spaces and the Kemendagri/BPS spellings tolerated), by postal code, or by the street an
operator attached to an RT; the results link to the live sites."""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from balai.conftest import CITANGKIL, KEBONSARI, WARNASARI
from balai.core.tests.formdata import form_data
from balai.home.finder import LEVEL_WORDS, clean_query, distance, key, match, parts
from balai.provisioning.models import RegionSite
from balai.rtrw.models import RtRwPage
from balai.rtrw.values import page_rws
from balai.testing.builders import kelurahan_site, rt, rt_rw, rw

PORTAL = "balai.test"
ADMIN_HOST = "balai.test"


# The matching itself: no database.

@pytest.mark.parametrize(("a", "b", "expected"), [
    ("citangkil", "citangkil", 0), ("citangkl", "citangkil", 1), ("citangkiil", "citangkil", 1),
    ("citnagkil", "citangkil", 1),  # two letters swapped
    ("cotangkol", "citangkil", 2), ("grogol", "gerogol", 1), ("kepuh", "gerem", 4),
])
def test_distance_counts_wrong_missing_extra_and_swapped_letters(a, b, expected):
    assert distance(a, b, limit=5) == expected
    assert distance(a, b, limit=0) == min(expected, 1)  # stops once over the limit


def test_keys_ignore_case_spaces_hyphens_accents_and_level_words():
    assert key("Kelurahan Banjar-Negara") == key("banjarnegara") == "banjarnegara"
    assert key("Kec. Citangkil") == key("CITANGKIL") == key("Citángkil") == "citangkil"
    assert key("Jl. Sunan Bonang", ignore={"jl"}) == "sunanbonang"


@pytest.mark.parametrize(("query", "name", "found"), [
    ("citangkl", "citangkil", True), ("banjarnegra", "banjarnegara", True),
    ("jombang", "jombangwetan", True), ("kepuh", "kepuh", True),
    ("kepu", "kepuh", True), ("kapuh", "kepuh", True),  # one letter in a short name
    ("kapoh", "kepuh", False), ("xy", "xyz", False), ("sari", "kotabumi", False),
])
def test_match_tolerates_one_typo_in_a_name(query, name, found):
    assert (match(query, name) is not None) is found


def test_a_query_is_tried_in_parts_of_four_letters_or_more():
    assert parts("Grogol, Kota Cilegon", ignore=LEVEL_WORDS) == ["cilegon", "grogol"]
    assert parts("Jl Rawa Arum", ignore={"jl"}) == ["arum", "rawa"]
    assert parts("Citangkil", ignore=LEVEL_WORDS) == []  # one word: tried whole already


def test_the_query_loses_control_characters_and_extra_length():
    assert clean_query("  Grogol\x00\tbaru \u200b ") == "Grogol baru"
    assert len(clean_query("a" * 5000)) == 100
    assert clean_query(None) == ""


# The page, on the test database: every site provisioned, the demo content loaded.

def _find(query: str) -> BeautifulSoup:
    response = Client(HTTP_HOST=PORTAL).get("/cari-kelurahan/", {"q": query})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _results(soup: BeautifulSoup) -> list[tuple[str, str, str | None]]:
    """(kind, name, link) of each result, in order."""
    found = []
    for item in soup.select(".finder-result"):
        heading = item.find("h3")
        link = heading.find("a")
        kind = item.select_one(".finder-kind")
        found.append((kind.get_text(strip=True) if kind else "RT",
                      heading.get_text(" ", strip=True), link["href"] if link else None))
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Citangkl", "citangkil", "CITANGKIL", "kelurahan citangkiil"])
def test_a_kelurahan_with_a_typo_is_found_with_its_kecamatan_of_the_same_name(query):
    results = _results(_find(query))
    assert [(kind, name) for kind, name, _link in results] == [
        ("Kelurahan", "Kelurahan Citangkil"), ("Kecamatan", "Kecamatan Citangkil")]
    assert results[0][2] == "/citangkil/citangkil/" and results[1][2] == "/citangkil/"


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["banjarnegara", "Banjar-Negara", "banjar negra"])
def test_spaces_and_hyphens_do_not_matter(query):
    soup = _find(query)
    assert [name for _kind, name, _link in _results(soup)] == ["Kelurahan Banjar Negara"]
    assert "Kecamatan Ciwandan · Kode pos 42441" in soup.select_one(".finder-result").text


@pytest.mark.django_db
def test_grogol_finds_the_kelurahan_and_the_kecamatan_spelt_gerogol():
    soup = _find("Grogol")
    assert [(kind, name) for kind, name, _link in _results(soup)] == [
        ("Kelurahan", "Kelurahan Grogol"), ("Kecamatan", "Kecamatan Gerogol")]
    kecamatan = soup.select(".finder-result")[1]
    assert "Juga ditulis “Grogol”." in kecamatan.text
    assert "Kelurahan Grogol" in [a.text for a in kecamatan.select(".link-list a")]
    # And the other way round: Kemendagri's spelling finds the kecamatan and, in it, Grogol.
    assert [name for _kind, name, _link in _results(_find("gerogol"))] == [
        "Kecamatan Gerogol"]


@pytest.mark.django_db
def test_a_query_with_more_than_the_name_finds_the_name():
    assert [name for _kind, name, _link in _results(_find("Kotasari, Kota Cilegon"))] == [
        "Kelurahan Kotasari", "Kecamatan Cilegon"]
    assert [name for _kind, name, _link in _results(_find("kelurahan grogol banten"))] == [
        "Kelurahan Grogol", "Kecamatan Gerogol"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["Cibeber", "Purwakarta", "Citangkil"])
def test_a_name_of_both_a_kecamatan_and_a_kelurahan_shows_both_labelled(name):
    assert [(kind, found) for kind, found, _link in _results(_find(name))] == [
        ("Kelurahan", f"Kelurahan {name}"), ("Kecamatan", f"Kecamatan {name}")]


@pytest.mark.django_db
def test_a_postal_code_finds_every_kelurahan_that_has_it():
    soup = _find("42436")
    assert "3 kelurahan memakai kode pos 42436:" in soup.text
    assert [name for _kind, name, _link in _results(soup)] == [
        "Kelurahan Kotasari", "Kelurahan Grogol", "Kelurahan Rawa Arum"]
    assert [name for _kind, name, _link in _results(_find("kode pos 42441"))] == [
        "Kelurahan Banjar Negara", "Kelurahan Taman Baru", "Kelurahan Citangkil"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["42999", "zzzz", "Jakarta Selatan", "%", "x" * 200,
                                   "'; DROP TABLE", "<script>alert(1)</script>"])
def test_nothing_found_says_so_and_what_to_try(query):
    response = Client(HTTP_HOST=PORTAL).get("/cari-kelurahan/", {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert _results(soup) == []
    assert "Tidak ada kelurahan yang cocok dengan" in soup.text
    assert "kode pos lima angka" in soup.text
    assert soup.find("a", string="Daftar semua kecamatan dan kelurahan")["href"] == "/#daftar"
    assert "<script>alert" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Grogol\x00", "\x00", "Grogol\x1b[31m", "42436\x00"])
def test_control_characters_never_give_an_error_page(query):
    # A normal answer (the character dropped), or the 400 page of the parameter checks.
    response = Client(HTTP_HOST=PORTAL).get("/cari-kelurahan/", {"q": query})
    assert response.status_code in (200, 400)


@pytest.mark.django_db
def test_an_empty_query_shows_only_the_form():
    soup = _find("")
    assert soup.find("form", role="search").find("input", {"name": "q"}) is not None
    assert _results(soup) == [] and "Tidak ada kelurahan" not in soup.text


@pytest.fixture
def operator(make_user):
    """The operator of a kelurahan whose RT/RW page lists three RWs of three RTs each (RT 3
    of RW 2 headed by "Bu Warga 2.3"), with no areas yet."""
    def make(kode: str) -> tuple[Client, RtRwPage]:
        site = kelurahan_site(kode)
        rt_rw(site, *[rw(number, f"Pak Warga {number}",
                         *[rt(r, f"Bu Warga {number}.{r}") for r in (1, 2, 3)])
                      for number in (1, 2, 3)])
        client = Client(HTTP_HOST=ADMIN_HOST)
        client.force_login(make_user(f"operator-{kode}", site.record.operator_group))
        return client, site.section(RtRwPage)

    return make


def _give_area(client, rtrw: RtRwPage, *, rw: int, fields: dict, button="action-publish"):
    """Type areas into one RW in the RT/RW editor, as an operator does."""
    block = next(block for block in page_rws(rtrw.get_latest_revision_as_object())
                 if block.number == rw)
    url = f"/admin/rt-rw/{rtrw.pk}/rw/{block.id}/"
    data = form_data(client.get(url).content, "rw-form") | fields | {button: "1"}
    assert client.post(url, data).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Jl. Sunan Bonang", "sunan bonang", "Bonang",
                                   "jalan sunan bonag", "RT 3 Jl. Sunan Bonang"])
def test_a_street_an_operator_attached_to_an_rt_leads_to_the_rt(operator, query):
    client, rtrw = operator(CITANGKIL)
    _give_area(client, rtrw, rw=2, fields={"rt-2-area": "Jl. Sunan Bonang, Link. Kubang"})
    soup = _find(query)
    assert _results(soup) == [("RT", "RT 003 / RW 002, Kelurahan Citangkil",
                               "/citangkil/citangkil/rt-rw/?rw=2&rt=3")]
    item = soup.select_one(".finder-result")
    assert "Wilayah: Jl. Sunan Bonang, Link. Kubang" in item.text
    assert "Kecamatan Citangkil" in item.text
    assert item.find("a", string="Situs Kelurahan Citangkil")["href"] == "/citangkil/citangkil/"
    # The link opens the RT/RW page filtered to that one RT, with its area.
    page = Client(HTTP_HOST=PORTAL).get("/citangkil/citangkil/rt-rw/?rw=2&rt=3").text
    assert "Bu Warga 2.3" in page and "Wilayah: Jl. Sunan Bonang" in page


@pytest.mark.django_db
def test_the_same_street_in_two_kelurahan_and_an_rw_area_are_all_listed(operator):
    citangkil, citangkil_rtrw = operator(CITANGKIL)
    _give_area(citangkil, citangkil_rtrw, rw=1, fields={"area": "Kampung Kubang Lesung"})
    kebonsari, kebonsari_rtrw = operator(KEBONSARI)
    _give_area(kebonsari, kebonsari_rtrw, rw=3,
               fields={"rt-0-area": "Gg. Kubang Lesung <b>II</b>"})
    response = Client(HTTP_HOST=PORTAL).get("/cari-kelurahan/", {"q": "kubang lesung"})
    results = _results(BeautifulSoup(response.content, "html.parser"))
    assert results == [
        ("RT", "RW 001, Kelurahan Citangkil", "/citangkil/citangkil/rt-rw/?rw=1"),
        ("RT", "RT 001 / RW 003, Kelurahan Kebonsari", "/citangkil/kebonsari/rt-rw/?rw=3&rt=1")]
    assert "Gg. Kubang Lesung &lt;b&gt;II&lt;/b&gt;" in response.content.decode()


@pytest.mark.django_db
def test_only_published_areas_of_live_sites_are_found(operator):
    client, rtrw = operator(CITANGKIL)
    _give_area(client, rtrw, rw=1, fields={"rt-0-area": "Jl. Konsep"}, button="action-draft")
    assert _results(_find("Jl. Konsep")) == []  # a draft is not public yet
    _give_area(client, rtrw, rw=1, fields={"rt-0-area": "Jl. Konsep"})
    assert len(_results(_find("Jl. Konsep"))) == 1
    rtrw.refresh_from_db()
    rtrw.unpublish()
    assert _results(_find("Jl. Konsep")) == []


@pytest.mark.django_db
def test_a_kelurahan_without_a_live_site_says_so_and_points_to_its_kecamatan():
    home = RegionSite.objects.get(region__kode=WARNASARI).home_page
    home.specific.unpublish()
    soup = _find("Warnasari")
    assert _results(soup) == [("Kelurahan", "Kelurahan Warnasari", None)]
    item = soup.select_one(".finder-result")
    assert "Kelurahan ini belum punya situs." in item.text
    assert item.find("a", string="situs Kecamatan Citangkil")["href"] == "/citangkil/"
    kecamatan = _find("kecamatan citangkil").select(".finder-result")[-1]
    assert "Kelurahan Warnasari (belum punya situs)" in re.sub(r"\s+", " ", kecamatan.text)


@pytest.mark.django_db
def test_the_finder_makes_a_fixed_number_of_queries(operator, django_assert_max_num_queries):
    # Each query is a new address: the page cache has none of them.
    portal = Client(HTTP_HOST=PORTAL)
    portal.get("/cari-kelurahan/", {"q": "citangkil"})  # Wagtail's site root paths, cached
    with django_assert_max_num_queries(13) as before:
        portal.get("/cari-kelurahan/", {"q": "bonang"})
        count = len(before.captured_queries)  # read now: the next request clears the log
    client, rtrw = operator(CITANGKIL)
    for number in (1, 2, 3):
        _give_area(client, rtrw, rw=number, fields={"area": f"Jl. Bonang {number}",
                                                    "rt-0-area": f"Gg. Bonang {number}"})
    portal.get("/cari-kelurahan/", {"q": "citangkil"})
    with django_assert_max_num_queries(count):
        response = portal.get("/cari-kelurahan/", {"q": "Jl. Bonang"})
    assert len(_results(BeautifulSoup(response.content, "html.parser"))) == 6


@pytest.mark.django_db
def test_the_portal_offers_the_finder_as_a_plain_form():
    soup = BeautifulSoup(Client(HTTP_HOST=PORTAL).get("/").content, "html.parser")
    form = soup.find("form", attrs={"aria-labelledby": "finder-title"})
    assert form["action"] == "/cari-kelurahan/" and form["method"] == "get"
    assert soup.find(id="finder-title").text == "Cari kelurahan Anda"
    label = soup.find("label", attrs={"for": "finder-q"})
    assert label.text == "Nama kelurahan atau kecamatan, kode pos, atau nama jalan"
    assert form.find("input", id="finder-q")["name"] == "q"
    # It comes before the list of every site, which the results page links to.
    html = str(soup)
    assert html.index('id="finder-title"') < html.index('id="daftar"')


@pytest.mark.django_db
def test_the_finder_is_the_portals_only(site_of):
    # A kelurahan or kecamatan site has no finder of its own: the address is not found there.
    kelurahan, _home = site_of(CITANGKIL)
    assert kelurahan.get("/cari-kelurahan/", {"q": "Grogol"}).status_code == 404
    kecamatan = Client(HTTP_HOST="kec-citangkil.balai.test")
    assert kecamatan.get("/cari-kelurahan/", {"q": "Grogol"}).status_code == 404
