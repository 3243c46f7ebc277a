"""What ``load_demo`` promises (the session database has it loaded, balai/conftest.py): a
complete kelurahan (Citangkil, score 100) beside a partial one (Kebonsari, 50) and a partial
kecamatan, shown so on the status page; every sample a resident reads marked "contoh"; the
other sites left empty. Other apps' tests make their own data (balai/testing/builders.py)."""

import re

import pytest
from django.test import Client

from balai.agenda.models import AgendaPage
from balai.berita.models import BeritaPage
from balai.conftest import CITANGKIL, KEBONSARI, WARNASARI
from balai.demo import content
from balai.dokumen.models import PublicDocument
from balai.lembaga.models import LembagaPage
from balai.profil.models import CityContact, KontakPage, StrukturPage
from balai.program.models import ProgramPage
from balai.provisioning.models import RegionSite
from balai.rtrw.models import RtRwPage
from balai.status.completeness import WEIGHTS, site_checklist
from balai.status.selectors import site_statuses
from balai.testing.builders import region_site
from balai.wilayah.models import Region

pytestmark = pytest.mark.django_db
DEMO_KODES = [content.KECAMATAN_KODE, *content.KELURAHAN_KODES]


def _summary(checklist) -> dict:
    return {item.key: item.missing for item in checklist.items}


def test_the_demo_shows_a_complete_kelurahan_and_a_partial_one():
    citangkil = site_checklist(region_site(CITANGKIL).record.home_page)
    assert citangkil.score == 100 and citangkil.complete
    assert not citangkil.missing
    kebonsari = site_checklist(region_site(KEBONSARI).record.home_page)
    assert _summary(kebonsari) == {
        "profil": ["batas utara", "batas selatan", "batas timur", "batas barat"],
        "struktur": ["minimal 3 pegawai dengan foto (sekarang 0)"],
        "rtrw": [], "layanan": [], "kontak": ["telepon atau WhatsApp"], "berita": [],
        "lembaga": [],
    }
    assert kebonsari.score == 50 == WEIGHTS["rtrw"] + WEIGHTS["layanan"] + WEIGHTS[
        "berita"] + WEIGHTS["lembaga"]
    assert not kebonsari.complete
    kecamatan = site_checklist(region_site("36.72.08").record.home_page)
    assert "rtrw" not in _summary(kecamatan)  # a kecamatan has no RT/RW
    assert kecamatan.score == round(100 * 35 / 85) == 41


def test_on_the_status_page_citangkil_alone_is_complete_and_the_rest_is_empty():
    statuses = {status.region.kode: status for status in site_statuses()}
    assert (statuses[CITANGKIL].score, statuses[KEBONSARI].score) == (100, 50)
    assert statuses[WARNASARI].score == 0 and statuses["36.72.08"].score == 41
    assert [kode for kode, status in statuses.items() if status.complete] == [CITANGKIL]
    assert {kode for kode, status in statuses.items()
            if status.region.level == Region.Level.KELURAHAN and status.score} == set(
        content.KELURAHAN_KODES)
    public = Client(HTTP_HOST="balai.test").get("/status/").content.decode()

    def shown(name):
        return re.search(rf'>{re.escape(name)}</a>\s*<span class="meta">([^<]*)<', public)[1]

    assert (shown("Kelurahan Citangkil"), shown("Kelurahan Kebonsari")) == (
        "lengkap", "daring, belum lengkap")


def test_every_sample_a_resident_reads_is_marked_as_contoh():
    homes = [region_site(kode).record.home_page for kode in DEMO_KODES]
    # The kecamatan's home is above its kelurahan's: each page once.
    titles = {page.pk: page.title for model in (BeritaPage, AgendaPage, ProgramPage)
              for home in homes for page in model.objects.descendant_of(home)}
    assert len(titles) == 12 + 3 + 3 + 3 * 5 + 3 * 4  # news of each site, events, programs
    assert all(title.endswith("(contoh)") for title in titles.values())
    assert all(page.summary.startswith("(Contoh)") for home in homes
               for page in LembagaPage.objects.descendant_of(home))
    assert all("(contoh)" in item.title for item in PublicDocument.objects.filter(
        page__in=[page.pk for home in homes for page in home.get_descendants()]))
    for home in homes:
        assert home.specific.intro.startswith("<p><b>Contoh isi.</b>")
        assert KontakPage.objects.child_of(home).get().address.endswith("(contoh)")
        assert StrukturPage.objects.child_of(home).get().leader_name.endswith("(contoh)")
    heads = [rw["value"]["head"] for home in homes[1:]
             for rw in RtRwPage.objects.child_of(home).get().rws.raw_data]
    assert len(heads) == 10 and all(head.endswith("(contoh)") for head in heads)
    assert CityContact.load().name.endswith("(contoh)")
    assert CityContact.load().phone == content.SAMPLE_PHONE
    # The data-protection contact the online request forms name (UU 27/2022).
    assert CityContact.load().privacy_contact.endswith("(contoh)")
    assert CityContact.load().privacy_email.endswith(".invalid")


def test_the_other_sites_are_left_empty():
    demo = set(DEMO_KODES)
    for record in RegionSite.objects.filter(region__level=Region.Level.KELURAHAN).exclude(
            region__kode__in=demo).select_related("home_page"):
        assert not BeritaPage.objects.descendant_of(record.home_page).exists(), record
        assert not StrukturPage.objects.child_of(record.home_page).get().leader_name, record
