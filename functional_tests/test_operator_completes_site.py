"""A new operator takes an empty kelurahan site to "lengkap" in one sitting, on a phone.

Kelurahan Kubangsari (36.72.04.1003) has no content in the demo: only the pages every site
starts with. A new operator account of it is made in the demo installation of
``balai_server``; on a 360×740 touch screen, in Indonesian, the operator:

- signs in with the password and sets up two-step verification;
- follows only the "Lengkapi" buttons of the dashboard's checklist, and fills every item
  through the admin's own forms: the profile, the staff with photos uploaded from the
  phone, each RW and its RTs one at a time, the contact page with office hours, a news
  item and the Karang Taruna; each page is published with "Terbitkan";
- then sees "lengkap" on the dashboard; the city office sees it in Status situs and
  residents on the public /status/ page.

The test counts the page loads and the form submissions the operator needed (printed at the
end, for the closing note). Its pictures are the phone chapter of the Panduan Operator: with
BALAI_UPDATE_GUIDE=1 they replace those in ``balai/operators/static/balai/panduan/``.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .accounts import Person, city_office_account, office_account
from .conftest import PHONE
from .phone_operator import SCREENSHOTS, Operator, Tally, photo
from .two_factor import sign_in

pytestmark = pytest.mark.browser

KODE = "36.72.04.1003"
KELURAHAN = "Kelurahan Kubangsari"
HOST = "kel-kubangsari.localhost"
@pytest.fixture(scope="module")
def operator_account(balai_server) -> Person:
    return office_account(balai_server, KODE, prefix="operator-kubangsari")


@pytest.fixture(scope="module")
def city_account(balai_server) -> Person:
    return city_office_account(balai_server)


@pytest.fixture
def phone_admin(browser, balai_server):
    """A 360×740 touch screen that may only talk to this server."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  device_scale_factor=1, locale="id-ID",
                                  timezone_id="Asia/Jakarta")
    context.set_default_timeout(15_000)
    here = re.compile(rf"https?://([a-z0-9-]+\.)*localhost:{balai_server.port}/")
    context.route("**/*", lambda route: route.continue_() if here.match(route.request.url)
                  else route.abort())
    page = context.new_page()
    yield page
    context.close()


def fill_profile(op: Operator) -> None:
    page = op.page
    op.fill_in("profil")
    op.rich_text("history", "Kubangsari berdiri sebagai kelurahan pada tahun 1999.")
    page.locator("#id_vision").fill("Kubangsari yang bersih, aman dan melayani warga.")
    op.rich_text("mission", "Melayani warga dengan cepat dan ramah.")
    for name, value in [("area_km2", "3.20"), ("population_total", "9120"),
                        ("households", "2810"), ("population_male", "4630"),
                        ("population_female", "4490"),
                        ("border_north", "Kelurahan Tegal Ratu"),
                        ("border_south", "Kelurahan Randakari"),
                        ("border_east", "Kecamatan Citangkil"),
                        ("border_west", "Selat Sunda")]:
        page.locator(f"#id_{name}").fill(value)
    op.picture("20-ponsel-profil")
    op.publish("Profil")


def fill_staff(op: Operator, photos: Path) -> None:
    page = op.page
    op.fill_in("struktur")
    page.locator("#id_leader_name").fill("Ahmad Fauzi, S.Sos.")
    op.upload_photo(page.locator("[data-contentpath=leader_photo]"),
                    photo(photos, "lurah", (120, 150, 170)), "Foto resmi Lurah Kubangsari")
    page.get_by_role("button", name=re.compile(r"^Tambah unit kerja")).click()
    page.locator("[name=units-0-value-name]").fill("Sekretariat")
    page.locator("[name=units-0-value-head-name]").fill("Dewi Lestari, S.E.")
    page.locator("[name=units-0-value-head-position]").fill("Sekretaris Kelurahan")
    op.upload_photo(page.locator("#units-0-value-head-photo-chooser"),
                    photo(photos, "sekretaris", (150, 120, 170)),
                    "Foto Sekretaris Kelurahan Kubangsari")
    members = page.locator("[data-contentpath=units] [data-contentpath=members]")
    for index, (name, position, colour) in enumerate([
            ("Budi Hartono", "Kasi Pemerintahan", (170, 140, 110)),
            ("Siti Aminah", "Staf Pelayanan", (110, 160, 120))]):
        members.get_by_role("button", name=re.compile(r"^Tambah (pegawai|staf)")).last.click()
        prefix = f"units-0-value-members-{index}-value"
        page.locator(f"[name={prefix}-name]").fill(name)
        page.locator(f"[name={prefix}-position]").fill(position)
        op.upload_photo(page.locator(f"#{prefix}-photo-chooser"),
                        photo(photos, f"staf-{index}", colour),
                        f"Foto {position} Kelurahan Kubangsari")
    op.picture("21-ponsel-struktur")
    op.publish("Struktur Pegawai")


def fill_rt_rw(op: Operator) -> None:
    """Two RWs, one at a time, each with its RTs: the page editor lists the RWs, each RW
    has its own short screen, and publishing one leads back to the list."""
    page = op.page
    op.fill_in("rtrw")
    for rw_number, heads in [(1, ["Pak Darsono", "Ibu Yuliani"]),
                             (2, ["Pak Rohmat", "Ibu Nengsih", "Pak Karta"])]:
        page.locator(".rtrw").get_by_role("link", name="RW baru").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("RW baru")
        page.get_by_label("Ketua RW").fill(f"Ketua RW 0{rw_number} Kubangsari")
        for index, head in enumerate(heads):
            page.get_by_role("button", name="RT baru").click()
            row = page.locator("fieldset.rtrw-rt").nth(index)
            expect(row.get_by_label("Ketua RT")).to_be_focused()
            row.get_by_label("Ketua RT").fill(head)
        if rw_number == 1:
            op.picture("25-ponsel-rw-baru")
        page.get_by_role("button", name="Terbitkan", exact=True).click()
        expect(page.locator(".messages")).to_contain_text(f"RW 0{rw_number} disimpan")
    op.picture("26-ponsel-daftar-rw")


def fill_contact(op: Operator) -> None:
    page = op.page
    op.fill_in("kontak")
    page.locator("#id_address").fill("Jl. Raya Anyer No. 12, dekat Masjid Al-Hidayah")
    page.locator("#id_phone").fill("0254 391234")
    page.locator("#id_whatsapp").fill("0812 3456 7890")
    for index, day in enumerate(["1", "2", "3", "4", "5"]):
        page.locator("#id_office_hours-ADD").click()
        page.locator(f"[name=office_hours-{index}-weekday]").select_option(day)
        page.locator(f"[name=office_hours-{index}-opens]").fill("08:00")
        page.locator(f"[name=office_hours-{index}-closes]").fill(
            "11:30" if day == "5" else "16:00")
    op.picture("22-ponsel-kontak")
    op.publish("Kontak")


def write_news(op: Operator) -> None:
    page = op.page
    op.fill_in("berita")
    title = "Posyandu Mawar buka setiap tanggal 10"
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill("Posyandu Mawar RW 02 melayani penimbangan balita.")
    op.rich_text("body", "Penimbangan balita dan imunisasi mulai pukul 08.00 di balai RW 02.")
    op.picture("23-ponsel-berita")
    op.publish(title)


def add_karang_taruna(op: Operator) -> None:
    page = op.page
    op.fill_in("lembaga")
    title = "Karang Taruna Tunas Harapan"
    page.locator("#id_title").fill(title)
    page.locator("#id_kind").select_option("karang_taruna")
    page.locator("#id_summary").fill("Wadah kegiatan pemuda Kubangsari.")
    for index, (role, name) in enumerate([("Ketua", "Rizky Pratama"),
                                          ("Sekretaris", "Nurul Hidayah")]):
        page.locator("#id_officers-ADD").click()
        page.locator(f"[name=officers-{index}-role]").fill(role)
        page.locator(f"[name=officers-{index}-name]").fill(name)
    op.picture("24-ponsel-lembaga")
    op.publish(title)


def test_new_operator_completes_an_empty_kelurahan_on_a_phone(
        phone_admin, balai_server, operator_account, city_account, tmp_path):
    page = phone_admin
    tally = Tally()
    tally.watch(page)
    op = Operator(page, balai_server, tally)
    try:
        _complete_the_site(op, balai_server, operator_account, city_account, tmp_path)
    finally:  # what the screen showed last, to look at when something failed
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENSHOTS / "operator-completes-site-last.png")


def _complete_the_site(op: Operator, balai_server, operator_account, city_account, tmp_path):
    page, tally = op.page, op.tally

    sign_in(page, balai_server.url(path="/admin/login/"), operator_account.username,
            operator_account.password)
    expect(page).to_have_url(balai_server.url(path="/admin/"))
    expect(op.checklist_item("profil")).to_have_attribute("data-done", "false")
    page.locator(".balai-site-panel h3").first.scroll_into_view_if_needed()
    op.picture("19-ponsel-dasbor-kosong")

    fill_profile(op)
    op.dashboard()
    fill_staff(op, tmp_path)
    op.dashboard()
    fill_rt_rw(op)
    op.dashboard()
    fill_contact(op)
    op.dashboard()
    # Every most-used service is offered from the start; with office hours known the
    # services item is done without opening it.
    expect(op.checklist_item("layanan")).to_have_attribute("data-done", "true")
    write_news(op)
    op.dashboard()
    add_karang_taruna(op)
    op.dashboard()

    for key in ["profil", "struktur", "rtrw", "layanan", "kontak", "berita", "lembaga"]:
        expect(op.checklist_item(key)).to_have_attribute("data-done", "true")

    # The dashboard says it in words: complete, every item done.
    expect(page.locator(".balai-site-panel__verdict")).to_have_attribute("data-complete", "true")
    expect(page.locator(".balai-site-panel__verdict")).to_have_text("lengkap")
    score = int(re.search(r"(\d+)%", page.locator(".balai-site-panel h3").first.inner_text())[1])
    assert score >= 80, score
    page.locator(".balai-site-panel h3").first.scroll_into_view_if_needed()
    op.picture("29-ponsel-lengkap")
    # The figures for the record (functional_tests/screenshots/ is not committed).
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "operator-completes-site.txt").write_text(
        f"An empty {KELURAHAN} to 'lengkap' ({score}) on a phone: {tally.loads} page loads, "
        f"{tally.submissions} form submissions.\nSubmissions:\n"
        + "".join(f"  {url}\n" for url in tally.posted))

    # The city office's Status situs agrees.
    city = page.context.browser.new_context(viewport={"width": 1280, "height": 800},
                                            locale="id-ID", timezone_id="Asia/Jakarta")
    try:
        office = city.new_page()
        sign_in(office, balai_server.url(path="/admin/login/"), city_account.username,
                city_account.password)
        office.get_by_role("link", name="Status situs").click()
        row = office.locator("#status-situs tbody tr").filter(has_text=KODE)
        expect(row.locator("td[data-score]")).to_have_attribute("data-score", str(score))
        expect(row.locator("td[data-score]")).to_contain_text("✓")
    finally:
        city.close()

    # So do the residents' /status/ page on the portal and `balai snapshot`.
    page.goto(balai_server.url(path="/status/"))
    entry = page.locator(".status-list li").filter(has_text=KELURAHAN)
    expect(entry.locator(".meta")).to_have_text("lengkap")
