"""The office's queue of online service requests in the admin (Permohonan).

Only the office that received a request sees it (``selectors.visible_to``); the city office
has no queue, it reads the figures in Site status. Lists show the NIK masked and never the
resident's name, number or email. The full answers, each document, the export and an early
deletion are pages of their own, and each is written to the security log.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page

from balai.provisioning.models import RegionSite
from balai.security import audit
from balai.security.datakey import UnreadableData
from balai.security.fields import readable
from balai.security.models import SecurityEvent
from balai.security.responses import NO_STORE, private_export, private_image

from . import services
from .admin_forms import AskForm, AssignForm, ReadyForm, RejectForm, bring_note_for
from .models import RequestDocument, ServiceRequest
from .selectors import own_region_ids, visible_to

Kind = SecurityEvent.Kind
Status = ServiceRequest.Status
PERSONAL_FIELDS = ("answers", "phone", "email")
PER_PAGE = 50
# The queue opens on what is still open; "semua" lists the finished ones too.
OPEN_FILTER, ALL_FILTER = "", "semua"
STATUS_FILTERS = [value for value, _label in Status.choices]
# What each status lets the office do on the screen.
ACTIONS = {
    Status.SUBMITTED: ("start", "ask", "ready", "reject", "assign"),
    Status.CHECKING: ("ask", "ready", "reject", "assign"),
    Status.INCOMPLETE: ("ask", "ready", "reject", "assign"),
    Status.READY: ("finish", "reject", "assign"),
    Status.DONE: (),
    Status.REJECTED: (),
}
# The steps the resident must learn of: the screen then offers the WhatsApp message.
TOLD = ("ask", "ready", "reject")


def counts_of(requests) -> dict:
    return requests.aggregate(
        new=Count("pk", filter=Q(status=Status.SUBMITTED)),
        checking=Count("pk", filter=Q(status=Status.CHECKING)),
        waiting=Count("pk", filter=Q(status=Status.INCOMPLETE)),
        ready=Count("pk", filter=Q(status=Status.READY)))


def queue(request):
    office = bool(own_region_ids(request.user))
    requests = visible_to(request.user).defer(*PERSONAL_FIELDS)
    status = request.GET.get("status", OPEN_FILTER)
    if status in STATUS_FILTERS:
        listed = requests.filter(status=status)
    elif status == ALL_FILTER:
        listed = requests
    else:
        status = OPEN_FILTER
        listed = requests.filter(status__in=ServiceRequest.OPEN)
    page = Paginator(listed, PER_PAGE).get_page(request.GET.get("p"))
    now = timezone.now()
    for item in page.object_list:
        item.days_waiting = (now - item.submitted_at).days
    return TemplateResponse(request, "permohonan/admin/queue.html", {
        "page_title": _("Service requests"), "office": office, "page": page,
        "status": status, "statuses": Status.choices, "all_filter": ALL_FILTER,
        "counts": counts_of(requests) if office else {},
    })


def _request(request, request_id: int) -> ServiceRequest:
    return get_object_or_404(visible_to(request.user), pk=request_id)


def _document(service_request: ServiceRequest, document_id: int) -> RequestDocument:
    return get_object_or_404(service_request.documents, pk=document_id)


def _detail_url(service_request: ServiceRequest) -> str:
    return reverse("permohonan_admin:detail", args=[service_request.pk])


def _viewed(request, service_request: ServiceRequest, what: str) -> None:
    audit.record(Kind.PERSONAL_DATA_VIEWED, request=request, region=service_request.region,
                 detail=f"{service_request.code_display}: {what}")


class Screen:
    """One request's screen: the forms its status allows, empty or as the operator sent
    them."""

    def __init__(self, request, service_request: ServiceRequest, data=None):
        self.request, self.service_request = request, service_request
        self.documents = list(service_request.documents.all())
        self.allowed = ACTIONS[service_request.status]
        self.told = None  # after a step the resident must learn of: what was sent
        self.action = data.get("action") if data else None

        def bound(name):
            return data if self.action == name else None

        self.forms = {
            "ask": AskForm(bound("ask"), prefix="ask", documents=self.documents),
            "ready": ReadyForm(bound("ready"), prefix="ready", initial={
                "pickup_on": timezone.localdate(),
                "bring_note": bring_note_for(service_request, self.documents)}),
            "reject": RejectForm(bound("reject"), prefix="reject"),
            "assign": AssignForm(bound("assign"), prefix="assign",
                                 people=RegionSite.objects.people_of(
                                     [service_request.region_id]),
                                 initial={"assignee": service_request.assignee_id}),
        }

    def act(self):
        """Do what the operator sent: a redirect when done, None to show the screen (with
        the form's errors, or the message to send the resident)."""
        if self.action not in self.allowed:
            messages.error(self.request, _(
                "This request is now '%(status)s': that step is no longer possible. Nothing "
                "was changed.") % {"status": self.service_request.get_status_display()})
            return HttpResponseRedirect(self.request.path)
        form = self.forms.get(self.action)
        if form is not None and not form.is_valid():
            return None
        data = form.cleaned_data if form is not None else {}
        try:
            done = getattr(self, f"_{self.action}")(data)
        except services.StepRefused:
            self.service_request.refresh_from_db()
            messages.error(self.request, _(
                "This request is now '%(status)s': someone changed it meanwhile. Nothing "
                "was changed.") % {"status": self.service_request.get_status_display()})
            return HttpResponseRedirect(self.request.path)
        if self.action in TOLD:
            return self._tell()
        return done

    def _done(self, message: str):
        messages.success(self.request, message)
        return HttpResponseRedirect(self.request.path)

    def _start(self, data):
        services.start_checking(service_request=self.service_request, user=self.request.user)
        return self._done(_("You are checking this request now."))

    def _ask(self, data):
        services.ask_to_complete(service_request=self.service_request, user=self.request.user,
                                 missing=data["missing"], note=data["note"], home=self.home)

    def _ready(self, data):
        services.mark_ready(service_request=self.service_request, user=self.request.user,
                            pickup_on=data["pickup_on"], bring_note=data["bring_note"],
                            home=self.home)

    def _reject(self, data):
        services.reject(service_request=self.service_request, user=self.request.user,
                        reason=data["reason"], home=self.home)

    def _finish(self, data):
        services.finish(service_request=self.service_request, user=self.request.user)
        return self._done(_("The request is done: the resident collected it."))

    def _assign(self, data):
        self.service_request.assignee = data["assignee"]
        self.service_request.save(update_fields=["assignee"])
        return self._done(_("Request updated."))

    @property
    def home(self) -> Page | None:
        if not hasattr(self, "_home_page"):
            self._home_page = RegionSite.objects.home_of(self.service_request.region)
        return self._home_page

    def _tell(self):
        """After a step the resident must learn of: whether an email went, and the WhatsApp
        message to send from the operator's own phone (shown once, on this screen: the link
        carries the resident's number, so showing it is logged)."""
        service_request, home = self.service_request, self.home
        emailed = home is not None and bool(readable(service_request.email))
        link = services.whatsapp_link(service_request, home) if home is not None else ""
        if not link:
            if emailed:
                message = _("Saved. An email was sent to the resident.")
            else:
                message = _("Saved. The resident gave no email or WhatsApp number: they read "
                            "it on the tracking page with their code.")
            return self._done(message)
        _viewed(self.request, service_request, "WhatsApp")
        self.told = {"whatsapp": link, "emailed": emailed}
        return None


def detail(request, request_id: int):
    service_request = _request(request, request_id)
    screen = Screen(request, service_request,
                    data=request.POST if request.method == "POST" else None)
    if request.method == "POST":
        done = screen.act()
        if done is not None:
            return done
    if screen.told is not None:
        # Done: the screen shows the request as it is now, with empty forms, and once the
        # message for the resident.
        told = screen.told
        screen = Screen(request, _request(request, request_id))
        screen.told = told
    return TemplateResponse(request, "permohonan/admin/detail.html", {
        "page_title": _("Request %(code)s") % {"code": screen.service_request.code_display},
        "service_request": screen.service_request, "documents": screen.documents,
        "events": screen.service_request.events.select_related("author"),
        "allowed": screen.allowed, "forms": screen.forms, "told": screen.told,
        "ask_rows": screen.forms["ask"].rows(),
    })


def full_data(request, request_id: int):
    """The resident's answers with the full NIK, their number and email: on request, and
    written to the security log."""
    service_request = _request(request, request_id)
    if service_request.personal_data_removed_at is None and not service_request.data_unreadable:
        _viewed(request, service_request, "data lengkap")
    return TemplateResponse(request, "permohonan/admin/full_data.html", {
        "page_title": _("Data of request %(code)s") % {"code": service_request.code_display},
        "service_request": service_request, "icon": "user",
    })


def _readable_file(document: RequestDocument) -> bytes | None:
    """The document's JPEG, or None when no key of this installation opens it; not found
    when the file itself is gone from the storage."""
    try:
        with document.file.open("rb") as handle:
            return handle.read()
    except UnreadableData:
        return None
    except OSError as error:
        raise Http404 from error


def document(request, request_id: int, request_document_id: int):
    """One document on a page of its own, as an image that fits the phone's width (the
    browser zooms it); no download link."""
    service_request = _request(request, request_id)
    item = _document(service_request, request_document_id)
    unreadable = bool(item.file) and _readable_file(item) is None
    response = TemplateResponse(request, "permohonan/admin/document.html", {
        "page_title": item.requirement, "service_request": service_request, "document": item,
        "unreadable": unreadable, "icon": "doc-full",
    })
    response["Cache-Control"] = NO_STORE
    return response


def document_file(request, request_id: int, request_document_id: int):
    """The document's picture itself, shown in the browser, never kept in its cache. Every
    time it is served is written to the security log."""
    service_request = _request(request, request_id)
    item = _document(service_request, request_document_id)
    if not item.file:
        raise Http404
    data = _readable_file(item)
    if data is None:
        messages.error(request, str(UnreadableData()))
        return HttpResponseRedirect(reverse("permohonan_admin:document",
                                            args=[service_request.pk, item.pk]))
    _viewed(request, service_request, f"dokumen {item.requirement}")
    return private_image(data)


def export(request, request_id: int):
    """Everything held about one request, for the resident's request to see it (JSON)."""
    service_request = _request(request, request_id)
    if service_request.data_unreadable:
        messages.error(request, str(UnreadableData()))
        return HttpResponseRedirect(_detail_url(service_request))
    audit.record(Kind.PERSONAL_DATA_EXPORTED, request=request, region=service_request.region,
                 detail=service_request.code_display)
    data = {
        "kode": service_request.code_display, "kantor": service_request.region.full_name,
        "layanan": service_request.service_name,
        "diajukan": service_request.submitted_at.isoformat(),
        "status": service_request.get_status_display(),
        "jawaban": [{"pertanyaan": answer.get("label", ""), "jawaban": answer.get("value", "")}
                    for answer in service_request.answer_list],
        "telepon": service_request.phone, "email": service_request.email,
        "dokumen": [{"persyaratan": item.requirement,
                     "keadaan": item.get_state_display(), "alasan": item.reason,
                     "halaman": item.pages if item.file else 0,
                     "berkas_disimpan": bool(item.file)}
                    for item in service_request.documents.all()],
        "ambil_tanggal": service_request.pickup_on.isoformat()
        if service_request.pickup_on else None,
        "yang_dibawa": service_request.bring_note,
        "alasan_penolakan": service_request.reason,
        "riwayat": [{"waktu": event.at.isoformat(), "status": event.get_status_display(),
                     "catatan": event.note}
                    for event in service_request.events.all()],
        "data_pribadi_dihapus": service_request.personal_data_removed_at.isoformat()
        if service_request.personal_data_removed_at else None,
    }
    return private_export(data, filename=f"permohonan-{service_request.code_display}.json")


def erase(request, request_id: int):
    """Delete the resident's documents and personal data early, at their request."""
    service_request = _request(request, request_id)
    if service_request.personal_data_removed_at is not None:
        messages.error(request, _("The resident's personal data was already deleted."))
        return HttpResponseRedirect(_detail_url(service_request))
    if request.method == "POST":
        services.remove_personal_data(service_request)
        audit.record(Kind.PERSONAL_DATA_DELETED, request=request,
                     region=service_request.region, detail=service_request.code_display)
        messages.success(request, _("The resident's documents and personal data were "
                                    "deleted."))
        return HttpResponseRedirect(_detail_url(service_request))
    return TemplateResponse(request, "permohonan/admin/erase.html", {
        "page_title": _("Delete personal data"), "service_request": service_request,
        "icon": "bin"})
