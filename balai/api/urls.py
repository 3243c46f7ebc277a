from django.urls import path

from . import layanan, views

app_name = "api"
urlpatterns = [
    path("sites/", views.site_list, name="site-list"),
    path("layanan/", layanan.layanan_list, name="layanan-list"),
]
