"""The operators app's middleware (their places in settings.MIDDLEWARE are explained
there): the admin's language (``language``) and each office kept to its own site
(``isolation``)."""


from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import resolve, reverse
from django.utils import translation

from balai.core.groups import is_city_user

from .isolation import BROWSE_DOWN, BULK_KINDS, CITY_ONLY, HIDDEN_KINDS, OwnScope, kind_of
from .language import admin_language


class AdminLanguageMiddleware:
    """After AuthenticationMiddleware (it reads the account's choice) and LocaleMiddleware
    (whose choice it replaces, for /admin/ only)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self.admin_prefix is None:  # the URLconf is not loaded yet at construction
            self.admin_prefix = reverse("wagtailadmin_home")
        if not request.path.startswith(self.admin_prefix):
            return self.get_response(request)
        language = admin_language(request.user)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        # LocaleMiddleware only sets these if missing: the admin's do not vary by browser.
        response.headers["Content-Language"] = language
        return response


class SiteIsolationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith("/admin/"):
            return None
        user = request.user
        if not user.is_authenticated or is_city_user(user):
            return None
        view_name = resolve(request.path_info).view_name
        if CITY_ONLY.match(view_name):
            raise PermissionDenied
        scope = OwnScope(user)
        for argument, value in view_kwargs.items():
            kind = kind_of(view_name, argument)
            if kind is None or scope.owns(kind, value):
                continue
            if view_name in BROWSE_DOWN and scope.above_own_page(value):
                continue
            if kind in HIDDEN_KINDS:
                raise Http404
            raise PermissionDenied
        if view_name == "wagtail_bulk_action":
            kind = BULK_KINDS.get((view_kwargs.get("app_label"), view_kwargs.get("model_name")))
            ids = request.GET.getlist("id") + request.POST.getlist("id")
            if kind is None or not all(scope.owns(kind, pk) for pk in ids if pk != "all"):
                raise PermissionDenied
            if "all" in ids:
                raise PermissionDenied
        return None
