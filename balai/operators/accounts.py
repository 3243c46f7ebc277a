"""The city office's user management: invite an office's operator or contributor by email
(and send the invitation again, with a new link), end an account at once, see every
account's site, last login and when an unused invitation expires."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from balai.provisioning.models import RegionSite
from balai.security.sessions import user_sessions_end


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


# The log entries that mark an invitation sent: the account's creation, and each resend.
INVITATION_RESENT = "balai.invitation_resent"
INVITATION_ACTIONS = ("wagtail.create", INVITATION_RESENT)


@transaction.atomic
def operator_invite(*, email: str, name: str, record: RegionSite, role: str, invited_by,
                    request) -> object:
    """Create the account (no password yet), put it in the site's group and email a link to
    set a password."""
    first, _space, last = name.strip().partition(" ")
    user = get_user_model().objects.create_user(username=email, email=email,
                                                first_name=first, last_name=last)
    group = record.operator_group if role == Role.OPERATOR else record.contributor_group
    user.groups.add(group)
    _send_invitation(user=user, record=record, role=role, invited_by=invited_by,
                     request=request)
    log(instance=user, action="wagtail.create", user=invited_by)
    return user


class InvitationUsed(Exception):
    """The account has set its password: there is no invitation left to send again."""


def invitation_pending(user) -> bool:
    """An invited account that has not set a password yet."""
    return not user.has_usable_password() and user.last_login is None


@transaction.atomic
def invitation_resend(*, user, invited_by, request) -> None:
    """Send a lost or expired invitation again: a new link to set a password; the links
    sent before stop working (they are bound to the password, which changes here)."""
    if not invitation_pending(user):
        raise InvitationUsed
    record, role = office_place(user)
    _send_invitation(user=user, record=record, role=role, invited_by=invited_by,
                     request=request)
    log(instance=user, action=INVITATION_RESENT, user=invited_by)


def _send_invitation(*, user, record: RegionSite, role: str, invited_by, request) -> None:
    # A new random unusable password: every set-password link made before is now invalid.
    user.set_unusable_password()
    user.save(update_fields=["password"])
    link = request.build_absolute_uri(reverse("wagtailadmin_password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user)}))
    context = {"user": user, "site_name": record.region.full_name, "link": link,
               "role": dict(Role.CHOICES)[role], "invited_by": invited_by,
               "valid_days": invitation_lifetime().days}
    send_mail(subject=render_to_string("operators/invite_subject.txt", context).strip(),
              message=render_to_string("operators/invite_email.txt", context),
              from_email=None, recipient_list=[user.email])


def invitation_lifetime() -> timedelta:
    """How long a set-password link works (Django's PASSWORD_RESET_TIMEOUT)."""
    return timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)


def office_place(user) -> tuple[RegionSite, str]:
    """The site and role of an office account (its first office group, by site code)."""
    groups = list(user.groups.values_list("pk", flat=True))
    for record in RegionSite.objects.select_related("region").filter(
            operator_group__in=groups).order_by("region__kode"):
        return record, Role.OPERATOR
    for record in RegionSite.objects.select_related("region").filter(
            contributor_group__in=groups).order_by("region__kode"):
        return record, Role.CONTRIBUTOR
    raise RegionSite.DoesNotExist(f"{user} is in no office group")


def invitations_sent(users) -> dict:
    """When the newest invitation of each account was sent, by user id."""
    ids = [str(user.pk) for user in users]
    if not ids:
        return {}
    entries = (ModelLogEntry.objects
               .filter(content_type=ContentType.objects.get_for_model(get_user_model()),
                       object_id__in=ids, action__in=INVITATION_ACTIONS)
               .values("object_id").annotate(sent=Max("timestamp")))
    return {int(entry["object_id"]): entry["sent"] for entry in entries}


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
    enrolled = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
    users = list(get_user_model().objects.filter(groups__in=list(records)).distinct()
                 .prefetch_related("groups"))
    sent = invitations_sent([user for user in users if invitation_pending(user)])
    now = timezone.now()
    rows = []
    for user in users:
        places = [records[group.pk] for group in user.groups.all() if group.pk in records]
        invitation = None
        if user.pk in sent:
            expires = sent[user.pk] + invitation_lifetime()
            invitation = {"sent": sent[user.pk], "expires": expires, "expired": expires <= now}
        rows.append({"user": user,
                     "sites": [region for region, _role in places],
                     "roles": sorted({str(roles[role]) for _region, role in places}),
                     "two_factor": user.pk in enrolled,
                     "invitation": invitation,
                     "kode": min(region.kode for region, _role in places)})
    return sorted(rows, key=lambda row: (row["kode"], row["user"].get_username()))


