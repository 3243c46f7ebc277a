"""The residents' forms: the online request of a service (built from the catalogue's
definition), the code look-up, the PIN, and sending again what the office found missing."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from balai.core.validators import clean_text
from balai.layanan.blocks import RequirementBlock

from . import documents
from .models import RequestDocument

PHONE = re.compile(r"^\+?[0-9][0-9 \-]{6,18}$")
Online = RequirementBlock.Online


def _file_input() -> forms.FileInput:
    return forms.FileInput(attrs={"accept": documents.ACCEPT})


class RequestForm(forms.Form):
    """The service's questions (``q-<block id>``), one row per requirement (``doc-<block
    id>`` and ``bawa-<block id>`` for those uploaded), then the contact and the consent."""

    phone = forms.CharField(
        label=_("Phone or WhatsApp number"), max_length=20,
        help_text=_("The office tells you on this number when your letter is ready, or what "
                    "is missing."),
        error_messages={"required": _("Write your phone or WhatsApp number: the office "
                                      "tells you on it when your letter is ready.")},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel",
                                      "inputmode": "tel"}))
    email = forms.EmailField(
        label=_("Email (optional)"), required=False, max_length=254,
        help_text=_("If you give one, the office's news about your request is sent to it "
                    "too."),
        error_messages={"invalid": _("This email address is not complete, e.g. "
                                     "nama@contoh.id.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    # A field people do not see (hidden by CSS): robots that fill every field fill it.
    website = forms.CharField(required=False, label=_("Leave this field empty"),
                              widget=forms.TextInput(attrs={"tabindex": "-1",
                                                            "autocomplete": "off"}))
    persetujuan = forms.BooleanField(
        label=_("I have read the above and agree that the office uses my data for this "
                "request."),
        error_messages={"required": _("Tick this box to send the request: without your "
                                      "consent the office cannot use your data.")})

    def __init__(self, *args, definition, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        contact = {name: self.fields.pop(name)
                   for name in ("phone", "email", "website", "persetujuan")}
        self.questions = []
        for child in definition.request_fields:
            name = f"q-{child.id}"
            self.fields[name] = child.block.form_field(child.value)
            self.questions.append((name, child))
        self.requirements = list(definition.requirements)
        for child in self.requirements:
            if child.value["online"] != Online.UPLOAD:
                continue
            # The fieldset around it names the document (its legend).
            self.fields[f"doc-{child.id}"] = forms.FileField(
                label=_("Photo or PDF"), required=False, widget=_file_input(),
                error_messages={"empty": _("This file is empty. Choose the file again.")})
            self.fields[f"bawa-{child.id}"] = forms.BooleanField(
                label=_("I will bring it to the office"), required=False)
        self.fields.update(contact)
        self.documents_checked: dict[str, tuple] = {}

    # What the template shows, in the form's order.
    def question_fields(self):
        return [self[name] for name, _child in self.questions]

    def requirement_rows(self):
        rows = []
        for child in self.requirements:
            value = child.value
            uploaded = value["online"] == Online.UPLOAD
            rows.append({
                "document": value["document"], "condition": value["condition"],
                "notes": value["notes"], "mode": value["online"],
                "file": self[f"doc-{child.id}"] if uploaded else None,
                "bring": self[f"bawa-{child.id}"] if uploaded else None})
        return rows

    def clean_phone(self):
        phone = clean_text(self.cleaned_data.get("phone"))
        if not PHONE.match(phone):
            raise forms.ValidationError(
                _("Write the number with digits only, e.g. 0812 3456 7890."))
        return phone

    def clean(self):
        cleaned = super().clean()
        for name, child in self.questions:
            if isinstance(cleaned.get(name), str):
                cleaned[name] = clean_text(cleaned[name])
                if child.value["required"] and not cleaned[name] and name not in self.errors:
                    self.add_error(name, _("This question must be answered."))
        for child in self.requirements:
            if child.value["online"] != Online.UPLOAD:
                continue
            upload, brought = cleaned.get(f"doc-{child.id}"), cleaned.get(f"bawa-{child.id}")
            if upload:
                try:
                    self.documents_checked[child.id] = documents.checked_document(upload)
                except forms.ValidationError as error:
                    self.add_error(f"doc-{child.id}", error)
            elif not brought and not child.value["condition"] \
                    and f"doc-{child.id}" not in self.errors:
                self.add_error(f"doc-{child.id}", _(
                    "Choose a photo or PDF of this document, or tick “I will bring it to the "
                    "office”."))
        return cleaned

    @property
    def files_lost(self) -> bool:
        """Whether the form comes back with errors after files were chosen: a browser never
        keeps a chosen file, so the resident must choose them again."""
        return bool(self.errors) and any(
            self.files.get(f"doc-{child.id}") for child in self.requirements)

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def answers(self) -> list[dict]:
        """The answers as ``services.submit`` keeps them, in the form's order."""
        answers = []
        for name, child in self.questions:
            value = self.cleaned_data.get(name)
            answers.append({"id": child.id, "label": child.value["label"],
                            "kind": child.block_type,
                            "value": "" if value is None else str(value)})
        return answers

    def documents(self) -> list[dict]:
        """One item per requirement, with the checked file when one was uploaded."""
        items = []
        for child in self.requirements:
            value = child.value
            item = {"requirement_id": child.id, "requirement": value["document"],
                    "condition": value["condition"] or "", "mode": value["online"]}
            if child.id in self.documents_checked:
                item["file"], item["pages"] = self.documents_checked[child.id]
            items.append(item)
        return items


class LookupForm(forms.Form):
    kode_permohonan = forms.CharField(
        label=_("Request code"), max_length=20,
        help_text=_("The eight letters and digits you got, e.g. K7MP-2QXD."),
        error_messages={"required": _("Type the code of your request.")})


class PinForm(forms.Form):
    pin = forms.CharField(
        label=_("PIN"), max_length=20,
        help_text=_("The six digits shown when you sent the request."),
        error_messages={"required": _("Type the PIN of your request.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))


class CompleteForm(forms.Form):
    """One file input per document the office found missing (``doc-<document pk>``)."""

    def __init__(self, *args, missing: list[RequestDocument], **kwargs):
        super().__init__(*args, **kwargs)
        self.missing = missing
        for document in missing:
            self.fields[f"doc-{document.pk}"] = forms.FileField(
                label=document.requirement, required=False, widget=_file_input(),
                error_messages={"empty": _("This file is empty. Choose the file again.")})
        self.checked: dict[int, tuple] = {}

    def rows(self):
        return [(document, self[f"doc-{document.pk}"]) for document in self.missing]

    def clean(self):
        cleaned = super().clean()
        for document in self.missing:
            upload = cleaned.get(f"doc-{document.pk}")
            if not upload:
                continue
            try:
                self.checked[document.pk] = documents.checked_document(upload)
            except forms.ValidationError as error:
                self.add_error(f"doc-{document.pk}", error)
        if not self.checked and not self.errors:
            raise forms.ValidationError(_(
                "Choose the file of at least one missing document. What you cannot send "
                "you may bring to the office."))
        return cleaned
