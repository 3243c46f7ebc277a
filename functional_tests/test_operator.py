"""A kelurahan's operator and contributor keep its site current in the Wagtail admin.

The operator and the contributor of Kelurahan Citangkil (36.72.08.1007) are made for this
module in the demo installation of ``balai_server`` (see conftest.py). At an office
computer's size, in Indonesian:

- the operator logs in, finds the Profil page in the explorer, saves a draft (residents do
  not see it), publishes it (they do), and fills the local fields of a service page;
- the contributor writes a news article and submits it to the kelurahan's approval
  workflow; residents do not see it until the operator approves it;
- the operator uploads a photo with its alternative text;
- the operator guide (/admin/panduan/) shows every picture of it.

The pictures of the operator guide are taken here; with BALAI_UPDATE_GUIDE=1 they replace
those in ``balai/operators/static/balai/panduan/`` (do that when the admin changes). Admin
strings are matched by element, name or URL where the wording may still change with the
Indonesian translation; the few Indonesian words asserted are the ones the guide tells
operators to look for.
"""

import json
import os
import re
import secrets
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from .two_factor import second_step, sign_in

pytestmark = pytest.mark.browser

KELURAHAN_KODE = "36.72.08.1007"
KELURAHAN = "Kelurahan Citangkil"
KELURAHAN_HOST = "kel-citangkil.localhost"
OTHER_KELURAHAN = "Kelurahan Kebonsari"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
# The guide's pictures in the package (what the Panduan shows): refreshed only when asked
# with BALAI_UPDATE_GUIDE=1, so that a test run leaves the checkout clean; otherwise the
# same pictures go to the git-ignored screenshots folder, to look at.
GUIDE_IN_PACKAGE = (Path(__file__).resolve().parent.parent
                    / "balai" / "operators" / "static" / "balai" / "panduan")
GUIDE_PICTURES = (GUIDE_IN_PACKAGE if os.environ.get("BALAI_UPDATE_GUIDE") == "1"
                  else SCREENSHOTS / "panduan")

VISION_DRAFT = "Konsep visi yang belum dipublikasikan."
VISION = "Menjadi kelurahan yang melayani warga dengan cepat, ramah, dan terbuka."
NEWS_TITLE = "Kerja bakti membersihkan saluran air RW 03"
NEWS_SUMMARY = "Warga RW 03 bergotong royong membersihkan saluran air sebelum musim hujan."
NEWS_BODY = "Kerja bakti dimulai Minggu pukul 07.00 dari depan Masjid Al-Ikhlas."
SERVICE = "Surat Keterangan Domisili"
SERVICE_OFFICER = "Kasi Pemerintahan"
SERVICE_HOURS = "Senin–Kamis 08.00–14.00"
PHOTO_TITLE = "Posyandu Melati RW 05"
PHOTO_ALT = "Kader posyandu menimbang balita di halaman kantor kelurahan"

CREATE_ACCOUNTS = """
import json, os
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from balai.provisioning.models import RegionSite

site = RegionSite.objects.get(region__kode=os.environ["BALAI_TEST_KODE"])
for account in json.loads(os.environ["BALAI_TEST_ACCOUNTS"]):
    user = get_user_model()(username=account["username"], first_name=account["first_name"],
                            last_name=account["last_name"], email=account["email"])
    validate_password(account["password"], user)
    user.set_password(account["password"])
    user.full_clean()
    user.save()
    user.groups.add(getattr(site, account["group"]))
"""


@dataclass(frozen=True)
class Account:
    username: str
    password: str
    first_name: str
    last_name: str
    group: str  # the RegionSite field naming the account's group

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class Accounts:
    operator: Account
    contributor: Account


@pytest.fixture(scope="module")
def accounts(balai_server) -> Accounts:
    """An operator and a contributor of Kelurahan Citangkil, made with ``balai shell`` in the
    server's own database (unique names, so the module can run again on the same server)."""
    suffix = uuid.uuid4().hex[:6]
    made = Accounts(
        operator=Account(f"operator-citangkil-{suffix}", secrets.token_urlsafe(18), "Siti",
                         "Rahmawati", "operator_group"),
        contributor=Account(f"kontributor-citangkil-{suffix}", secrets.token_urlsafe(18),
                            "Budi", "Santoso", "contributor_group"),
    )
    balai_server.command("shell", "-c", CREATE_ACCOUNTS, BALAI_TEST_KODE=KELURAHAN_KODE,
                         BALAI_TEST_ACCOUNTS=json.dumps([
                             {**asdict(account), "email": f"{account.username}@example.com"}
                             for account in (made.operator, made.contributor)]))
    return made


@pytest.fixture
def admin_page(desktop, balai_server):
    """A desktop page for the admin that may only talk to this server."""
    page, _traffic = desktop
    here = re.compile(rf"https?://([a-z0-9-]+\.)*localhost:{balai_server.port}/")
    page.context.route("**/*", lambda route: route.continue_() if here.match(route.request.url)
                       else route.abort())
    return page


def _picture(page, name: str) -> None:
    """Save one picture for the operator guide: the 1280×800 window as it is."""
    GUIDE_PICTURES.mkdir(parents=True, exist_ok=True)
    page.wait_for_load_state("load")
    page.screenshot(path=GUIDE_PICTURES / f"{name}.png", animations="disabled", caret="hide")


def _log_in(page, balai_server, account: Account) -> None:
    page.context.clear_cookies()
    sign_in(page, balai_server.url(path="/admin/login/"), account.username, account.password)
    expect(page).to_have_url(balai_server.url(path="/admin/"))


def _enrolment_picture(page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Aktifkan verifikasi dua langkah")
    expect(page.locator(".balai-2fa-qr svg")).to_be_visible()
    page.evaluate("window.scrollTo(0, 0)")
    _picture(page, "01b-aktifkan-verifikasi")


def _open_site_explorer(page) -> None:
    """Pages (Halaman) in the side menu, then the site's home at the top of the menu."""
    sidebar = page.locator("#wagtail-sidebar")
    sidebar.get_by_role("button", name="Halaman").click()
    sidebar.get_by_role("link", name=KELURAHAN, exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/$"))


def _listing_row(page, title: str):
    return page.locator("main table tbody tr").filter(
        has=page.get_by_role("link", name=title, exact=True))


def _open_children(page, title: str) -> None:
    """The arrow at the end of a section's row: the pages under it."""
    _listing_row(page, title).get_by_role("link", name=re.compile(f"'{title}'")).click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/$"))


def _more_actions(page):
    """Open the menu above the 'save draft' button; return the footer holding the actions."""
    footer = page.locator("footer")
    toggle = footer.locator("[data-w-dropdown-target=toggle]")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    return footer


def _success_message(page):
    return page.locator(".messages li.success")


def test_operator_logs_in_edits_and_publishes_the_profil(admin_page, balai_server, accounts):
    page = admin_page

    # The login page speaks Indonesian.
    page.goto(balai_server.url(path="/admin/login/"))
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Masuk")
    expect(page.get_by_label("Nama pengguna")).to_be_visible()
    expect(page.get_by_role("button", name="Masuk")).to_be_visible()
    page.locator("#id_username").fill(accounts.operator.username)
    _picture(page, "01-masuk")
    page.locator("#id_password").fill(accounts.operator.password)
    page.get_by_role("button", name="Masuk").click()

    # The first sign-in sets up two-step verification: the key goes into an authenticator
    # app, whose code confirms it; ten backup codes are shown once.
    second_step(page, accounts.operator.username, on_setup_page=_enrolment_picture,
                on_codes_page=lambda shown: _picture(shown, "01c-kode-cadangan"))

    # The dashboard, with the side menu in Indonesian.
    expect(page).to_have_url(balai_server.url(path="/admin/"))
    sidebar = page.locator("#wagtail-sidebar")
    expect(sidebar.get_by_role("button", name="Halaman")).to_be_visible()
    expect(sidebar.get_by_role("link", name="Gambar")).to_be_visible()
    expect(sidebar.get_by_role("link", name="Dokumen")).to_be_visible()
    expect(page.get_by_text(accounts.operator.full_name).first).to_be_visible()
    _picture(page, "02-dasbor")

    # Pages (Halaman): the operator's menu starts at their own site.
    sidebar.get_by_role("button", name="Halaman").click()
    site_link = sidebar.get_by_role("link", name=KELURAHAN, exact=True)
    expect(site_link).to_be_visible()
    expect(sidebar.get_by_role("link", name="Profil", exact=True)).to_be_visible()
    expect(sidebar.get_by_role("link", name=OTHER_KELURAHAN)).to_have_count(0)
    _picture(page, "03-menu-halaman")
    site_link.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/$"))
    for section in ["Profil", "Struktur Pegawai", "RT/RW", "Layanan", "Berita", "Agenda",
                    "Kontak"]:
        expect(_listing_row(page, section)).to_have_count(1)
    _picture(page, "04-daftar-halaman")

    # Edit the Profil page: a saved draft stays off the public site.
    _listing_row(page, "Profil").get_by_role("link", name="Profil", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    vision = page.locator("#id_vision")
    vision.fill(VISION_DRAFT)
    # "Terbitkan" is the main button; saving a draft is in the menu above it.
    _more_actions(page).locator("button.action-save").click()
    expect(_success_message(page)).to_be_visible()
    public = page.context.new_page()
    public.goto(balai_server.url(host=KELURAHAN_HOST, path="/profil/"))
    expect(public.get_by_role("heading", level=1)).to_have_text("Profil")
    expect(public.get_by_text(VISION_DRAFT)).to_have_count(0)

    # Publish: the public Profil page shows the new vision.
    vision.fill(VISION)
    vision.scroll_into_view_if_needed()
    _picture(page, "05-ubah-halaman")
    footer = _more_actions(page)
    publish = footer.locator("button[name=action-publish]")
    expect(publish).to_be_visible()
    _picture(page, "06-publikasikan")
    publish.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/$"))
    expect(_success_message(page)).to_contain_text("Profil")
    _picture(page, "07-terpublikasi")
    public.reload()
    expect(public.get_by_text(VISION, exact=True)).to_be_visible()
    public.close()


def test_contributor_submits_news_and_the_operator_approves_it(admin_page, balai_server,
                                                                accounts):
    page = admin_page
    news_list = balai_server.url(host=KELURAHAN_HOST, path="/berita/")

    # The contributor writes a news article under Berita.
    _log_in(page, balai_server, accounts.contributor)
    _open_site_explorer(page)
    _open_children(page, "Berita")
    page.locator("main a[href$='/add_subpage/']").first.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/add/berita/beritapage/\d+/$"))
    page.locator("#id_title").fill(NEWS_TITLE)
    page.locator("#id_summary").fill(NEWS_SUMMARY)
    body = page.locator("[data-contentpath=body] [contenteditable=true]")
    body.click()
    page.keyboard.type(NEWS_BODY)
    # The rich text editor copies what was typed into the form a moment later.
    expect(page.locator("input#id_body")).to_have_value(re.compile(re.escape(NEWS_BODY)))
    body.scroll_into_view_if_needed()
    _picture(page, "08-berita-baru")

    # A contributor cannot publish: only submit to the kelurahan's approval workflow.
    footer = _more_actions(page)
    expect(footer.locator("button[name=action-publish]")).to_have_count(0)
    submit = footer.locator("button[name=action-submit]")
    expect(submit).to_contain_text(f"Persetujuan {KELURAHAN} ({KELURAHAN_KODE})")
    _picture(page, "09-kirim-moderasi")
    submit.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/$"))
    expect(_success_message(page)).to_contain_text(NEWS_TITLE)

    public = page.context.new_page()
    public.goto(news_list)
    expect(public.get_by_role("heading", level=1)).to_have_text("Berita")
    expect(public.get_by_text(NEWS_TITLE)).to_have_count(0)

    # The operator finds it waiting for their review on the dashboard.
    _log_in(page, balai_server, accounts.operator)
    awaiting = page.locator("#awaiting-review-section")
    waiting_news = awaiting.get_by_role("link", name=NEWS_TITLE, exact=True)
    expect(waiting_news).to_be_visible()
    expect(awaiting).to_contain_text(accounts.contributor.full_name)
    awaiting.scroll_into_view_if_needed()
    _picture(page, "10-menunggu-persetujuan")

    # ... opens it, and approves it, which publishes it.
    waiting_news.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator("#id_title")).to_have_value(NEWS_TITLE)
    footer = _more_actions(page)
    approve = footer.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
    expect(approve).to_be_visible()
    expect(footer.locator("button[data-workflow-action-name=reject]")).to_be_visible()
    _picture(page, "11-setujui")
    approve.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/$"))
    expect(_success_message(page)).to_contain_text(NEWS_TITLE)
    _picture(page, "12-disetujui")

    public.reload()
    public.get_by_role("link", name=NEWS_TITLE).click()
    expect(public.get_by_role("heading", level=1)).to_have_text(NEWS_TITLE)
    expect(public.get_by_text(NEWS_BODY)).to_be_visible()
    public.close()


def test_operator_fills_the_local_fields_of_a_service(admin_page, balai_server, accounts):
    page = admin_page
    _log_in(page, balai_server, accounts.operator)
    _open_site_explorer(page)
    _open_children(page, "Layanan")
    _listing_row(page, SERVICE).get_by_role("link", name=SERVICE, exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))

    # Only the office's own fields: the requirements and steps are the city's.
    form = page.locator("form#page-edit-form")
    for field in ["definition", "offered", "officer", "service_hours"]:
        expect(form.locator(f"[name={field}]")).to_have_count(1)
    expect(form.locator("[name=requirements], [name=steps], [name=fee]")).to_have_count(0)
    page.locator("#id_officer").fill(SERVICE_OFFICER)
    page.locator("#id_service_hours").fill(SERVICE_HOURS)
    _picture(page, "13-layanan")
    _more_actions(page).locator("button[name=action-publish]").click()
    expect(_success_message(page)).to_contain_text(SERVICE)

    public = page.context.new_page()
    public.goto(balai_server.url(host=KELURAHAN_HOST, path="/layanan/"))
    public.get_by_role("link", name=SERVICE).first.click()
    expect(public.get_by_role("heading", level=1)).to_have_text(SERVICE)
    expect(public.get_by_text(SERVICE_OFFICER).first).to_be_visible()
    expect(public.get_by_text(SERVICE_HOURS).first).to_be_visible()
    public.close()


def test_operator_uploads_a_photo_with_its_alternative_text(admin_page, balai_server, accounts,
                                                           tmp_path):

    photo = tmp_path / "posyandu.jpg"
    picture = Image.new("RGB", (1200, 800), (20, 96, 110))
    ImageDraw.Draw(picture).ellipse([200, 300, 1400, 1400], fill=(80, 150, 160))
    picture.save(photo, "JPEG", quality=80)

    page = admin_page
    _log_in(page, balai_server, accounts.operator)
    page.locator("#wagtail-sidebar").get_by_role("link", name="Gambar").click()
    expect(page).to_have_url(balai_server.url(path="/admin/images/"))
    page.locator("main a[href$='/admin/images/multiple/add/']").first.click()
    page.locator("input[type=file]").set_input_files(photo)

    upload = page.locator("#upload-list > li").first
    expect(upload).to_have_class(re.compile("upload-success"))
    # The alternative text is required: the form does not save without it.
    upload.locator("input[id$=-title]").fill(PHOTO_TITLE)
    alt_text = upload.locator("input[id$=-description]")
    alt_text.fill(PHOTO_ALT)
    alt_text.blur()  # shows the text from its start
    _picture(page, "14-gambar-teks-alternatif")
    upload.locator("button[type=submit]").click()
    expect(page.locator("#upload-list > li")).to_have_count(0)

    page.goto(balai_server.url(path="/admin/images/"))
    expect(page.get_by_text(PHOTO_TITLE, exact=True)).to_be_visible()


def test_operator_guide_shows_its_pictures(admin_page, balai_server, accounts):
    page = admin_page
    _log_in(page, balai_server, accounts.operator)
    page.locator("#wagtail-sidebar").locator("a[href='/admin/panduan/']").click()
    expect(page).to_have_url(balai_server.url(path="/admin/panduan/"))
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    pictures = page.locator("main img[src*='/balai/panduan/']")
    expect(pictures).not_to_have_count(0)
    for picture in pictures.all():
        picture.scroll_into_view_if_needed()
        expect(picture).not_to_have_attribute("alt", "")
        # A lazy picture starts loading when scrolled to: wait for it (on a busy machine too).
        expect(picture).to_have_js_property("complete", True)
        assert picture.evaluate("image => image.naturalWidth > 0"), (
            f"the picture {picture.get_attribute('src')} did not load")
    shown = {Path(src).name for src in pictures.evaluate_all(
        "images => images.map(image => new URL(image.src).pathname)")}
    taken = {path.name for path in GUIDE_IN_PACKAGE.glob("*.png")}
    assert shown == taken, f"pictures taken but not shown: {taken - shown}; " \
                           f"shown but missing: {shown - taken}"

    SCREENSHOTS.mkdir(exist_ok=True)
    page.get_by_role("heading", level=1).evaluate("heading => heading.scrollIntoView()")
    page.screenshot(path=SCREENSHOTS / "operator-panduan-1280.png", animations="disabled")
