from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from balai.core.sections import OfficeLink

from . import views


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
