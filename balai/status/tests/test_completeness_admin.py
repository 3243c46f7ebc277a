"""The completeness checklist after real edits: the site's operator fills each item through
Wagtail's own editor (the page form GET, changed and POSTed as the browser sends it, with
"Terbitkan"), then reads the item and the score on the dashboard, as the operator sees them.
And a save without changes, of every page type of a complete site, leaves the checklist as
it was."""

import datetime
import io
import json
import re
from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image
from wagtail.models import Page

from balai.berita.models import BeritaIndexPage, BeritaPage
from balai.conftest import CITANGKIL, WARNASARI, host_of
from balai.core.models import BalaiImage
from balai.core.tests.formdata import form_data
from balai.core.tests.pageform import PageForm
from balai.layanan.models import LayananIndexPage, LayananPage
from balai.lembaga.models import LembagaIndexPage, LembagaPage
from balai.profil.models import KontakPage, ProfilPage, StrukturPage
from balai.provisioning.models import RegionSite
from balai.rtrw.models import RtRwPage
from balai.rtrw.values import page_rws
from balai.status.completeness import LABELS, WEIGHTS, site_checklist

pytestmark = pytest.mark.django_db

PUBLISH = {"action-publish": "action-publish"}


class Operator:
    """The operator of one site, signed in (password and verification code), in the admin
    on their site's host."""

    def __init__(self, record: RegionSite, user):
        self.record, self.home = record, record.home_page
        self.client = Client(HTTP_HOST=host_of(record.site))
        self.client.force_login(user)

    def section(self, model):
        return model.objects.child_of(self.home).get()

    def edit_form(self, page) -> PageForm:
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
        return PageForm(response.content)

    def publish(self, page, form: PageForm) -> None:
        """POST the edit form with "Terbitkan" and check the editor accepted it."""
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]),
                                    form.data(**PUBLISH))
        assert response.status_code == 302, _errors(response)

    def create(self, parent, model, fill) -> Page:
        """Add a child page through the admin's create view and publish it."""
        meta = model._meta
        url = reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name,
                                                      parent.pk])
        response = self.client.get(url)
        assert response.status_code == 200
        form = PageForm(response.content)
        fill(form)
        response = self.client.post(url, form.data(**PUBLISH))
        assert response.status_code == 302, _errors(response)
        return model.objects.child_of(parent).live().latest("pk")

    def upload_photo(self, title: str) -> int:
        """Upload a portrait through the admin's image form; the new image's id."""
        buffer = io.BytesIO()
        Image.new("RGB", (300, 400), (40, 90, 60)).save(buffer, "JPEG")
        url = reverse("wagtailimages:add")
        form = PageForm(self.client.get(url).content, "w-editor-form")
        data = form.data(title=title, description=f"Foto {title}")
        data["file"] = SimpleUploadedFile(f"{title}.jpg", buffer.getvalue(), "image/jpeg")
        response = self.client.post(url, data)
        assert response.status_code == 302, _errors(response)
        image = BalaiImage.objects.latest("pk")
        assert image.collection_id == self.record.collection_id  # the site's own collection
        return image.pk

    def dashboard(self) -> tuple[int, dict[str, bool]]:
        """The score and each item's state (done or not) on the operator's dashboard."""
        score, items = self._panel()
        return score, {key: item["data-done"] == "true" for key, item in items.items()}

    def missing(self, key: str) -> str:
        """What the dashboard says is missing for one item."""
        item = self._panel()[1][key]
        assert item["data-done"] == "false" and "✗ Belum" in item.get_text(), item
        text = " ".join(item.select_one(".balai-checklist__missing").get_text(" ").split())
        return text.split("Kurang: ", 1)[1]

    def _panel(self) -> tuple[int, dict]:
        html = self.client.get("/admin/").text
        panel = BeautifulSoup(html, "html.parser").find(
            "section", attrs={"aria-labelledby": f"situs-{self.record.pk}"})
        text = " ".join(panel.get_text(" ").split())
        score = int(re.search(r"Kelengkapan situs: (\d+)%", text).group(1))
        with translation.override("id"):
            labels = {key: unescape(str(label)) for key, label in LABELS.items()}
        items = {item["data-checklist-item"]: item
                 for item in panel.select("[data-checklist-item]")}
        for key, item in items.items():  # each item is named in the operator's words
            assert labels[key] in " ".join(item.get_text(" ").split())
        return score, items


def _errors(response) -> str:
    """The editor's error messages, to show when a POST was refused."""
    soup = BeautifulSoup(response.content, "html.parser")
    found = soup.select(".error-message, .help-critical, .w-field__errors, [role=alert]")
    return " | ".join(" ".join(node.get_text(" ").split()) for node in found)[:2000]


def _operator(make_user, kode: str) -> Operator:
    record = RegionSite.objects.select_related("site", "home_page", "operator_group").get(
        region__kode=kode)
    return Operator(record, make_user(f"operator-{kode}", record.operator_group))


@pytest.fixture
def empty_site(make_user) -> Operator:
    """The operator of a provisioned kelurahan site with nothing filled in yet."""
    return _operator(make_user, WARNASARI)


def _rich_text(text: str) -> str:
    """Draftail's content state for one paragraph, as its editor submits it."""
    return json.dumps({"blocks": [{
        "key": "a1b2c", "text": text, "type": "unstyled", "depth": 0, "inlineStyleRanges": [],
        "entityRanges": [], "data": {}}], "entityMap": {}})


def fill_profil(operator: Operator):
    page = operator.section(ProfilPage)
    form = operator.edit_form(page)
    form.fields.update(
        history=_rich_text("Kelurahan ini dibentuk pada tahun 1999."),
        vision="Pelayanan yang cepat dan ramah.",
        mission=_rich_text("Melayani warga dengan jelas."),
        area_km2="2.50", population_total="9000", population_male="4600",
        population_female="4400", households="2700", border_north="Kelurahan A",
        border_south="Kelurahan B", border_east="Kelurahan C")
    operator.publish(page, form)
    return page, form


def test_profile_is_done_with_all_four_borders(empty_site):
    page, form = fill_profil(empty_site)
    score, items = empty_site.dashboard()
    assert (score, items["profil"]) == (0, False)
    assert empty_site.missing("profil") == "batas barat"
    form = empty_site.edit_form(page)
    assert form.fields["border_east"] == "Kelurahan C"
    form.fields["border_west"] = "Selat Sunda"
    empty_site.publish(page, form)
    assert empty_site.dashboard() == (WEIGHTS["profil"], {**items, "profil": True})


def _person(name: str, position: str, photo: int | None) -> dict:
    return {"name": name, "position": position, "nip": "", "photo": photo}


def fill_struktur(operator: Operator, *, photos: int = 4):
    page = operator.section(StrukturPage)
    images = [operator.upload_photo(f"pegawai-{n}") for n in range(photos)]
    form = operator.edit_form(page)
    form.fields.update(leader_name="Budi Santoso, S.Sos.",
                       leader_photo=str(operator.upload_photo("lurah")))
    for number, unit_name in enumerate(["Sekretariat", "Seksi Pemerintahan"]):
        unit = form.new_block("units", "unit")
        unit["value"].update(name=unit_name, head=_person(
            f"Kepala {number}", "Kepala", images[number] if number < photos else None))
        form.streams["units"].append(unit)
    members = form.streams["units"][0]["value"]["members"]
    for number in range(2, 4):
        member = form.new_item("units", "unit", "members")
        member["value"] = _person(f"Staf {number}", "Staf",
                                  images[number] if number < photos else None)
        members.append(member)
    operator.publish(page, form)
    return page


def test_staff_structure_counts_the_photos_of_heads_and_members(empty_site):
    page = fill_struktur(empty_site, photos=2)
    score, items = empty_site.dashboard()
    assert (score, items["struktur"]) == (0, False)
    assert empty_site.missing("struktur") == "minimal 3 pegawai dengan foto (sekarang 2)"
    # A member's photo is chosen (the chooser's state carries the image).
    form = empty_site.edit_form(page)
    member = form.streams["units"][0]["value"]["members"][1]
    assert member["id"] and member["value"]["photo"] is None
    member["value"]["photo"] = {"id": empty_site.upload_photo("staf-3")}
    empty_site.publish(page, form)
    assert empty_site.dashboard() == (WEIGHTS["struktur"], {**items, "struktur": True})


def rw_publish(operator: Operator, url: str, *, head: str | None = None,
               rt_heads: tuple[str, ...] = ()) -> None:
    """One RW through the RT/RW editor (its own screen, as the dashboard's link leads):
    the form as shown, "RT baru" once per new RT, then "Terbitkan"."""
    response = operator.client.get(url)
    assert response.status_code == 200
    data = form_data(response.content, "rw-form")
    if head is not None:
        data["head"] = head
    for head_of_rt in rt_heads:
        response = operator.client.post(url, {**data, "add-rt": "1"})
        data = form_data(response.content, "rw-form")
        data[f"rt-{int(data['rt-TOTAL_FORMS']) - 1}-head"] = head_of_rt
    response = operator.client.post(url, {**data, "action-publish": "1"})
    assert response.status_code == 302, _errors(response)


def fill_rtrw(operator: Operator, *, rts_in_rw2: int = 2):
    page = operator.section(RtRwPage)
    for rw_number, rt_count in ((1, 3), (2, rts_in_rw2)):
        rw_publish(operator, reverse("balai_rtrw_rw_add", args=[page.pk]),
                   head=f"Ketua RW {rw_number}",
                   rt_heads=tuple(f"Ketua RT {rt}/{rw_number}" for rt in range(1, rt_count + 1)))
    return page


def test_rt_rw_is_done_when_every_rw_has_rts_with_heads(empty_site):
    page = fill_rtrw(empty_site, rts_in_rw2=0)
    score, items = empty_site.dashboard()
    assert (score, items["rtrw"]) == (0, False)
    assert empty_site.missing("rtrw") == "RW 2 belum punya RT"
    rw2 = next(rw for rw in page_rws(RtRwPage.objects.get(pk=page.pk)) if rw.number == 2)
    rw_publish(empty_site, reverse("balai_rtrw_rw_edit", args=[page.pk, rw2.id]),
               rt_heads=("Ketua RT 1/2",))
    assert empty_site.dashboard() == (WEIGHTS["rtrw"], {**items, "rtrw": True})
    # The public page lists what the checklist counted.
    public = Client(HTTP_HOST=host_of(empty_site.record.site)).get(page.url).text
    assert "Ketua RT 1/2" in public and "Ketua RT 3/1" in public


def fill_kontak(operator: Operator, *, address: str = "Jl. Raya Anyer No. 1"):
    page = operator.section(KontakPage)
    form = operator.edit_form(page)
    form.fields.update(address=address, phone="0254 391234")
    for day in range(1, 6):
        form.add_inline("office_hours", weekday=day, opens="08:00", closes="16:00")
    operator.publish(page, form)
    return page


def test_contact_is_done_with_address_phone_and_office_hours(empty_site):
    page = fill_kontak(empty_site, address="")
    score, items = empty_site.dashboard()
    # Office hours known: the most-used services can be used.
    assert (score, items["kontak"], items["layanan"]) == (WEIGHTS["layanan"], False, True)
    assert empty_site.missing("kontak") == "alamat"
    form = empty_site.edit_form(page)
    assert form.fields["office_hours-TOTAL_FORMS"] == "5"
    assert form.fields["office_hours-4-weekday"] == "5"
    form.fields["address"] = "Jl. Raya Anyer No. 1"
    empty_site.publish(page, form)
    assert empty_site.dashboard() == (WEIGHTS["layanan"] + WEIGHTS["kontak"],
                                      {**items, "kontak": True})


def test_services_are_done_when_the_most_used_are_offered(empty_site):
    fill_kontak(empty_site)
    score, items = empty_site.dashboard()
    assert items["layanan"]
    service = LayananPage.objects.descendant_of(empty_site.home).filter(
        definition__popular=True).order_by("definition__name").first()
    form = empty_site.edit_form(service)
    assert form.fields.pop("offered") == "on"  # unticked: a checkbox then sends nothing
    empty_site.publish(service, form)
    assert empty_site.dashboard() == (score - WEIGHTS["layanan"], {**items, "layanan": False})
    assert empty_site.missing("layanan") == f"{service.title} ditandai tidak dilayani"
    form = empty_site.edit_form(service)
    form.fields["offered"] = "on"
    empty_site.publish(service, form)
    assert empty_site.dashboard() == (score, items)


def add_berita(operator: Operator, *, days_ago: int = 0):
    def fill(form):
        form.fields.update(
            title="Kerja bakti RW 01", slug="kerja-bakti-rw-01",
            date=(timezone.localdate() - datetime.timedelta(days=days_ago)).isoformat(),
            summary="Warga RW 01 membersihkan saluran air.",
            body=_rich_text("Warga RW 01 membersihkan saluran air pada hari Minggu."))

    return operator.create(operator.section(BeritaIndexPage), BeritaPage, fill)


def test_news_counts_when_published_in_the_last_30_days(empty_site):
    news = add_berita(empty_site, days_ago=31)
    score, items = empty_site.dashboard()
    assert (score, items["berita"]) == (0, False)
    form = empty_site.edit_form(news)
    form.fields["date"] = timezone.localdate().isoformat()
    empty_site.publish(news, form)
    assert empty_site.dashboard() == (WEIGHTS["berita"], {**items, "berita": True})


def add_lembaga(operator: Operator, kind: str, title: str):
    def fill(form):
        form.fields.update(title=title, slug=kind.replace("_", "-"), kind=kind,
                           summary=f"{title} kelurahan.")
        form.add_inline("officers", role="Ketua", name="Siti Aminah")

    return operator.create(operator.section(LembagaIndexPage), LembagaPage, fill)


def test_organisations_are_done_with_a_karang_taruna(empty_site):
    add_lembaga(empty_site, "pkk", "Tim Penggerak PKK")
    score, items = empty_site.dashboard()
    assert (score, items["lembaga"]) == (0, False)
    assert empty_site.missing("lembaga") == "belum ada halaman Karang Taruna"
    page = add_lembaga(empty_site, "karang_taruna", "Karang Taruna Tunas Muda")
    assert page.officers.get().name == "Siti Aminah"
    assert empty_site.dashboard() == (WEIGHTS["lembaga"], {**items, "lembaga": True})


def test_an_empty_site_filled_through_the_admin_is_complete_everywhere(empty_site,
                                                                        city_client):
    fill_profil(empty_site)
    page = empty_site.section(ProfilPage)
    form = empty_site.edit_form(page)
    form.fields["border_west"] = "Selat Sunda"
    empty_site.publish(page, form)
    fill_struktur(empty_site)
    fill_rtrw(empty_site)
    fill_kontak(empty_site)
    add_berita(empty_site)
    add_lembaga(empty_site, "karang_taruna", "Karang Taruna Tunas Muda")
    assert empty_site.dashboard() == (100, dict.fromkeys(LABELS, True))
    kode = empty_site.record.region.kode
    detail = city_client.get(f"/admin/status-situs/{kode}/").text
    assert "Kelengkapan situs: 100%" in detail
    public = Client(HTTP_HOST="balai.test").get("/status/").text
    row = public.split(f">{empty_site.record.region.full_name}</a>", 1)[1].split("</li>")[0]
    assert 'class="meta">lengkap</span>' in row


# Every page type of a complete site, saved in the admin without a change.
UNCHANGED = [ProfilPage, StrukturPage, RtRwPage, KontakPage, LayananIndexPage, LayananPage,
             BeritaIndexPage, BeritaPage, LembagaIndexPage, LembagaPage]


@pytest.mark.parametrize("model", UNCHANGED, ids=lambda model: model.__name__)
def test_saving_a_page_unchanged_leaves_the_checklist_as_it_was(make_user, model):
    operator = _operator(make_user, CITANGKIL)
    before = site_checklist(operator.home)
    assert before.score == 100
    pages = model.objects.descendant_of(operator.home).live()
    if model is LayananPage:
        pages = pages.filter(definition__popular=True)
    if model is LembagaPage:
        pages = pages.filter(kind=LembagaPage.Kind.KARANG_TARUNA)
    page = pages.order_by("path").first()
    revisions = page.revisions.count()
    operator.publish(page, operator.edit_form(page))
    assert page.revisions.count() == revisions + 1
    after = site_checklist(operator.home)
    assert [(item.key, item.done, item.missing) for item in after.items] == \
        [(item.key, item.done, item.missing) for item in before.items]
    assert operator.dashboard() == (100, dict.fromkeys(LABELS, True))
