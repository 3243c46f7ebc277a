from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from balai.core.sections import OfficeLink

from . import admin_views, views


@hooks.register("balai_office_urls")
def office_urls():
    """The survey on every kecamatan's and kelurahan's site."""
    return [
        path("survei/", views.survey, name="survei"),
        path("survei/terima-kasih/", views.thanks, name="survei_terima_kasih"),
        path("survei/hasil/", views.results, name="survei_hasil"),
        path("survei/poster/", views.poster, name="survei_poster"),
        path("survei/qr/", views.qr, name="survei_qr"),
    ]


@hooks.register("balai_office_links")
def office_links():
    return [OfficeLink(
        label=_("Satisfaction survey"), path="survei/",
        description=_("Tell the office how its service was: nine short questions, no name "
                      "asked."),
        words=("survei", "survey", "kepuasan", "skm", "ikm", "kuesioner", "kuisioner",
               "penilaian", "nilai pelayanan"))]


class SurveyMenuItem(MenuItem):
    """Shown to the city office and to every office's operators and contributors."""

    def is_shown(self, request):
        return admin_views.user_has_survey(request.user)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("survei/", admin_views.results, name="balai_survei"),
        path("survei/pengguna-layanan/", admin_views.population,
             name="balai_survei_population"),
    ]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return SurveyMenuItem(_("Satisfaction survey"), reverse("balai_survei"),
                          icon_name="list-ul", order=160)
