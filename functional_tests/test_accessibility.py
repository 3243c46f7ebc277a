"""axe-core finds no WCAG 2.x A/AA violation on any public page type of the demo, on a phone.

axe-playwright-python ships axe.min.js and injects it into the page itself, so the check
loads nothing from another host (the traffic log proves it). Rules are never switched off:
a violation is fixed in the templates or the stylesheet.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

# WCAG 2.0, 2.1 and 2.2 level A and AA, and axe's best practices (landmarks, headings).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

PORTAL = "localhost"
KECAMATAN = "kec-citangkil.localhost"
KELURAHAN = "kel-citangkil.localhost"
# A kelurahan nobody has filled in, in a kecamatan whose site is empty too: its pages offer
# the city's contacts instead.
EMPTY = "kel-kedaleman.localhost"


def _open_menu(page) -> None:
    page.get_by_role("navigation", name="Menu utama").get_by_text("Menu", exact=True).click()


# (test id, host, path, what to do on the page before checking it)
PAGES = [
    ("portal", PORTAL, "/", None),
    ("finder-results", PORTAL, "/cari-kelurahan/?q=Citangkl", None),
    ("finder-postal-code", PORTAL, "/cari-kelurahan/?q=42436", None),
    ("finder-nothing-found", PORTAL, "/cari-kelurahan/?q=zzzz", None),
    ("finder-empty", PORTAL, "/cari-kelurahan/", None),
    ("status", PORTAL, "/status/", None),
    ("kecamatan-home", KECAMATAN, "/", None),
    ("kelurahan-home", KELURAHAN, "/", None),
    ("kelurahan-home-menu-open", KELURAHAN, "/", _open_menu),
    ("kebonsari-home", "kel-kebonsari.localhost", "/", None),
    ("profil", KELURAHAN, "/profil/", None),
    ("kecamatan-profil", KECAMATAN, "/profil/", None),
    ("struktur-pegawai", KELURAHAN, "/struktur-pegawai/", None),
    ("lembaga-index", KELURAHAN, "/lembaga/", None),
    ("lembaga-page", KELURAHAN, "/lembaga/karang-taruna/", None),
    ("rt-rw", KELURAHAN, "/rt-rw/", None),
    ("rt-rw-filtered", KELURAHAN, "/rt-rw/?rw=2&rt=3", None),
    ("rt-rw-no-match", KELURAHAN, "/rt-rw/?rw=5&rt=99", None),
    ("berita-index", KELURAHAN, "/berita/", None),
    ("berita-tag", KELURAHAN, "/berita/?tag=kesehatan", None),
    ("berita-article", KELURAHAN, "/berita/kerja-bakti-membersihkan-saluran-air-contoh/", None),
    ("agenda-index", KELURAHAN, "/agenda/", None),
    ("agenda-event", KECAMATAN, "/agenda/musyawarah-warga-contoh/", None),
    ("program-index", KELURAHAN, "/program/", None),
    ("program-page", KELURAHAN, "/program/bank-sampah-kelurahan-contoh/", None),
    ("dokumen", KELURAHAN, "/dokumen/", None),
    ("kontak", KELURAHAN, "/kontak/", None),
    ("search-results", KELURAHAN, "/cari/?q=posyandu", None),
    ("search-nothing-found", KELURAHAN, "/cari/?q=zzzz", None),
    ("search-rt-head", KELURAHAN, "/cari/?q=ketua+rt+3+rw+2", None),
    ("search-staff", KELURAHAN, "/cari/?q=lurah", None),
    ("portal-search", PORTAL, "/cari/?q=ktp", None),
    ("portal-search-offices-open", PORTAL, "/cari/?q=ktp",
     lambda page: page.locator("details.search-offices summary").first.click()),
    ("layanan-index", KELURAHAN, "/layanan/", None),
    ("layanan-search", KELURAHAN, "/layanan/?q=nikah", None),
    ("layanan-kecamatan", KECAMATAN, "/layanan/", None),
    ("layanan-page", KELURAHAN, "/layanan/surat-keterangan-tidak-mampu/", None),
    ("layanan-not-offered", "kel-kebonsari.localhost", "/layanan/surat-keterangan-riwayat-tanah/",
     None),
    ("layanan-checklist", KELURAHAN, "/layanan/surat-pengantar-nikah/cetak/", None),
    ("layanan-poster", KELURAHAN, "/layanan/surat-pengantar-nikah/poster/", None),
    ("empty-home", EMPTY, "/", None),
    ("empty-rt-rw", EMPTY, "/rt-rw/", None),
    ("empty-kontak", EMPTY, "/kontak/", None),
    ("empty-struktur", EMPTY, "/struktur-pegawai/", None),
    ("empty-layanan-page", EMPTY, "/layanan/surat-keterangan-tidak-mampu/", None),
    # Warnasari borrows Kecamatan Citangkil's contacts and hours.
    ("warnasari-home", "kel-warnasari.localhost", "/", None),
    ("warnasari-kontak", "kel-warnasari.localhost", "/kontak/", None),
]


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page as it is now; its violations of ``AXE_TAGS``."""
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response["violations"]


def violations_report(violations: list[dict]) -> str:
    """Each violation's rule id, impact and help text, then every offending element."""
    lines = [f"{len(violations)} axe violation(s):"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} "
                     f"<{violation['helpUrl']}>")
        for node in violation["nodes"]:
            selector = " >>> ".join(str(part) for part in node["target"])
            lines.append(f"    {selector}")
            lines += [f"      {line}" for line in node.get("failureSummary", "").splitlines()]
    return "\n".join(lines)


@pytest.mark.parametrize(("name", "host", "path", "action"), PAGES, ids=[p[0] for p in PAGES])
def test_no_axe_violations_at_360_px(phone, balai_server, settle, name, host, path, action):
    page, traffic = phone
    page.goto(balai_server.url(host=host, path=path))
    if action is not None:
        action(page)
    violations = axe_violations(page)
    assert not violations, violations_report(violations)
    settle(page, traffic, f"axe-{name}-360", host)


def test_the_check_reports_rule_help_and_selector_of_a_violation(phone, balai_server):
    page, _traffic = phone
    page.goto(balai_server.url(host=KELURAHAN, path="/kontak/"))
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', "
                  "'<img id=\"no-alt\" src=\"/favicon.ico\">')")
    violations = axe_violations(page)
    assert [violation["id"] for violation in violations] == ["image-alt"]
    report = violations_report(violations)
    assert "image-alt (critical): Images must have alternative text" in report
    assert "    #no-alt" in report
