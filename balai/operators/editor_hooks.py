"""Admin hooks for the operator's editing path (publishing actions, the editor's
appearance on a phone, list controls, password forms); imported by this app's
wagtail_hooks."""

from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.account import ChangePasswordPanel, PasswordResetConfirmView

from balai.security.forms import ChangePasswordForm, NewPasswordForm

from . import views
from .accounts import INVITATION_RESENT

# The names of Wagtail's page actions (wagtail/admin/action_menu.py).
PUBLISH = "action-publish"
UNPUBLISH = "action-unpublish"
# Sending a page to its approval workflow, and sending it again: for those who cannot publish.
WORKFLOW_SUBMIT = ("action-submit", "action-restart-workflow")


@hooks.register("construct_page_action_menu")
def publish_first(menu_items, request, context):
    """For an account that may publish this page, "Terbitkan" is the main button; it is not
    offered the approval workflow (that is for contributors), and taking the page off the
    site comes last in the menu (its own page asks to confirm). An account that cannot
    publish keeps Wagtail's menu as it is: save a draft, submit for approval."""
    publish = next((item for item in menu_items if item.name == PUBLISH), None)
    if publish is None:
        return
    unpublish = [item for item in menu_items if item.name == UNPUBLISH]
    others = [item for item in menu_items
              if item is not publish and item.name not in (UNPUBLISH, *WORKFLOW_SUBMIT)]
    menu_items[:] = [publish, *others, *unpublish]


@hooks.register("register_admin_urls")
def register_invitation_urls():
    return [path("akun-kantor/<int:user_id>/kirim-ulang-undangan/", views.resend_invitation,
                 name="balai_accounts_resend_invitation")]


@hooks.register("register_log_actions")
def register_invitation_log_action(actions):
    actions.register_action(INVITATION_RESENT, _("Send invitation again"),
                            _("Invitation sent again"))


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("balai/admin/editing.css"))


@hooks.register("insert_editor_js")
def list_controls_js():
    """Words beside the icons of repeating lists (list-controls.js says how)."""
    # Wagtail's own string, so the word is the admin catalogue's ("Tambah %(label)s").
    return format_html('<script src="{}" data-add-label="{}" defer></script>',
                       static("balai/admin/list-controls.js"), gettext("Add %(label)s"))


# Password errors under the field they concern (balai/security/forms.py). Wagtail has no
# setting for these two forms; its view and panel read the class attribute set here.
PasswordResetConfirmView.form_class = NewPasswordForm
ChangePasswordPanel.form_class = ChangePasswordForm
