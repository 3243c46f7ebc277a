from django.urls import path

from . import views

app_name = "api"
urlpatterns = [
    path("sites/", views.site_list, name="site-list"),
]
