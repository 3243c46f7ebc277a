"""Reads of the survey: the index of a site, of each service and of every site at once, the
services a resident may choose, the population an office entered, the suggestions.

Every index is summed in the database (one grouped query) and computed in ``ikm``."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum
from wagtail.models import Page

from balai.layanan.models import LayananPage
from balai.wilayah.models import Region

from . import ikm
from .elements import ELEMENT_KEYS, AgeBand, Education, Occupation, Sex
from .models import ServicePopulation, SurveyResponse
from .periods import Period

SUMS = {f"sum_{key}": Sum(key) for key in ELEMENT_KEYS}


def _result(row: dict) -> ikm.Result:
    return ikm.result(row["respondents"], [row[f"sum_{key}"] or 0 for key in ELEMENT_KEYS])


def responses_in(period: Period) -> QuerySet[SurveyResponse]:
    start, end = period.bounds()
    return SurveyResponse.objects.filter(submitted_at__gte=start, submitted_at__lt=end)


def site_result(*, region: Region, period: Period) -> ikm.Result:
    """The index of one office's site over a period: one query."""
    row = responses_in(period).filter(region=region).aggregate(
        respondents=Count("pk"), **SUMS)
    return _result(row)


@dataclass(frozen=True)
class ServiceResult:
    name: str
    result: ikm.Result


def results_by_service(*, period: Period, region: Region | None = None
                       ) -> list[ServiceResult]:
    """The index per service (the city catalogue's service; by the name kept with the
    response when its definition is gone), of one site or of the whole city, by name."""
    responses = responses_in(period)
    if region is not None:
        responses = responses.filter(region=region)
    rows = (responses.values("service_id", "service_name")
            .annotate(respondents=Count("pk"), **SUMS).order_by())
    # Responses to one definition may carry older names: one line per definition.
    merged: dict[object, dict] = {}
    for row in rows:
        key = row["service_id"] or ("name", row["service_name"])
        if key in merged:
            for name in ("respondents", *SUMS):
                merged[key][name] += row[name] or 0
        else:
            merged[key] = dict(row)
    return sorted((ServiceResult(row["service_name"], _result(row)) for row in merged.values()),
                  key=lambda item: item.name.casefold())


def ikm_by_region(start: datetime.date, end: datetime.date) -> dict[int, ikm.Result]:
    """The index of every site with responses from ``start`` to ``end`` (both included),
    by region id, in one query: for the city's Status situs and /status/. A region missing
    from the answer had no respondent."""
    rows = (responses_in(Period(start, end)).values("region_id")
            .annotate(respondents=Count("pk"), **SUMS).order_by())
    return {row["region_id"]: _result(row) for row in rows}


def population_for(*, region: Region, period: Period) -> ServicePopulation | None:
    """The number of service users the office entered for exactly this period."""
    return ServicePopulation.objects.filter(region=region, start=period.start,
                                            end=period.end).first()


def suggestions(*, region: Region, period: Period) -> QuerySet[SurveyResponse]:
    """The responses of one site that carry a suggestion, newest first (the office's
    admin only: suggestions are never public)."""
    return (responses_in(period).filter(region=region).exclude(suggestion="")
            .order_by("-submitted_at"))


@dataclass(frozen=True)
class ProfileGroup:
    """How many respondents gave each answer of one profile question."""

    label: str
    counts: list[tuple[str, int]]


PROFILE = (("age_band", AgeBand), ("sex", Sex), ("education", Education),
           ("occupation", Occupation))


def respondent_profile(*, region: Region, period: Period) -> list[ProfileGroup]:
    """The respondents of one site by age band, sex, education and occupation (counts
    only, as the survey's report gives them): one query per question."""
    responses = responses_in(period).filter(region=region)
    groups = []
    for field, choices in PROFILE:
        counted = dict(responses.values_list(field).annotate(n=Count("pk")).order_by())
        groups.append(ProfileGroup(
            label=str(SurveyResponse._meta.get_field(field).verbose_name),
            counts=[(str(label), counted.get(value, 0)) for value, label in choices.choices]))
    return groups


def office_services(*, home: Page) -> QuerySet[LayananPage]:
    """The services a resident of this office may say they used: its live service pages
    that it offers, with their city definition, by name."""
    return (LayananPage.objects.live().public().descendant_of(home)
            .filter(depth=home.depth + 2, offered=True, definition__live=True)
            .select_related("definition").order_by("definition__name"))
