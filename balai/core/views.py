from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils.translation import check_for_language
from django.views import defaults
from django.views.decorators.http import require_GET

from balai.pagecache import params


@require_GET
def set_language(request, code: str):
    """Switch the interface language with a plain link, so it works without JavaScript.

    Only the language cookie changes (flags: LANGUAGE_COOKIE_* in the settings); ``next``
    is a path on this site (balai.pagecache.params refuses anything else: back to the home).
    """
    response = HttpResponseRedirect(params.get(request, "next", "/"))
    if code in dict(settings.LANGUAGES) and check_for_language(code):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, code, max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            secure=settings.LANGUAGE_COOKIE_SECURE or request.is_secure())
    return response


@require_GET
def robots_txt(request):
    """Allow everything public; keep crawlers out of the admin; point to this site's sitemap."""
    sitemap = request.build_absolute_uri("/sitemap.xml")
    body = f"User-agent: *\nDisallow: /admin/\nAllow: /\n\nSitemap: {sitemap}\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


def bad_request(request, exception):
    """Balai's 400 page (``handler400``). A form sent with more than Django reads
    (DATA_UPLOAD_MAX_MEMORY_SIZE, DATA_UPLOAD_MAX_NUMBER_FIELDS: a 10 MB text pasted into a
    form) is refused before any view, so this page says so in words, with status 413."""
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent):
        return HttpResponse(render_to_string("413.html", request=request), status=413)
    return defaults.bad_request(request, exception)
