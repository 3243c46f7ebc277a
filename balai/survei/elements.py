"""The nine elements (unsur) of the satisfaction survey, each with the question and the four
answers of the questionnaire in the annex of PermenPANRB 14/2017, and the respondent's
profile the annex asks for. No models: the form, the results and the admin read them.

The elements are numbered in the order of the regulation's body (article on the elements
of the survey): U8 is the handling of complaints, suggestions and feedback, U9 the
facilities. The annex's sample questionnaire asks those two the other way round.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Element:
    key: str  # u1 … u9: the form's input names and the model's fields
    name: Promise
    question: Promise
    # The answers worth 1, 2, 3 and 4, in that order.
    answers: tuple[Promise, Promise, Promise, Promise]

    @property
    def number(self) -> int:
        return int(self.key[1:])

    @property
    def label(self) -> str:
        return f"U{self.number}"


ELEMENTS = (
    Element("u1", _("Requirements"), _(
        "How do you find the requirements of the service: do they suit the kind of "
        "service?"),
        (_("Not suitable"), _("Less suitable"), _("Suitable"), _("Very suitable"))),
    Element("u2", _("System, mechanism and procedure"), _(
        "How easy is the procedure of the service at this office?"),
        (_("Not easy"), _("Less easy"), _("Easy"), _("Very easy"))),
    Element("u3", _("Completion time"), _(
        "How do you find the speed of the service?"),
        (_("Not fast"), _("Less fast"), _("Fast"), _("Very fast"))),
    Element("u4", _("Cost or tariff"), _(
        "How do you find the fairness of the cost or tariff of the service?"),
        (_("Very expensive"), _("Rather expensive"), _("Cheap"), _("Free"))),
    Element("u5", _("Products of the kind of service"), _(
        "Does what you received match what the service standard lists?"),
        (_("Does not match"), _("Matches poorly"), _("Matches"), _("Matches fully"))),
    Element("u6", _("Competence of the staff"), _(
        "How do you find the competence (ability) of the staff who served you?"),
        (_("Not competent"), _("Less competent"), _("Competent"), _("Very competent"))),
    Element("u7", _("Conduct of the staff"), _(
        "How do you find the conduct of the staff: their courtesy and friendliness?"),
        (_("Not polite and friendly"), _("Less polite and friendly"), _("Polite and friendly"),
         _("Very polite and friendly"))),
    Element("u8", _("Handling of complaints, suggestions and feedback"), _(
        "How do you find the handling of complaints from service users?"),
        (_("There is none"), _("There is, but it does not work"),
         _("It works, but not fully"), _("It is handled well"))),
    Element("u9", _("Facilities and infrastructure"), _(
        "How do you find the quality of the facilities and infrastructure?"),
        (_("Poor"), _("Fair"), _("Good"), _("Very good"))),
)
ELEMENT_KEYS = tuple(element.key for element in ELEMENTS)


class AgeBand(models.TextChoices):
    UNDER_20 = "<20", _("Under 20 years")
    FROM_20 = "20-29", _("20–29 years")
    FROM_30 = "30-39", _("30–39 years")
    FROM_40 = "40-49", _("40–49 years")
    FROM_50 = "50-59", _("50–59 years")
    FROM_60 = "60+", _("60 years or older")


class Sex(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")


class Education(models.TextChoices):
    SD = "sd", _("Primary school (SD) or less")
    SMP = "smp", _("Junior high school (SMP)")
    SMA = "sma", _("Senior high school (SMA/SMK)")
    DIPLOMA = "diploma", _("Diploma (D1–D4)")
    S1 = "s1", _("Bachelor's degree (S1)")
    S2 = "s2", _("Master's or doctorate (S2/S3)")


class Occupation(models.TextChoices):
    PNS = "pns", _("Civil servant (PNS)")
    TNI = "tni", _("Armed forces (TNI)")
    POLRI = "polri", _("Police (POLRI)")
    SWASTA = "swasta", _("Private employee")
    WIRAUSAHA = "wirausaha", _("Self-employed")
    LAINNYA = "lainnya", _("Other")
