from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from balai.api import urls as api_urls
from balai.core import views as core_views
from balai.core.sitemaps import OwnPagesSitemap
from balai.health import views as health_views

handler400 = core_views.bad_request

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumen-unduh/", include(wagtaildocs_urls)),
    path("api/v1/", include(api_urls)),
    path("bahasa/<str:code>/", core_views.set_language, name="set-language"),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": {"pages": OwnPagesSitemap}},
         name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots-txt"),
    path("healthz", health_views.healthz, name="healthz"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's front-end sign-in (for private pages) would be a second password form
    # without throttling or the second step: every sign-in goes through the admin's.
    path("_util/login/", RedirectView.as_view(pattern_name="wagtailadmin_login",
                                               query_string=True)),
    path("", include(wagtail_urls)),
]
