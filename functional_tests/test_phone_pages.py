"""What a resident sees on a 360×740 phone: the real content of a kelurahan home, its RT/RW
list (found with the filter form, without JavaScript) and a news article.

Each step saves a full-page screenshot to functional_tests/screenshots/ for a person to
look at; the assertions check the content is there and visible, not only that the page
loaded.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

KELURAHAN = "kel-citangkil.localhost"
ARTICLE = "Kerja bakti membersihkan saluran air (contoh)"


def _expect_fits_the_screen(page) -> None:
    """Nothing sticks out sideways: no horizontal scrolling on a phone."""
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def _expect_image_shown(image) -> None:
    expect(image).to_be_visible()
    image.scroll_into_view_if_needed()  # lazy images load near the viewport
    image.page.wait_for_function("img => img.complete", arg=image.element_handle())
    assert image.evaluate("img => img.naturalWidth > 0"), "image did not load"
    box = image.bounding_box()
    assert box["width"] >= 80 and box["height"] >= 60, box


def test_kelurahan_home_shows_services_hours_news_and_the_lurah(phone, balai_server, settle):
    page, traffic = phone
    page.goto(balai_server.url(host=KELURAHAN, path="/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kelurahan Citangkil")
    expect(page.get_by_role("search").get_by_role("searchbox")).to_be_visible()
    quick = page.get_by_role("region", name="Layanan yang paling sering dicari")
    expect(quick.get_by_role("link")).to_have_count(5)
    expect(quick.get_by_role("link", name="Surat Keterangan Domisili")).to_be_visible()
    expect(quick.get_by_role("link", name="Surat Keterangan Tidak Mampu (SKTM)")).to_be_visible()
    hours = page.get_by_role("region", name="Jam buka")
    expect(hours.get_by_text(re.compile(
        r"^(Buka sekarang · tutup pukul 16\.[03]0|Tutup sekarang · buka lagi .+ 08\.00"
        r"|Hari ini libur: .+)$"))).to_be_visible()
    news = page.get_by_role("region", name="Berita terbaru")
    expect(news.get_by_role("link", name=ARTICLE)).to_be_visible()
    greeting = page.get_by_role("region", name="Sambutan lurah")
    greeting.scroll_into_view_if_needed()
    expect(greeting.get_by_text("Nama Contoh A (contoh)")).to_be_visible()
    _expect_image_shown(greeting.get_by_role("img", name="Foto contoh pimpinan Kelurahan "
                                                          "Citangkil"))
    expect(page.get_by_role("contentinfo").get_by_text(
        "Alamat kantor Kelurahan Citangkil (contoh)")).to_be_visible()
    _expect_fits_the_screen(page)
    settle(page, traffic, "20-kelurahan-home-360", KELURAHAN)


def test_rt_rw_filter_finds_one_rt_without_javascript(phone_without_js, balai_server, settle):
    page, traffic = phone_without_js
    page.goto(balai_server.url(host=KELURAHAN, path="/rt-rw/"))
    expect(page.get_by_text("5 RW dan 25 RT.", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", level=2, name=re.compile(r"^RW \d{3}$"))).to_have_count(5)
    expect(page.get_by_text("Ketua RW 01 (contoh)", exact=True)).to_be_visible()
    _expect_fits_the_screen(page)
    settle(page, traffic, "21-rt-rw-360", KELURAHAN)

    form = page.get_by_role("group", name="Cari RT Anda")
    form.get_by_label("RW").select_option(label="002")
    form.get_by_label("RT").fill("3")
    form.get_by_role("button", name="Tampilkan").click()
    expect(page).to_have_url(re.compile(r"/rt-rw/\?rw=2&rt=3$"))
    expect(page.get_by_role("heading", level=2, name=re.compile(r"^RW"))).to_have_text(
        ["RW 002"])
    expect(page.get_by_text("Ketua RW 02 (contoh)", exact=True)).to_be_visible()
    expect(page.get_by_text("Ketua RW 01 (contoh)", exact=True)).to_have_count(0)
    rows = page.get_by_role("table", name="RT di RW 002").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("003")
    expect(rows.first.get_by_text("Ketua RT 03/02 (contoh)")).to_be_visible()
    # the form keeps what the resident chose
    expect(form.get_by_label("RW")).to_have_value("2")
    expect(form.get_by_label("RT")).to_have_value("3")
    _expect_fits_the_screen(page)
    settle(page, traffic, "22-rt-rw-filtered-rw-002-rt-003-360", KELURAHAN)

    form.get_by_label("RT").fill("99")
    form.get_by_role("button", name="Tampilkan").click()
    expect(page.get_by_text(re.compile(r"^Tidak ada RT yang cocok"))).to_be_visible()
    settle(page, traffic, "23-rt-rw-no-match-360", KELURAHAN)

    page.get_by_role("link", name="Tampilkan semua RW dan RT").click()
    expect(page.get_by_role("heading", level=2, name=re.compile(r"^RW \d{3}$"))).to_have_count(5)


def test_news_article_shows_its_title_date_image_and_text(phone, balai_server, settle):
    page, traffic = phone
    page.goto(balai_server.url(host=KELURAHAN, path="/berita/"))
    page.get_by_role("link", name=ARTICLE).click()
    expect(page).to_have_url(re.compile(r"/berita/kerja-bakti-membersihkan-saluran-air-contoh/$"))
    article = page.get_by_role("article")
    expect(article.get_by_role("heading", level=1)).to_have_text(ARTICLE)
    expect(article.locator("time")).to_have_text(re.compile(r"^\w+, \d{1,2} \w+ \d{4}$"))
    _expect_image_shown(article.get_by_role(
        "img", name="Foto contoh: kerja bakti membersihkan saluran air"))
    expect(article.get_by_text(re.compile(r"^\(Contoh berita\) Kerja bakti"))).to_be_visible()
    expect(article.get_by_role("link", name="lingkungan")).to_be_visible()
    _expect_fits_the_screen(page)
    settle(page, traffic, "24-berita-article-360", KELURAHAN)
