from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.core.cityadmin import require_permission
from balai.security.twofactor import reset

from .accounts import (
    InvitationUsed,
    InviteForm,
    invitation_resend,
    office_accounts,
    operator_invite,
    user_deactivate,
)


def guide(request):
    """Panduan Operator: how to keep an office's site current, step by step, with pictures
    of the admin screens (taken by the browser tests, functional_tests/test_operator.py)."""
    return TemplateResponse(request, "operators/panduan.html", {"page_title": _("Operator guide")})


def accounts(request):
    """Every office account: its site, role, whether active, and last login."""
    require_permission(request, "auth.add_user")
    return TemplateResponse(request, "operators/accounts.html", {
        "page_title": _("Office accounts"), "rows": office_accounts()})


def invite(request):
    require_permission(request, "auth.add_user")
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = operator_invite(
            email=form.cleaned_data["email"], name=form.cleaned_data["name"],
            record=form.cleaned_data["site"], role=form.cleaned_data["role"],
            invited_by=request.user, request=request)
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": user.email})
        return redirect("balai_accounts")
    return TemplateResponse(request, "operators/invite.html", {
        "page_title": _("Invite an office account"), "form": form})


@require_POST
def resend_invitation(request, user_id: int):
    """A lost or expired invitation: a new set-password link; the old one stops working."""
    require_permission(request, "auth.add_user")
    user = get_object_or_404(get_user_model(), pk=user_id, is_superuser=False,
                             groups__isnull=False)
    try:
        invitation_resend(user=user, invited_by=request.user, request=request)
    except InvitationUsed:
        messages.error(request, _("%(name)s has already set a password: there is no "
                                  "invitation to send again.") % {"name": user.get_username()})
    else:
        messages.success(request, _("A new invitation was sent to %(email)s; the link sent "
                                    "before no longer works.") % {"email": user.email})
    return redirect("balai_accounts")


@require_POST
def deactivate(request, user_id: int):
    require_permission(request, "auth.add_user")
    user = get_object_or_404(get_user_model(), pk=user_id, is_superuser=False)
    if user == request.user:
        messages.error(request, _("You cannot suspend your own account."))
    else:
        ended = user_deactivate(user=user, by=request.user)
        messages.success(request, _("%(name)s is suspended; %(count)d open session(s) ended.")
                         % {"name": user.get_username(), "count": ended})
    return redirect("balai_accounts")


@require_POST
def reactivate(request, user_id: int):
    require_permission(request, "auth.add_user")
    user = get_object_or_404(get_user_model(), pk=user_id, is_superuser=False)
    user.is_active = True
    user.save(update_fields=["is_active"])
    messages.success(request, _("%(name)s can log in again.") % {"name": user.get_username()})
    return redirect("balai_accounts")


@require_POST
def reset_two_factor(request, user_id: int):
    """A lost phone: the account's authenticator and backup codes are forgotten, its open
    sessions end, and its next sign-in enrols a new app."""
    require_permission(request, "auth.add_user")
    user = get_object_or_404(get_user_model(), pk=user_id, is_superuser=False)
    reset(user, by=request.user)
    messages.success(request, _("Two-step verification of %(name)s is reset; the account "
                                "sets it up again at its next sign-in.")
                     % {"name": user.get_username()})
    return redirect("balai_accounts")
