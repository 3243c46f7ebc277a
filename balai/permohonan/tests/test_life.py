"""A service request's whole life, through its services (the resident's form and the office's
queue call the same): sent with documents, found incomplete, completed by the resident, ready
to collect, collected; or rejected; steps refused when they do not follow; the emails each
side gets (the office's without personal data, the resident's only when an address was
given); the documents as pixels only; the purge of documents after 30 days and of the
personal fields after 365, the anonymous record staying for the figures.

Runs on SQLite and PostgreSQL (``make test``)."""

import datetime
import io
import json

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from PIL import Image

from balai.permohonan import services
from balai.permohonan.documents import MAX_PAGES, PAGE_WIDTH, checked_document
from balai.permohonan.models import RequestDocument, RequestEvent, ServiceRequest
from balai.permohonan.selectors import city_figures, figures_by_region
from balai.permohonan.services import StepRefused
from balai.provisioning.models import RegionSite
from balai.testing.builders import NIK, kelurahan_site, photo_bytes, service_request_of

pytestmark = pytest.mark.django_db
Status = ServiceRequest.Status
State = RequestDocument.State
NAME = "Siti Aminah Qoriatul"
PHONE = "0812 7766 5544"
EMAIL = "siti.qoriatul@contoh.id"
PERSONAL = (NAME, PHONE, "081277665544", EMAIL, NIK, "Qoriatul")
LETTER = "Surat pengantar RT dan RW"
FAMILY = "Kartu Keluarga"


def _queue_registered() -> bool:
    """The office's email links to the request in the queue (``permohonan_admin``, built on
    its own branch); without the queue's URLs that link cannot be made."""
    try:
        reverse("permohonan_admin:detail", args=[1])
    except NoReverseMatch:
        return False
    return True


needs_queue = pytest.mark.skipif(not _queue_registered(),
                                 reason="the queue's admin URLs (permohonan_admin) are not "
                                        "registered in this tree")


def pdf_bytes(*colours: str, info: str = "") -> bytes:
    """A PDF with one A4 page per colour, as a scanner app saves it."""
    pages = [Image.new("RGB", (595, 842), colour) for colour in colours]
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=72,
                  title=info, author=info)
    return out.getvalue()


def checked(data: bytes, name: str = "dokumen.jpg") -> tuple[ContentFile, int]:
    """The document as the resident's form keeps it."""
    return checked_document(SimpleUploadedFile(name, data))


def sent(site, **kwargs) -> ServiceRequest:
    """A request as the resident's form saves it: the two documents everyone uploads,
    checked (a photo from a phone; the RT letter as a scanned PDF of two pages)."""
    letter, _pages = checked(pdf_bytes("white", "white"), "pengantar.pdf")
    family, _pages = checked(photo_bytes(), "IMG_2041.jpg")
    service_request, pin = service_request_of(
        site, phone=PHONE, uploads={LETTER: letter.read(), FAMILY: family.read()},
        **{"Nama lengkap": NAME}, **kwargs)
    service_request.pin_in_clear = pin
    return service_request


def mail_text(message) -> str:
    return message.subject + "\n" + message.body


def test_a_request_from_submission_to_the_purge(django_capture_on_commit_callbacks,
                                                monkeypatch):
    site = kelurahan_site()
    # The office is told once the request is saved (its email: test_the_office_is_told_…).
    announced = []
    monkeypatch.setattr(services, "announce", lambda request, again=False: announced.append(
        (request.pk, again)))
    with django_capture_on_commit_callbacks(execute=True):
        service_request = sent(site, email=EMAIL)
    assert announced == [(service_request.pk, False)]
    assert service_request.status == Status.SUBMITTED
    assert services.pin_matches(service_request, service_request.pin_in_clear)
    assert not services.pin_matches(service_request, "12345")
    assert service_request.nik_masked == "3672**********07"
    answers = {answer["label"]: answer["value"] for answer in service_request.answer_list}
    assert answers["NIK pemohon"] == NIK and answers["Nama lengkap"] == NAME
    documents = {document.requirement: document for document in
                 service_request.documents.all()}
    assert documents[LETTER].state == documents[FAMILY].state == State.UPLOADED
    assert documents["KTP elektronik pemohon"].state == State.NIK  # asked as the NIK
    assert documents["Surat pernyataan tidak mampu bermeterai"].state == State.BRING
    family = documents[FAMILY]
    first_file = family.file.name
    assert services.whatsapp_link(service_request, site.home).startswith(
        "https://wa.me/6281277665544?text=")

    # The office checks it and finds the family card unreadable: the resident is told by
    # email what is missing and why, with the tracking page; not their own data.
    services.start_checking(service_request=service_request, user=None)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.ask_to_complete(service_request=service_request, user=None,
                                 missing={family.pk: "Foto buram, tidak terbaca."},
                                 home=site.home)
    service_request.refresh_from_db()
    assert service_request.status == Status.INCOMPLETE
    assert service_request.complete_at_first is False
    [asked] = mail.outbox
    assert asked.to == [EMAIL]
    assert f"{FAMILY}: Foto buram, tidak terbaca." in asked.body
    assert f"/permohonan/{service_request.code_display}/" in asked.body
    assert not any(detail in mail_text(asked) for detail in PERSONAL)

    # The resident sends only the family card again; the office is told.
    again, _pages = checked(photo_bytes(size=(1600, 1200)), "IMG_2042.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        services.complete(service_request=service_request, files={family.pk: (again, 1)})
    assert announced[-1] == (service_request.pk, True)
    service_request.refresh_from_db()
    family.refresh_from_db()
    assert service_request.status == Status.CHECKING and service_request.completed_at
    assert (family.state, family.reason, family.resent) == (State.UPLOADED, "", 1)
    assert family.file.name != first_file
    assert not family.file.storage.exists(first_file)  # the unreadable one is gone
    documents[LETTER].refresh_from_db()
    assert documents[LETTER].resent == 0  # what was fine was not asked again

    # Ready to collect: the date and what to bring; the resident is told.
    pickup = timezone.localdate() + datetime.timedelta(days=2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_ready(service_request=service_request, user=None, pickup_on=pickup,
                            bring_note="KTP-el dan Kartu Keluarga asli", home=site.home)
    service_request.refresh_from_db()
    assert service_request.status == Status.READY and service_request.ready_at
    assert service_request.complete_at_first is False  # the first decision stays
    [ready] = mail.outbox
    assert pickup.strftime("%d-%m-%Y") in ready.body
    assert "KTP-el dan Kartu Keluarga asli" in ready.body

    # Collected.
    mail.outbox.clear()
    services.finish(service_request=service_request, user=None)
    service_request.refresh_from_db()
    assert service_request.status == Status.DONE and service_request.finished_at
    assert mail.outbox == []
    assert list(service_request.events.values_list("status", flat=True)) == [
        Status.SUBMITTED, Status.CHECKING, Status.INCOMPLETE, Status.CHECKING, Status.READY,
        Status.DONE]

    # balai purge-personal-data runs every app's purge: 29 days after, nothing goes.
    files = [document.file.name for document in service_request.documents.exclude(file="")]
    assert len(files) == 2
    storage = family.file.storage

    def purge(days_ago: int) -> str:
        ServiceRequest.objects.filter(pk=service_request.pk).update(
            finished_at=timezone.now() - datetime.timedelta(days=days_ago))
        out = io.StringIO()
        call_command("purge_personal_data", stdout=out)
        service_request.refresh_from_db()
        return out.getvalue()

    output = purge(29)
    assert "Pengaduan" in output  # the complaints' purge ran too
    assert all(storage.exists(name) for name in files)
    # 31 days after: the documents are deleted; the answers stay.
    output = purge(31)
    assert ("Yang selesai lebih dari 30 hari lalu: dokumen dihapus dari 1; "
            "lebih dari 365 hari lalu: data pribadi dihapus dari 0.") in output
    assert not any(storage.exists(name) for name in files)
    assert not service_request.documents.exclude(file="").exists()
    assert service_request.documents_removed_at is not None
    assert service_request.answer_list and service_request.personal_data_removed_at is None
    # 366 days after: the personal fields are emptied.
    output = purge(366)
    assert "dokumen dihapus dari 0; lebih dari 365 hari lalu: data pribadi dihapus dari 1." \
        in output
    assert (service_request.answers, service_request.phone, service_request.email,
            service_request.nik_masked, service_request.pin) == ("", "", "", "", "")
    assert service_request.personal_data_removed_at is not None
    assert not services.pin_matches(service_request, service_request.pin_in_clear)
    # The anonymous record stays, with its steps, and the figures still count it.
    assert (service_request.status, service_request.service_name) == (
        Status.DONE, documents[FAMILY].request.service_name)
    assert service_request.events.count() == 6
    assert service_request.documents.count() == len(documents)
    figures = figures_by_region()[site.record.region_id]
    assert (figures.received, figures.decided, figures.complete_at_first,
            figures.ready) == (1, 1, 0, 1)
    assert figures.by_status[Status.DONE] == 1
    # A second run finds nothing more to do.
    assert "dokumen dihapus dari 0; lebih dari 365 hari lalu: data pribadi dihapus dari 0." \
        in purge(400)


def test_a_request_left_waiting_on_the_resident_is_closed_saying_why(
        django_capture_on_commit_callbacks):
    site = kelurahan_site()
    waiting, _pin = service_request_of(site, email="warga@example.com")
    family = waiting.documents.get(requirement=FAMILY)
    services.ask_to_complete(service_request=waiting, user=None,
                             missing={family.pk: "Foto buram"})
    ready, _pin = service_request_of(site)
    services.mark_ready(service_request=ready, user=None, bring_note="KTP asli",
                        pickup_on=timezone.localdate())
    at_the_office, _pin = service_request_of(site)  # waiting on the office: never closed
    RequestEvent.objects.update(at=timezone.now() - datetime.timedelta(days=59))
    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "lebih dari 60 hari: 0 ditutup." in out.getvalue()
    assert set(ServiceRequest.objects.values_list("status", flat=True)) == {
        Status.INCOMPLETE, Status.READY, Status.SUBMITTED}

    RequestEvent.objects.update(at=timezone.now() - datetime.timedelta(days=61))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_personal_data", stdout=out)
    assert "lebih dari 60 hari: 2 ditutup." in out.getvalue()
    for service_request in (waiting, ready, at_the_office):
        service_request.refresh_from_db()
    assert (waiting.status, ready.status, at_the_office.status) == (
        Status.REJECTED, Status.REJECTED, Status.SUBMITTED)
    assert waiting.reason.startswith("Tidak dilengkapi dalam 60 hari")
    assert ready.reason.startswith("Tidak diambil dalam 60 hari")
    assert waiting.finished_at is not None and waiting.events.last().author is None
    # The resident who gave an email reads why; the documents then go on the usual clock.
    assert [message.to for message in mail.outbox] == [["warga@example.com"]]
    assert "Tidak dilengkapi dalam 60 hari" in mail.outbox[0].body
    assert waiting.documents.exclude(file="").exists()


def test_a_rejected_request_tells_only_a_resident_who_gave_an_email():
    site = kelurahan_site()
    without_email = sent(site)
    services.reject(service_request=without_email, user=None,
                    reason="Bukan warga kelurahan ini.", home=site.home)
    without_email.refresh_from_db()
    assert without_email.status == Status.REJECTED and without_email.finished_at
    assert without_email.complete_at_first is None  # nothing asked: not decided
    assert mail.outbox == []
    # The operator still has the WhatsApp message, with the reason.
    link = services.whatsapp_link(without_email, site.home)
    assert "Bukan%20warga%20kelurahan%20ini." in link

    with_email = sent(site, email=EMAIL)
    services.start_checking(service_request=with_email, user=None)
    services.reject(service_request=with_email, user=None, reason="Data tidak sesuai KK.",
                    home=site.home)
    # Rejected documents go after 30 days like any finished request's.
    ServiceRequest.objects.filter(pk=with_email.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=31))
    assert services.purge_personal_data() == (1, 0)


def test_the_resident_email_is_sent_after_the_commit_and_only_to_them(
        django_capture_on_commit_callbacks):
    site = kelurahan_site()
    service_request = sent(site, email=EMAIL)
    with django_capture_on_commit_callbacks(execute=True):
        services.reject(service_request=service_request, user=None,
                        reason="Data tidak sesuai KK.", home=site.home)
    [rejected] = mail.outbox
    assert rejected.to == [EMAIL] and "Data tidak sesuai KK." in rejected.body
    assert service_request.code_display in rejected.subject
    assert not any(detail in mail_text(rejected) for detail in PERSONAL)


@needs_queue
def test_the_office_is_told_without_personal_data(django_capture_on_commit_callbacks):
    site = kelurahan_site()
    operator = get_user_model().objects.create_user(
        "op_warnasari", email="op.warnasari@kantor.id", password="x" * 16)
    operator.groups.add(site.record.operator_group)
    with django_capture_on_commit_callbacks(execute=True):
        service_request = sent(site, email=EMAIL)
    [notice] = mail.outbox
    assert notice.to == RegionSite.objects.operator_emails(site.record.region)
    assert "op.warnasari@kantor.id" in notice.to
    assert service_request.code_display in notice.subject
    assert service_request.service_name in notice.body
    assert services.admin_url(service_request) in notice.body
    assert not any(detail in mail_text(notice) for detail in PERSONAL)
    assert service_request.nik_masked not in mail_text(notice)


@pytest.mark.parametrize(("status", "step"), [
    (Status.SUBMITTED, lambda r: services.finish(service_request=r, user=None)),
    (Status.SUBMITTED, lambda r: services.complete(service_request=r, files={})),
    (Status.CHECKING, lambda r: services.start_checking(service_request=r, user=None)),
    (Status.CHECKING, lambda r: services.complete(service_request=r, files={})),
    (Status.READY, lambda r: services.mark_ready(service_request=r, user=None,
                                                 pickup_on=timezone.localdate(),
                                                 bring_note="")),
    (Status.READY, lambda r: services.ask_to_complete(service_request=r, user=None,
                                                      missing={1: "x"})),
    (Status.DONE, lambda r: services.reject(service_request=r, user=None, reason="x")),
    (Status.DONE, lambda r: services.finish(service_request=r, user=None)),
    (Status.REJECTED, lambda r: services.start_checking(service_request=r, user=None)),
    (Status.REJECTED, lambda r: services.reject(service_request=r, user=None, reason="x")),
])
def test_a_step_the_status_does_not_allow_is_refused_and_changes_nothing(status, step):
    service_request = sent(kelurahan_site())
    ServiceRequest.objects.filter(pk=service_request.pk).update(status=status)
    service_request.refresh_from_db()
    events = RequestEvent.objects.count()
    with pytest.raises(StepRefused):
        step(service_request)
    service_request.refresh_from_db()
    assert service_request.status == status and RequestEvent.objects.count() == events


def test_asking_for_nothing_is_refused():
    service_request = sent(kelurahan_site())
    with pytest.raises(StepRefused):
        services.ask_to_complete(service_request=service_request, user=None, missing={})
    service_request.refresh_from_db()
    assert service_request.status == Status.SUBMITTED
    assert service_request.complete_at_first is None


def test_a_photo_is_drawn_again_without_its_camera_data():
    document, pages = checked(photo_bytes(), "IMG_2041.jpg")
    data = document.read()
    picture = Image.open(io.BytesIO(data))
    assert pages == 1 and picture.format == "JPEG"
    assert not picture.getexif()  # no camera, no GPS position
    assert b"PhoneMaker" not in data and b"Exif" not in data
    assert picture.size == (900, 1200)  # orientation 6: turned upright


def test_a_pdf_becomes_one_picture_of_its_pages():
    source = pdf_bytes("#ff0000", "#0000ff", "#00ff00", info="Dokumen Rahasia Zq")
    document, pages = checked(source, "scan.pdf")
    data = document.read()
    picture = Image.open(io.BytesIO(data)).convert("RGB")
    assert pages == 3
    assert Image.open(io.BytesIO(data)).format == "JPEG" and data.startswith(b"\xff\xd8")
    assert picture.width == PAGE_WIDTH
    # The pages one under the other, in order: red, blue, green.
    third = picture.height // 3
    red, blue, green = (picture.getpixel((PAGE_WIDTH // 2, third * n + third // 2))
                        for n in range(3))
    assert red[0] > 200 and red[2] < 60
    assert blue[2] > 200 and blue[0] < 60
    assert green[1] > 200 and green[0] < 60
    # Nothing of the PDF but its pixels.
    assert b"%PDF" not in data and b"Dokumen Rahasia Zq" not in data


@pytest.mark.parametrize(("data", "words"), [
    # Too many pages: the message names how many it has and how many may be sent.
    (pdf_bytes(*["white"] * (MAX_PAGES + 1)), [str(MAX_PAGES + 1), str(MAX_PAGES)]),
    (b"%PDF-1.7\n" + b"0" * 500, ["PDF"]),  # damaged
    (b"\x00\x01 not a picture at all", []),
])
def test_what_is_not_a_document_is_refused_in_words(data, words):
    with pytest.raises(forms.ValidationError) as refused:
        checked(data, "berkas.pdf")
    message = " ".join(refused.value.messages)
    assert message and all(word in message for word in words)


def test_the_answers_keep_their_shape():
    service_request = sent(kelurahan_site())
    stored = json.loads(service_request.answers)
    assert {tuple(sorted(answer)) for answer in stored} == {("id", "kind", "label", "value")}
    assert city_figures().received == 1
