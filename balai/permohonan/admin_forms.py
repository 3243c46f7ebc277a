"""The office's forms on a request's screen in the admin: ask for what is missing, say when
to collect, reject, and give the request to a person."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from balai.core.validators import clean_text
from balai.layanan.blocks import RequirementBlock

from .models import NOTE_LIMIT, REASON_LIMIT, RequestDocument, ServiceRequest

# How far ahead a collection date may be: a letter is ready in days, not years.
PICKUP_HORIZON_DAYS = 90
ORIGINALS = (RequirementBlock.Form.ORIGINAL, RequirementBlock.Form.BOTH)


def _cleaned(value, message) -> str:
    text = clean_text(value)
    if not text:
        raise forms.ValidationError(message)
    return text


class AskForm(forms.Form):
    """One tick and one reason per document the resident can send again online."""

    note = forms.CharField(
        label=_("A note for the resident (optional)"), required=False, max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The resident reads it on the tracking page, by email and in the "
                    "WhatsApp message."))

    def __init__(self, *args, documents: list[RequestDocument], **kwargs):
        super().__init__(*args, **kwargs)
        self.documents = [document for document in documents
                          if document.mode == RequirementBlock.Online.UPLOAD]
        missing = RequestDocument.State.MISSING
        fields = {}
        for document in self.documents:
            fields[f"missing_{document.pk}"] = forms.BooleanField(
                label=document.requirement, required=False,
                initial=document.state == missing)
            fields[f"reason_{document.pk}"] = forms.CharField(
                label=_("What is wrong with it"), required=False, max_length=REASON_LIMIT,
                initial=document.reason if document.state == missing else "",
                help_text=_("e.g. 'Foto buram, nomor KK tidak terbaca'."))
        # The note last, under the documents.
        note = self.fields.pop("note")
        self.fields.update(fields)
        self.fields["note"] = note

    def rows(self):
        """Each document's tick and reason, for the template."""
        return [(document, self[f"missing_{document.pk}"], self[f"reason_{document.pk}"])
                for document in self.documents]

    def clean_note(self):
        return clean_text(self.cleaned_data.get("note"))

    def clean(self):
        cleaned = super().clean()
        missing = {}
        for document in self.documents:
            ticked = cleaned.get(f"missing_{document.pk}")
            reason = clean_text(cleaned.get(f"reason_{document.pk}"))
            if ticked and not reason:
                self.add_error(f"reason_{document.pk}", _(
                    "Say what is wrong with this document: the resident reads it."))
            elif reason and not ticked:
                self.add_error(f"missing_{document.pk}", _(
                    "Tick this document if it must be sent again, or clear its reason."))
            elif ticked:
                missing[document.pk] = reason
        if not self.documents:
            raise forms.ValidationError(_(
                "This request has no document the resident can send online: reject it, or "
                "say when to collect it and what to bring."))
        if not missing and not self.errors:
            raise forms.ValidationError(_("Tick at least one document that must be sent "
                                          "again."))
        cleaned["missing"] = missing
        return cleaned


class ReadyForm(forms.Form):
    pickup_on = forms.DateField(
        label=_("To collect on"), widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day the resident can collect the letter at the office."),
        error_messages={"required": _("Choose the day to collect it."),
                        "invalid": _("Write the date as on the calendar, e.g. 2026-12-24.")})
    bring_note = forms.CharField(
        label=_("What to bring"), max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The originals to show at the office. The resident reads it."),
        error_messages={"required": _("Say what the resident must bring.")})

    def clean_pickup_on(self):
        day = self.cleaned_data["pickup_on"]
        today = timezone.localdate()
        if day < today:
            raise forms.ValidationError(_("This day has passed: choose today or a later day."))
        if day > today + datetime.timedelta(days=PICKUP_HORIZON_DAYS):
            raise forms.ValidationError(
                _("Choose a day within %(days)d days from today.") %
                {"days": PICKUP_HORIZON_DAYS})
        return day

    def clean_bring_note(self):
        return _cleaned(self.cleaned_data.get("bring_note"),
                        _("Say what the resident must bring."))


def bring_note_for(service_request: ServiceRequest,
                   documents: list[RequestDocument]) -> str:
    """What to bring, prefilled: the requirements the catalogue asks as originals, and those
    the resident chose to bring or has not sent."""
    forms_by_id = {}
    if service_request.service is not None:
        forms_by_id = {child.id: child.value.get("form")
                       for child in service_request.service.requirements}
    lines = []
    original_word = gettext("original")
    for document in documents:
        original = forms_by_id.get(document.requirement_id) in ORIGINALS
        to_bring = document.state in (RequestDocument.State.BRING,
                                      RequestDocument.State.MISSING)
        if not (original or to_bring):
            continue
        line = f"- {document.requirement}"
        if original:
            line += f" ({original_word})"
        if document.condition:
            line += f", {document.condition}"
        lines.append(line)
    return "\n".join(lines)[:NOTE_LIMIT]


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is rejected"), max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The resident reads it. Say what they can do instead."),
        error_messages={"required": _("Say why the request is rejected.")})

    def clean_reason(self):
        return _cleaned(self.cleaned_data.get("reason"), _("Say why the request is rejected."))


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Handled by"), required=False, queryset=get_user_model().objects.none(),
        empty_label=_("(nobody yet)"),
        error_messages={"invalid_choice": _("Choose an account of this office.")})

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = people
