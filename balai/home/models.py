from django.http import Http404
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail import blocks, hooks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from balai.core.models import RICH_TEXT_FEATURES, SiteHomePage
from balai.core.regionmaps import city_map
from balai.core.sections import SectionKey
from balai.core.seo import organization_ld
from balai.pagecache import params

from .finder import clean_query, find, finder_index
from .search import city_search, office_forms_matching, site_search
from .selectors import home_summary, portal_directory, portal_news, portal_programs


class RegionHomePageQuerySet(PageQuerySet):
    def listed(self) -> "RegionHomePageQuerySet":
        """The homes residents are led to: live and public, in region code order."""
        return self.live().public().select_related("region").order_by("region__kode")


class RegionHomePage(RoutablePageMixin, SiteHomePage):
    """The home page of one region's site; created only by provisioning."""

    intro = RichTextField(
        _("welcome text"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "A short welcome to residents: what the office does and how it can help. "
            "Two or three sentences are enough."
        ),
    )

    quick_links = StreamField(
        [("link", blocks.PageChooserBlock(label=_("Page")))],
        verbose_name=_("most-used services"), blank=True, max_num=6,
        help_text=_("Up to six pages residents need most, usually services such as "
                    "'Surat Keterangan Domisili'. Shown as large buttons on the home page."),
    )

    objects = PageManager.from_queryset(RegionHomePageQuerySet)()

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("quick_links")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    is_creatable = False  # provisioning creates home pages, with their Site and group

    class Meta:
        abstract = True

    # Shown under the leader's name when the operator gave no position.
    default_leader_title = ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The chrome's home is this page, with its region loaded (or kept: site_data).
        if context["chrome"].home.region.level != "kota":
            context["summary"] = home_summary(chrome=context["chrome"], request=request)
        context["default_leader_title"] = self.default_leader_title
        return context

    def structured_data(self, *, chrome, request):
        return organization_ld(home=chrome.home, kontak=chrome.kontak_detail, above=chrome.above)

    @path("")
    def home(self, request):
        return self.render(request)

    @path("cari/", name="search")
    def search(self, request):
        query = params.get(request, "q", "")
        return self.render(
            request, template="home/search_page.html",
            context_overrides={"query": query, "results": site_search(home=self, query=query),
                               "forms": office_forms_matching(home=self, query=query)},
        )


class PortalPage(RegionHomePage):
    """The city portal: leads residents to every kecamatan and kelurahan site."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.KecamatanPage"]
    max_count = 1
    permission_boundary = False  # the city office's permissions reach every site

    class Meta:
        verbose_name = _("city portal")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        route = getattr(request, "routable_resolver_match", None)
        if route is not None and route.route:
            return context  # its other routes (status, finder, search) show their own lists
        context["directory"] = portal_directory(
            kecamatan=KecamatanPage.objects.listed().child_of(self),
            kelurahan=KelurahanPage.objects.listed().descendant_of(self))
        context["news"] = portal_news(portal=self)
        context["programs"] = portal_programs(portal=self)
        context["city_map"] = city_map(directory=context["directory"], request=request)
        return context

    @path("cari-kelurahan/", name="finder")
    def finder(self, request):
        """"Cari kelurahan Anda": a kelurahan (and RT) by name, postal code or street."""
        query = clean_query(params.get(request, "q", ""))
        results = find(index=finder_index(portal=self, request=request), query=query) \
            if query else None
        return self.render(request, template="home/finder_page.html", context_overrides={
            "query": query, "results": results})

    @path("status/", name="status")
    def status(self, request):
        """How many kelurahan and kecamatan sites are live and complete, per kecamatan: the
        page the ``balai_portal_status`` hook gives as (template, context); balai.status,
        which sits above home, registers it."""
        for public_status in hooks.get_hooks("balai_portal_status"):
            template, context = public_status()
            return self.render(request, template=template, context_overrides=context)
        raise Http404

    @path("cari/", name="search")
    def search(self, request):
        """The services and news of every site, each naming its office."""
        query = params.get(request, "q", "")
        return self.render(request, template="home/portal_search.html",
                           context_overrides={"query": query,
                                              **city_search(portal=self, query=query)})


class OfficeHomePage(RegionHomePage):
    """A kecamatan's or kelurahan's home: the site of an office residents deal with. Besides
    its own routes it serves the residents' forms of the apps above ``home`` (complaints,
    the satisfaction survey), which register their routes with the ``balai_office_urls``
    hook: a list of ``django.urls.path()`` patterns whose views take the home page first,
    like a routable page's own. Routes come before child pages, so their first parts are
    reserved slugs on an office's site."""

    class Meta:
        abstract = True

    @classmethod
    def get_subpage_urls(cls):
        office_urls = [pattern for office_urls in hooks.get_hooks("balai_office_urls")
                       for pattern in office_urls()]
        return (*super().get_subpage_urls(), *office_urls)

    def render_route(self, request, template: str, context: dict, *, status: int = 200,
                     indexed: bool = True):
        """A page of one of those routes: never cached (a form, or a status that changes
        while its address stays), and kept out of search engines when ``indexed`` is false
        (a page for the one resident who holds its code)."""
        response = self.render(request, template=template, context_overrides=context)
        response.status_code = status
        add_never_cache_headers(response)
        if not indexed:
            response["X-Robots-Tag"] = "noindex"
        return response

    def get_context(self, request, *args, **kwargs):
        route = getattr(request, "routable_resolver_match", None)
        if route is not None and route.route:
            # A route other than the home page itself: the chrome, without the home's lists.
            return super(RegionHomePage, self).get_context(request, *args, **kwargs)
        return super().get_context(request, *args, **kwargs)


class KecamatanPage(OfficeHomePage):
    parent_page_types = ["home.PortalPage"]
    subpage_types = [
        "home.KelurahanPage",
        "profil.ProfilPage",
        "profil.StrukturPage",
        "profil.KontakPage",
        "lembaga.LembagaIndexPage",
        "layanan.LayananIndexPage",
        "program.ProgramIndexPage",
        "berita.BeritaIndexPage",
        "agenda.AgendaIndexPage",
        "dokumen.DokumenIndexPage",
    ]
    sections = [key for key in SectionKey if key != SectionKey.RTRW]
    default_leader_title = "Camat"

    class Meta:
        verbose_name = _("kecamatan home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["kelurahan_list"] = list(KelurahanPage.objects.listed().child_of(self))
        return context


class KelurahanPage(OfficeHomePage):
    parent_page_types = ["home.KecamatanPage"]
    subpage_types = [
        "profil.ProfilPage",
        "profil.StrukturPage",
        "profil.KontakPage",
        "lembaga.LembagaIndexPage",
        "rtrw.RtRwPage",
        "layanan.LayananIndexPage",
        "program.ProgramIndexPage",
        "berita.BeritaIndexPage",
        "agenda.AgendaIndexPage",
        "dokumen.DokumenIndexPage",
    ]
    sections = list(SectionKey)
    default_leader_title = "Lurah"

    class Meta:
        verbose_name = _("kelurahan home page")
