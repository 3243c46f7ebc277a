"""The residents' side of online service requests on every kecamatan and kelurahan site:

- ``permohonan/``: the office's services that take online requests now, how it works, and
  the code look-up;
- ``permohonan/ajukan/<slug>/``: the request form of one service (404 unless this office's
  page for it takes online requests);
- ``permohonan/lacak/?kode_permohonan=``: a typed code, to its page;
- ``permohonan/<kode>/``: the request's status; its details (answers, history, pickup,
  the re-upload form) only with the PIN, remembered for 30 minutes in a cookie;
- ``permohonan/<kode>/lengkapi/``: sending again what the office found missing (POST).

Routed by the office's home page (``balai_office_urls``); none of these pages is cached, and
those about one request are not indexed.
"""

import hashlib

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from balai.core import codes
from balai.core.nik import nik_masked
from balai.layanan.selectors import office_service_pages
from balai.pagecache import params
from balai.profil.models import CityContact
from balai.security.audit import client_ip
from balai.security.ratelimit import (
    Rate,
    allow,
    count_failure,
    count_subject,
    reached,
    subject_count,
    subject_reached,
)

from . import services
from .forms import CompleteForm, LookupForm, PinForm, RequestForm
from .models import RequestDocument, ServiceRequest

Status = ServiceRequest.Status
# Forms sent with files that one address may have drawn per request it may send.
FILE_SENDS_PER_REQUEST = 3
PIN_COOKIE = "permohonan_pin"
PIN_COOKIE_SECONDS = 10 * 60
ACCESS_COOKIE = "permohonan_akses"
ACCESS_SECONDS = 30 * 60

# The statuses and document states as the resident reads them (the office's words, in the
# models, are for the queue).
STATUS_LABELS = {
    Status.SUBMITTED: pgettext_lazy("request status for the resident", "Received"),
    Status.CHECKING: pgettext_lazy("request status for the resident", "Being checked"),
    Status.INCOMPLETE: pgettext_lazy("request status for the resident", "Needs completing"),
    Status.READY: pgettext_lazy("request status for the resident", "Ready to collect"),
    Status.DONE: pgettext_lazy("request status for the resident", "Finished"),
    Status.REJECTED: pgettext_lazy("request status for the resident", "Rejected"),
}
STATE_LABELS = {
    RequestDocument.State.UPLOADED: pgettext_lazy("request document for the resident",
                                                  "Sent"),
    RequestDocument.State.BRING: pgettext_lazy("request document for the resident",
                                               "To be brought to the office"),
    RequestDocument.State.NIK: pgettext_lazy("request document for the resident",
                                             "Replaced by the NIK"),
    RequestDocument.State.MISSING: pgettext_lazy("request document for the resident",
                                                 "Missing"),
}

# What each status means, in the words the resident reads on the status page.
STATUS_EXPLAINED = {
    Status.SUBMITTED: gettext_lazy("The office has received your request and will check it "
                                   "soon."),
    Status.CHECKING: gettext_lazy("The office is checking your request and documents."),
    Status.INCOMPLETE: gettext_lazy("The office needs something more from you before it can "
                                    "make the letter: see what is missing below."),
    Status.READY: gettext_lazy("Your letter is ready. Come to the office to collect it."),
    Status.DONE: gettext_lazy("You have collected your letter. This request is finished."),
    Status.REJECTED: gettext_lazy("The office cannot make this letter. Open the details with "
                                  "your PIN to read why, or ask the office."),
}


def _home_path(home, request) -> str:
    return home.get_url(request=request) or "/"


def _status_path(home, request, service_request: ServiceRequest) -> str:
    return f"{_home_path(home, request)}permohonan/{service_request.code_display}/"


def _online_pages(home):
    return (office_service_pages(home).filter(online=True, offered=True, definition__online=True)
            .select_related("definition").order_by("definition__name"))


def _privacy_contact(home, request) -> dict:
    """Whom to ask about one's data: the city's data-protection contact, or the office."""
    city = CityContact.load(request_or_site=request)
    return {"privacy_contact": city.privacy_contact, "privacy_email": city.privacy_email}


def index(home, request):
    return home.render_route(request, "permohonan/index.html", {
        "pages": list(_online_pages(home)), "lookup_form": LookupForm()})


def _wait_message(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    return _("Too many requests have been sent from your connection or to this office in the "
             "last hour. Please try again in %(minutes)d minutes: what you typed is still in "
             "the form (choose the files again).") % {"minutes": minutes}


def request_form(home, request, slug: str):
    page = _online_pages(home).filter(definition__slug=slug).first()
    if page is None or not page.takes_online_requests:
        raise Http404
    definition = page.definition
    context = {"service_page": page, "definition": definition,
               "document_days": settings.BALAI_REQUEST_DOCUMENT_RETENTION_DAYS,
               "retention_days": settings.BALAI_REQUEST_RETENTION_DAYS,
               **_privacy_contact(home, request)}
    if request.method != "POST":
        return home.render_route(request, "permohonan/form.html",
                     {**context, "form": RequestForm(definition=definition)})
    # A body larger than Django reads raises on reading it (in the CSRF check, or here):
    # balai.core.views.bad_request answers with the 413 page.
    if request.FILES and _too_many_drawn(home, request):
        return home.render_route(request, "permohonan/form.html", {
            **context, "form": RequestForm(request.POST, definition=definition),
            "refusal": _wait_message(3600)}, status=429)
    form = RequestForm(request.POST, request.FILES, definition=definition)
    if not form.is_valid():
        return home.render_route(request, "permohonan/form.html", {**context, "form": form})
    if form.is_robot:
        return home.render_route(request, "permohonan/form.html", {
            **context, "form": form,
            "refusal": _("The form could not be sent. Empty the field “Leave this field "
                         "empty” and send it again.")})
    verdict = allow(request, "permohonan",
                    per_address=Rate(settings.BALAI_REQUESTS_PER_ADDRESS_HOUR, 3600),
                    per_site=Rate(settings.BALAI_REQUESTS_PER_SITE_HOUR, 3600),
                    site_key=home.region.kode)
    if not verdict.allowed:
        return home.render_route(request, "permohonan/form.html", {
            **context, "form": form, "refusal": _wait_message(verdict.retry_after)},
            status=429)
    service_request, pin = services.submit(
        region=home.region, service=definition, answers=form.answers(),
        phone=form.cleaned_data["phone"], email=form.cleaned_data["email"],
        documents=form.documents())
    path = _status_path(home, request, service_request)
    response = HttpResponseRedirect(path, status=303)
    # The PIN is shown once, on the status page: carried there signed, for minutes, only to
    # that page, and deleted when shown.
    response.set_signed_cookie(PIN_COOKIE, pin, salt=_salt("pin", service_request),
                               max_age=PIN_COOKIE_SECONDS, path=path, httponly=True,
                               samesite="Lax", secure=request.is_secure())
    return response


def _files_rate() -> Rate:
    return Rate(settings.BALAI_REQUESTS_PER_ADDRESS_HOUR * FILE_SENDS_PER_REQUEST, 3600)


def _too_many_drawn(home, request) -> bool:
    """Every form sent with files is counted before its files are opened (a PDF's pages are
    drawn, which takes a second or more): one address may send files a few times for each
    request it may send, mistakes included, and not keep the server drawing all hour."""
    scope, address = f"permohonan-berkas:{home.region.kode}", client_ip(request) or "unknown"
    if subject_reached(scope, address, _files_rate()):
        return True
    count_subject(scope, address, _files_rate())
    return False


# Look-ups and the PIN.

def _lookup_rate() -> Rate:
    return Rate(settings.BALAI_REQUEST_FAILED_LOOKUPS_PER_HOUR, 3600)


def _too_many_failures(home, request) -> bool:
    return reached(request, "permohonan-lacak", per_address=_lookup_rate(),
                   site_key=home.region.kode)


def _find(home, request, typed: str) -> ServiceRequest | None:
    """The office's request with the typed code; codes that match nothing are counted per
    address, and past the limit nothing is found."""
    if _too_many_failures(home, request):
        return None
    code = codes.normalise(typed)
    service_request = code and ServiceRequest.objects.filter(
        region=home.region, code=code).first()
    if not service_request:
        count_failure(request, "permohonan-lacak", per_address=_lookup_rate(),
                      site_key=home.region.kode)
        return None
    return service_request


def lookup(home, request):
    typed = params.get(request, "kode_permohonan", "")
    form = LookupForm({"kode_permohonan": typed} if typed else None)
    if form.is_bound and form.is_valid():
        service_request = _find(home, request, form.cleaned_data["kode_permohonan"])
        if service_request is not None:
            return HttpResponseRedirect(_status_path(home, request, service_request))
        if _too_many_failures(home, request):
            message = _("Too many codes that do not exist were typed from your connection. "
                        "Please try again in an hour.")
        else:
            message = _("No request with this code was sent to %(office)s. Check the code, "
                        "and that this is the website of the office you sent it to.") % {
                "office": home.title}
        form.add_error("kode_permohonan", message)
    return home.render_route(request, "permohonan/lookup.html", {"form": form})


def _salt(purpose: str, service_request: ServiceRequest) -> str:
    return f"balai.permohonan.{purpose}.{service_request.region_id}.{service_request.pk}"


def _access_token(service_request: ServiceRequest) -> str:
    # Bound to the PIN's hash: once the personal data (and the PIN) are removed, or if the
    # PIN ever changed, an old cookie opens nothing.
    return hashlib.sha256(f"{service_request.pk}:{service_request.pin}".encode()).hexdigest()


def _has_access(request, service_request: ServiceRequest) -> bool:
    if not service_request.pin:
        return False
    value = request.get_signed_cookie(ACCESS_COOKIE, default=None,
                                      salt=_salt("akses", service_request),
                                      max_age=ACCESS_SECONDS)
    return value is not None and value == _access_token(service_request)


def _grant_access(response, request, service_request: ServiceRequest, path: str) -> None:
    response.set_signed_cookie(ACCESS_COOKIE, _access_token(service_request),
                               salt=_salt("akses", service_request), max_age=ACCESS_SECONDS,
                               path=path, httponly=True, samesite="Lax",
                               secure=request.is_secure())


def _pin_rate() -> Rate:
    return Rate(settings.BALAI_REQUEST_WRONG_PINS_PER_HOUR, 3600)


def _pin_subject(service_request: ServiceRequest) -> str:
    return f"{service_request.region_id}:{service_request.pk}"


def _shown_pin(request, service_request: ServiceRequest) -> str:
    return request.get_signed_cookie(PIN_COOKIE, default="", salt=_salt("pin", service_request),
                                     max_age=PIN_COOKIE_SECONDS)


def status(home, request, kode: str):
    service_request = _find(home, request, kode)
    if service_request is None:
        raise Http404
    path = _status_path(home, request, service_request)
    if kode != service_request.code_display:
        # One address per request, the one its cookies are scoped to.
        return HttpResponseRedirect(path)
    pin_form = PinForm()
    if request.method == "POST":
        if request.POST.get("action") == "keluar":
            response = HttpResponseRedirect(path, status=303)
            response.delete_cookie(ACCESS_COOKIE, path=path, samesite="Lax")
            return response
        pin_form = PinForm(request.POST)
        if pin_form.is_valid() and _right_pin(pin_form, service_request):
            response = HttpResponseRedirect(path, status=303)
            _grant_access(response, request, service_request, path)
            return response
    shown_pin = _shown_pin(request, service_request) if request.method == "GET" else ""
    opened = bool(shown_pin) or _has_access(request, service_request)
    response = _status_page(home, request, service_request, opened=opened,
                            shown_pin=shown_pin, pin_form=pin_form)
    if shown_pin:
        response.delete_cookie(PIN_COOKIE, path=path, samesite="Lax")
        _grant_access(response, request, service_request, path)
    return response


def _right_pin(form: PinForm, service_request: ServiceRequest) -> bool:
    """Whether the typed PIN opens the request; wrong ones are counted per request (from
    any address), and past the limit even the right one is refused for the hour."""
    subject, rate = _pin_subject(service_request), _pin_rate()
    closed = _("The PIN was typed wrongly too many times. To protect your data this request "
               "cannot be opened for an hour; try again later, or ask the office.")
    if subject_reached("permohonan-pin", subject, rate):
        form.add_error("pin", closed)
        return False
    if services.pin_matches(service_request, form.cleaned_data["pin"]):
        return True
    count_subject("permohonan-pin", subject, rate)
    left = rate.count - subject_count("permohonan-pin", subject, rate)
    form.add_error("pin", ngettext(
        "This PIN is not right. You may try %(left)d more time this hour.",
        "This PIN is not right. You may try %(left)d more times this hour.",
        left) % {"left": left} if left > 0 else closed)
    return False


def _status_page(home, request, service_request: ServiceRequest, *, opened: bool,
                 shown_pin: str = "", pin_form=None, complete_form=None, status: int = 200):
    missing = list(service_request.documents.filter(state=RequestDocument.State.MISSING))
    context = {"service_request": service_request, "missing": missing, "opened": opened,
               "status_path": _status_path(home, request, service_request),
               "status_label": STATUS_LABELS.get(service_request.status, ""),
               "explained": STATUS_EXPLAINED.get(service_request.status, ""),
               "shown_pin": shown_pin, "pin_form": pin_form or PinForm(),
               "pin_closed": subject_reached("permohonan-pin", _pin_subject(service_request),
                                             _pin_rate())}
    if opened:
        context.update({
            "answers": [{**answer, "value": nik_masked(answer["value"])}
                        if answer["kind"] == "nik" else answer
                        for answer in service_request.answer_list],
            "documents": [(document, STATE_LABELS.get(document.state, ""))
                          for document in service_request.documents.all()],
            "events": [(event, STATUS_LABELS.get(event.status, ""))
                       for event in service_request.events.all()],
            "complete_form": complete_form or (
                CompleteForm(missing=missing)
                if service_request.status == Status.INCOMPLETE and missing else None)})
    return home.render_route(request, "permohonan/status.html", context, status=status,
                 indexed=False)


def complete(home, request, kode: str):
    if request.method != "POST":
        # A reload after sending: the request's page, as it is now.
        return status(home, request, kode)
    service_request = _find(home, request, kode)
    if service_request is None:
        raise Http404
    path = _status_path(home, request, service_request)
    if not _has_access(request, service_request) \
            or service_request.status != Status.INCOMPLETE:
        return HttpResponseRedirect(path, status=303)
    missing = list(service_request.documents.filter(state=RequestDocument.State.MISSING))
    form = CompleteForm(request.POST, request.FILES, missing=missing)
    if not form.is_valid():
        return _status_page(home, request, service_request, opened=True, complete_form=form)
    try:
        services.complete(service_request=service_request, files=form.checked)
    except services.StepRefused:
        pass  # already completed in another tab: the page shows the present status
    return HttpResponseRedirect(path, status=303)
