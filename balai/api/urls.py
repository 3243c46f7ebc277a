from django.urls import path

from . import layanan, permohonan, survei, views

app_name = "api"
urlpatterns = [
    path("sites/", views.site_list, name="site-list"),
    path("layanan/", layanan.layanan_list, name="layanan-list"),
    path("survei/", survei.survei_list, name="survei-list"),
    path("permohonan/", permohonan.permohonan_list, name="permohonan-list"),
]
