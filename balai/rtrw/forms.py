"""The form of one RW and its RTs, as the RT/RW editor shows it (balai/rtrw/views.py).

Plain Django forms, so the editor works without JavaScript; the rules match the blocks the
page stores (balai/core/blocks.py: numbers 1–999, a head's name up to 120 characters, an
optional phone number), with the phone number checked like the office's own."""

from django import forms
from django.utils.translation import gettext_lazy as _

from balai.core.blocks import AREA_MAX_LENGTH
from balai.core.validators import phone_validator, validate_no_control_characters

NUMBER_MESSAGES = {
    "required": _("Write the number, from 1 to 999."),
    "invalid": _("Write the number with digits only, from 1 to 999."),
    "min_value": _("Write a number from 1 to 999."),
    "max_value": _("Write a number from 1 to 999."),
}
PHONE_HELP = _("Only if the head agrees to have it published, e.g. 0812 3456 7890. The "
                "same goes for the RT heads' numbers below.")


def _number_field(label) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, min_value=1, max_value=999, error_messages=NUMBER_MESSAGES,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "rtrw-number"}))


def _head_field(label, message) -> forms.CharField:
    return forms.CharField(label=label, max_length=120, error_messages={
        "required": message,
        "max_length": _("Write at most %(limit_value)d characters (now %(show_value)d)."),
    })


def _phone_field(help_text="") -> forms.CharField:
    return forms.CharField(
        label=_("Phone / WhatsApp (optional)"), required=False, max_length=20,
        validators=[phone_validator], help_text=help_text,
        error_messages={"max_length": _("Write at most %(limit_value)d characters.")},
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))


def _area_field(help_text) -> forms.CharField:
    return forms.CharField(
        label=_("Area / street names (optional)"), required=False, max_length=AREA_MAX_LENGTH,
        validators=[validate_no_control_characters], help_text=help_text,
        error_messages={
            "max_length": _("Write at most %(limit_value)d characters (now %(show_value)d)."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}))


AREA_HELP = _("Streets, lingkungan, kampung or landmarks residents know, separated by "
              "commas, e.g. Jl. Sunan Bonang, Link. Kubang Lesung. Residents find their RT by "
              "these names on the city portal.")


class RwForm(forms.Form):
    number = _number_field(_("RW number"))
    head = _head_field(_("Head of the RW"), _("Write the name of the head of the RW."))
    phone = _phone_field(PHONE_HELP)
    area = _area_field(AREA_HELP)
    # The page's latest revision when the form was opened: a save over a newer one is
    # stopped, so two people editing at once do not overwrite each other unknowingly.
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, taken_numbers: frozenset[int] = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.taken_numbers = taken_numbers

    def clean_number(self) -> int:
        number = self.cleaned_data["number"]
        if number in self.taken_numbers:
            raise forms.ValidationError(
                _("This page already has an RW %(number)s. Choose another number, or open "
                  "that RW to change it.") % {"number": f"{number:02d}"}, code="taken")
        return number


class RtForm(forms.Form):
    # The RT's block id, kept across saves (only ids of this RW's RTs are taken back).
    block_id = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    number = _number_field(_("RT number"))
    head = _head_field(_("Head of the RT"), _("Write the name of the head of the RT."))
    phone = _phone_field()
    area = _area_field(_("Streets or lingkungan of this RT, e.g. Jl. Sunan Bonang."))


class BaseRtFormSet(forms.BaseFormSet):
    """The RTs of one RW. Shown again after "RT baru" without being checked (``existing``
    tells how many rows came from the saved RW: an empty row added after them may stay
    empty and is left out, an emptied saved row is an error)."""

    def __init__(self, *args, existing: int | None = None, **kwargs):
        self.existing = existing
        super().__init__(*args, **kwargs)

    def initial_form_count(self) -> int:
        if not self.is_bound and self.existing is not None:
            return self.existing
        return super().initial_form_count()

    def total_form_count(self) -> int:
        if not self.is_bound:
            return len(self.initial or [])
        return super().total_form_count()

    def get_deletion_widget(self):
        return forms.CheckboxInput(attrs={"class": "rtrw-delete"})

    def clean(self) -> None:
        seen: set[int] = set()
        for form in self.forms:
            if self._should_delete_form(form) or not form.has_changed() and \
                    form.empty_permitted:
                continue
            number = form.cleaned_data.get("number")
            if number is None:
                continue
            if number in seen:
                form.add_error("number", forms.ValidationError(
                    _("RT %(number)s is listed twice in this RW.") % {
                        "number": f"{number:02d}"}, code="duplicate"))
            seen.add(number)

    def kept_rows(self) -> list[dict]:
        """The RTs to save, in number order: neither deleted nor left empty."""
        rows = [form.cleaned_data for form in self.forms
                if form.cleaned_data and not self._should_delete_form(form)]
        return sorted(rows, key=lambda row: row["number"])

    def deleted_numbers(self) -> list[int]:
        return [form.cleaned_data["number"] for form in self.deleted_forms
                if form.cleaned_data.get("number") is not None]


RtFormSet = forms.formset_factory(RtForm, formset=BaseRtFormSet, extra=0, can_delete=True,
                                  max_num=999, absolute_max=999, validate_max=True)
