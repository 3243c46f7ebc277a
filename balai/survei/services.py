"""Writes of the survey: a resident's response, and the number of service users an office
enters for a period."""

from django.db import transaction

from balai.layanan.models import ServiceDefinition
from balai.wilayah.models import Region

from .elements import ELEMENT_KEYS
from .models import ServicePopulation, SurveyResponse
from .periods import Period


@transaction.atomic
def response_submit(*, region: Region, service: ServiceDefinition | None, service_name: str,
                    age_band: str, sex: str, education: str, occupation: str,
                    answers: dict[str, int], suggestion: str = "") -> SurveyResponse:
    """Store one resident's response to an office's survey (no identifier, no address)."""
    response = SurveyResponse(
        region=region, service=service, service_name=service_name[:120], age_band=age_band,
        sex=sex, education=education, occupation=occupation, suggestion=suggestion.strip(),
        **{key: answers[key] for key in ELEMENT_KEYS})
    response.full_clean()
    response.save()
    return response


@transaction.atomic
def population_set(*, region: Region, period: Period, users: int) -> ServicePopulation:
    """Enter (or correct) how many residents an office served in a period."""
    population = ServicePopulation.objects.select_for_update().filter(
        region=region, start=period.start, end=period.end).first() or ServicePopulation(
        region=region, start=period.start, end=period.end)
    population.users = users
    population.full_clean()
    population.save()
    return population
