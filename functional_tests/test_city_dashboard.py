"""The city office opens the site status dashboard, sorts it by completeness and opens one
site's drill-down; a resident reads the public status page on a phone."""

import re

import pytest
from playwright.sync_api import expect

from .accounts import city_office_account
from .two_factor import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def city_admin(balai_server):
    balai_server.command("snapshot")
    person = city_office_account(balai_server)
    return person.username, person.password


def test_city_admin_sorts_the_dashboard_and_opens_a_site(desktop, balai_server, city_admin,
                                                         settle):
    page, traffic = desktop
    username, password = city_admin
    sign_in(page, balai_server.url(path="/admin/login/"), username, password)
    page.get_by_role("link", name="Status situs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Status situs")
    rows = page.locator("#status-situs tbody tr")
    expect(rows).to_have_count(51)
    expect(page.locator("svg polyline")).to_have_count(3)
    page.get_by_role("link", name="Kelengkapan").click()
    expect(page).to_have_url(re.compile(r"urut=-skor"))
    page.wait_for_load_state("load")
    expect(rows).to_have_count(51)
    scores = [int(cell) for cell in page.locator("#status-situs td[data-score]")
              .evaluate_all("cells => cells.map(cell => cell.dataset.score)")]
    # The demo's Kelurahan Citangkil is complete, Kebonsari is not.
    assert scores == sorted(scores, reverse=True) and scores[:2] == [100, 50]
    settle(page, traffic, "status-dashboard-1280")
    rows.nth(1).get_by_role("link").click()
    expect(page.get_by_text("Kelengkapan situs: 50%")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Kurang: .*batas utara"))).to_be_visible()
    settle(page, traffic, "status-drilldown-1280")


def test_resident_reads_the_public_status_page(phone, balai_server, settle):
    page, traffic = phone
    page.goto(balai_server.url(path="/"))
    page.get_by_role("link", name="Status situs kelurahan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Status situs kelurahan")
    expect(page.get_by_text("43 dari 43 kelurahan sudah memiliki situs yang aktif")).to_be_visible()
    expect(page.locator(".status-table tbody tr")).to_have_count(8)
    settle(page, traffic, "status-public-360")
