""""Cari kelurahan Anda" on the city portal, on a 360×740 phone with JavaScript turned off:
a kelurahan's name with a typo, "Grogol", a postal code and a street that an operator typed
into the RT/RW editor each lead the resident to the right kelurahan (and RT).

Screenshots (git-ignored, functional_tests/screenshots/finder-*.png): the portal with the
finder, the results, the RT/RW page with its areas, the editor with an area typed in, and
the public status page naming what each site lacks.
"""

import json
import re
import secrets
import uuid

import pytest
from playwright.sync_api import expect

from .conftest import SCREENSHOTS
from .test_accessibility import axe_violations, violations_report
from .two_factor import sign_in

pytestmark = pytest.mark.browser

PORTAL = "localhost"
KEBONSARI_KODE = "36.72.08.1005"
STREET = "Jl. Kubang Welut, Kp. Pasir Gadung"

CREATE_OPERATOR = """
import json, os
from django.contrib.auth import get_user_model
from balai.provisioning.models import RegionSite
from balai.rtrw.models import RtRwPage

site = RegionSite.objects.get(region__kode=os.environ["BALAI_TEST_KODE"])
user = get_user_model().objects.create_user(**json.loads(os.environ["BALAI_TEST_ACCOUNT"]))
user.groups.add(site.operator_group)
print(RtRwPage.objects.child_of(site.home_page).get().pk)
"""


def _fits_the_screen(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def _no_axe_violations(page) -> None:
    violations = axe_violations(page)
    assert not violations, violations_report(violations)


@pytest.fixture(scope="module")
def street_on_an_rt(balai_server, browser) -> str:
    """Kebonsari's operator gives RT 002 of RW 004 its streets in the RT/RW editor, on a
    phone (Wagtail's admin needs JavaScript; the resident's pages do not), and publishes."""
    account = {"username": f"operator-finder-{uuid.uuid4().hex[:6]}",
               "password": secrets.token_urlsafe(18)}
    rtrw_page = int(balai_server.command(
        "shell", "-c", CREATE_OPERATOR, BALAI_TEST_KODE=KEBONSARI_KODE,
        BALAI_TEST_ACCOUNT=json.dumps(account)).split()[-1])
    context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta",
                                  viewport={"width": 360, "height": 740}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    sign_in(page, balai_server.url(path="/admin/login/"), account["username"],
            account["password"])
    page.goto(balai_server.url(path=f"/admin/rt-rw/{rtrw_page}/"))
    page.get_by_role("link", name="Ubah RW 04").click()
    row = page.locator("fieldset.rtrw-rt").nth(1)
    expect(row.get_by_label("Nomor RT")).to_have_value("2")
    row.get_by_label("Wilayah / nama jalan (opsional)").fill(STREET)
    _fits_the_screen(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    row.screenshot(path=SCREENSHOTS / "finder-0-rt-area-in-the-editor.png")
    page.get_by_role("button", name="Terbitkan", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("RW 04 disimpan")
    context.close()
    return STREET


def _find(page, balai_server, query: str) -> None:
    """Type into the finder on the page (the portal or a results page) and send it."""
    form = page.get_by_role("search", name="Cari kelurahan Anda")
    form.get_by_label("Nama kelurahan atau kecamatan, kode pos, atau nama jalan").fill(query)
    form.get_by_role("button", name="Cari").click()
    expect(page).to_have_url(re.compile(
        rf"^{re.escape(balai_server.url(path='/cari-kelurahan/'))}\?q="))
    _fits_the_screen(page)


def _results(page):
    return page.locator(".finder-result h3")


def test_a_resident_finds_their_kelurahan_and_rt_without_javascript(
        phone_without_js, balai_server, settle, street_on_an_rt):
    page, traffic = phone_without_js
    page.goto(balai_server.url(path="/"))
    expect(page.get_by_role("heading", level=2, name="Cari kelurahan Anda")).to_be_visible()
    _fits_the_screen(page)
    settle(page, traffic, "finder-1-portal-360", PORTAL)

    # A kelurahan's name with one letter missing: the kelurahan first, then the kecamatan
    # of the same name, each labelled.
    _find(page, balai_server, "Citangkl")
    expect(_results(page)).to_have_text(["Kelurahan Citangkil", "Kecamatan Citangkil"])
    expect(page.locator(".finder-kind")).to_have_text(["Kelurahan", "Kecamatan"])
    settle(page, traffic, "finder-2-results-typo-360", PORTAL)
    page.get_by_role("link", name="Kelurahan Citangkil", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kelurahan Citangkil")

    # BPS's spelling: kelurahan Grogol, and kecamatan "Gerogol" also written "Grogol".
    page.goto(balai_server.url(path="/"))
    _find(page, balai_server, "Grogol")
    expect(_results(page)).to_have_text(["Kelurahan Grogol", "Kecamatan Gerogol"])
    expect(page.get_by_text("Juga ditulis “Grogol”.")).to_be_visible()
    settle(page, traffic, "finder-3-results-grogol-360", PORTAL)
    _results(page).first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kelurahan Grogol")

    # A postal code that only one kelurahan has (from the results page's own form).
    page.goto(balai_server.url(path="/cari-kelurahan/"))
    _find(page, balai_server, "42444")
    expect(page.get_by_text("1 kelurahan memakai kode pos 42444:")).to_be_visible()
    expect(_results(page)).to_have_text(["Kelurahan Dringo"])
    settle(page, traffic, "finder-4-results-postal-code-360", PORTAL)
    _results(page).first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kelurahan Dringo")

    # The street the operator attached to an RT: the kelurahan and the RT, one tap from
    # the RT/RW page filtered to it.
    page.goto(balai_server.url(path="/"))
    _find(page, balai_server, "kubang welut")
    expect(_results(page)).to_have_text(["RT 002 / RW 004, Kelurahan Kebonsari"])
    expect(page.locator(".finder-result")).to_contain_text(f"Wilayah: {street_on_an_rt}")
    settle(page, traffic, "finder-5-results-street-360", PORTAL)
    _results(page).first.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/rt-rw/\?rw=4&rt=2$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("RT/RW")
    rows = page.get_by_role("table", name="RT di RW 004").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("002")
    expect(rows.first).to_contain_text(f"Wilayah: {street_on_an_rt}")
    _fits_the_screen(page)
    settle(page, traffic, "finder-6-rt-rw-with-area-360", PORTAL)

    # Nothing found: said, with what to try and the whole directory one tap away.
    page.goto(balai_server.url(path="/"))
    _find(page, balai_server, "Bekasi")
    expect(page.get_by_text("Tidak ada kelurahan yang cocok dengan “Bekasi”.")).to_be_visible()
    settle(page, traffic, "finder-7-nothing-found-360", PORTAL)
    page.get_by_role("link", name="Daftar semua kecamatan dan kelurahan").click()
    expect(page.get_by_role("heading", level=2, name="Kecamatan dan kelurahan")).to_be_visible()


def test_an_rt_with_its_area_passes_axe(phone, balai_server, settle, street_on_an_rt):
    page, traffic = phone
    page.goto(balai_server.url(host="kel-kebonsari.localhost", path="/rt-rw/?rw=4"))
    expect(page.get_by_text(f"Wilayah: {street_on_an_rt}")).to_be_visible()
    _no_axe_violations(page)
    settle(page, traffic, "finder-9-rt-rw-area-kebonsari-360", "kel-kebonsari.localhost")


def test_the_status_page_names_what_sites_lack_on_a_phone(phone, balai_server, settle):
    page, traffic = phone
    page.goto(balai_server.url(path="/status/"))
    expect(page.get_by_text(re.compile(r"^Belum diisi: profil, struktur pegawai")).first
           ).to_be_visible()
    _fits_the_screen(page)
    _no_axe_violations(page)
    settle(page, traffic, "finder-8-status-360", PORTAL)
