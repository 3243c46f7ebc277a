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

import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from .conftest import CHROMIUM_ARGS, PHONE  # noqa: F401 (PHONE: the viewport)
from .two_factor import sign_in

pytestmark = pytest.mark.browser

KODE = "36.72.04.1003"
KELURAHAN = "Kelurahan Kubangsari"
HOST = "kel-kubangsari.localhost"
GUIDE_IN_PACKAGE = (Path(__file__).resolve().parent.parent
                    / "balai" / "operators" / "static" / "balai" / "panduan")
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
GUIDE_PICTURES = (GUIDE_IN_PACKAGE if os.environ.get("BALAI_UPDATE_GUIDE") == "1"
                  else SCREENSHOTS / "panduan")

CREATE_OPERATOR = """
import os
from django.contrib.auth import get_user_model
from balai.provisioning.models import RegionSite

site = RegionSite.objects.get(region__kode=os.environ["BALAI_TEST_KODE"])
user = get_user_model()(username=os.environ["BALAI_TEST_USER"], first_name="Rina",
                        last_name="Marlina", email="rina@example.com")
user.set_password(os.environ["BALAI_TEST_PASSWORD"])
user.full_clean()
user.save()
user.groups.add(site.operator_group)
"""

CREATE_CITY_ADMIN = """
import os
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
user = get_user_model().objects.create_user(os.environ["BALAI_TEST_USER"],
                                            password=os.environ["BALAI_TEST_PASSWORD"])
user.groups.add(Group.objects.get(name="Admin Kota"))
"""

# Requests the admin makes by itself while a page is open (not the operator's doing).
BACKGROUND = re.compile(r"/admin/(editing-sessions|jsi18n|sprite)")


# What is scrolled sideways or makes the page wider than the screen.
SIDEWAYS = """() => [
  ...(document.scrollingElement.scrollWidth > innerWidth
      ? [`page ${document.scrollingElement.scrollWidth}px wide`] : []),
  ...[...document.querySelectorAll("*")].filter(element => element.scrollLeft > 0)
     .map(element => `${element.tagName}.${element.className} scrolled ${element.scrollLeft}px`),
]"""


@dataclass
class Tally:
    """The page loads and form submissions of one person in one browser tab."""

    loads: int = 0
    submissions: int = 0
    steps: list[str] = field(default_factory=list)
    posted: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        page.on("framenavigated",
                lambda frame: self._loaded() if frame == page.main_frame else None)
        page.on("request", self._request)

    def _loaded(self) -> None:
        self.loads += 1

    def _request(self, request) -> None:
        if request.method == "POST" and not BACKGROUND.search(request.url):
            self.submissions += 1
            self.posted.append(request.url)


@dataclass(frozen=True)
class Person:
    username: str
    password: str


def _photo(folder: Path, name: str, colour: tuple[int, int, int]) -> Path:
    """A portrait as a phone's camera would give it (JPEG, 3:4)."""
    path = folder / f"{name}.jpg"
    picture = Image.new("RGB", (600, 800), colour)
    draw = ImageDraw.Draw(picture)
    draw.ellipse([180, 160, 420, 440], fill=(224, 186, 150))
    draw.rectangle([120, 470, 480, 800], fill=(30, 60, 110))
    # A pattern of its own, so that no picture is a duplicate of one uploaded before.
    for offset, value in enumerate(secrets.token_bytes(8)):
        draw.rectangle([20 + 70 * offset, 20, 70 + 70 * offset, 60], fill=(value, 90, 200))
    picture.save(path, "JPEG", quality=80)
    return path


class Operator:
    """The operator's phone: what they tap, type and see, with a picture of each step."""

    def __init__(self, page, server, tally: Tally):
        self.page = page
        self.server = server
        self.tally = tally

    # -- moving around ------------------------------------------------------------------
    def picture(self, name: str) -> None:
        """A picture of the screen for the guide, once the screen is as the operator sees
        it: nothing scrolled sideways (the phone's page never scrolls sideways)."""
        GUIDE_PICTURES.mkdir(parents=True, exist_ok=True)
        self.page.wait_for_load_state("load")
        sideways = self.page.evaluate(SIDEWAYS)
        assert not sideways, f"{name}: scrolled or wider than the screen: {sideways}"
        self.page.screenshot(path=GUIDE_PICTURES / f"{name}.png", animations="disabled",
                             caret="hide")
        self.tally.steps.append(name)

    def checklist_item(self, key: str):
        return self.page.locator(f"[data-checklist-item={key}]")

    def dashboard(self) -> None:
        """Back to the dashboard through the side menu, as the operator would."""
        page = self.page
        page.wait_for_load_state("load")
        link = page.locator("#wagtail-sidebar a[href='/admin/']").first
        toggle = page.locator("button.sidebar-nav-toggle--mobile")
        # The side menu is drawn by a script once the page has loaded; a tap before that
        # does nothing, so tap again as a person would.
        for _attempt in range(3):
            if link.is_visible():
                break
            toggle.click()
            page.wait_for_timeout(300)
        link.click()
        expect(page).to_have_url(self.server.url(path="/admin/"))

    def fill_in(self, key: str) -> None:
        """The item's "Lengkapi" button on the dashboard."""
        item = self.checklist_item(key)
        expect(item).to_have_attribute("data-done", "false")
        item.get_by_role("link", name=re.compile("^Lengkapi")).click()
        expect(self.page.locator("form#page-edit-form")).to_be_visible()

    def publish(self, title: str) -> None:
        """"Terbitkan", the main button at the bottom of the editor."""
        page = self.page
        button = page.locator("footer button[name=action-publish]")
        if not button.is_visible():  # in the footer's menu
            page.locator("footer [data-w-dropdown-target=toggle]").click()
        expect(button).to_be_visible()
        button.click()
        expect(page.locator(".messages li.success")).to_contain_text(title)

    # -- typing -----------------------------------------------------------------------
    def rich_text(self, field_name: str, text: str) -> None:
        editor = self.page.locator(f"[data-contentpath={field_name}] [contenteditable=true]")
        editor.click()
        # One input event, as a phone keyboard's suggestion or a paste gives it: typed key by
        # key, a touch screen's editor may move the caret while it re-renders.
        self.page.keyboard.insert_text(text)
        # The rich text editor copies what was typed into the form a moment later.
        expect(self.page.locator(f"input[name={field_name}]")).to_have_value(
            re.compile(re.escape(text[:20])))

    def upload_photo(self, chooser, photo: Path, alt: str) -> None:
        """Choose an image by uploading it from the phone, in the chooser's "Unggah" tab:
        the alternative text is asked; the title follows it."""
        page = self.page
        chooser.locator("[data-chooser-action-choose]").click()
        modal = page.locator(".modal-dialog")
        expect(modal.get_by_role("heading", level=1)).to_be_visible()
        modal.get_by_role("tab", name=re.compile("Unggah")).click()
        modal.locator("input[type=file]").set_input_files(photo)
        modal.locator("input[name$=description]").fill(alt)
        modal.locator("form button[type=submit]").click()
        expect(modal).to_be_hidden()
        expect(chooser.locator("[data-chooser-title]")).to_have_text(alt)


@pytest.fixture(scope="module")
def operator_account(balai_server) -> Person:
    person = Person(f"operator-kubangsari-{secrets.token_hex(3)}", secrets.token_urlsafe(18))
    balai_server.command("shell", "-c", CREATE_OPERATOR, BALAI_TEST_KODE=KODE,
                         BALAI_TEST_USER=person.username, BALAI_TEST_PASSWORD=person.password)
    return person


@pytest.fixture(scope="module")
def city_account(balai_server) -> Person:
    person = Person(f"dinas-{secrets.token_hex(3)}", secrets.token_urlsafe(18))
    balai_server.command("shell", "-c", CREATE_CITY_ADMIN, BALAI_TEST_USER=person.username,
                         BALAI_TEST_PASSWORD=person.password)
    return person


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
                    _photo(photos, "lurah", (120, 150, 170)), "Foto resmi Lurah Kubangsari")
    page.get_by_role("button", name=re.compile(r"^Tambah unit kerja")).click()
    page.locator("[name=units-0-value-name]").fill("Sekretariat")
    page.locator("[name=units-0-value-head-name]").fill("Dewi Lestari, S.E.")
    page.locator("[name=units-0-value-head-position]").fill("Sekretaris Kelurahan")
    op.upload_photo(page.locator("#units-0-value-head-photo-chooser"),
                    _photo(photos, "sekretaris", (150, 120, 170)),
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
                        _photo(photos, f"staf-{index}", colour),
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
