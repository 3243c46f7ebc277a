"""The residents' side on every kecamatan and kelurahan site: the complaint form at
``/pengaduan/``, following a complaint by its code at ``/pengaduan/<kode>/`` and typing a code
at ``/pengaduan/lacak/``. Routed by the office's home page (``balai_office_urls``); none of
these pages is cached, since a complaint's status changes while its address stays the same.
"""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext as _

from balai.core import codes
from balai.pagecache import params
from balai.security.ratelimit import Rate, allow, count_failure, reached

from . import services
from .forms import ComplaintForm, LookupForm
from .models import Complaint, ComplaintCategory


def _wait_message(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    return _("Too many complaints have been sent from your connection or to this office in "
             "the last hour. Please try again in %(minutes)d minutes: what you typed is still "
             "in the form (choose the photo again).") % {"minutes": minutes}


def complaint_form(home, request):
    context = {"categories": ComplaintCategory.objects.all(),
               "retention_days": settings.BALAI_COMPLAINT_RETENTION_DAYS}
    if request.method != "POST":
        return home.render_route(request, "pengaduan/form.html",
                     {**context, "form": ComplaintForm(home=home)})
    # A body larger than Django reads raises on reading it (in the CSRF check, or here):
    # balai.core.views.bad_request answers with the 413 page.
    form = ComplaintForm(request.POST, request.FILES, home=home)
    if not form.is_valid():
        return home.render_route(request, "pengaduan/form.html", {**context, "form": form})
    if form.is_robot:
        # Not saved; said plainly in case a person's browser filled the hidden field.
        return home.render_route(request, "pengaduan/form.html", {
            **context, "form": form,
            "refusal": _("The form could not be sent. Empty the field “Leave this field "
                         "empty” and send it again.")})
    verdict = allow(request, "pengaduan",
                    per_address=Rate(settings.BALAI_COMPLAINTS_PER_ADDRESS_HOUR, 3600),
                    per_site=Rate(settings.BALAI_COMPLAINTS_PER_SITE_HOUR, 3600),
                    site_key=home.region.kode)
    if not verdict.allowed:
        return home.render_route(request, "pengaduan/form.html", {
            **context, "form": form, "refusal": _wait_message(verdict.retry_after)},
            status=429)
    complaint = form.save(commit=False)
    complaint.region = home.region
    services.submit(complaint=complaint, request=request)
    return HttpResponseRedirect(f"{home.url}pengaduan/{complaint.code_display}/", status=303)


def lookup(home, request):
    """Type a code: to its page when this office has it, else the form again, saying so."""
    typed = params.get(request, "kode_pengaduan", "")
    form = LookupForm({"kode_pengaduan": typed} if typed else None)
    if form.is_bound and form.is_valid():
        complaint = _find(home, request, form.cleaned_data["kode_pengaduan"])
        if complaint is not None:
            return HttpResponseRedirect(f"{home.url}pengaduan/{complaint.code_display}/")
        if _too_many_failures(home, request):
            message = _("Too many codes that do not exist were typed from your connection. "
                        "Please try again in an hour.")
        else:
            message = _("No complaint with this code was sent to %(office)s. Check the code, "
                        "and that this is the website of the office you sent it to.") % {
                "office": home.title}
        form.add_error("kode_pengaduan", message)
    return home.render_route(request, "pengaduan/lookup.html", {"form": form})


def _lookup_rate() -> Rate:
    return Rate(settings.BALAI_COMPLAINT_FAILED_LOOKUPS_PER_HOUR, 3600)


def _too_many_failures(home, request) -> bool:
    return reached(request, "pengaduan-lacak", per_address=_lookup_rate(),
                   site_key=home.region.kode)


def _find(home, request, typed: str) -> Complaint | None:
    """The office's complaint with the typed code. Codes are not guessed: the codes from one
    address that match nothing are counted, and past the limit nothing is found."""
    if _too_many_failures(home, request):
        return None
    code = codes.normalise(typed)
    complaint = code and (Complaint.objects.filter(region=home.region, code=code)
                          .select_related("category", "service", "forwarded_region")
                          .prefetch_related("replies").first())
    if not complaint:
        count_failure(request, "pengaduan-lacak", per_address=_lookup_rate(),
                      site_key=home.region.kode)
        return None
    return complaint


def tracking(home, request, kode: str):
    complaint = _find(home, request, kode)
    if complaint is None:
        raise Http404
    return home.render_route(request, "pengaduan/tracking.html", {"complaint": complaint},
                 indexed=False)
