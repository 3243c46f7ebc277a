"""A change to a page in the admin is all or nothing: a failure after Wagtail has written
part of it leaves the page as it was (AtomicPageChangeMiddleware, balai/core/middleware.py)."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from balai.conftest import CITANGKIL, host_of
from balai.core.tests.formdata import form_data
from balai.provisioning.models import RegionSite

pytestmark = pytest.mark.django_db


class Crash(Exception):
    pass


def crash(**kwargs):
    raise Crash("the worker died here")


@pytest.fixture
def operator_client(make_user):
    record = RegionSite.objects.select_related("site", "operator_group", "home_page") \
        .get(region__kode=CITANGKIL)
    client = Client(HTTP_HOST=host_of(record.site), raise_request_exception=False)
    client.force_login(make_user("operator-citangkil", record.operator_group))
    return client, record.home_page


@pytest.fixture
def failing(request):
    """Connect ``crash`` to a signal for one test."""
    signals = []

    def connect(signal):
        signal.connect(crash, dispatch_uid="test-transactions-crash")
        signals.append(signal)

    yield connect
    for signal in signals:
        signal.disconnect(dispatch_uid="test-transactions-crash")


def test_an_unpublish_that_fails_after_the_page_row_leaves_the_page_live(operator_client,
                                                                        failing):
    client, home = operator_client
    page = home.get_children().live().get(slug="berita")
    failing(page_unpublished)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert response.status_code == 500
    # Wagtail had saved the page as not live before the signal; that write is rolled back.
    assert Page.objects.get(pk=page.pk).live


def edit_form(client, page) -> dict:
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content
    return form_data(html, "page-edit-form")


def test_a_publish_that_fails_after_the_page_row_leaves_no_trace(operator_client, failing):
    client, home = operator_client
    page = home.get_children().live().get(slug="berita").specific
    before = (page.title, page.live_revision_id, page.latest_revision_id,
              page.revisions.count())
    data = edit_form(client, page)
    data.update({"title": "Berita kelurahan yang baru", "action-publish": "action-publish"})
    failing(page_published)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 500
    page.refresh_from_db()
    # The revision and the page row were written before the signal; both are rolled back.
    assert (page.title, page.live_revision_id, page.latest_revision_id,
            page.revisions.count()) == before
