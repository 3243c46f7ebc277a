"""Builders for test data, made through the same code the admin uses.

A test that needs content makes its own, with values it chooses, on one of the sites the
session provisions empty (``kelurahan_site()``: Warnasari unless told otherwise), so that it
never depends on the demo's sample text (``balai/demo``). Pages are added as the page
editor adds them (``add_child`` then ``save_revision().publish()``, which also passes the
guard), StreamFields are stored in the shape the admin saves (every block and list item
with an id: see ``balai/core/streams.py``), and images are real JPEG files in the site's
collection.

    site = kelurahan_site()
    news(site, "Kerja bakti RW 03", tags=["lingkungan"])
    html = site.client.get("/berita/").text
"""

import datetime
import io
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from balai.agenda.models import AgendaIndexPage, AgendaPage
from balai.berita.models import BeritaIndexPage, BeritaPage
from balai.dokumen.models import DokumenIndexPage, PublicDocument
from balai.layanan.models import LayananIndexPage, LayananPage, ServiceDefinition
from balai.lembaga.models import LembagaIndexPage, LembagaOfficer, LembagaPage
from balai.pengaduan.models import Complaint, ComplaintCategory
from balai.permohonan.models import ServiceRequest
from balai.profil.models import CityContact, KontakPage, OfficeHours, ProfilPage, StrukturPage
from balai.program.models import ProgramIndexPage, ProgramPage, SmartCityDimension
from balai.provisioning.models import RegionSite
from balai.rtrw.models import RtRwPage

# Provisioned by the session and left empty by the demo (balai/conftest.py).
WARNASARI = "36.72.08.1001"
DRINGO = "36.72.08.1002"


@dataclass
class TestSite:
    """One provisioned site: its record, its home page and a client on its host name."""

    __test__ = False  # not a test class, whatever pytest's naming rule says

    record: RegionSite
    home: Page
    client: Client

    def section(self, model):
        """The site's section page of one type (made by provisioning), as its own class."""
        return model.objects.child_of(self.home).get()

    def path(self, page: Page) -> str:
        """The page's address on the site's own host name, e.g. ``/berita/kerja-bakti/``."""
        return page.url_path[len(self.home.url_path) - 1:]


def region_site(kode: str) -> TestSite:
    """The site the session provisioned for a region (a kelurahan, a kecamatan, the city)."""
    record = RegionSite.objects.select_related("site", "home_page", "collection").get(
        region__kode=kode)
    site = record.site
    host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    return TestSite(record=record, home=record.home_page.specific, client=Client(HTTP_HOST=host))


def kelurahan_site(kode: str = WARNASARI) -> TestSite:
    """A kelurahan site the demo left empty (Warnasari by default; also ``DRINGO``), ready
    for the test to fill."""
    return region_site(kode)


def city_contact(**fields) -> CityContact:
    """The city's public-service contacts (Pengaturan → Kontak layanan publik kota), saved
    after the same checks as the settings form: ``name``, ``address``, ``phone``, ``hours``,
    ``office_hours_default`` …"""
    contact = CityContact.load()
    for name, value in fields.items():
        setattr(contact, name, value)
    contact.full_clean()
    contact.save()
    return contact


def publish(parent: Page, model, **fields) -> Page:
    """Add a ``model`` page under ``parent`` and publish it, as the page editor does (the
    slug comes from the title unless given)."""
    page = model(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def update(page: Page, **fields) -> Page:
    """Set fields of an existing page and publish a new revision, as the page editor does."""
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def stream(model, field: str, blocks: list[tuple[str, dict]]):
    """A StreamField value from ``(block type, plain value)`` pairs, converted through the
    blocks so that it is saved as the admin saves it (ids on blocks and list items)."""
    stream_block = model._meta.get_field(field).stream_block
    value = stream_block.to_python([{"type": kind, "value": raw} for kind, raw in blocks])
    list(value)  # convert every block now: saving then writes the blocks' own shape
    return value


def image(site: TestSite, title: str, *, size=(800, 600), colour=(31, 78, 121)):
    """A plain JPEG picture in the site's collection, as an operator uploads it."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    picture = get_image_model()(title=title, description=title,
                                collection=site.record.collection,
                                file=ImageFile(buffer, name="foto.jpg"))
    picture.save()
    return picture


def news(site: TestSite, title: str, *, date: datetime.date | None = None, tags=(),
         summary: str = "", body: str = "", image=None) -> BeritaPage:
    """A published news article (today's unless ``date``) with the given tags."""
    page = BeritaPage(title=title, date=date or timezone.localdate(),
                      summary=summary or f"Ringkasan: {title}.",
                      body=body or f"<p>{title}.</p>", image=image)
    page.tags.add(*tags)
    index = site.section(BeritaIndexPage)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def event(site: TestSite, title: str, *, start: datetime.datetime, hours: int = 2,
          location: str = "Aula kantor kelurahan", summary: str = "") -> AgendaPage:
    """A published event lasting ``hours`` from ``start`` (an aware datetime)."""
    return publish(site.section(AgendaIndexPage), AgendaPage, title=title, location=location,
                   start=start, end=start + datetime.timedelta(hours=hours), summary=summary)


def days_from_now(days: int, hour: int = 9) -> datetime.datetime:
    """An aware datetime ``days`` from today (negative: in the past) at ``hour`` o'clock."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def lembaga(site: TestSite, title: str, *, kind: str = "karang_taruna", summary: str = "",
            officers: list[tuple[str, str]] = ()) -> LembagaPage:
    """A published organisation page with its officers as ``(role, name)`` pairs."""
    return publish(site.section(LembagaIndexPage), LembagaPage, title=title, kind=kind,
                   summary=summary or f"Organisasi {title}.",
                   officers=[LembagaOfficer(role=role, name=name) for role, name in officers])


def program(site: TestSite, title: str, *, status: str = "1_running",
            dimensions: list[str] = ("governance",), summary: str = "") -> ProgramPage:
    """A published programme page in the given Smart City dimensions (by code)."""
    return publish(site.section(ProgramIndexPage), ProgramPage, title=title, status=status,
                   summary=summary or f"Program {title}.",
                   dimensions=list(SmartCityDimension.objects.filter(code__in=dimensions)))


def documents(site: TestSite, *items: tuple[str, str, object]) -> DokumenIndexPage:
    """The public-information page listing ``(title, category, document)`` items, published;
    ``document`` is a Wagtail document (e.g. from ``pdf()``)."""
    page = site.section(DokumenIndexPage)
    page.documents = [PublicDocument(title=title, category=category,
                                     year=timezone.localdate().year, document=document)
                      for title, category, document in items]
    return update(page)


def pdf(site: TestSite, title: str):
    """A small one-page PDF document in the site's collection, as an operator uploads it."""
    stream = b"BT /F1 14 Tf 72 760 Td (Dokumen uji) Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)]
    body, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    document = get_document_model()(title=title, collection=site.record.collection)
    document.file.save("dokumen.pdf", ContentFile(body), save=False)
    document.save()
    return document


def kontak(site: TestSite, *, address: str, phone: str = "", hours_note: str = "",
           hours: list[tuple[int, datetime.time, datetime.time]] = ()) -> KontakPage:
    """The site's contact page with its address, phone and ``(weekday, opens, closes)``
    office hours (1 = Monday), published."""
    page = site.section(KontakPage)
    page.office_hours = [OfficeHours(weekday=day, opens=opens, closes=closes)
                         for day, opens, closes in hours]
    return update(page, address=address, phone=phone, hours_note=hours_note)


def person(name: str, position: str = "", photo=None) -> dict:
    """One person of a staff structure, as the struktur editor stores it."""
    return {"name": name, "position": position, "nip": "",
            "photo": photo.pk if photo is not None else None}


def staff(site: TestSite, *, leader: str, units: list[tuple[str, dict, list[dict]]] = (),
          leader_position: str = "", leader_photo=None) -> StrukturPage:
    """The staff structure: the leader, then ``(unit name, head, members)`` units whose
    people come from ``person()``, published."""
    return update(site.section(StrukturPage), leader_name=leader,
                  leader_position=leader_position, leader_photo=leader_photo,
                  units=stream(StrukturPage, "units", [
                      ("unit", {"name": name, "head": head, "members": list(members)})
                      for name, head, members in units]))


def rt(number: int, head: str, *, phone: str = "", area: str = "") -> dict:
    """One RT of an RW, for ``rw()``."""
    return {"number": number, "head": head, "phone": phone, "area": area}


def rw(number: int, head: str, *rts: dict, phone: str = "", area: str = "") -> dict:
    """One RW with its RTs (from ``rt()``), for ``rt_rw()``."""
    return {"number": number, "head": head, "phone": phone, "area": area, "rts": list(rts)}


def rt_rw(site: TestSite, *rws: dict) -> RtRwPage:
    """The RT/RW page listing the given RWs (from ``rw()``), published."""
    return update(site.section(RtRwPage),
                  rws=stream(RtRwPage, "rws", [("rw", value) for value in rws]))


def service(site: TestSite, slug: str, **local) -> LayananPage:
    """One of the site's service pages (by the city catalogue's slug) with the kelurahan's
    own details set (``offered``, ``officer``, ``service_hours``, ``local_notes``),
    published."""
    page = LayananPage.objects.child_of(site.section(LayananIndexPage)).get(
        definition__slug=slug)
    return update(page, **local)


def draft_definition(*, like: str, name: str, slug: str) -> ServiceDefinition:
    """A new city service, saved as a draft (not yet published), with the requirements and
    steps of the catalogue's service ``like`` (a slug)."""
    source = ServiceDefinition.objects.get(slug=like)
    definition = ServiceDefinition(
        name=name, slug=slug, category=source.category, summary=f"{name} untuk warga.",
        eligibility="Warga kelurahan ini.", requirements=source.requirements.raw_data,
        steps=source.steps.raw_data, processing_time="1 hari kerja", product="Surat.",
        live=False)
    definition.save()
    return definition


def complete_kelurahan(site: TestSite) -> TestSite:
    """Fill every item of the completeness checklist (balai/status/completeness.py) on a
    kelurahan site: a full profile, the lurah and three staff with photos, an RW with its
    RTs, office hours and a phone, a news item of today and a Karang Taruna page."""
    update(site.section(ProfilPage), history="<p>Dibentuk tahun 1999.</p>",
           vision="Kelurahan yang bersih dan ramah.", mission="<ol><li>Melayani.</li></ol>",
           area_km2=Decimal("2.50"), population_total=9000, population_male=4600,
           population_female=4400, households=2700, border_north="Laut Jawa",
           border_south="Kelurahan Lebak Denok", border_east="Kelurahan Kebonsari",
           border_west="Kelurahan Samangraya")
    staff(site, leader="Ibu Lurah Lengkap", leader_photo=image(site, "Foto lurah"), units=[
        ("Sekretariat", person("Pak Sekretaris", "Sekretaris", image(site, "Foto 1")),
         [person("Bu Staf", "Staf", image(site, "Foto 2"))]),
        ("Seksi Pemerintahan", person("Pak Kasi", "Kepala Seksi", image(site, "Foto 3")), [])])
    rt_rw(site, rw(1, "Pak RW Satu", rt(1, "Bu RT Satu"), rt(2, "Pak RT Dua")))
    kontak(site, address="Jl. Kantor Kelurahan No. 1", phone="0254 391111",
           hours=[(day, datetime.time(8), datetime.time(16)) for day in range(1, 6)])
    news(site, "Kabar kelurahan hari ini")
    lembaga(site, "Karang Taruna Bina Muda", kind="karang_taruna")
    return site


def photo_bytes(size=(1200, 900)) -> bytes:
    """A JPEG as a phone saves it, with the camera's EXIF (make, orientation, GPS position)."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0112] = 6  # turned: the stored picture is upright once re-encoded
    exif.get_ifd(0x8825).update({1: "S", 2: (6.0, 0.0, 30.0), 3: "E", 4: (106.0, 3.0, 10.0)})
    out = io.BytesIO()
    Image.new("RGB", size, (90, 120, 60)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def complaint_of(site: TestSite, *, text: str, category: str = "Lainnya", photo: bool = False,
                 **fields) -> Complaint:
    """A complaint sent through the site's public form as a resident sends it (``name``,
    ``phone``, ``email``, ``rt_rw``, ``place`` as typed)."""
    data = {"category": ComplaintCategory.objects.get(name=category).pk, "text": text,
            "website": "", **fields}
    if photo:
        data["photo"] = SimpleUploadedFile("IMG_0001.jpg", photo_bytes(),
                                           content_type="image/jpeg")
    response = site.client.post(f"{site.home.url}pengaduan/", data)
    if response.status_code != 303:
        raise AssertionError(f"the complaint form refused: {response.content.decode()[:2000]}")
    code = response["Location"].rstrip("/").rsplit("/", 1)[-1].replace("-", "")
    return Complaint.objects.get(region=site.record.region, code=code)


SKTM = "surat-keterangan-tidak-mampu"
# Valid in shape (balai/core/nik.py): Kota Cilegon, Jombang (36.72.01), born 12-05-1990.
NIK = "3672011205900007"


def online_service(site: TestSite, slug: str = SKTM) -> LayananPage:
    """The site's service page taking online requests (the catalogue's sample SKTM and
    domisili are requestable online)."""
    return service(site, slug, offered=True, online=True)


def request_answers(definition: ServiceDefinition, **by_label) -> dict[str, str]:
    """The form's answers keyed by question id, from values given by label; questions not
    given get a plausible answer (the NIK, a name, the first option, 2, today)."""
    answers = {}
    for child in definition.request_fields:
        label, kind = child.value["label"], child.block_type
        if label in by_label:
            answers[child.id] = by_label[label]
        elif kind == "nik":
            answers[child.id] = NIK
        elif kind == "choice":
            answers[child.id] = child.value["options"][0]
        elif kind == "number":
            answers[child.id] = "2"
        elif kind == "date":
            answers[child.id] = timezone.localdate().isoformat()
        else:
            answers[child.id] = "Siti Aminah" if "nama" in label.lower() else "Jl. Contoh 1"
    return answers


def service_request_of(site: TestSite, slug: str = SKTM, *, phone: str = "081234567890",
                       email: str = "", uploads: dict[str, bytes] | None = None,
                       **by_label) -> tuple[ServiceRequest, str]:
    """A request for the site's service ``slug`` and its PIN, as a resident sends it: the
    public form POSTed on the site, the PIN read from the page it leads to. ``uploads`` maps
    a requirement's words to the file's bytes (by default a photo for each requirement asked
    for upload that everyone needs; the others are ticked "I will bring it"); answers by
    question label, the others plausible (``request_answers``). The site's client forgets
    the request's cookies afterwards, as a resident who closed the browser."""
    page = online_service(site, slug)
    definition = page.definition
    if uploads is None:
        uploads = {child.value["document"]: photo_bytes() for child in definition.requirements
                   if child.value["online"] == "unggah" and not child.value["condition"]}
    data = {f"q-{key}": value for key, value in request_answers(definition, **by_label).items()}
    for child in definition.requirements:
        if child.value["online"] != "unggah":
            continue
        if child.value["document"] in uploads:
            data[f"doc-{child.id}"] = SimpleUploadedFile(
                "dokumen.jpg", uploads[child.value["document"]], content_type="image/jpeg")
        else:
            data[f"bawa-{child.id}"] = "on"
    data.update({"phone": phone, "email": email, "website": "", "persetujuan": "on"})
    base = f"{site.home.url}permohonan/"
    sent = site.client.post(f"{base}ajukan/{slug}/", data)
    if sent.status_code != 303:
        raise AssertionError(f"the request form refused the request ({sent.status_code}): "
                             f"{sent.content.decode()[:2000]}")
    shown = site.client.get(sent["Location"]).content.decode()
    pin = re.search(r'class="tracking-code pin">(\d+)<', shown).group(1)
    code = sent["Location"].rstrip("/").rsplit("/", 1)[-1]
    for name in ("permohonan_pin", "permohonan_akses"):
        site.client.cookies.pop(name, None)
    service_request = ServiceRequest.objects.get(region=site.record.region,
                                                 code=code.replace("-", ""))
    return service_request, pin


def survey_response(site: TestSite, *values: int, service: str = "lain") -> None:
    """One respondent's answers sent through the site's survey form: ``values`` are U1…U9
    (one value is repeated for all nine)."""
    values = values * 9 if len(values) == 1 else values
    data = {"layanan": service, "umur": "30-39", "jenis_kelamin": "P", "pendidikan": "sma",
            "pekerjaan": "wirausaha", "saran": "",
            **{f"u{number}": str(value) for number, value in enumerate(values, start=1)}}
    response = site.client.post(f"{site.home.url}survei/", data)
    if response.status_code != 302:
        raise AssertionError(f"the survey form refused: {response.content.decode()[:2000]}")
