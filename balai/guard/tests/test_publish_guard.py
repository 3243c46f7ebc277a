"""The guard on publish: an office account's spam does not go live but goes to the city
office's review; a warning about gambling goes live; the city office's approval publishes."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from balai.berita.models import BeritaIndexPage, BeritaPage
from balai.conftest import CITANGKIL, host_of
from balai.core.groups import CITY_ADMIN_GROUP
from balai.guard.models import GuardFinding
from balai.guard.publishing import GUARD_WORKFLOW
from balai.provisioning.models import RegionSite
from balai.security.models import SecurityEvent
from balai.testing.builders import publish

from .test_guard import WARNING_ARTICLE

pytestmark = pytest.mark.django_db
SPAM_TITLE = "Info slot gacor maxwin hari ini"


@pytest.fixture
def citangkil():
    return RegionSite.objects.select_related("home_page").get(region__kode=CITANGKIL)


@pytest.fixture
def news_index(citangkil):
    return BeritaIndexPage.objects.child_of(citangkil.home_page).get()


def _publish_news(client, index, *, title: str, body: str):
    return client.post(
        reverse("wagtailadmin_pages:add", args=["berita", "beritapage", index.pk]),
        nested_form_data({
            "title": title, "slug": f"berita-{abs(hash(title)) % 10**6}",
            "date": timezone.localdate().isoformat(), "summary": "Ringkasan berita.",
            "body": rich_text(body), "tags": "", "comments": inline_formset([]),
            "action-publish": "publish"}))


def _guard_state(page):
    return WorkflowState.objects.filter(
        object_id=str(page.pk), workflow__name=GUARD_WORKFLOW,
        status=WorkflowState.STATUS_IN_PROGRESS).first()


def test_spam_typed_by_an_operator_goes_to_review_not_live(make_user, citangkil, news_index):
    operator = make_user("op", citangkil.operator_group)
    client = Client()
    client.force_login(operator)
    response = _publish_news(client, news_index, title=SPAM_TITLE, body="<p>Daftar di sini.</p>")
    page = BeritaPage.objects.get(title=SPAM_TITLE)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live
    assert page.latest_revision.content["title"] == SPAM_TITLE  # the work is kept
    assert _guard_state(page) is not None
    assert GuardFinding.objects.filter(page=page, kind="spam_keyword", blocking=True).exists()
    event = SecurityEvent.objects.get(kind="guard_blocked")
    assert event.actor == operator and "gacor" in event.detail
    message = client.get(response["Location"]).content.decode()
    assert "TIDAK ditayangkan" in message and "Admin Kota" in message


def test_a_warning_about_gambling_goes_live(make_user, citangkil, news_index):
    operator = make_user("op", citangkil.operator_group)
    client = Client()
    client.force_login(operator)
    response = _publish_news(client, news_index, title="Waspada judi online",
                             body=WARNING_ARTICLE)
    assert response.status_code == 302
    page = BeritaPage.objects.get(title="Waspada judi online")
    assert page.live
    assert _guard_state(page) is None
    assert not SecurityEvent.objects.filter(kind="guard_blocked").exists()


def test_the_city_office_approves_and_the_page_goes_live(make_user, citangkil, news_index):
    operator = make_user("op", citangkil.operator_group)
    client = Client()
    client.force_login(operator)
    _publish_news(client, news_index, title=SPAM_TITLE, body="<p>Isi.</p>")
    page = BeritaPage.objects.get(title=SPAM_TITLE)
    reviewer = make_user("dinas-1", Group.objects.get(name=CITY_ADMIN_GROUP))
    state = _guard_state(page)
    assert reviewer in state.current_task_state.task.specific.groups.get().user_set.all()
    state.current_task_state.approve(user=reviewer)
    page.refresh_from_db()
    assert page.live and page.title == SPAM_TITLE


def test_an_approval_by_the_operator_of_a_contributors_spam_is_held(
        make_user, citangkil, news_index, django_capture_on_commit_callbacks):
    contributor = make_user("kontributor", citangkil.contributor_group)
    operator = make_user("op", citangkil.operator_group)
    page = news_index.add_child(instance=BeritaPage(
        title="Berita kontributor", date=timezone.localdate(), summary="Ringkasan.",
        body='<p>Kegiatan warga. <a href="https://contoh-slot.example/">info</a></p>',
        live=False))
    revision = page.save_revision(user=contributor)
    citangkil.approval_workflow.start(page, contributor)
    state = WorkflowState.objects.get(object_id=str(page.pk),
                                      status=WorkflowState.STATUS_IN_PROGRESS)
    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.approve(user=operator)
    page.refresh_from_db()
    assert not page.live
    assert page.latest_revision == revision
    assert _guard_state(page) is not None
    assert GuardFinding.objects.filter(page=page, kind="gambling_link").exists()


def test_system_publishing_is_not_held(citangkil, news_index):
    """Provisioning and the catalogue publish without a person; the city office's own
    publishing is not held either (they are the reviewers)."""
    page = news_index.add_child(instance=BeritaPage(
        title=SPAM_TITLE, date=timezone.localdate(), summary="Ringkasan.", body="<p>x</p>",
        live=False))
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live


def test_a_held_edit_of_a_cached_live_page_never_reaches_residents(make_user, citangkil,
                                                                    news_index):
    """The check renders the draft like a preview: the page cache neither answers it with
    the live page (which would hide the spam) nor keeps the draft for residents."""

    page = publish(news_index, BeritaPage, title="Jadwal posyandu RW 02",
                   summary="Posyandu dibuka pukul 08.00.", body="<p>Isi.</p>")
    public = Client(HTTP_HOST=host_of(citangkil.site))
    url = page.relative_url(citangkil.site)
    assert public.get(url).status_code == 200
    assert public.get(url)["X-Balai-Cache"] == "hit"
    operator = make_user("op", citangkil.operator_group)
    client = Client()
    client.force_login(operator)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), nested_form_data({
        "title": SPAM_TITLE, "slug": page.slug, "date": page.date.isoformat(),
        "summary": page.summary, "body": rich_text("<p>Isi.</p>"), "tags": "",
        "comments": inline_formset([]), "action-publish": "publish"}))
    assert response.status_code == 302
    assert _guard_state(page) is not None
    html = public.get(url).content.decode()
    assert SPAM_TITLE not in html and page.title in html


def test_the_admin_api_cannot_publish_around_the_guard(make_user, citangkil, news_index):
    """Wagtail's admin API publishes without the editor's hook: office accounts may not
    use its page actions at all."""
    operator = make_user("op", citangkil.operator_group)
    page = news_index.add_child(instance=BeritaPage(
        title="Berita biasa", date=timezone.localdate(), summary="Ringkas.",
        body="<p>Isi.</p>", live=False))
    page.title = SPAM_TITLE
    page.save_revision(user=operator)
    client = Client()
    client.force_login(operator)
    response = client.post(f"/admin/api/main/pages/{page.pk}/action/publish/",
                           content_type="application/json", data={})
    assert response.status_code == 403
    page.refresh_from_db()
    assert not page.live
