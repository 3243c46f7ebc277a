"""The guard finds each seeded spam injection and passes clean pages, including news that
warns residents about gambling."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from balai.berita.models import BeritaIndexPage, BeritaPage
from balai.conftest import CITANGKIL, KEBONSARI
from balai.guard.models import GuardFinding
from balai.guard.scanner import scan_html
from balai.guard.services import host_allowed
from balai.provisioning.models import RegionSite
from balai.security.models import SecurityEvent

pytestmark = pytest.mark.django_db

WARNING_ARTICLE = (
    "<p>Waspada judi online! Pemerintah kelurahan mengimbau warga menjauhi judi, togel dan "
    "taruhan dalam bentuk apa pun. Situs judi sering menyamar sebagai permainan.</p>"
    '<p>Laporkan iklan judi melalui <a href="https://www.lapor.go.id">SP4N-LAPOR!</a> atau '
    'hubungi <a href="https://wa.me/6281200000000">WhatsApp kelurahan</a>.</p>')


def _kinds(html: str) -> list[str]:
    return sorted({finding.kind for finding in scan_html(html, host_allowed=host_allowed)})


@pytest.mark.parametrize(("html", "expected"), [
    ("<p>Daftar slot gacor hari ini, dijamin maxwin!</p>", ["spam_keyword"]),
    ('<div style="display:none"><a href="https://contoh-slot.example/">casino</a></div>',
     ["gambling_link", "hidden_link"]),
    ('<p><a href="https://toko.example/" style="font-size:0">murah</a></p>',
     ["foreign_link", "hidden_link"]),
    ('<span hidden><a href="/berita/">berita</a></span>', ["hidden_link"]),
    ('<a href="https://x.example/" style="position:absolute;left:-9999px">obat</a>',
     ["foreign_link", "offscreen_link"]),
    ('<p style="text-indent:-5000px"><a href="https://x.example/a">a</a></p>',
     ["foreign_link", "offscreen_link"]),
    ('<a href="https://berita.example/judi-bola">Berita</a>', ["gambling_link"]),
    ('<a href="https://kompas.example/artikel">Berita nasional</a>', ["foreign_link"]),
])
def test_scanner_finds_each_kind_of_injection(html, expected):
    assert _kinds(html) == expected


@pytest.mark.parametrize("html", [
    WARNING_ARTICLE,
    "<p>Tersedia slot vaksinasi untuk 50 warga pada hari Sabtu.</p>",
    '<a href="https://kel-citangkil.balai.test/layanan/">Layanan</a>',
    '<a href="https://www.cilegon.go.id/">Pemerintah Kota Cilegon</a>',
    '<script>var s = "display:none slot gacor";</script><p>Berita</p>',
    '<a class="skip-link" href="#isi">Langsung ke isi</a>',
])
def test_scanner_passes_clean_pages_and_warnings_about_gambling(html):
    assert _kinds(html) == []


def _article(kode: str, title: str, body: str) -> BeritaPage:
    home = RegionSite.objects.get(region__kode=kode).home_page
    index = BeritaIndexPage.objects.child_of(home).get()
    page = index.add_child(instance=BeritaPage(
        title=title, date=timezone.localdate(), summary="Ringkasan.", body="<p>Isi.</p>"))
    page.save_revision().publish()
    # A defacer writes into the database directly, past the editor's rich text filter.
    BeritaPage.objects.filter(pk=page.pk).update(body=body)
    return page


def _guard(*kode) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("guard", *kode, stdout=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


def test_guard_over_the_demo_sites_finds_no_attack():
    code, out = _guard(CITANGKIL, KEBONSARI)
    assert code == 0, out
    assert "0 attack finding(s)" in out
    assert not GuardFinding.objects.filter(blocking=True).exists()


def test_guard_finds_every_seeded_injection_and_passes_the_warning(settings):
    _article(CITANGKIL, "Waspada judi online", WARNING_ARTICLE)
    seeded = {
        "spam_keyword": _article(CITANGKIL, "Pengumuman", "<p>Situs slot gacor maxwin</p>"),
        "hidden_link": _article(CITANGKIL, "Kegiatan", '<p>Kerja bakti.</p><div style='
                                '"display:none"><a href="https://judi.example/">daftar</a></div>'),
        "offscreen_link": _article(CITANGKIL, "Rapat", '<p>Rapat RW.</p><a style="position:'
                                   'absolute;left:-9999px" href="https://x.example/">x</a>'),
    }
    code, out = _guard(CITANGKIL)
    assert code == 1
    found = {(finding.page_id, finding.kind) for finding in GuardFinding.objects.filter(
        region__kode=CITANGKIL, blocking=True)}
    for kind, page in seeded.items():
        assert (page.pk, kind) in found, out
    assert {page_id for page_id, _kind in found} == {page.pk for page in seeded.values()}, out
    # Each attack reaches the security log once; a second run adds nothing.

    logged = SecurityEvent.objects.filter(kind="guard_finding", region__kode=CITANGKIL)
    assert logged.count() >= len(seeded)
    before = logged.count()
    _guard(CITANGKIL)
    assert logged.count() == before


@override_settings(MIDDLEWARE=[*__import__("django.conf").conf.settings.MIDDLEWARE,
                               "balai.guard.tests.cloak.CloakingMiddleware"])
def test_guard_finds_a_page_cloaked_for_search_engines():
    code, out = _guard(KEBONSARI)
    assert code == 1
    assert GuardFinding.objects.filter(region__kode=KEBONSARI, kind="cloaking").exists()
    assert "ATTACK  cloaking" in out
