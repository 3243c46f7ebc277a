import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from balai.provisioning.models import RegionSite
from balai.wilayah.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_():
    user = get_user_model().objects.create_superuser("kota", "kota@example.id", "x" * 16)
    client = Client(HTTP_HOST="balai.test")
    client.force_login(user)
    return client


def test_city_office_corrects_a_postal_code_with_a_clear_error_first(admin_client_):
    region = Region.objects.get(kode="36.72.04.1005")
    url = f"/admin/wilayah/edit/{region.pk}/"
    response = admin_client_.post(url, {"name": "Kepuh", "postal_code": "4244"})
    assert response.status_code == 200
    assert "Kode pos terdiri atas lima angka." in response.text
    response = admin_client_.post(url, {"name": "Kepuh", "postal_code": "42447"})
    assert response.status_code == 302
    region.refresh_from_db()
    assert region.postal_code == "42447"
    assert region.kode == "36.72.04.1005"


def test_regions_cannot_be_added_or_deleted_in_the_admin(admin_client_):
    region = Region.objects.get(kode="36.72.04.1005")
    assert admin_client_.get("/admin/wilayah/new/").status_code == 302
    admin_client_.post(f"/admin/wilayah/delete/{region.pk}/")
    assert Region.objects.filter(pk=region.pk).exists()


def test_operators_cannot_open_the_region_list():

    operator = get_user_model().objects.create_user("op", password="x" * 16)
    operator.groups.add(RegionSite.objects.get(region__kode="36.72.08.1007").operator_group)
    client = Client(HTTP_HOST="balai.test")
    client.force_login(operator)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/wilayah/").status_code in (302, 403)
