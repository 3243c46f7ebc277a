"""The page editor's action menu: an account that may publish has "Terbitkan" as its main
button and no approval workflow to submit to, taking a page off the site comes last and
asks first; a contributor's menu stays Wagtail's (save a draft, submit for approval)."""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from balai.conftest import CITANGKIL
from balai.core.tests.formdata import form_data
from balai.profil.models import ProfilPage
from balai.provisioning.models import RegionSite

pytestmark = pytest.mark.django_db


@pytest.fixture
def citangkil():
    return RegionSite.objects.select_related("home_page").get(region__kode=CITANGKIL)


@pytest.fixture
def profil(citangkil):
    page = ProfilPage.objects.child_of(citangkil.home_page).get()
    assert page.live
    return page


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _footer(html: str) -> str:
    """The page editor's footer: the main action, then the menu of the others."""
    match = re.search(r'<footer class="footer[^"]*"[\s\S]*?</footer>', html)
    assert match, "the editor has no footer"
    return match.group(0)


def _actions(footer: str) -> list[str]:
    """The actions in the order the footer shows them: the main one first, then the menu's
    (a button's name; "save-draft" for the button without one; "unpublish" for its link)."""
    actions = []
    for control in BeautifulSoup(footer, "html.parser").select("button, a[href]"):
        if control.get("name", "").startswith("action-"):
            actions.append(control["name"])
        elif "action-save" in control.get("class", []):
            actions.append("save-draft")
        elif control.get("href", "").endswith("/unpublish/"):
            actions.append("unpublish")
    return actions


def _main_button(footer: str) -> str:
    """The action outside the drop-up menu: Wagtail renders it before the menu toggle."""
    return _actions(footer.split('data-w-dropdown-target="toggle"')[0])[-1]


def test_an_operator_publishes_with_the_main_button(make_user, citangkil, profil):
    client = _client(make_user("op", citangkil.operator_group))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[profil.pk]))
    assert response.status_code == 200
    footer = _footer(response.content.decode())
    assert _main_button(footer) == "action-publish"
    assert "Terbitkan" in footer.split('data-w-dropdown-target="toggle"')[0]
    # No approval to ask for: the operator is the approver.
    assert 'name="action-submit"' not in footer
    assert "Ajukan" not in footer
    # Taking the page off the site is in the menu, last.
    order = _actions(footer)
    assert order[0] == "action-publish"
    assert order[-1] == "unpublish", order
    assert "save-draft" in order


def test_a_new_page_of_an_operator_is_published_with_the_main_button(make_user, citangkil):
    news_index = Page.objects.child_of(citangkil.home_page).get(slug="berita")
    client = _client(make_user("op", citangkil.operator_group))
    response = client.get(reverse("wagtailadmin_pages:add",
                                  args=["berita", "beritapage", news_index.pk]))
    footer = _footer(response.content.decode())
    assert _main_button(footer) == "action-publish"
    assert 'name="action-submit"' not in footer


def test_a_contributor_keeps_save_draft_and_submit_for_approval(make_user, citangkil, profil):
    client = _client(make_user("kontributor", citangkil.contributor_group))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[profil.pk]))
    footer = _footer(response.content.decode())
    assert 'name="action-publish"' not in footer
    assert "/unpublish/" not in footer
    assert _main_button(footer) == "save-draft"
    assert 'name="action-submit"' in footer
    assert f"Persetujuan Kelurahan Citangkil ({CITANGKIL})" in footer


def test_unpublishing_asks_first(make_user, citangkil, profil):
    client = _client(make_user("op", citangkil.operator_group))
    url = reverse("wagtailadmin_pages:unpublish", args=[profil.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Yakin ingin menarik halaman ini dari situs?" in html
    assert f'action="{url}"' in html
    profil.refresh_from_db()
    assert profil.live  # opening the question changes nothing

    response = client.post(url)
    assert response.status_code == 302
    profil.refresh_from_db()
    assert not profil.live


def test_publishing_from_the_main_button_puts_the_page_live(make_user, citangkil, profil):
    """The main button is a real publish: the form POSTed as the operator's browser does."""
    client = _client(make_user("op", citangkil.operator_group))
    url = reverse("wagtailadmin_pages:edit", args=[profil.pk])
    data = form_data(client.get(url).content, "page-edit-form")
    data["vision"] = "Visi baru yang diterbitkan langsung."
    data["action-publish"] = "action-publish"
    response = client.post(url, data)
    assert response.status_code == 302
    profil.refresh_from_db()
    assert profil.live
    assert profil.vision == "Visi baru yang diterbitkan langsung."
