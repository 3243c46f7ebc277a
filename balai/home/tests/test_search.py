"""A site's search answers what residents type: the services by their best match, each section
by the words residents use for it, RT/RW heads, staff and officers by name (with the
matching line), RT/RW by number, contact details; the city's synonyms; and the portal's
search of every site's services and news. Content is entered as the admin writes it
(through its forms, or with balai/testing/builders.py in the shapes it stores)."""

import re
from html import unescape

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from balai.conftest import KEBONSARI, WARNASARI, host_of
from balai.dokumen.models import DokumenIndexPage
from balai.profil.models import StrukturPage
from balai.rtrw.models import RtRwPage
from balai.status.tests.test_completeness_admin import (
    Operator,
    _operator,
    _person,
    add_lembaga,
    fill_kontak,
    rw_publish,
)
from balai.synonyms.expand import CACHE_KEY
from balai.testing.builders import (
    DRINGO,
    kelurahan_site,
    kontak,
    news,
    pdf,
    rt,
    rt_rw,
    rw,
    staff,
)
from balai.testing.builders import lembaga as add_organisation

pytestmark = pytest.mark.django_db

KTP = "/layanan/surat-pengantar-ktp-el/"
SKTM = "/layanan/surat-keterangan-tidak-mampu/"


@pytest.fixture(autouse=True)
def _fresh_synonyms():
    """The synonym groups are cached; a test's rolled-back change must not outlive it."""
    cache.delete(CACHE_KEY)
    yield
    cache.delete(CACHE_KEY)


def results(client: Client, query: str, path: str = "/cari/") -> list[dict]:
    """The results as a resident reads them: link, title, then the section (unless it is
    the title) and the lines that say why the page matched."""
    html = client.get(path, {"q": query}).text
    if '<ol class="item-list">' not in html:
        return []
    listing = html.split('<ol class="item-list">')[1].split("</ol>")[0]
    found = []
    for item in re.findall(r"<li>(.*?)</li>", listing, re.S):
        link, title = re.match(r'<a href="([^"]+)">([^<]*)</a>', item).groups()
        metas = [unescape(meta) for meta in re.findall(r'<span class="meta[^"]*">([^<]*)</span>',
                                                       item)]
        found.append({"url": unescape(link), "title": unescape(title), "meta": metas})
    return found


def first_two(client: Client, query: str) -> list[str]:
    return [hit["url"] for hit in results(client, query)[:2]]


@pytest.fixture
def warnasari(make_user) -> Operator:
    """An empty site whose operator fills it through the admin below."""
    return _operator(make_user, WARNASARI)


@pytest.fixture
def public(warnasari) -> Client:
    return Client(HTTP_HOST=host_of(warnasari.record.site))


def fill_struktur(operator: Operator) -> None:
    """The lurah (no position typed: shown as 'Lurah') and one section with its head and a
    member, through the page editor's StreamField as the browser posts it."""
    page = operator.section(StrukturPage)
    form = operator.edit_form(page)
    form.fields.update(leader_name="Budi Santoso, S.Sos.")
    unit = form.new_block("units", "unit")
    unit["value"].update(name="Seksi Pemerintahan", head=_person(
        "Dewi Lestari", "Kepala Seksi Pemerintahan", None))
    member = form.new_item("units", "unit", "members")
    member["value"] = _person("Rahmat Hidayat", "Staf Pelayanan", None)
    unit["value"]["members"].append(member)
    form.streams["units"].append(unit)
    operator.publish(page, form)


def fill_rtrw(operator: Operator) -> None:
    """RW 1 with two RTs, RW 2 with three, through the RT/RW editor."""
    page = operator.section(RtRwPage)
    add = reverse("balai_rtrw_rw_add", args=[page.pk])
    rw_publish(operator, add, head="Haji Mulyadi", rt_heads=("Pak Ujang", "Bu Euis"))
    rw_publish(operator, add, head="Ibu Rina Marlina",
               rt_heads=("Pak Ahmad Fauzi", "Bu Sari Dewi", "Pak Joko Susilo", "Bu Euis Rohaeti"))


def test_an_empty_site_still_leads_residents_to_its_sections(public):
    for query, section in [("pengaduan", "/kontak/"), ("jam buka", "/kontak/"),
                           ("telepon", "/kontak/"), ("lurah", "/struktur-pegawai/"),
                           ("ketua rt", "/rt-rw/"), ("keluhan", "/kontak/")]:
        assert section in first_two(public, query), query
    assert first_two(public, "ktp")[0] == KTP


def test_rt_rw_heads_are_found_by_name_and_by_number(warnasari, public):
    fill_rtrw(warnasari)
    hits = results(public, "ketua rt 3 rw 2")
    assert hits[0]["url"] == "/rt-rw/?rw=2&rt=3"
    assert hits[0]["meta"] == ["RT 003 / RW 002 · Ketua: Pak Joko Susilo"]
    # The filtered page the link opens lists that RT.
    page = public.get(hits[0]["url"]).text
    assert "Pak Joko Susilo" in page and "Pak Ahmad Fauzi" not in page
    for query in ["RT 03/RW 02", "rt 3/2", "RT 003 RW 002"]:
        assert results(public, query)[0]["url"] == "/rt-rw/?rw=2&rt=3", query
    assert results(public, "joko")[0] == {
        "url": "/rt-rw/?rw=2&rt=3", "title": "RT/RW",
        "meta": ["RT 003 / RW 002 · Ketua: Pak Joko Susilo"]}
    assert results(public, "pak rina marlina")[0]["meta"] == [
        "RW 002 · Ketua: Ibu Rina Marlina"]
    assert results(public, "rt 1")[0]["url"] == "/rt-rw/?rt=1"  # in every RW
    # "rt" inside a name is no RT: "Sari" is found, "ar" alone finds no head.
    assert results(public, "sari")[0]["meta"][0] == "RT 002 / RW 002 · Ketua: Bu Sari Dewi"
    assert all("/rt-rw/" not in hit["url"] for hit in results(public, "ar"))
    # Two heads named Euis, in two RWs: both lines, and the link opens the whole list.
    assert results(public, "euis")[0] == {"url": "/rt-rw/", "title": "RT/RW", "meta": [
        "RT 002 / RW 001 · Ketua: Bu Euis", "RT 004 / RW 002 · Ketua: Bu Euis Rohaeti"]}


def test_staff_are_found_by_name_and_position(warnasari, public):
    fill_struktur(warnasari)
    hits = results(public, "lurah")
    assert hits[0]["url"] == "/struktur-pegawai/"
    assert hits[0]["meta"] == ["Lurah: Budi Santoso, S.Sos."]
    assert results(public, "dewi lestari")[0]["meta"] == [
        "Kepala Seksi Pemerintahan: Dewi Lestari"]
    assert results(public, "seksi pemerintahan")[0]["url"] == "/struktur-pegawai/"
    assert results(public, "rahmat")[0]["meta"] == ["Staf Pelayanan: Rahmat Hidayat"]


def test_contact_answers_phone_hours_and_complaints(warnasari, public):
    fill_kontak(warnasari, address="Jl. Raya Anyer No. 1, dekat Masjid Al-Ikhlas")
    for query in ["telepon", "nomor telepon", "jam buka", "pengaduan", "alamat kantor"]:
        hit = results(public, query)[0]
        assert hit["url"] == "/kontak/", query
        assert hit["meta"] == ["Jl. Raya Anyer No. 1, dekat Masjid Al-Ikhlas · 0254 391234",
                               "Jam buka: Senin–Jumat 08.00–16.00"], query
    assert "/kontak/" in first_two(public, "masjid al-ikhlas")


def test_lembaga_officers_are_found_by_name(warnasari, public):
    page = add_lembaga(warnasari, "pkk", "Tim Penggerak PKK")
    hit = results(public, "siti aminah")[0]
    assert hit["url"] == f"/lembaga/{page.slug}/"
    assert hit["meta"] == ["Lembaga", "Ketua: Siti Aminah"]


def test_public_documents_are_found_by_title(warnasari, public):
    page = warnasari.section(DokumenIndexPage)
    document = pdf(kelurahan_site(), "rencana-kerja.pdf")
    form = warnasari.edit_form(page)
    form.add_inline("documents", document=document.pk, title="Rencana Kerja Kelurahan",
                    category="berkala", year="2026", description="Kegiatan dan anggaran.")
    warnasari.publish(page, form)
    hit = results(public, "rencana kerja")[0]
    assert hit == {"url": "/dokumen/", "title": page.title,
                   "meta": ["Rencana Kerja Kelurahan (2026)"]}


def _filled(kode: str = DRINGO) -> Client:
    """A site with RWs and RTs (RT 3 of RW 2 among them), its lurah, an organisation with
    its officers, its contacts and a news item on posyandu; its client."""
    site = kelurahan_site(kode)
    rt_rw(site, *[rw(number, f"Pak Ketua RW {number}",
                     *[rt(r, f"Bu Ketua RT {r}/{number}") for r in (1, 2, 3)])
                  for number in (1, 2, 3)])
    staff(site, leader="Ibu Hj. Nurhasanah")
    add_organisation(site, "Karang Taruna Harapan", officers=[("Ketua", "Deni Saputra")])
    kontak(site, address="Jl. Raya Dringo No. 3", phone="0254 392222")
    news(site, "Posyandu Melati bulan ini")
    return site.client


def test_services_rank_by_their_names_and_synonyms():
    client = _filled()
    hits = results(client, "ktp")
    assert hits[0]["url"] == KTP and hits[0]["meta"][0] == "Layanan"
    beda = "/layanan/surat-keterangan-beda-identitas/"
    if beda in [hit["url"] for hit in hits]:
        assert [hit["url"] for hit in hits].index(beda) > 0
    assert results(client, "surat miskin")[0]["url"] == SKTM
    assert results(client, "e-KTP")[0]["url"] == KTP
    assert results(client, "kartu tanda penduduk")[0]["url"] == KTP
    assert "/rt-rw/?rw=2&rt=3" in first_two(client, "ketua rt 3 rw 2")
    assert "/struktur-pegawai/" in first_two(client, "lurah")
    # Not the services whose summary says "kelurahan" ("lurah" is only part of that word),
    # only the one whose summary has the word ("dikuatkan lurah serta camat").
    assert [hit["url"] for hit in results(client, "lurah")
            if hit["url"].startswith("/layanan/")] == ["/layanan/surat-keterangan-ahli-waris/"]
    assert "/kontak/" in first_two(client, "pengaduan")
    # News keep being found by their words, with their section.
    found = [hit for hit in results(client, "posyandu") if hit["url"].startswith("/berita/")]
    assert found and found[0]["meta"][0] == "Berita"


def test_one_site_search_shows_nothing_of_another(warnasari, public, site_of):
    fill_rtrw(warnasari)
    other, _home = site_of(KEBONSARI)
    assert all("Joko" not in " ".join(hit["meta"]) for hit in results(other, "joko"))
    assert results(public, "joko")


def test_what_a_resident_types_is_shown_escaped_and_never_breaks_the_page(public):
    for query in ['<script>alert(1)</script>', "rt 999999 rw 0", "%", "'\"", "rt", "-",
                  "ktp" * 40, "a/b"]:
        response = public.get("/cari/", {"q": query})
        assert response.status_code == 200, query
        assert "<script>alert" not in response.text


def test_search_queries_do_not_grow_with_the_sites_content(warnasari, public, settings):
    settings.BALAI_PAGE_CACHE_SECONDS = 0
    filled = _filled()
    filled.get("/cari/", {"q": "ketua"})
    with CaptureQueriesContext(connection) as full:
        filled.get("/cari/", {"q": "ketua"})
    public.get("/cari/", {"q": "ketua"})
    with CaptureQueriesContext(connection) as empty:
        public.get("/cari/", {"q": "ketua"})
    assert len(full) <= 30 and len(empty) <= 30
    assert len(full) - len(empty) <= 3, (len(full), len(empty))


def test_portal_search_finds_services_and_news_of_every_office():
    news(kelurahan_site(), "Posyandu Melati bulan ini")
    portal = Client(HTTP_HOST="balai.test")
    home = portal.get("/").text
    assert 'action="/cari/"' in home and 'id="q-kota"' in home
    html = portal.get("/cari/", {"q": "surat miskin"}).text
    services = html.split('id="hasil-layanan"')[1].split("</ol>")[0]
    assert re.search(r"<strong>Surat Keterangan Tidak Mampu \(SKTM\)</strong>", services)
    assert services.index("Tidak Mampu") < services.index("</li>")  # the first result
    offices = re.findall(r'<li><a href="([^"]+)">(Kelurahan [A-Za-z ]+)</a></li>', services)
    assert ("/citangkil/citangkil/layanan/surat-keterangan-tidak-mampu/",
            "Kelurahan Citangkil") in offices
    assert len(offices) == len(set(offices)) >= 43
    found = portal.get("/cari/", {"q": "posyandu"}).text.split('id="hasil-berita"')[1]
    assert re.search(r'<a href="/citangkil/warnasari/berita/posyandu-melati-bulan-ini/">'
                     r'Posyandu Melati bulan ini</a> <span class="meta">Kelurahan Warnasari · ',
                     found)
    nothing = portal.get("/cari/", {"q": "zzzz"}).text
    assert "Tidak ada hasil untuk “zzzz”" in nothing


@pytest.mark.parametrize(("words", "form"), [
    ("pengaduan", "/pengaduan/"), ("keluhan jalan rusak", "/pengaduan/"),
    ("lapor", "/pengaduan/"), ("survei kepuasan", "/survei/"), ("IKM", "/survei/"),
])
def test_the_site_search_finds_the_offices_forms_by_the_words_residents_use(words, form):
    client = Client(HTTP_HOST="kel-warnasari.balai.test")
    html = client.get("/cari/", {"q": words}).content.decode()
    results = html[html.index("<main"):html.index("</main>")]
    assert f'href="{form}"' in results
    assert "Tidak ada hasil" not in results


def test_the_portal_offers_no_office_form():
    html = Client(HTTP_HOST="balai.test").get("/cari/", {"q": "pengaduan"}).content.decode()
    assert 'href="/pengaduan/"' not in html
