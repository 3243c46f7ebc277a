"""The resident's complaint form and the office's forms in the inbox."""

import re

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from balai.core.photos import checked_photo
from balai.core.validators import clean_text
from balai.layanan.models import ServiceDefinition
from balai.layanan.selectors import office_service_pages

from .models import REPLY_LIMIT, TEXT_LIMIT, Complaint, ComplaintCategory

PHONE = re.compile(r"^\+?[0-9][0-9 \-]{6,18}$")


class ComplaintForm(forms.ModelForm):
    # A field people do not see (hidden by CSS, skipped by screen readers' users): robots
    # that fill every field fill it.
    website = forms.CharField(required=False, label=_("Leave this field empty"),
                              widget=forms.TextInput(attrs={"tabindex": "-1",
                                                            "autocomplete": "off"}))
    photo = forms.FileField(
        label=_("A photo (optional)"), required=False,
        help_text=_("One photo of what you report, e.g. the broken road. Its location "
                    "data is removed."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))

    class Meta:
        model = Complaint
        fields = ["category", "service", "text", "rt_rw", "place", "name", "phone", "email"]
        labels = {
            "category": _("What is your complaint about?"),
            "service": _("Which service?"),
            "text": _("What happened?"),
            "rt_rw": _("RT/RW (optional)"),
            "place": _("Where? (optional)"),
            "name": _("Your name (optional)"),
            "phone": _("Phone or WhatsApp number (optional)"),
            "email": _("Email (optional)"),
        }
        help_texts = {
            "service": _("Only if your complaint is about a service of this office."),
            "text": _("Tell what happened, when, and what you expect. At most 3,000 "
                      "characters."),
            "rt_rw": _("For example: RT 03/RW 05."),
            "place": _("A street, a landmark or a building."),
        }
        widgets = {
            "category": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 6, "maxlength": TEXT_LIMIT}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel",
                                            "inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        error_messages = {
            "category": {"required": _("Choose what your complaint is about.")},
            "text": {"required": _("Tell what happened."),
                     "max_length": _("Keep it to at most %(limit_value)d characters "
                                     "(you typed %(show_value)d).")},
        }

    def __init__(self, *args, home, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = ComplaintCategory.objects.all()
        self.fields["category"].empty_label = None
        self.fields["service"].queryset = ServiceDefinition.objects.filter(
            pk__in=office_service_pages(home).values("definition_id"),
        ).order_by("name")
        self.fields["service"].empty_label = _("(not about a service)")
        self.fields["email"].error_messages["invalid"] = _(
            "This email address is not complete, e.g. nama@contoh.id.")

    def clean_text(self):
        text = clean_text(self.cleaned_data.get("text"))
        if not text:
            raise forms.ValidationError(_("Tell what happened."))
        return text

    def clean_rt_rw(self):
        return clean_text(self.cleaned_data.get("rt_rw"))

    def clean_place(self):
        return clean_text(self.cleaned_data.get("place"))

    def clean_name(self):
        return clean_text(self.cleaned_data.get("name"))

    def clean_phone(self):
        phone = clean_text(self.cleaned_data.get("phone"))
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(
                _("Write the number with digits only, e.g. 0812 3456 7890."))
        return phone

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        return checked_photo(
            upload, max_size=settings.BALAI_COMPLAINT_PHOTO_MAX_SIZE) if upload else None

    def clean(self):
        cleaned = super().clean()
        category = cleaned.get("category")
        if category is not None and category.about_service and not cleaned.get("service") \
                and self.fields["service"].queryset.exists():
            self.add_error("service", _("Choose the service your complaint is about."))
        if category is not None and not category.about_service:
            cleaned["service"] = None
        return cleaned

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def save(self, commit=True):
        complaint = super().save(commit=False)
        if self.cleaned_data.get("photo"):
            complaint.photo = self.cleaned_data["photo"]
        if commit:
            complaint.save()
        return complaint


class LookupForm(forms.Form):
    kode_pengaduan = forms.CharField(label=_("Tracking code"), max_length=20,
                           help_text=_("The eight letters and digits you got, e.g. K7MP-2QXD."))


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Reply"), max_length=REPLY_LIMIT,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": _("Write the reply first.")})
    public = forms.TypedChoiceField(
        label=_("Who reads it"), coerce=lambda value: value == "1", initial="1",
        choices=[("1", _("Public reply: the resident reads it on the tracking page "
                         "(and by email if they gave one)")),
                 ("0", _("Internal note: only the office"))],
        widget=forms.RadioSelect)

    def clean_text(self):
        text = clean_text(self.cleaned_data.get("text"))
        if not text:
            raise forms.ValidationError(_("Write the reply first."))
        return text


class HandlingForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[(value, label) for value, label in
                                    Complaint.Status.choices
                                    if value != Complaint.Status.FORWARDED])
    assignee = forms.ModelChoiceField(label=_("Handled by"), required=False,
                                      queryset=get_user_model().objects.none(),
                                      empty_label=_("(nobody yet)"))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = people


class ForwardForm(forms.Form):
    destination = forms.ChoiceField(label=_("Forward to"),
                                    choices=Complaint.Destination.choices,
                                    widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Why"), max_length=300,
                             help_text=_("The resident reads this on the tracking page."),
                             error_messages={"required": _("Say why it is forwarded.")})
    lapor_id = forms.CharField(label=_("SP4N-LAPOR! tracking number"), max_length=40,
                               required=False,
                               help_text=_("The number LAPOR! gave when you filed it there."))

    def __init__(self, *args, has_kecamatan: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_kecamatan:
            self.fields["destination"].choices = [
                choice for choice in Complaint.Destination.choices
                if choice[0] != Complaint.Destination.KECAMATAN]

    def clean_reason(self):
        reason = clean_text(self.cleaned_data.get("reason"))
        if not reason:
            raise forms.ValidationError(_("Say why it is forwarded."))
        return reason

    def clean(self):
        cleaned = super().clean()
        lapor_id = clean_text(cleaned.get("lapor_id"))
        if cleaned.get("destination") == Complaint.Destination.LAPOR and not lapor_id:
            self.add_error("lapor_id", _("Type the tracking number LAPOR! gave you."))
        cleaned["lapor_id"] = lapor_id
        return cleaned

