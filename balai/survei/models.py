"""Survey responses and the number of service users an office enters for a period.

A response holds no personal identifier and no address: the office's region, the service,
the closed profile answers the regulation asks, the nine answers, an optional suggestion
and when it was sent. The service is kept twice: the city catalogue's definition (so that
results per service add up across every office) and its name as text (so that a response
keeps its service when the definition is deleted).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.layanan.models import ServiceDefinition
from balai.wilayah.models import Region

from .elements import AgeBand, Education, Occupation, Sex

SUGGESTION_MAX_LENGTH = 1000
ANSWER_CHOICES = [(value, str(value)) for value in range(1, 5)]


def _answer_field(number: int):
    return models.PositiveSmallIntegerField(
        f"U{number}", choices=ANSWER_CHOICES,
        validators=[MinValueValidator(1), MaxValueValidator(4)])


class SurveyResponse(models.Model):
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="survey_responses")
    service = models.ForeignKey(ServiceDefinition, verbose_name=_("service"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="+")
    service_name = models.CharField(_("service name"), max_length=120)
    age_band = models.CharField(_("age"), max_length=5, choices=AgeBand.choices)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    education = models.CharField(_("education"), max_length=8, choices=Education.choices)
    occupation = models.CharField(_("occupation"), max_length=10, choices=Occupation.choices)
    u1 = _answer_field(1)
    u2 = _answer_field(2)
    u3 = _answer_field(3)
    u4 = _answer_field(4)
    u5 = _answer_field(5)
    u6 = _answer_field(6)
    u7 = _answer_field(7)
    u8 = _answer_field(8)
    u9 = _answer_field(9)
    suggestion = models.TextField(_("suggestion"), max_length=SUGGESTION_MAX_LENGTH,
                                  blank=True)
    submitted_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        indexes = [models.Index(fields=["region", "submitted_at"]),
                   models.Index(fields=["submitted_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(**{f"u{n}__gte": 1, f"u{n}__lte": 4}),
                                   name=f"survei_response_u{n}_1_to_4")
            for n in range(1, 10)
        ]

    def __str__(self) -> str:
        return f"{self.region.kode} {self.submitted_at:%Y-%m-%d %H:%M}"


class ServicePopulation(models.Model):
    """How many residents an office served in a period, as its operator entered it: the
    population the minimum sample of the survey is taken from."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE,
                               related_name="service_populations")
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    users = models.PositiveIntegerField(
        _("number of service users"), validators=[MinValueValidator(1),
                                                  MaxValueValidator(10_000_000)],
        help_text=_("How many residents the office served in this period, from the service "
                    "register (buku agenda layanan), e.g. 1250."))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("number of service users")
        verbose_name_plural = _("numbers of service users")
        constraints = [models.UniqueConstraint(fields=["region", "start", "end"],
                                               name="survei_population_one_per_period")]

    def __str__(self) -> str:
        return f"{self.region.kode} {self.start}..{self.end}: {self.users}"
