"""What happens to a service request: the resident sends it, the office checks it and asks
for what is missing, the resident sends that again, the office says when to collect the
letter, and closes or rejects it; the documents and personal data go when their time is up.

Every change of status is a ``RequestEvent`` (the history both sides read) and is told to the
other side: the office by email (no personal data in it, only the link to the queue), the
resident by email if they gave an address, and by a WhatsApp message the operator sends from
their own phone (``whatsapp_link``).
"""

import datetime
import secrets
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core import nik
from balai.core.codes import new_code
from balai.core.validators import whatsapp_number
from balai.provisioning.models import RegionSite
from balai.security.fields import readable

from .models import RequestDocument, RequestEvent, ServiceRequest

Status = ServiceRequest.Status
State = RequestDocument.State
PIN_DIGITS = 6


class StepRefused(Exception):
    """A change of status the request's present status does not allow (e.g. a second tab)."""


def new_pin() -> str:
    return f"{secrets.randbelow(10 ** PIN_DIGITS):0{PIN_DIGITS}d}"


def pin_matches(service_request: ServiceRequest, typed: str) -> bool:
    typed = "".join(str(typed or "").split())
    return bool(service_request.pin) and len(typed) == PIN_DIGITS and typed.isdigit() and \
        check_password(typed, service_request.pin)


def _unused_code(region) -> str:
    while True:
        code = new_code()
        if not ServiceRequest.objects.filter(region=region, code=code).exists():
            return code


def _event(service_request, status, *, note="", user=None) -> None:
    RequestEvent.objects.create(request=service_request, status=status, note=note[:500],
                                author=user)


@transaction.atomic
def submit(*, region, service, answers: list[dict], phone: str, email: str,
           documents: list[dict]) -> tuple[ServiceRequest, str]:
    """Save a request from the public form; the PIN in clear is returned to be shown once.

    ``answers`` are the form's answers (``id``, ``label``, ``kind``, ``value``); ``documents``
    one dict per requirement of the service: ``requirement_id``, ``requirement``,
    ``condition``, ``mode`` and, when the resident uploaded it, ``file`` and ``pages``.
    """
    pin = new_pin()
    service_request = ServiceRequest(
        region=region, service=service, service_name=service.name[:200],
        code=_unused_code(region), pin=make_password(pin), phone=phone, email=email,
        submitted_at=timezone.now())
    service_request.set_answers(answers)
    niks = [answer["value"] for answer in answers if answer["kind"] == "nik" and answer["value"]]
    service_request.nik_masked = nik.nik_masked(niks[0]) if niks else ""
    service_request.save()
    for order, item in enumerate(documents):
        document = RequestDocument(
            request=service_request, order=order, requirement_id=item["requirement_id"],
            requirement=item["requirement"][:200], condition=item.get("condition", "")[:200],
            mode=item["mode"], state=_first_state(item))
        if document.state == State.UPLOADED:
            document.file, document.pages = item["file"], item["pages"]
            document.uploaded_at = service_request.submitted_at
        document.save()
    _event(service_request, Status.SUBMITTED)
    transaction.on_commit(lambda: announce(service_request))
    return service_request, pin


def _first_state(item: dict) -> str:
    if item["mode"] == "nik":
        return State.NIK
    return State.UPLOADED if item.get("file") else State.BRING


def _require(service_request: ServiceRequest, *allowed) -> None:
    """Lock the request's row for the step (two operators, or a second tab, acting at once
    wait for each other) and check its status as stored, not as this copy last saw it."""
    status = ServiceRequest.objects.select_for_update().values_list("status", flat=True) \
        .get(pk=service_request.pk)
    if status not in allowed:
        service_request.status = status
        raise StepRefused(status)


@transaction.atomic
def start_checking(*, service_request: ServiceRequest, user) -> None:
    _require(service_request, Status.SUBMITTED)
    service_request.status = Status.CHECKING
    service_request.save(update_fields=["status"])
    _event(service_request, Status.CHECKING, user=user)


@transaction.atomic
def ask_to_complete(*, service_request: ServiceRequest, user, missing: dict[int, str],
                    note: str = "", home=None) -> None:
    """Name what is missing (document id → the reason the resident reads) and wait for it."""
    _require(service_request, Status.SUBMITTED, Status.CHECKING, Status.INCOMPLETE)
    if not missing:
        raise StepRefused("nothing missing")
    documents = {document.pk: document for document in service_request.documents.all()}
    for document_id, reason in missing.items():
        document = documents[document_id]
        document.state, document.reason = State.MISSING, reason[:300]
        document.save(update_fields=["state", "reason"])
    if service_request.complete_at_first is None:
        service_request.complete_at_first = False
    service_request.status = Status.INCOMPLETE
    service_request.save(update_fields=["status", "complete_at_first"])
    _event(service_request, Status.INCOMPLETE, note=note, user=user)
    _tell_resident(service_request, home)


@transaction.atomic
def complete(*, service_request: ServiceRequest, files: dict[int, tuple]) -> None:
    """The resident sends again what was missing: ``files`` maps a missing document's id to
    its new (file, pages); those not sent stay missing (to be brought to the office)."""
    _require(service_request, Status.INCOMPLETE)
    now = timezone.now()
    for document in service_request.documents.filter(state=State.MISSING, pk__in=files):
        if document.file:
            document.file.delete(save=False)
        document.file, document.pages = files[document.pk]
        document.state, document.reason = State.UPLOADED, ""
        document.uploaded_at, document.resent = now, document.resent + 1
        document.save()
    service_request.status = Status.CHECKING
    service_request.completed_at = now
    service_request.save(update_fields=["status", "completed_at"])
    _event(service_request, Status.CHECKING,
           note=_("The resident sent what was missing again."))
    transaction.on_commit(lambda: announce(service_request, again=True))


@transaction.atomic
def mark_ready(*, service_request: ServiceRequest, user, pickup_on: datetime.date,
               bring_note: str, home=None) -> None:
    """The letter can be collected on ``pickup_on``; ``bring_note`` says what to bring
    (the originals to show)."""
    _require(service_request, Status.SUBMITTED, Status.CHECKING, Status.INCOMPLETE)
    if service_request.complete_at_first is None:
        service_request.complete_at_first = True
    service_request.status = Status.READY
    service_request.pickup_on, service_request.bring_note = pickup_on, bring_note[:500]
    service_request.ready_at = timezone.now()
    service_request.save(update_fields=["status", "pickup_on", "bring_note", "ready_at",
                                        "complete_at_first"])
    _event(service_request, Status.READY, user=user)
    _tell_resident(service_request, home)


@transaction.atomic
def finish(*, service_request: ServiceRequest, user) -> None:
    """The resident collected the letter."""
    _require(service_request, Status.READY)
    service_request.status = Status.DONE
    service_request.finished_at = timezone.now()
    service_request.save(update_fields=["status", "finished_at"])
    _event(service_request, Status.DONE, user=user)


@transaction.atomic
def reject(*, service_request: ServiceRequest, user, reason: str, home=None) -> None:
    _require(service_request, *ServiceRequest.OPEN)
    service_request.status = Status.REJECTED
    service_request.reason = reason[:500]
    service_request.finished_at = timezone.now()
    service_request.save(update_fields=["status", "reason", "finished_at"])
    _event(service_request, Status.REJECTED, user=user)
    _tell_resident(service_request, home)


def admin_url(service_request: ServiceRequest) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "permohonan_admin:detail", args=[service_request.pk])


def announce(service_request: ServiceRequest, *, again: bool = False) -> int:
    """Email the office's operators a new request (or one completed by the resident). No
    personal data in it: the service, the code and the link to the queue."""
    recipients = RegionSite.objects.operator_emails(service_request.region)
    if not recipients:
        return 0
    values = {"code": service_request.code_display, "service": service_request.service_name,
              "office": service_request.region.name, "url": admin_url(service_request)}
    if again:
        subject = _("Request %(code)s completed: %(service)s") % values
        body = _("The resident has sent again what was missing in request %(code)s "
                 "(%(service)s) to %(office)s.\n\nCheck it in the queue: %(url)s\n") % values
    else:
        subject = _("New request %(code)s: %(service)s") % values
        body = _("A resident has requested %(service)s from %(office)s online.\n\n"
                 "Check it in the queue: %(url)s\n") % values
    return send_mail(subject, body, None, recipients)


def tracking_url(service_request: ServiceRequest, home) -> str:
    return (home.get_full_url() or "").rstrip("/") + \
        f"/permohonan/{service_request.code_display}/"


def status_message(service_request: ServiceRequest, home) -> str:
    """What the resident is told of the present status: the same words by email and in the
    WhatsApp message the operator sends. The documents' names and reasons, the date and
    what to bring; never the resident's own data."""
    values = {"office": home.title if home else service_request.region.name,
              "code": service_request.code_display, "service": service_request.service_name,
              "url": tracking_url(service_request, home) if home else ""}
    status = service_request.status
    if status == Status.INCOMPLETE:
        missing = "\n".join(
            f"- {document.requirement}: {document.reason}" for document in
            service_request.documents.filter(state=State.MISSING))
        text = _("%(office)s: your request %(code)s (%(service)s) is not complete yet. "
                 "Please send again:\n%(missing)s") % {**values, "missing": missing}
    elif status == Status.READY:
        text = _("%(office)s: your request %(code)s (%(service)s) is ready. Collect it on "
                 "%(date)s and bring:\n%(bring)s") % {
            **values, "date": service_request.pickup_on.strftime("%d-%m-%Y"),
            "bring": service_request.bring_note or "-"}
    elif status == Status.REJECTED:
        text = _("%(office)s: your request %(code)s (%(service)s) was rejected: "
                 "%(reason)s") % {**values, "reason": service_request.reason}
    else:
        text = _("%(office)s: your request %(code)s (%(service)s) is now: %(status)s.") % {
            **values, "status": service_request.get_status_display()}
    return text + "\n\n" + _("Follow it with your code and PIN: %(url)s") % values


def _tell_resident(service_request: ServiceRequest, home) -> None:
    if home is None or not readable(service_request.email):
        return
    subject = _("Your request %(code)s: %(status)s") % {
        "code": service_request.code_display, "status": service_request.get_status_display()}
    body = status_message(service_request, home)
    address = service_request.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [address]))


def whatsapp_link(service_request: ServiceRequest, home) -> str:
    """A click-to-chat link with the status message prepared, for the operator to send from
    their own phone (no paid gateway); empty when there is no readable number."""
    digits = whatsapp_number(readable(service_request.phone))
    if not digits:
        return ""
    return f"https://wa.me/{digits}?text={quote(status_message(service_request, home))}"


def remove_documents(service_request: ServiceRequest, *, now=None) -> None:
    """Delete every uploaded document's file; the list of requirements stays."""
    for document in service_request.documents.exclude(file=""):
        document.file.delete(save=False)
        document.file = ""
        document.save(update_fields=["file"])
    service_request.documents_removed_at = now or timezone.now()
    service_request.save(update_fields=["documents_removed_at"])


def remove_personal_data(service_request: ServiceRequest, *, now=None) -> None:
    """Delete the documents and empty the personal fields; the anonymous record stays."""
    now = now or timezone.now()
    if service_request.documents_removed_at is None:
        remove_documents(service_request, now=now)
    service_request.answers = service_request.phone = service_request.email = ""
    service_request.nik_masked = service_request.pin = ""
    service_request.bring_note = ""
    service_request.personal_data_removed_at = now
    service_request.save(update_fields=["answers", "phone", "email", "nik_masked", "pin",
                                        "bring_note", "personal_data_removed_at"])


def close_abandoned(*, now=None) -> int:
    """Close the requests that have waited on the resident (to complete them, or to collect
    the letter) for BALAI_REQUEST_ABANDONED_DAYS without a step, as rejected and saying why:
    their documents and personal data then go on the usual clocks, instead of staying for
    good. Requests waiting on the office are never closed for it. How many were closed."""
    now = now or timezone.now()
    days = settings.BALAI_REQUEST_ABANDONED_DAYS
    last_step = RequestEvent.objects.filter(request=OuterRef("pk")).order_by("-at") \
        .values("at")[:1]
    waiting = (ServiceRequest.objects.filter(status__in=(Status.INCOMPLETE, Status.READY))
               .annotate(last_step=Subquery(last_step))
               .filter(last_step__lt=now - datetime.timedelta(days=days)))
    homes = {record.region_id: record.home_page.specific for record in
             RegionSite.objects.filter(home_page__isnull=False).select_related("home_page")}
    closed = 0
    for service_request in waiting.select_related("region"):
        if service_request.status == Status.INCOMPLETE:
            reason = _("Not completed within %(days)d days of the office's request: closed. "
                       "Send a new request when you have the documents.") % {"days": days}
        else:
            reason = _("Not collected within %(days)d days of being ready: closed. Ask the "
                       "office if you still need the letter.") % {"days": days}
        try:
            reject(service_request=service_request, user=None, reason=reason,
                   home=homes.get(service_request.region_id))
        except StepRefused:
            continue  # an operator acted on it meanwhile
        closed += 1
    return closed


def purge_personal_data(*, now=None) -> tuple[int, int]:
    """Delete the documents of requests finished or rejected more than
    BALAI_REQUEST_DOCUMENT_RETENTION_DAYS ago, and the personal fields of those finished more
    than BALAI_REQUEST_RETENTION_DAYS ago: (documents' requests, personal data's requests)."""
    now = now or timezone.now()
    documents_limit = now - datetime.timedelta(
        days=settings.BALAI_REQUEST_DOCUMENT_RETENTION_DAYS)
    personal_limit = now - datetime.timedelta(days=settings.BALAI_REQUEST_RETENTION_DAYS)
    finished = ServiceRequest.objects.filter(status__in=ServiceRequest.FINISHED)
    documents = 0
    for service_request in finished.filter(finished_at__lt=documents_limit,
                                           documents_removed_at__isnull=True).iterator():
        remove_documents(service_request, now=now)
        documents += 1
    personal = 0
    for service_request in finished.filter(finished_at__lt=personal_limit,
                                           personal_data_removed_at__isnull=True).iterator():
        remove_personal_data(service_request, now=now)
        personal += 1
    return documents, personal
