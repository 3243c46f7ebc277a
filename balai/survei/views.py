"""The survey on every office's site: the form (/survei/), its thank-you page, the results
(/survei/hasil/) and the counter poster with its QR code (/survei/poster/).

Each view takes the office's home page first (the ``balai_office_urls`` hook), then the
request. The form and the results are never cached: the form carries a CSRF token, the
results change with every response.
"""

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from balai.layanan.qr import qr_png
from balai.pagecache import params
from balai.security.ratelimit import Rate, allow

from . import periods
from .elements import ELEMENTS
from .forms import TRAP_FIELD, SurveyForm
from .ikm import MUTU, minimum_sample
from .selectors import office_services, population_for, results_by_service, site_result
from .services import response_submit

HOUR = 3600


def _sent_limit(home, request):
    return allow(request, "survei",
                 per_address=Rate(settings.BALAI_SURVEI_PER_ADDRESS_HOUR, HOUR),
                 per_site=Rate(settings.BALAI_SURVEI_PER_SITE_HOUR, HOUR),
                 site_key=home.region.kode)


def survey(home, request):
    """The questionnaire; a complete one is stored and leads to the thank-you page."""
    form = SurveyForm(request.POST if request.method == "POST" else None,
                      services=office_services(home=home))
    status = 200
    if form.is_bound:
        if form.is_trap:
            # A robot: answered as if stored, so that it learns nothing.
            return HttpResponseRedirect(home.get_url(request) + "survei/terima-kasih/")
        if form.is_valid():
            verdict = _sent_limit(home, request)
            if verdict.allowed:
                service, service_name = form.service()
                data = form.cleaned_data
                response_submit(
                    region=home.region, service=service, service_name=service_name,
                    age_band=data["umur"], sex=data["jenis_kelamin"],
                    education=data["pendidikan"], occupation=data["pekerjaan"],
                    answers={element.key: data[element.key] for element in ELEMENTS},
                    suggestion=data["saran"])
                return HttpResponseRedirect(home.get_url(request) + "survei/terima-kasih/")
            minutes = max(1, (verdict.retry_after + 59) // 60)
            form.add_error(None, _(
                "This office has received very many answers from this device in the last "
                "hour. Your answers are kept below: please send them again in %(minutes)d "
                "minutes.") % {"minutes": minutes})
            status = 429
    return home.render_route(request, "survei/survey.html", {
        "form": form, "trap_field": TRAP_FIELD, "title": _("Satisfaction survey")},
        status=status)


def thanks(home, request):
    """After a response: thanks, and the way to the next respondent (the counter kiosk)."""
    return home.render(request, template="survei/thanks.html", context_overrides={
        "title": _("Thank you")})


def _chosen_period(request) -> tuple[periods.Period, bool]:
    """The period asked for (?periode=, or ?dari=&sampai=), else the current semester;
    and whether the dates asked for made no period (the end before the start)."""
    dari, sampai = params.get(request, "dari"), params.get(request, "sampai")
    if dari or sampai:
        period = periods.from_dates(dari, sampai)
        if period is not None:
            return period, False
        return periods.current_semester(), True
    period = periods.from_code(params.get(request, "periode", ""))
    return period or periods.current_semester(), False


def _with(choices: list[periods.Period], period: periods.Period) -> list[periods.Period]:
    """The periods offered, with the one shown among them (an older semester asked for)."""
    if period.code and period.code not in {choice.code for choice in choices}:
        return [*choices, period]
    return choices


def results(home, request):
    """The office's index (IKM) and grade for a period, the number of respondents, the
    minimum sample when the office entered its service users, the average of each element
    and the index of each service. Suggestions are never shown here."""
    period, wrong_dates = _chosen_period(request)
    result = site_result(region=home.region, period=period)
    population = population_for(region=home.region, period=period)
    response = home.render(request, template="survei/results.html", context_overrides={
        "title": _("Satisfaction survey results"),
        "period": period, "result": result, "wrong_dates": wrong_dates,
        "elements": list(zip(ELEMENTS, result.nrr, strict=False)),
        "services": results_by_service(period=period, region=home.region),
        "population": population,
        "minimum": minimum_sample(population.users) if population else None,
        "periods": _with(periods.recent(), period), "grades": MUTU,
    })
    add_never_cache_headers(response)
    return response


def poster(home, request):
    """An A4 poster for the office's counter with a QR code to the survey."""
    return home.render(request, template="survei/poster.html", context_overrides={
        "survey_url": home.get_full_url(request) + "survei/"})


def qr(home, request):
    response = HttpResponse(qr_png(home.get_full_url(request) + "survei/"),
                            content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response
