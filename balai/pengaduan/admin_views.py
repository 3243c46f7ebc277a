"""The office's inbox in the admin (Pengaduan): the complaints of the user's own site(s) and
those forwarded to their office; the city office sees every site's, without the residents'
contact details. Every reading of a resident's contact details or photo, every export and
every early deletion is written to the security log.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin import messages

from balai.core.groups import is_city_user
from balai.provisioning.models import RegionSite
from balai.security import audit
from balai.security.datakey import UnreadableData
from balai.security.fields import readable
from balai.security.models import SecurityEvent
from balai.security.responses import private_export, private_image

from . import services
from .forms import ForwardForm, HandlingForm, ReplyForm
from .models import CONTACT_FIELDS, Complaint
from .selectors import handles, visible_to

Kind = SecurityEvent.Kind
STATUS_FILTERS = [value for value, _label in Complaint.Status.choices]


def inbox(request):
    complaints = visible_to(request.user)
    status = request.GET.get("status", "")
    if status in STATUS_FILTERS:
        complaints = complaints.filter(status=status)
    elif status == "ditahan":
        complaints = complaints.filter(held=True)
    counts = visible_to(request.user).aggregate(
        open=Count("pk", filter=Q(status__in=["diterima", "diproses"], held=False)),
        overdue=Count("pk", filter=Q(status__in=["diterima", "diproses"], held=False,
                                     first_reply_at__isnull=True,
                                     due_on__lt=timezone.localdate())))
    return TemplateResponse(request, "pengaduan/admin/inbox.html", {
        "page_title": _("Complaints"), "complaints": complaints.defer(*CONTACT_FIELDS)[:200],
        "status": status,
        "statuses": Complaint.Status.choices, "counts": counts,
        "city": is_city_user(request.user), "today": timezone.localdate(),
    })


def _complaint(request, complaint_id: int) -> Complaint:
    return get_object_or_404(visible_to(request.user), pk=complaint_id)


def _handled(request, complaint_id: int) -> Complaint:
    complaint = _complaint(request, complaint_id)
    if not handles(request.user, complaint):
        raise PermissionDenied
    return complaint


class Screen:
    """One complaint's screen: its forms, empty or as the operator sent them."""

    def __init__(self, request, complaint: Complaint):
        self.request, self.complaint = request, complaint
        self.home = RegionSite.objects.home_of(complaint.region)
        self.whatsapp = ""
        data = request.POST if request.method == "POST" else None
        action = data.get("action") if data else None
        has_kecamatan = complaint.region.level == "kelurahan"
        self.forms = {
            "reply": ReplyForm(data if action == "reply" else None, prefix="reply"),
            "handling": HandlingForm(
                data if action == "handling" else None, prefix="handling",
                people=RegionSite.objects.people_of(
                    [complaint.region_id, complaint.forwarded_region_id]), initial={
                    "status": "selesai" if complaint.forwarded_to else complaint.status,
                    "assignee": complaint.assignee_id}),
            "forward": ForwardForm(data if action == "forward" else None, prefix="forward",
                                   has_kecamatan=has_kecamatan),
        }
        self.action = action

    def act(self):
        """Do what the operator sent; a redirect when done, None to show the screen."""
        form = self.forms.get(self.action)
        if self.action == "release":
            return self._release()
        if form is None or not form.is_valid():
            return None
        return getattr(self, f"_{self.action}")(form.cleaned_data)

    def _done(self, message: str):
        messages.success(self.request, message)
        return HttpResponseRedirect(self.request.path)

    def _reply(self, data: dict):
        complaint, home = self.complaint, self.home
        answer = services.reply(complaint=complaint, user=self.request.user, home=home, **data)
        if not (answer.public and readable(complaint.phone) and home is not None):
            return self._done(_("Reply saved."))
        # Shown once, on this screen: the link carries the resident's number.
        self.whatsapp = services.whatsapp_link(complaint, answer.text, home)
        audit.record(Kind.PERSONAL_DATA_VIEWED, request=self.request, region=complaint.region,
                     detail=f"{complaint.code_display}: WhatsApp")
        self.forms["reply"] = ReplyForm(prefix="reply")
        return None

    def _handling(self, data: dict):
        self.complaint.assignee = data["assignee"]
        self.complaint.save(update_fields=["assignee"])
        services.set_status(complaint=self.complaint, status=data["status"])
        return self._done(_("Complaint updated."))

    def _forward(self, data: dict):
        services.forward(complaint=self.complaint, **data)
        return self._done(_("Complaint forwarded."))

    def _release(self):
        self.complaint.held = False
        self.complaint.save(update_fields=["held"])
        services.announce(self.complaint)
        return self._done(_("Complaint released from the guard's hold."))


def detail(request, complaint_id: int):
    complaint = _complaint(request, complaint_id)
    may_handle = handles(request.user, complaint)
    screen = Screen(request, complaint)
    if request.method == "POST":
        if not may_handle:
            raise PermissionDenied
        done = screen.act()
        if done is not None:
            return done
    complaint.refresh_from_db()
    return TemplateResponse(request, "pengaduan/admin/detail.html", {
        "page_title": _("Complaint %(code)s") % {"code": complaint.code_display},
        "complaint": complaint, "replies": complaint.replies.select_related("author"),
        "may_handle": may_handle, "reply_form": screen.forms["reply"],
        "handling_form": screen.forms["handling"], "forward_form": screen.forms["forward"],
        "whatsapp": screen.whatsapp, "today": timezone.localdate(),
        "tracking_url": services.tracking_url(complaint, screen.home) if screen.home else "",
    })


def contact(request, complaint_id: int):
    """The resident's contact details: shown on request, and written to the security log."""
    complaint = _handled(request, complaint_id)
    audit.record(Kind.PERSONAL_DATA_VIEWED, request=request, region=complaint.region,
                 detail=f"{complaint.code_display}: contact")
    return TemplateResponse(request, "pengaduan/admin/contact.html", {
        "page_title": _("Contact for complaint %(code)s") % {"code": complaint.code_display},
        "complaint": complaint,
    })


def photo(request, complaint_id: int):
    complaint = _handled(request, complaint_id)
    if not complaint.photo:
        raise Http404
    audit.record(Kind.PERSONAL_DATA_VIEWED, request=request, region=complaint.region,
                 detail=f"{complaint.code_display}: photo")
    try:
        with complaint.photo.open("rb") as handle:
            return private_image(handle.read())
    except UnreadableData as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(reverse("pengaduan_admin:detail", args=[complaint.pk]))


def export(request, complaint_id: int):
    """Everything held about the resident of one complaint, for their request to see it."""
    complaint = _handled(request, complaint_id)
    if complaint.contact_unreadable:
        messages.error(request, str(UnreadableData()))
        return HttpResponseRedirect(reverse("pengaduan_admin:detail", args=[complaint.pk]))
    audit.record(Kind.PERSONAL_DATA_EXPORTED, request=request, region=complaint.region,
                 detail=complaint.code_display)
    data = {
        "kode": complaint.code_display, "kantor": complaint.region.full_name,
        "diterima": complaint.received_at.isoformat(), "tentang": complaint.category.name,
        "layanan": complaint.service.name if complaint.service else "",
        "isi": complaint.text, "rt_rw": complaint.rt_rw, "tempat": complaint.place,
        "nama": complaint.name, "telepon": complaint.phone, "email": complaint.email,
        "foto": bool(complaint.photo), "status": complaint.get_status_display(),
        "balasan": [{"waktu": reply.at.isoformat(), "isi": reply.text}
                    for reply in complaint.replies.filter(public=True)],
    }
    return private_export(data, filename=f"pengaduan-{complaint.code_display}.json")


def erase(request, complaint_id: int):
    """Delete the resident's contact details and photo early, at their request."""
    complaint = _handled(request, complaint_id)
    if request.method == "POST":
        services.remove_personal_data(complaint)
        audit.record(Kind.PERSONAL_DATA_DELETED, request=request, region=complaint.region,
                     detail=complaint.code_display)
        messages.success(request, _("The resident's contact details and photo were deleted."))
        return HttpResponseRedirect(reverse("pengaduan_admin:detail", args=[complaint.pk]))
    return TemplateResponse(request, "pengaduan/admin/erase.html", {
        "page_title": _("Delete personal data"), "complaint": complaint})
