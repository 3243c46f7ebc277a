from django.urls import path
from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def register_rtrw_editor_urls():
    # The new RW's address comes before the one that takes any RW id.
    return [
        path("rt-rw/<int:page_id>/", views.overview, name="balai_rtrw_overview"),
        path("rt-rw/<int:page_id>/rw/baru/", views.rw_edit, name="balai_rtrw_rw_add"),
        path("rt-rw/<int:page_id>/rw/<str:rw_id>/", views.rw_edit, name="balai_rtrw_rw_edit"),
        path("rt-rw/<int:page_id>/rw/<str:rw_id>/hapus/", views.rw_delete,
             name="balai_rtrw_rw_delete"),
    ]
