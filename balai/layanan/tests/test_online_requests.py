"""What an online request for a service asks, as the city defines it in the catalogue (the
form builder, how each requirement is given online, the KTP-el rule) and the office's
choice to take online requests: through the admin's own forms."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation

from balai.conftest import CITANGKIL, KEBONSARI
from balai.core.groups import CITY_ADMIN_GROUP
from balai.core.tests.pageform import PageForm
from balai.layanan.blocks import RequirementBlock
from balai.layanan.models import LayananPage, ServiceDefinition
from balai.provisioning.models import RegionSite

pytestmark = pytest.mark.django_db

DOMISILI = "surat-keterangan-domisili"
SKTM = "surat-keterangan-tidak-mampu"
SKCK = "surat-pengantar-skck"
VALID_NIK = "3672 0112 0590 0007"


def _definition(slug: str) -> ServiceDefinition:
    return ServiceDefinition.objects.get(slug=slug)


def _request_form(definition: ServiceDefinition) -> type[forms.Form]:
    return type("RequestForm", (forms.Form,), definition.request_form_fields())


def _answers(definition: ServiceDefinition, **by_label) -> dict[str, str]:
    keys = {child.value["label"]: child.id for child in definition.request_fields}
    return {keys[label]: value for label, value in by_label.items()}


@pytest.fixture
def editor(make_user, client):
    client.force_login(make_user("dinas-1", Group.objects.get(name=CITY_ADMIN_GROUP)))
    return client


def _edit(client, definition: ServiceDefinition) -> tuple[str, PageForm]:
    """The snippet's edit URL and its form, read from the page as the browser has it."""
    url = reverse(definition.snippet_viewset.get_url_name("edit"), args=[definition.pk])
    response = client.get(url)
    assert response.status_code == 200
    return url, PageForm(response.content, form_id="w-editor-form")


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [text for value in node.values() for text in _strings(value)]
    if isinstance(node, list):
        return [text for value in node for text in _strings(value)]
    return []


def _shown_errors(html: str) -> str:
    """Every error message the editor shows: the fields' own and, for StreamFields, those
    the block editor's JavaScript places next to each block (sent as JSON)."""
    soup = BeautifulSoup(html, "html.parser")
    texts = [element.get_text(" ", strip=True)
             for element in soup.select(".error-message, .help-critical, .w-field__errors")]
    for element in soup.find_all(attrs={"data-controller": "w-block"}):
        arguments = json.loads(element["data-w-block-arguments-value"])
        texts += _strings(arguments[1:])
    return "\n".join(texts)


def _field(form: PageForm, kind: str, label: str, **values) -> dict:
    block = form.new_block("request_fields", kind)
    block["value"].update(label=label, **values)
    return block


def _options(*texts: str) -> list[dict]:
    return [{"value": text, "id": None} for text in texts]


# The sample catalogue and the form a definition gives ------------------------------------

def test_sktm_and_domisili_are_offered_online_in_the_sample_catalogue():
    online = ServiceDefinition.objects.filter(online=True)
    assert set(online.values_list("slug", flat=True)) == {DOMISILI, SKTM}
    for definition in online:
        assert definition.is_sample
        # The same rules as the admin's form: the sample is something the city could save.
        definition.request_fields.stream_block.clean(definition.request_fields)
        definition.full_clean()
        types = [child.block_type for child in definition.request_fields]
        assert "nik" in types and types.count("text") >= 2
        modes = {value["document"]: value["online"] for value in definition.requirement_values}
        assert modes["KTP elektronik pemohon"] == RequirementBlock.Online.NIK
        assert modes["Surat pengantar RT dan RW"] == RequirementBlock.Online.UPLOAD
        assert modes["Kartu Keluarga"] == RequirementBlock.Online.UPLOAD
    sktm_modes = [value["online"] for value in _definition(SKTM).requirement_values]
    assert RequirementBlock.Online.BRING in sktm_modes  # the stamped statement is brought


def test_the_request_form_is_built_from_the_definition():
    definition = _definition(SKTM)
    form_class = _request_form(definition)
    good = _answers(definition, **{
        "NIK pemohon": VALID_NIK, "Nama lengkap": "Siti Aminah",
        "Alamat": "Link. Citangkil RT 02 RW 05", "Jumlah anggota keluarga": "4",
        "Keperluan": "Berobat", "Keterangan keperluan": ""})
    form = form_class(good)
    assert form.is_valid(), form.errors
    assert form.cleaned_data[_answers(definition, **{"NIK pemohon": ""}).popitem()[0]] == (
        "3672011205900007")

    with translation.override("id"):
        bad = form_class({**good, **_answers(definition, **{
            "NIK pemohon": "3672011205900", "Keperluan": "Liburan",
            "Jumlah anggota keluarga": "0", "Nama lengkap": ""})})
        assert not bad.is_valid()
        errors = {definition_field.value["label"]: " ".join(bad.errors.get(definition_field.id, []))
                  for definition_field in definition.request_fields}
    assert "16 angka" in errors["NIK pemohon"]
    assert errors["Keperluan"] and errors["Jumlah anggota keluarga"] and errors["Nama lengkap"]
    assert errors["Keterangan keperluan"] == ""  # optional


def test_a_date_question_keeps_to_its_days_from_today(editor):
    definition = _definition(SKCK)
    url, form = _edit(editor, definition)
    form.fields["online"] = "on"
    form.streams["request_fields"] = [
        _field(form, "nik", "NIK pemohon"),
        _field(form, "date", "Tanggal lahir", latest=0, earliest=-36500),
        _field(form, "date", "Tanggal acara", earliest=7, latest=None),
    ]
    for requirement in form.streams["requirements"]:
        if "KTP" in requirement["value"]["document"]:
            requirement["value"]["online"] = RequirementBlock.Online.NIK
    response = editor.post(url, form.data())
    assert response.status_code == 302, _shown_errors(response.text)
    draft = ServiceDefinition.objects.get(pk=definition.pk).latest_revision.as_object()
    form_class = _request_form(draft)
    today = timezone.localdate()

    def errors(**answers) -> dict:
        bound = form_class(_answers(draft, **{"NIK pemohon": VALID_NIK, **answers}))
        bound.is_valid()
        return bound.errors

    assert not errors(**{"Tanggal lahir": "1990-05-12",
                         "Tanggal acara": str(today + datetime.timedelta(days=7))})
    with translation.override("id"):
        wrong = errors(**{"Tanggal lahir": str(today + datetime.timedelta(days=1)),
                          "Tanggal acara": str(today + datetime.timedelta(days=6))})
    assert len(wrong) == 2
    assert all("Tanggal tidak boleh" in " ".join(messages) for messages in wrong.values())


# The city office defines an online service through the admin ----------------------------

def test_the_city_office_makes_a_service_online_and_it_goes_through_approval(editor):
    definition = _definition(SKCK)
    assert not definition.online
    url, form = _edit(editor, definition)
    assert "Permohonan online" in editor.get(url).text
    form.fields["online"] = "on"
    form.streams["request_fields"] = [
        _field(form, "nik", "NIK pemohon", help_text="Sesuai KTP-el"),
        _field(form, "text", "Nama lengkap", max_length=100),
        _field(form, "choice", "Keperluan SKCK",
               options=_options("Melamar kerja", "Sekolah", "Lainnya")),
    ]

    # The sample SKCK asks for a photocopy of the KTP-el, which may not be asked for.
    with translation.override("id"):
        refused = editor.post(url, form.data())
    assert refused.status_code == 200
    assert "SE Mendagri 471.13/1826/SJ" in _shown_errors(refused.text)
    assert ServiceDefinition.objects.get(pk=definition.pk).latest_revision == (
        definition.latest_revision)

    ktp = [requirement for requirement in form.streams["requirements"]
           if "KTP" in requirement["value"]["document"]]
    assert ktp
    for requirement in ktp:
        requirement["value"]["online"] = RequirementBlock.Online.NIK
    response = editor.post(url, form.data())
    assert response.status_code == 302, _shown_errors(response.text)

    # A draft for the approvers: residents still see the live definition.
    definition.refresh_from_db()
    assert not definition.online
    draft = definition.latest_revision.as_object()
    assert draft.online
    assert [(child.block_type, child.value["label"]) for child in draft.request_fields] == [
        ("nik", "NIK pemohon"), ("text", "Nama lengkap"), ("choice", "Keperluan SKCK")]
    assert list(draft.request_fields[2].value["options"]) == ["Melamar kerja", "Sekolah",
                                                              "Lainnya"]
    draft.save_revision().publish()
    definition.refresh_from_db()
    assert definition.online and len(definition.request_fields) == 3


@pytest.mark.parametrize(("change", "message"), [
    ("no_fields", "setidaknya satu pertanyaan"),
    ("choice_without_options", "setidaknya dua pilihan"),
    ("same_options", "Dua pilihan sama"),
    ("same_label", "Pertanyaan lain sudah memakai teks ini"),
    ("number_range", "Angka terbesar tidak boleh lebih kecil"),
    ("number_too_large", "1000000000000"),
    ("control_characters", "karakter kontrol"),
    ("date_range", "Tanggal paling akhir tidak boleh sebelum"),
    ("nik_requirement_without_nik_field", "tambahkan pertanyaan NIK"),
])
def test_the_admin_says_in_indonesian_what_is_wrong(editor, change, message):
    definition = _definition(DOMISILI)
    url, form = _edit(editor, definition)
    fields = form.streams["request_fields"]
    assert len(fields) == 5  # the sample's NIK, name, address, status and purpose
    if change == "no_fields":
        form.streams["request_fields"] = []
    elif change == "choice_without_options":
        fields.append(_field(form, "choice", "Jenis pekerjaan", options=[]))
    elif change == "same_options":
        fields.append(_field(form, "choice", "Jenis pekerjaan",
                             options=_options("Karyawan", "karyawan ")))
    elif change == "same_label":
        fields.append(_field(form, "text", "  nama   LENGKAP "))
    elif change == "number_range":
        fields.append(_field(form, "number", "Jumlah anak", min_value=5, max_value=2))
    elif change == "number_too_large":
        fields.append(_field(form, "number", "Luas tanah", max_value=10**30))
    elif change == "control_characters":
        fields.append(_field(form, "text", "Nama\x00<script>", help_text="a\tb"))
    elif change == "date_range":
        fields.append(_field(form, "date", "Tanggal pindah", earliest=10, latest=-10))
    elif change == "nik_requirement_without_nik_field":
        form.streams["request_fields"] = [field for field in fields if field["type"] != "nik"]
    with translation.override("id"):
        response = editor.post(url, form.data())
    assert response.status_code == 200
    assert message in _shown_errors(response.text)
    assert ServiceDefinition.objects.get(pk=definition.pk).latest_revision == (
        definition.latest_revision)


def test_a_service_not_online_may_keep_an_empty_form(editor):
    definition = _definition(SKCK)
    url, form = _edit(editor, definition)
    form.fields["summary"] = "Ringkasan yang diperiksa kota."
    response = editor.post(url, form.data())
    assert response.status_code == 302, _shown_errors(response.text)


def test_script_in_the_form_builder_is_only_ever_shown_as_text(editor):
    payload = '<script>alert("balai")</script>'
    image = '<img src=x onerror="alert(1)">'
    definition = _definition(DOMISILI)
    url, form = _edit(editor, definition)
    form.streams["request_fields"].append(
        _field(form, "choice", f"Pilih {payload}", help_text=image,
               options=_options(payload, f"B {image}")))
    response = editor.post(url, form.data())
    assert response.status_code == 302, _shown_errors(response.text)
    draft = ServiceDefinition.objects.get(pk=definition.pk).latest_revision.as_object()

    edit_page = editor.get(url).text
    assert payload not in edit_page and image not in edit_page
    assert "balai" in edit_page  # the text is there, escaped inside the block's data
    listing = editor.get(reverse(definition.snippet_viewset.get_url_name("list"))).text
    assert payload not in listing

    # The resident's form (next: the request app) renders it escaped too.
    rendered = str(_request_form(draft)())
    assert payload not in rendered and image not in rendered
    assert "&lt;script&gt;" in rendered and "&lt;img" in rendered


def test_content_saved_before_the_online_modes_reads_as_upload_and_stays_valid():
    definition = _definition(SKCK)
    raw = definition.requirements.raw_data
    for item in raw:
        item["value"].pop("online", None)
    ServiceDefinition.objects.filter(pk=definition.pk).update(requirements=list(raw))
    definition = _definition(SKCK)
    assert {value["online"] for value in definition.requirement_values} == {
        RequirementBlock.Online.UPLOAD}
    definition.full_clean()  # not online: the KTP-el photocopy rule is for online requests


# The office's choice --------------------------------------------------------------------

def _page(kode: str, slug: str) -> LayananPage:
    record = RegionSite.objects.select_related("home_page").get(region__kode=kode)
    return LayananPage.objects.descendant_of(record.home_page).get(definition__slug=slug)


@pytest.fixture
def operator(make_user, client):
    record = RegionSite.objects.select_related("operator_group").get(region__kode=KEBONSARI)
    client.force_login(make_user("op-kebonsari", record.operator_group))
    return client


def _post_page(client, page: LayananPage, **fields):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = PageForm(client.get(url).content)
    form.fields.update(fields)
    for name, value in list(form.fields.items()):
        if value is None:
            del form.fields[name]
    with translation.override("id"):
        return client.post(url, form.data(**{"action-publish": "publish"}))


def test_an_office_takes_online_requests_for_a_service_the_city_offers_online(operator):
    page = _page(KEBONSARI, DOMISILI)
    assert not page.online and not page.takes_online_requests
    response = _post_page(operator, page, online="on")
    assert response.status_code == 302, _shown_errors(response.text)
    page.refresh_from_db()
    assert page.online and page.takes_online_requests


def test_an_office_cannot_take_online_requests_the_city_does_not_offer(operator):
    page = _page(KEBONSARI, SKCK)
    response = _post_page(operator, page, online="on")
    assert response.status_code == 200
    assert "belum menyediakan layanan ini secara online" in _shown_errors(response.text)
    page.refresh_from_db()
    assert not page.online


def test_a_service_the_office_does_not_give_cannot_be_requested_online_there(operator):
    page = _page(KEBONSARI, DOMISILI)
    response = _post_page(operator, page, online="on", offered=None)
    assert response.status_code == 200
    assert "tidak diberikan kantor Anda" in _shown_errors(response.text)


def test_when_the_city_stops_offering_online_the_office_can_still_save_its_page(operator):
    page = _page(KEBONSARI, DOMISILI)
    assert _post_page(operator, page, online="on").status_code == 302
    definition = _definition(DOMISILI)
    definition.online = False
    definition.save_revision().publish()
    page.refresh_from_db()
    assert page.online and not page.takes_online_requests
    response = _post_page(operator, page, officer="Ibu Sari, loket 2")
    assert response.status_code == 302, _shown_errors(response.text)


def test_the_demo_kelurahan_takes_its_two_sample_services_online():
    assert _page(CITANGKIL, DOMISILI).takes_online_requests
    assert _page(CITANGKIL, SKTM).takes_online_requests
    assert not _page(CITANGKIL, SKCK).online


def test_the_service_page_offers_the_online_request_only_where_it_is_taken(site_of):
    client, _home = site_of(CITANGKIL)
    html = client.get(f"/layanan/{DOMISILI}/").text
    assert "Surat Keterangan Domisili" in html and "NIK pemohon" not in html
    assert f'href="/permohonan/ajukan/{DOMISILI}/">Ajukan online</a>' in html
    skck = client.get(f"/layanan/{SKCK}/")
    assert skck.status_code == 200 and "Ajukan online" not in skck.text
