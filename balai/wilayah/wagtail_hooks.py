from wagtail import hooks

from .views import RegionViewSet


@hooks.register("register_admin_viewset")
def register_region_viewset():
    return RegionViewSet("wilayah")
