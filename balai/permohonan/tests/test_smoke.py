import pytest

from balai.permohonan import services
from balai.permohonan.models import RequestDocument, ServiceRequest
from balai.testing.builders import kelurahan_site, service_request_of

pytestmark = pytest.mark.django_db


def test_a_request_goes_through_its_life():
    site = kelurahan_site()
    request, pin = service_request_of(site)
    assert services.pin_matches(request, pin) and not services.pin_matches(request, "000000")
    assert request.nik_masked == "3672**********07"
    states = dict(request.documents.values_list("requirement", "state"))
    assert states["Kartu Keluarga"] == RequestDocument.State.UPLOADED
    assert states["KTP elektronik pemohon"] == RequestDocument.State.NIK
    family = request.documents.get(requirement="Kartu Keluarga")
    services.ask_to_complete(service_request=request, user=None,
                             missing={family.pk: "Foto buram"})
    assert request.status == ServiceRequest.Status.INCOMPLETE
