"""The parts of a service standard (PermenPANRB 15/2014) that are lists: requirements,
steps, legal basis and blank forms; and the form of a service's online request."""

import datetime
from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from balai.core.nik import NikField
from balai.core.validators import validate_no_control_characters


class RequirementBlock(blocks.StructBlock):
    """One thing a resident brings to the office."""

    class Form:
        ORIGINAL = "asli"
        COPY = "fotokopi"
        BOTH = "asli_fotokopi"
        CHOICES = [
            (ORIGINAL, _("Original")),
            (COPY, _("Photocopy")),
            (BOTH, _("Original and photocopy")),
        ]

    class Online:
        """How a requirement is given in an online request."""

        UPLOAD = "unggah"
        BRING = "bawa"
        NIK = "nik"
        CHOICES = [
            (UPLOAD, _("Upload a photo or PDF, or bring it to the office")),
            (BRING, _("Only brought to the office (e.g. an original to be shown)")),
            (NIK, _("Photocopy of the KTP-el: asked as the NIK instead")),
        ]

    document = blocks.CharBlock(
        label=_("Document"), max_length=160,
        help_text=_("What to bring, in everyday words, e.g. 'KTP elektronik pemohon'."),
    )
    form = blocks.ChoiceBlock(
        label=_("Original or copy"), choices=Form.CHOICES, default=Form.ORIGINAL,
        help_text=_("Whether the office needs the original, a photocopy or both."),
    )
    copies = blocks.IntegerBlock(
        label=_("How many"), min_value=1, max_value=20, default=1,
        help_text=_("Number of sheets or copies, usually 1."),
    )
    condition = blocks.CharBlock(
        label=_("Only when (optional)"), required=False, max_length=200,
        help_text=_("Fill in only if not everyone needs this, e.g. 'jika pemohon sudah "
                    "menikah'. Leave empty when every applicant must bring it."),
    )
    notes = blocks.CharBlock(
        label=_("Notes (optional)"), required=False, max_length=200,
        help_text=_("e.g. 'masih berlaku' or 'ditandatangani ketua RT dan RW'."),
    )
    online = blocks.ChoiceBlock(
        label=_("In an online request"), choices=Online.CHOICES, default=Online.UPLOAD,
        help_text=_("How a resident who requests the service online gives it. Bringing it "
                    "to the office is always allowed. A photocopy of the KTP-el is never "
                    "asked for (SE Mendagri 471.13/1826/SJ): choose 'asked as the NIK'."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Requirement")


class StepBlock(blocks.StructBlock):
    """One step of the procedure."""

    description = blocks.CharBlock(
        label=_("What happens"), max_length=250,
        help_text=_("One short sentence, e.g. 'Serahkan berkas ke loket pelayanan'."),
    )
    actor = blocks.CharBlock(
        label=_("Who does it"), max_length=80,
        help_text=_("e.g. 'Pemohon', 'Petugas pelayanan', 'Lurah'."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Step")


class LawBlock(blocks.CharBlock):
    def __init__(self, **kwargs):
        super().__init__(max_length=250, label=_("Law or regulation"), help_text=_(
            "e.g. 'Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik'."), **kwargs)

    class Meta:
        icon = "doc-full-inverse"


class FormBlock(blocks.StructBlock):
    """A blank form residents can print and fill in at home."""

    title = blocks.CharBlock(label=_("Form name"), max_length=120)
    document = DocumentChooserBlock(label=_("File (PDF)"))

    class Meta:
        icon = "download"
        label = _("Blank form")


# The online request form the city defines per service: what a resident fills in when
# requesting the service online. Each field knows the Django form field it becomes, so the
# request form is built from the definition alone.

class RequestFieldBlock(blocks.StructBlock):
    """What every field of the request form has: a label, help text, required or not."""

    label = blocks.CharBlock(
        label=_("Question"), max_length=80, validators=[validate_no_control_characters],
        help_text=_("What the resident is asked, short, e.g. 'Nama lengkap' or 'Keperluan'."),
    )
    help_text = blocks.CharBlock(
        label=_("Help text (optional)"), required=False, max_length=200,
        validators=[validate_no_control_characters],
        help_text=_("Shown under the question, e.g. 'Sesuai Kartu Keluarga'."),
    )
    required = blocks.BooleanBlock(
        label=_("Must be filled in"), required=False, default=True,
        help_text=_("Untick if the resident may leave it empty."),
    )

    def field_options(self, value) -> dict:
        # Django's form templates mark help text safe: escape what the city typed.
        return {"label": value["label"], "help_text": escape(value["help_text"] or ""),
                "required": bool(value["required"])}

    def form_field(self, value) -> forms.Field:
        """The Django form field a resident fills in for this question."""
        raise NotImplementedError


def _error(child: str, message) -> blocks.StructBlockValidationError:
    return blocks.StructBlockValidationError(block_errors={child: ValidationError(message)})


class TextFieldBlock(RequestFieldBlock):
    max_length = blocks.IntegerBlock(
        label=_("At most (characters)"), min_value=1, max_value=1000, default=200,
        help_text=_("e.g. 100 for a name, 500 for an address or a purpose."),
    )
    multiline = blocks.BooleanBlock(
        label=_("Several lines"), required=False, default=False,
        help_text=_("Tick for a longer answer such as an address or a purpose."),
    )

    def form_field(self, value) -> forms.Field:
        if value["multiline"]:
            return forms.CharField(max_length=value["max_length"], widget=forms.Textarea(
                attrs={"rows": 3}), **self.field_options(value))
        return forms.CharField(max_length=value["max_length"],
                               validators=[validate_no_control_characters],
                               **self.field_options(value))

    class Meta:
        icon = "pilcrow"
        label = _("Text")


class NumberFieldBlock(RequestFieldBlock):
    # Bounded, so that no number typed here is too large for a database to store.
    LIMIT = 10**12
    min_value = blocks.IntegerBlock(label=_("Smallest (optional)"), required=False,
                                    min_value=-LIMIT, max_value=LIMIT,
                                    help_text=_("e.g. 1 for a number of people."))
    max_value = blocks.IntegerBlock(label=_("Largest (optional)"), required=False,
                                    min_value=-LIMIT, max_value=LIMIT,
                                    help_text=_("e.g. 20 for the number of family members."))

    def clean(self, value):
        value = super().clean(value)
        low, high = value["min_value"], value["max_value"]
        if low is not None and high is not None and low > high:
            raise _error("max_value", _("The largest number cannot be smaller than the "
                                        "smallest."))
        return value

    def form_field(self, value) -> forms.Field:
        return forms.IntegerField(min_value=value["min_value"], max_value=value["max_value"],
                                  **self.field_options(value))

    class Meta:
        icon = "order"
        label = _("Number")


def _date_limit(days: int, message, check) -> Callable[[datetime.date], None]:
    def validate(value: datetime.date) -> None:
        limit = timezone.localdate() + datetime.timedelta(days=days)
        if not check(value, limit):
            raise ValidationError(message, code="date_limit",
                                  params={"date": date_format(limit, "DATE_FORMAT")})
    return validate


class DateFieldBlock(RequestFieldBlock):
    DAYS_HELP = _("In days from the day the resident fills in the form: 0 is that day, -365 "
                  "a year before it, 7 a week after it. Leave empty for no limit.")
    earliest = blocks.IntegerBlock(label=_("Earliest date (optional)"), required=False,
                                   min_value=-54750, max_value=3650, help_text=DAYS_HELP)
    latest = blocks.IntegerBlock(label=_("Latest date (optional)"), required=False,
                                 min_value=-54750, max_value=3650, help_text=_(
                                     "As above; 0 for a date of birth or of death, which "
                                     "cannot be in the future."))

    def clean(self, value):
        value = super().clean(value)
        earliest, latest = value["earliest"], value["latest"]
        if earliest is not None and latest is not None and earliest > latest:
            raise _error("latest", _("The latest date cannot come before the earliest."))
        return value

    def form_field(self, value) -> forms.Field:
        validators = []
        if value["earliest"] is not None:
            validators.append(_date_limit(
                value["earliest"], _("The date cannot be before %(date)s."),
                lambda day, limit: day >= limit))
        if value["latest"] is not None:
            validators.append(_date_limit(
                value["latest"], _("The date cannot be after %(date)s."),
                lambda day, limit: day <= limit))
        # The browser's date picker sends and expects ISO dates, whatever the language.
        return forms.DateField(widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
                               validators=validators, **self.field_options(value))

    class Meta:
        icon = "date"
        label = _("Date")


class ChoiceFieldBlock(RequestFieldBlock):
    options = blocks.ListBlock(
        blocks.CharBlock(label=_("Option"), max_length=100,
                         validators=[validate_no_control_characters]),
        label=_("Options"), default=[],
        help_text=_("The answers the resident chooses from, at least two, e.g. 'Sekolah', "
                    "'Berobat', 'Bantuan sosial'."),
    )

    def clean(self, value):
        value = super().clean(value)
        options = [option.strip() for option in value["options"] if option.strip()]
        if len(options) < 2:
            raise _error("options", _("A choice needs at least two options: add the answers "
                                      "the resident chooses from."))
        if len({option.casefold() for option in options}) != len(options):
            raise _error("options", _("Two options are the same: each option must be "
                                      "different."))
        return value

    def form_field(self, value) -> forms.Field:
        choices = [(option, option) for option in value["options"]]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect,
                                 **self.field_options(value))

    class Meta:
        icon = "list-ul"
        label = _("Choice")


class NikFieldBlock(RequestFieldBlock):
    """A NIK, with its checks (balai/core/nik.py)."""

    def form_field(self, value) -> forms.Field:
        return NikField(**self.field_options(value))

    class Meta:
        icon = "user"
        label = _("NIK")


class RequestFormBlock(blocks.StreamBlock):
    """The fields of one service's online request form, in the order the resident sees."""

    text = TextFieldBlock()
    number = NumberFieldBlock()
    date = DateFieldBlock()
    choice = ChoiceFieldBlock()
    nik = NikFieldBlock()

    def clean(self, value):
        value = super().clean(value)
        seen: set[str] = set()
        errors = {}
        for index, child in enumerate(value):
            label = " ".join(child.value["label"].split()).casefold()
            if label in seen:
                errors[index] = _error("label", _(
                    "Another question already has this text: give each question its own."))
            seen.add(label)
        if errors:
            raise blocks.StreamBlockValidationError(block_errors=errors)
        return value

    class Meta:
        max_num = 30
