"""The RT/RW editor: an RT/RW page's RWs edited one at a time, in plain forms that work
without JavaScript and fit a phone.

Each view works on the page's latest revision and saves a new one (balai/rtrw/services.py);
who may do what is Wagtail's page permissions (edit; publish, or submit for approval), and
the site isolation middleware already refuses another site's page by its ``page_id``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from .forms import RtFormSet, RwForm
from .models import RtRwPage
from .services import Outcome, Send, rws_change
from .values import Rt, Rw, page_rws, rw_remove, rw_replace

RT_PREFIX = "rt"
RT_FIELDS = ("block_id", "number", "head", "phone", "area", "DELETE")


def _page_for(request, page_id: int):
    """The page and the user's permissions on it: 403 for anyone who may not edit it."""
    page = get_object_or_404(RtRwPage, pk=page_id)
    permissions = page.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise PermissionDenied
    return page, permissions


def _locked(request, page) -> bool:
    """Whether the page is locked for this user (by someone, or while awaiting approval);
    the reason is told as Wagtail's editor tells it."""
    lock = page.get_lock()
    if lock is None or not lock.for_user(request.user):
        return False
    messages.error(request, lock.get_message(request.user))
    return True


def _send(request, permissions) -> Send:
    if "action-publish" in request.POST and permissions.can_publish():
        return Send.PUBLISH
    if "action-submit" in request.POST and permissions.can_submit_for_moderation():
        return Send.SUBMIT
    return Send.DRAFT


def _tell(request, outcome: Outcome, *, done: str, page) -> None:
    """One message: what was done to the RW, and where the change now is."""
    match outcome:
        case Outcome.PUBLISHED:
            messages.success(request, f"{done} " + _("The change is now on the public site."))
        case Outcome.SUBMITTED:
            messages.success(request, f"{done} " + _(
                "The change was sent for approval; residents see it once it is approved."))
        case Outcome.SCHEDULED:
            page.refresh_from_db(fields=["go_live_at"])
            messages.success(request, f"{done} " + _(
                "The change will appear on the public site on %(date)s, the page's "
                "publishing date.") % {"date": date_format(localtime(page.go_live_at),
                                                           "DATETIME_FORMAT")})
        case Outcome.HELD:
            messages.error(request, f"{done} " + _(
                "It was NOT published: the guard found what looks like spam or hidden links "
                "and asked the city office to review the page. If you did not write this, "
                "tell the city office."))
        case _:
            messages.success(request, f"{done} " + _(
                "It is saved as a draft: residents do not see it until it is published."))


def _change(request, *, page, permissions, rws: list[Rw], done: str):
    """Save the RWs in a new revision, send it on, tell the operator, back to the list.
    A page that cannot be saved (an earlier edit left it invalid) is said, not a 500."""
    latest = page.get_latest_revision_as_object()
    try:
        outcome = rws_change(page=latest, user=request.user, rws=rws,
                             send=_send(request, permissions))
    except ValidationError as error:
        messages.error(request, _("The page could not be saved: %(errors)s") % {
            "errors": " ".join(error.messages)})
        return None
    _tell(request, outcome, done=done, page=page)
    return redirect("balai_rtrw_overview", page.pk)


def _actions_context(permissions) -> dict:
    return {"can_publish": permissions.can_publish(),
            "can_submit": permissions.can_submit_for_moderation()}


def overview(request, page_id: int):
    """The page's RWs, one line each, with a button to change each and to add one; and, when
    the latest changes are not live yet, the button to publish them (or to submit them)."""
    page, permissions = _page_for(request, page_id)
    latest = page.get_latest_revision_as_object()
    locked = _locked(request, page)
    if request.method == "POST" and not locked and page.has_unpublished_changes:
        response = _change(request, page=page, permissions=permissions,
                           rws=page_rws(latest), done=_("The RT/RW page is saved."))
        if response is not None:
            return response
    return TemplateResponse(request, "rtrw/admin/overview.html", {
        "page_title": _("RT/RW"), "page": page, "rws": page_rws(latest), "locked": locked,
        "editable": not locked,
        "awaiting_approval": page.workflow_in_progress,
        **_actions_context(permissions)})


def _rw_or_none(rws: list[Rw], rw_id: str | None) -> Rw | None:
    return next((rw for rw in rws if rw.id == rw_id), None)


def _gone(request, page):
    messages.warning(request, _("That RW is no longer on the page: someone may have "
                                "deleted it. Here are the RWs as they are now."))
    return redirect("balai_rtrw_overview", page.pk)


def _next_number(numbers) -> int:
    numbers = [number for number in numbers if 0 < number < 999]
    return max(numbers, default=0) + 1


def _as_int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def rw_edit(request, page_id: int, rw_id: str | None = None):
    """One RW: its number, head and phone, and its RTs (add with "RT baru", remove with
    "Hapus RT ini"); saved, then published, submitted or kept as a draft."""
    page, permissions = _page_for(request, page_id)
    if _locked(request, page):
        return redirect("balai_rtrw_overview", page.pk)
    rws = page_rws(page.get_latest_revision_as_object())
    current = _rw_or_none(rws, rw_id)
    if rw_id is not None and current is None:
        return _gone(request, page)
    taken = frozenset(rw.number for rw in rws if rw is not current)
    focus_new_row = False

    if request.method == "POST" and "add-rt" in request.POST:
        form, formset = _with_new_row(request.POST, taken)
        formset.forms[-1].fields["head"].widget.attrs["autofocus"] = True
        focus_new_row = True
    elif request.method == "POST":
        form = RwForm(request.POST, taken_numbers=taken)
        formset = RtFormSet(request.POST, prefix=RT_PREFIX)
        if form.is_valid() and formset.is_valid():
            if form.cleaned_data["revision"] != page.latest_revision_id:
                messages.error(request, _(
                    "Someone else saved this RT/RW page while you were editing. Check this "
                    "RW below (what you typed is kept), then save again."))
                form, formset = _unchecked(request.POST, taken, revision=page.latest_revision_id)
            else:
                data = form.cleaned_data
                rw = Rw(number=data["number"], head=data["head"], phone=data["phone"],
                        area=data["area"], id=rw_id, rts=tuple(
                            Rt(number=row["number"], head=row["head"], phone=row["phone"],
                               area=row["area"], id=row["block_id"] or None)
                            for row in formset.kept_rows()))
                response = _change(request, page=page, permissions=permissions,
                                   rws=rw_replace(rws, rw),
                                   done=_("RW %(number)s is saved.") % {
                                       "number": f"{rw.number:02d}"})
                if response is not None:
                    return response
        else:
            messages.error(request, _("The RW was not saved: correct what is marked below."))
    else:
        form, formset = _initial(current, rws, revision=page.latest_revision_id)

    title = _("RW %(number)s") % {"number": f"{current.number:02d}"} if current else _("New RW")
    return TemplateResponse(request, "rtrw/admin/rw_form.html", {
        "page_title": title, "page": page, "rw": current, "form": form, "formset": formset,
        "focus_new_row": focus_new_row, **_actions_context(permissions)})


def _initial(current: Rw | None, rws: list[Rw], *, revision):
    if current is None:  # a new RW: the next free number, no RT yet
        form = RwForm(initial={"number": _next_number(rw.number for rw in rws),
                               "revision": revision})
        return form, RtFormSet(prefix=RT_PREFIX, initial=[], existing=0)
    form = RwForm(initial={"number": current.number, "head": current.head,
                           "phone": current.phone, "area": current.area,
                           "revision": revision})
    rows = [{"block_id": rt.id, "number": rt.number, "head": rt.head, "phone": rt.phone,
             "area": rt.area} for rt in current.rts]
    return form, RtFormSet(prefix=RT_PREFIX, initial=rows, existing=len(rows))


def _unchecked(data, taken, *, revision=None, new_row: bool = False):
    """The form again as the operator typed it, without checking it (no error shown)."""
    bound_form = RwForm(data, taken_numbers=taken)
    initial = {name: bound_form[name].value() for name in ("number", "head", "phone", "area")}
    initial["revision"] = revision if revision is not None else bound_form["revision"].value()
    bound_rows = RtFormSet(data, prefix=RT_PREFIX)
    rows = [{name: form[name].value() for name in RT_FIELDS} for form in bound_rows.forms]
    existing = min(bound_rows.initial_form_count(), len(rows))
    if new_row:
        rows.append({"number": _next_number(_as_int(row["number"]) for row in rows)})
    return (RwForm(initial=initial, taken_numbers=taken),
            RtFormSet(prefix=RT_PREFIX, initial=rows, existing=existing))


def _with_new_row(data, taken):
    return _unchecked(data, taken, new_row=True)


def rw_delete(request, page_id: int, rw_id: str):
    """Asks first; on confirmation the RW and its RTs leave the page (a new revision, which
    can be restored from the page's history)."""
    page, permissions = _page_for(request, page_id)
    if _locked(request, page):
        return redirect("balai_rtrw_overview", page.pk)
    rws = page_rws(page.get_latest_revision_as_object())
    current = _rw_or_none(rws, rw_id)
    if current is None:
        return _gone(request, page)
    if request.method == "POST":
        response = _change(request, page=page, permissions=permissions,
                           rws=rw_remove(rws, rw_id),
                           done=_("RW %(number)s and its RTs are deleted.") % {
                               "number": f"{current.number:02d}"})
        if response is not None:
            return response
    return TemplateResponse(request, "rtrw/admin/rw_delete.html", {
        "page_title": _("Delete RW %(number)s") % {"number": f"{current.number:02d}"},
        "page": page, "rw": current, "header_icon": "bin",
        "cancel_url": reverse("balai_rtrw_rw_edit", args=[page.pk, rw_id]),
        **_actions_context(permissions)})
