"""The admin on a phone: every screen an operator of a kelurahan goes through fits a 360×740
screen without scrolling sideways, has no control smaller than 44×44 px, and breaks titles
in lists between words.

The screens: the dashboard, the page explorer of the site (and of each section with pages
under it), the page editor of every page type of the site, uploading an image (with the form
that follows), the image chooser in the editor, uploading a document, the account settings.
A picture of each goes to ``functional_tests/screenshots/admin-phone/`` (git-ignored).

Exemptions from the 44 px rule, each for a reason: a link inside a sentence (help text), the
"skip to content" link (shown only to a keyboard, and 44 px high then), what is off-canvas
or visually hidden until opened (the editor's minimap, screen-reader text). Wagtail's
breadcrumb trail in the header is the one element allowed to scroll sideways: it is
collapsed to "…" and scrolls only its own trail when opened.
"""

import json
import re
import secrets
import uuid
from dataclasses import asdict

import pytest
from PIL import Image
from playwright.sync_api import expect

from .conftest import PHONE, SCREENSHOTS
from .test_operator import CREATE_ACCOUNTS, KELURAHAN, KELURAHAN_KODE, Account
from .two_factor import sign_in

pytestmark = pytest.mark.browser

PICTURES = SCREENSHOTS / "admin-phone"
COMFORTABLE = 44
LONG_TITLE = ("Musyawarah Perencanaan Pembangunan Kelurahan Citangkil tentang Pemberdayaan "
              "Kemasyarakatan dan Penanggulangan Kemiskinan")

CREATE_LONG_TITLED_NEWS = """
import os
from balai.berita.models import BeritaIndexPage, BeritaPage
from balai.provisioning.models import RegionSite

home = RegionSite.objects.get(region__kode=os.environ["BALAI_TEST_KODE"]).home_page
index = BeritaIndexPage.objects.child_of(home).get()
if not BeritaPage.objects.filter(title=os.environ["BALAI_TEST_TITLE"]).exists():
    news = BeritaPage(title=os.environ["BALAI_TEST_TITLE"], slug="musyawarah-panjang",
                      summary="Ringkasan.", body="<p>Isi.</p>", live=False)
    index.add_child(instance=news)
    news.save_revision()
"""

# What a thumb cannot use: every visible control smaller than 44×44 px that is not part of a
# sentence, every visible control reaching past the screen's edge, every box that scrolls
# sideways (Wagtail's breadcrumb trail excepted), and the page itself scrolling sideways.
PROBLEMS = """MIN => {
  const controls = 'a[href], button, summary, input:not([type=hidden]), select, textarea,'
    + ' [role=button], [role=tab]';
  const blocks = 'p, li, dd, dt, td, th, figcaption, h1, h2, h3, h4, div';
  const textOf = e => e.textContent.replace(/\\s+/g, '');
  const hidden = '[hidden], [aria-hidden=true], [inert], .w-minimap, .w-sr-only, .skiplink';
  const shown = e => {
    if (!e.getClientRects().length || e.closest(hidden)) return false;
    const style = getComputedStyle(e);
    const box = e.getBoundingClientRect();
    return style.visibility !== 'hidden' && style.opacity !== '0' && box.width > 0
      && box.height > 0;
  };
  const name = e => `${e.tagName.toLowerCase()} "${(e.textContent || e.name
    || e.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ').slice(0, 40)}"`;
  const small = [], outside = [], sideways = [];
  for (const control of document.querySelectorAll(controls)) {
    if (!shown(control)) continue;
    const box = control.getBoundingClientRect();
    if (box.right > innerWidth + 1 || box.left < -1) outside.push(
      `${name(control)} ${Math.round(box.left)}–${Math.round(box.right)}`);
    if (box.width >= MIN - 0.5 && box.height >= MIN - 0.5) continue;
    const block = control.parentElement.closest(blocks);
    const own = block ? [...block.querySelectorAll(controls)].map(textOf).join('') : '';
    if (block && textOf(block).length > own.length) continue;  // a link in a sentence
    const label = control.closest('label');
    if (label && label.getBoundingClientRect().height >= MIN) continue;
    small.push(`${name(control)} ${Math.round(box.width)}×${Math.round(box.height)}`);
  }
  for (const element of document.querySelectorAll('body *')) {
    const style = getComputedStyle(element);
    if (/(auto|scroll)/.test(style.overflowX) && element.scrollWidth > element.clientWidth + 1
        && shown(element) && !element.classList.contains('w-breadcrumbs'))
      sideways.push(`${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`);
  }
  const page = document.scrollingElement.scrollWidth > innerWidth;
  return {page, small, outside, sideways};
}"""

# Whether any word of the element's text is split over two lines.
WORDS_BROKEN = """element => {
  const broken = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (const match of node.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
      if (tops.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""

# The admin scrolls inside <main>, so a full-page picture needs the page to grow instead.
UNFOLD = ("html, body, .wrapper, main.content-wrapper { height: auto !important; "
          "overflow: visible !important; max-height: none !important; }")


@pytest.fixture(scope="module")
def operator(balai_server) -> Account:
    account = Account(f"operator-ponsel-{uuid.uuid4().hex[:6]}", secrets.token_urlsafe(18),
                      "Dewi", "Lestari", "operator_group")
    balai_server.command("shell", "-c", CREATE_ACCOUNTS, BALAI_TEST_KODE=KELURAHAN_KODE,
                         BALAI_TEST_ACCOUNTS=json.dumps([
                             {**asdict(account), "email": f"{account.username}@example.com"}]))
    balai_server.command("shell", "-c", CREATE_LONG_TITLED_NEWS,
                         BALAI_TEST_KODE=KELURAHAN_KODE, BALAI_TEST_TITLE=LONG_TITLE)
    return account


def _check(page, name: str, *, whole_page: bool = True) -> list[str]:
    """Look at the screen as it is: problems found (as text), and a picture taken (of the
    whole page, or of the screen only, as for a dialog over the page)."""
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # Wagtail's scripts draw the editor's lists after load
    found = page.evaluate(PROBLEMS, COMFORTABLE)
    problems = [f"{name}: the page scrolls sideways"] if found["page"] else []
    problems += [f"{name}: smaller than 44 px: {item}" for item in found["small"]]
    problems += [f"{name}: past the screen's edge: {item}" for item in found["outside"]]
    problems += [f"{name}: scrolls sideways: {item}" for item in found["sideways"]]
    PICTURES.mkdir(parents=True, exist_ok=True)
    if not whole_page:
        page.screenshot(path=PICTURES / f"{name}.png", animations="disabled", caret="hide")
        return problems
    unfold = page.add_style_tag(content=UNFOLD)
    page.screenshot(path=PICTURES / f"{name}.png", full_page=True, animations="disabled",
                    caret="hide")
    unfold.evaluate("style => style.remove()")
    return problems


def _rows(page) -> dict[str, str]:
    """The explorer listing: each page's title and the address of its editor."""
    links = page.locator("main table.listing td.title a[href$='/edit/']")
    return {link.inner_text().strip(): link.get_attribute("href") for link in links.all()}


def _children_link(page, title: str):
    return page.locator("main table.listing tbody tr").filter(
        has=page.get_by_role("link", name=title, exact=True)).locator("td.children a")


def test_every_operator_screen_fits_a_phone(browser, balai_server, operator, tmp_path):

    context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta", viewport=PHONE,
                                  is_mobile=True, has_touch=True, device_scale_factor=1)
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems = []
    try:
        sign_in(page, balai_server.url(path="/admin/login/"), operator.username,
                operator.password)
        expect(page).to_have_url(balai_server.url(path="/admin/"))
        problems += _check(page, "01-dasbor")

        # The site's pages, then every page type: the sections, and one page under each
        # section that has pages under it.
        # (Wagtail's explorer opens at the operator's own site.)
        page.goto(balai_server.url(path="/admin/pages/"))
        expect(page).to_have_url(re.compile(r"/admin/pages/\d+/$"))
        expect(page.get_by_role("heading", level=1)).to_contain_text(KELURAHAN)
        problems += _check(page, "02-halaman-situs")
        site_listing = page.url
        editors = dict(_rows(page))
        editors[KELURAHAN] = re.sub(r"^https?://[^/]+", "", site_listing) + "edit/"
        for section in ["Lembaga Kemasyarakatan", "Layanan", "Program", "Berita", "Agenda"]:
            page.goto(site_listing)
            children = _children_link(page, section)
            if not children.count():
                continue
            children.click()
            expect(page).to_have_url(re.compile(r"/admin/pages/\d+/$"))
            slug = re.sub(r"\W+", "-", section.lower())
            problems += _check(page, f"03-daftar-{slug}")
            if section == "Berita":
                title = page.locator("main table.listing td.title").filter(
                    has_text=LONG_TITLE).locator(".title-wrapper")
                expect(title).to_be_visible()
                assert title.evaluate(WORDS_BROKEN) == [], "a word broken over two lines"
                assert title.bounding_box()["height"] > 40, "the long title did not wrap"
            first = next(iter(_rows(page).items()), None)
            if first:
                editors[f"{section} – {first[0]}"] = first[1]
        assert len(editors) >= 14, editors
        for number, (title, url) in enumerate(sorted(editors.items()), start=1):
            page.goto(balai_server.url(path=url))
            expect(page.locator("form#page-edit-form")).to_be_visible()
            slug = re.sub(r"\W+", "-", title.lower())[:40]
            problems += _check(page, f"04-editor-{number:02d}-{slug}")

        # The image chooser, from the photo of a new staff member in the staff structure
        # (everyone listed there already has one).
        page.goto(balai_server.url(path=editors["Struktur Pegawai"]))
        page.get_by_role("button", name=re.compile(r"^Tambah unit kerja")).last.click()
        page.locator("button[data-chooser-action-choose]:visible").first.click()
        # The chooser is fetched and drawn by script: slower than expect's 5 s default when
        # the machine is busy (two browser workers on two cores).
        expect(page.locator(".modal-dialog")).to_be_visible(timeout=15_000)
        page.wait_for_timeout(500)
        problems += _check(page, "05-pilih-gambar", whole_page=False)

        # Uploading an image, and the form for its alternative text that follows.
        photo = tmp_path / "kantor.jpg"
        Image.new("RGB", (800, 600), (20, 96, 110)).save(photo, "JPEG")
        page.goto(balai_server.url(path="/admin/images/multiple/add/"))
        problems += _check(page, "06-unggah-gambar")
        page.locator("input[type=file]").set_input_files(photo)
        expect(page.locator("#upload-list > li").first).to_have_class(
            re.compile("upload-success"))
        problems += _check(page, "07-unggah-gambar-teks-alternatif")

        # Uploading a document.
        document = tmp_path / "pengumuman.pdf"
        document.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root"
                             b" 1 0 R >>\n%%EOF\n")
        page.goto(balai_server.url(path="/admin/documents/multiple/add/"))
        problems += _check(page, "08-unggah-dokumen")
        page.locator("input[type=file]").set_input_files(document)
        expect(page.locator("#upload-list > li").first).to_have_class(
            re.compile("upload-success"))
        problems += _check(page, "09-unggah-dokumen-judul")

        page.goto(balai_server.url(path="/admin/account/"))
        problems += _check(page, "10-akun")
    finally:
        context.close()
    assert problems == [], "\n".join(problems)

