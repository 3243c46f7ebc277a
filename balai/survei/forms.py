"""The survey form a resident fills in on an office's site, and the admin's form for the
number of service users. Every message says in plain words what is missing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .elements import ELEMENTS, AgeBand, Education, Occupation, Sex
from .models import SUGGESTION_MAX_LENGTH

OTHER_SERVICE = "lain"
# The honeypot: a field people never see, that form-filling robots fill in.
TRAP_FIELD = "situs_web"


class SurveyForm(forms.Form):
    layanan = forms.ChoiceField(
        # A list to pick from: an office offers twenty services or more.
        label=_("Which service did you use?"),
        error_messages={"required": _("Choose the service you used."),
                        "invalid_choice": _("Choose one of the services listed.")})
    umur = forms.ChoiceField(
        label=_("Age"), choices=AgeBand.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose your age."),
                        "invalid_choice": _("Choose one of the ages listed.")})
    jenis_kelamin = forms.ChoiceField(
        label=_("Sex"), choices=Sex.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose male or female."),
                        "invalid_choice": _("Choose male or female.")})
    pendidikan = forms.ChoiceField(
        label=_("Last education"), choices=Education.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose your last education."),
                        "invalid_choice": _("Choose one of the educations listed.")})
    pekerjaan = forms.ChoiceField(
        label=_("Main occupation"), choices=Occupation.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose your main occupation."),
                        "invalid_choice": _("Choose one of the occupations listed.")})
    saran = forms.CharField(
        label=_("Suggestion for the office (optional)"), required=False,
        max_length=SUGGESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the office reads it; it is not shown on the website. Do not write "
                    "your name, phone number or address."),
        error_messages={"max_length": _(
            "The suggestion is too long: at most %(limit_value)d characters, you wrote "
            "%(show_value)d.")})
    situs_web = forms.CharField(required=False, label=_("Leave this empty"))

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.services = {page.definition.slug: page.definition for page in services}
        self.fields["layanan"].choices = [
            ("", _("— Choose the service —")),
            *((slug, definition.name) for slug, definition in self.services.items()),
            (OTHER_SERVICE, _("Another service"))]
        for element in ELEMENTS:
            self.fields[element.key] = forms.TypedChoiceField(
                label=element.question, coerce=int, widget=forms.RadioSelect,
                choices=[(str(value), answer) for value, answer in
                         enumerate(element.answers, start=1)],
                error_messages={
                    "required": _("Choose an answer to question %(number)s.") % {
                        "number": element.label},
                    "invalid_choice": _("Choose one of the four answers to question "
                                        "%(number)s.") % {"number": element.label}})
        # The page's order, which the summary of errors follows.
        self.order_fields(["layanan", "umur", "jenis_kelamin", "pendidikan", "pekerjaan",
                           *(element.key for element in ELEMENTS), "saran"])

    @property
    def is_trap(self) -> bool:
        """Whether a robot filled the field people never see."""
        return bool(self.data.get(TRAP_FIELD, ""))

    def elements(self):
        """(element, bound field) of the nine questions, for the template."""
        return [(element, self[element.key]) for element in ELEMENTS]

    def profile(self):
        return [self["umur"], self["jenis_kelamin"], self["pendidikan"], self["pekerjaan"]]

    def service(self):
        """(definition or None, name) of the chosen service."""
        slug = self.cleaned_data["layanan"]
        if slug == OTHER_SERVICE:
            return None, str(_("Another service"))
        definition = self.services[slug]
        return definition, definition.name


class PopulationForm(forms.Form):
    periode = forms.ChoiceField(label=_("Period"), error_messages={
        "required": _("Choose the period."),
        "invalid_choice": _("Choose one of the periods listed.")})
    jumlah = forms.IntegerField(
        label=_("Number of service users"), min_value=1, max_value=10_000_000,
        # Text with a numeric keyboard: a number field silently drops what is not a number.
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("How many residents the office served in this period, from the service "
                    "register (buku agenda layanan), e.g. 1250."),
        error_messages={"required": _("Write the number of service users."),
                        "invalid": _("Write a whole number, e.g. 1250."),
                        "min_value": _("Write a number of at least 1."),
                        "max_value": _("Write a number of at most 10,000,000.")})

    def __init__(self, *args, periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = {period.code: period for period in periods}
        self.fields["periode"].choices = [(period.code, period.label) for period in periods]
