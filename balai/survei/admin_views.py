"""The survey in the admin: an office's results and the suggestions residents wrote, and the
number of service users it enters per period.

No URL names a site: the site is one of the user's own, picked from their groups (the
office's operator or contributor group of a ``RegionSite``); ``?kode=`` chooses among them.
The city office (a superuser or a city group) may choose any office. A code the user may
not see answers 404, whatever it names.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from balai.core.groups import is_city_user
from balai.provisioning.models import RegionSite

from . import periods
from .elements import ELEMENTS
from .forms import PopulationForm
from .ikm import minimum_sample
from .selectors import (
    population_for,
    respondent_profile,
    results_by_service,
    site_result,
    suggestions,
)
from .services import population_set

OFFICE_LEVELS = ("kecamatan", "kelurahan")
SUGGESTIONS_PER_PAGE = 50


def own_sites(user, *, managing: bool = False):
    """The office sites this user may see the survey of (with ``managing``: may enter the
    number of service users of: operators, not contributors), in code order."""
    records = (RegionSite.objects.filter(home_page__isnull=False,
                                         region__level__in=OFFICE_LEVELS)
               .select_related("region").defer("region__boundary", "region__source")
               .order_by("region__kode"))
    if is_city_user(user):
        return records
    if managing:
        return records.filter(operator_group__in=user.groups.all())
    return records.filter(pk__in=RegionSite.objects.of_user(user).values("pk"))


def user_has_survey(user) -> bool:
    return own_sites(user).exists()


def _chosen_site(request, records):
    kode = request.GET.get("kode", "")
    if kode:
        record = records.filter(region__kode=kode).first()
        if record is None:
            raise Http404
        return record
    record = records.first()
    if record is None:
        raise PermissionDenied
    return record


def _period(request) -> periods.Period:
    return periods.from_code(request.GET.get("periode", "")) or periods.current_semester()


def results(request):
    """The office's index for a period, per element and per service, and its suggestions."""
    records = own_sites(request.user)
    record = _chosen_site(request, records)
    period = _period(request)
    region = record.region
    result = site_result(region=region, period=period)
    population = population_for(region=region, period=period)
    # Residents' own words, which may name people: read by their office only, not by the
    # city office, which sees the figures.
    own_office = RegionSite.objects.of_user(request.user).filter(pk=record.pk).exists()
    page = Paginator(suggestions(region=region, period=period), SUGGESTIONS_PER_PAGE
                     ).get_page(request.GET.get("p")) if own_office else None
    return TemplateResponse(request, "survei/admin/results.html", {
        "page_title": _("Satisfaction survey"), "record": record, "region": region,
        "choices": records if records.count() > 1 else None,
        "period": period, "periods": periods.recent(), "result": result,
        "elements": list(zip(ELEMENTS, result.nrr, strict=False)),
        "services": results_by_service(period=period, region=region),
        "profile": respondent_profile(region=region, period=period) if result.respondents
        else [],
        "population": population,
        "minimum": minimum_sample(population.users) if population else None,
        "suggestions": page, "own_office": own_office,
        "can_manage": own_sites(request.user, managing=True).filter(pk=record.pk).exists(),
        "query": urlencode({"kode": region.kode, "periode": period.code}),
    })


def population(request):
    """Enter the number of service users of one of the user's offices for a period."""
    records = own_sites(request.user, managing=True)
    record = _chosen_site(request, records)
    region = record.region
    choices = periods.recent()
    form = PopulationForm(request.POST or None, periods=choices,
                          initial={"periode": periods.current_semester().code})
    if request.method == "POST" and form.is_valid():
        period = form.periods[form.cleaned_data["periode"]]
        population_set(region=region, period=period, users=form.cleaned_data["jumlah"])
        messages.success(request, _(
            "Saved: %(users)d service users in %(period)s. The minimum sample is %(sample)d "
            "respondents.") % {"users": form.cleaned_data["jumlah"], "period": period.label,
                               "sample": minimum_sample(form.cleaned_data["jumlah"])})
        return redirect(reverse("balai_survei") + "?" + urlencode(
            {"kode": region.kode, "periode": period.code}))
    entered = {(item.start, item.end): item for item in
               region.service_populations.order_by("-start")}
    return TemplateResponse(request, "survei/admin/population.html", {
        "page_title": _("Number of service users"), "record": record, "region": region,
        "form": form,
        "entered": [(period, entry, minimum_sample(entry.users) if entry else None)
                    for period in choices
                    for entry in [entered.get((period.start, period.end))]],
    })
