"""What happens to a complaint: it arrives (held by the guard or announced to the office), the
office replies, forwards or closes it, and its personal data goes when its time is up."""

import datetime
import html
import re
from urllib.parse import quote

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.codes import new_code
from balai.core.validators import whatsapp_number
from balai.guard.scanner import scan_html
from balai.guard.services import host_allowed
from balai.profil.models import PublicHoliday
from balai.provisioning.models import RegionSite
from balai.security import audit
from balai.security.fields import readable
from balai.security.models import SecurityEvent

from .models import Complaint, Reply

Kind = SecurityEvent.Kind
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|xyz|"
                 r"top|site|online|vip|info|biz|id|me|cc|io|co|asia|store|link|club)"
                 r"(?:/[^\s<>\"']*)?", re.I)


def working_days_after(start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` working days after ``start``: weekends and the city's holidays (the
    public holidays the city office keeps) are skipped."""
    holidays = set(PublicHoliday.objects.filter(
        date__gt=start, date__lte=start + datetime.timedelta(days=days * 3 + 30))
        .values_list("date", flat=True))
    day, left = start, days
    while left > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            left -= 1
    return day


def gambling_findings(text: str) -> list[str]:
    """What the guard's scanner finds in a complaint's words and the links in them: the
    text is read as the page it would become, every address in it as a link."""
    parts, last = [], 0
    for match in URL.finditer(text):
        address = match.group(0)
        href = address if "://" in address else "http://" + address
        parts += [html.escape(text[last:match.start()]),
                  f'<a href="{html.escape(href)}">{html.escape(address)}</a>']
        last = match.end()
    parts.append(html.escape(text[last:]))
    findings = scan_html("<p>" + "".join(parts) + "</p>", host_allowed=host_allowed)
    return [f"{finding.kind}: {finding.detail}"[:100] for finding in findings
            if finding.blocking]


def _unused_code(region) -> str:
    while True:
        code = new_code()
        if not Complaint.objects.filter(region=region, code=code).exists():
            return code


@transaction.atomic
def submit(*, complaint: Complaint, request=None) -> Complaint:
    """Save a complaint from the public form: its code and due date; held by the guard when
    its text carries gambling advertising or links; otherwise the office is told."""
    complaint.code = _unused_code(complaint.region)
    complaint.received_at = timezone.now()
    complaint.due_on = working_days_after(timezone.localdate(),
                                          complaint.category.response_days)
    findings = gambling_findings(" ".join([complaint.text, complaint.place, complaint.name]))
    if findings:
        complaint.held = True
        complaint.held_reason = "; ".join(findings)[:200]
    complaint.save()
    if complaint.held:
        audit.record(Kind.COMPLAINT_HELD, request=request, region=complaint.region,
                     detail=f"{complaint.code_display}: {complaint.held_reason}")
    else:
        transaction.on_commit(lambda: announce(complaint))
    return complaint


def admin_url(complaint: Complaint) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "pengaduan_admin:detail", args=[complaint.pk])


def announce(complaint: Complaint, *, region=None) -> int:
    """Email a new (or newly forwarded) complaint to the operators of ``region`` (the office
    that received it by default). No personal data in the email: only the link to the inbox."""
    region = region or complaint.region
    recipients = RegionSite.objects.operator_emails(region)
    if not recipients:
        return 0
    subject = _("New complaint %(code)s: %(category)s") % {
        "code": complaint.code_display, "category": complaint.category.name}
    body = _("A resident has sent a complaint to %(office)s.\n\nAbout: %(category)s\n"
             "Reply due: %(due)s\n\nOpen it in the inbox: %(url)s\n") % {
        "office": region.name, "category": complaint.category.name,
        "due": complaint.due_on.strftime("%d-%m-%Y"), "url": admin_url(complaint)}
    return send_mail(subject, body, None, recipients)


def tracking_url(complaint: Complaint, home) -> str:
    return (home.get_full_url() or "").rstrip("/") + f"/pengaduan/{complaint.code_display}/"


@transaction.atomic
def reply(*, complaint: Complaint, user, text: str, public: bool, home=None) -> Reply:
    """Add a reply; a public one is the first reply (if none came before), moves a received
    complaint into progress and is emailed to the resident if they gave an address."""
    answer = Reply.objects.create(complaint=complaint, author=user, text=text, public=public)
    if public:
        changed = []
        if complaint.first_reply_at is None:
            complaint.first_reply_at = answer.at
            changed.append("first_reply_at")
        if complaint.status == Complaint.Status.RECEIVED:
            complaint.status = Complaint.Status.IN_PROGRESS
            changed.append("status")
        if changed:
            complaint.save(update_fields=changed)
        if readable(complaint.email) and home is not None:
            transaction.on_commit(lambda: _email_reply(complaint, answer, home))
    return answer


def _email_reply(complaint: Complaint, answer: Reply, home) -> None:
    subject = _("Reply to your complaint %(code)s") % {"code": complaint.code_display}
    body = _("%(office)s has replied to your complaint %(code)s:\n\n%(text)s\n\n"
             "Follow it here: %(url)s\n") % {
        "office": home.title, "code": complaint.code_display, "text": answer.text,
        "url": tracking_url(complaint, home)}
    send_mail(subject, body, None, [complaint.email])


def whatsapp_link(complaint: Complaint, text: str, home) -> str:
    """A click-to-chat link with the reply prepared, for the operator to send from their own
    phone (no paid gateway); empty when the resident gave no number."""
    digits = whatsapp_number(readable(complaint.phone))
    if not digits:
        return ""
    message = _("%(office)s, complaint %(code)s:\n%(text)s\n\nFollow it: %(url)s") % {
        "office": home.title, "code": complaint.code_display, "text": text,
        "url": tracking_url(complaint, home)}
    return f"https://wa.me/{digits}?text={quote(message)}"


def set_status(*, complaint: Complaint, status: str) -> None:
    complaint.status = status
    complaint.closed_at = timezone.now() if complaint.is_closed else None
    complaint.save(update_fields=["status", "closed_at"])


@transaction.atomic
def forward(*, complaint: Complaint, destination: str, reason: str, lapor_id: str = "") -> None:
    """Forward a complaint: to the kecamatan (whose operators then see and handle it, and
    are told), to a city office, or to SP4N-LAPOR! (with the number it gave there)."""
    complaint.forwarded_to = destination
    complaint.forward_reason = reason
    complaint.lapor_id = lapor_id if destination == Complaint.Destination.LAPOR else ""
    complaint.forwarded_region = (complaint.region.parent
                                  if destination == Complaint.Destination.KECAMATAN else None)
    complaint.status = Complaint.Status.FORWARDED
    complaint.closed_at = timezone.now()
    complaint.save()
    if complaint.forwarded_region is not None:
        region = complaint.forwarded_region
        transaction.on_commit(lambda: announce(complaint, region=region))


def remove_personal_data(complaint: Complaint) -> None:
    """Empty the contact details and delete the photo; the anonymous record stays."""
    if complaint.photo:
        complaint.photo.delete(save=False)
    complaint.name = complaint.phone = complaint.email = ""
    complaint.photo = ""
    complaint.personal_data_removed_at = timezone.now()
    complaint.save(update_fields=["name", "phone", "email", "photo",
                                  "personal_data_removed_at"])


def purge_personal_data(*, now=None) -> int:
    """Remove the personal data of complaints closed more than the retention period ago
    (BALAI_COMPLAINT_RETENTION_DAYS); how many complaints were emptied."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=settings.BALAI_COMPLAINT_RETENTION_DAYS)
    due = (Complaint.objects.filter(closed_at__lt=limit, personal_data_removed_at__isnull=True)
           .exclude(name="", phone="", email="", photo=""))
    count = 0
    for complaint in due.iterator():
        remove_personal_data(complaint)
        count += 1
    # Those without any contact left are marked too, so the next run skips them.
    Complaint.objects.filter(closed_at__lt=limit, personal_data_removed_at__isnull=True).update(
        personal_data_removed_at=now)
    return count
