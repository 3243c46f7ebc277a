"""The city office's user management: invite an office's operator or contributor by email,
end an account at once, see every account's site and last login."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from balai.provisioning.models import RegionSite


class Role:
    OPERATOR = "operator"
    CONTRIBUTOR = "kontributor"
    CHOICES = [(OPERATOR, _("Operator (edits and publishes)")),
               (CONTRIBUTOR, _("Contributor (drafts; an operator approves)"))]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email"), help_text=_(
        "The invitation with a link to set a password is sent here."))
    name = forms.CharField(label=_("Full name"), max_length=150)
    site = forms.ModelChoiceField(
        label=_("Site"), queryset=RegionSite.objects.none(),
        help_text=_("The kecamatan or kelurahan whose site this person will keep."))
    role = forms.ChoiceField(label=_("Role"), choices=Role.CHOICES, initial=Role.OPERATOR)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = (RegionSite.objects.exclude(operator_group=None)
                                        .select_related("region").order_by("region__kode"))
        self.fields["site"].label_from_instance = lambda record: (
            f"{record.region.full_name} ({record.region.kode})")

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("There is already an account with this email."))
        return email

    def clean(self):
        cleaned = super().clean()
        record, role = cleaned.get("site"), cleaned.get("role")
        if record and role == Role.CONTRIBUTOR and record.contributor_group_id is None:
            self.add_error("role", _("Contributors exist for kelurahan sites only."))
        return cleaned


@transaction.atomic
def operator_invite(*, email: str, name: str, record: RegionSite, role: str, invited_by,
                    request) -> object:
    """Create the account (no password yet), put it in the site's group and email a link to
    set a password."""
    first, _space, last = name.strip().partition(" ")
    user = get_user_model().objects.create_user(username=email, email=email,
                                                first_name=first, last_name=last)
    user.set_unusable_password()
    user.save()
    group = record.operator_group if role == Role.OPERATOR else record.contributor_group
    user.groups.add(group)
    link = request.build_absolute_uri(reverse("wagtailadmin_password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user)}))
    context = {"user": user, "site_name": record.region.full_name, "link": link,
               "role": dict(Role.CHOICES)[role], "invited_by": invited_by}
    send_mail(subject=render_to_string("operators/invite_subject.txt", context).strip(),
              message=render_to_string("operators/invite_email.txt", context),
              from_email=None, recipient_list=[email])
    log(instance=user, action="wagtail.create", user=invited_by)
    return user


def user_sessions_end(user) -> int:
    """Delete every session of the user; returns how many."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended


def user_deactivate(*, user, by) -> int:
    """Suspend an account: it cannot log in, and its open sessions end at once."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    log(instance=user, action="wagtail.edit", user=by)
    return user_sessions_end(user)


def office_accounts() -> list[dict]:
    """Every account in an office group, with its site(s) and role, by site code."""
    records = {}
    for record in RegionSite.objects.select_related("region").exclude(operator_group=None):
        records[record.operator_group_id] = (record.region, Role.OPERATOR)
        if record.contributor_group_id:
            records[record.contributor_group_id] = (record.region, Role.CONTRIBUTOR)
    roles = dict(Role.CHOICES)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    enrolled = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
    rows = []
    for user in get_user_model().objects.filter(groups__in=list(records)).distinct() \
            .prefetch_related("groups"):
        places = [records[group.pk] for group in user.groups.all() if group.pk in records]
        rows.append({"user": user,
                     "sites": [region for region, _role in places],
                     "roles": sorted({str(roles[role]) for _region, role in places}),
                     "two_factor": user.pk in enrolled,
                     "kode": min(region.kode for region, _role in places)})
    return sorted(rows, key=lambda row: (row["kode"], row["user"].get_username()))


