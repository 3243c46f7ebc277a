import functools

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page
from wagtail.search import index
from wagtail.utils.decorators import cached_classmethod

from balai.wilayah.models import Region

from .groups import CITY_OFFICE_FIELD_PERMISSION
from .permissions import SitePagePermissionTester
from .selectors import site_chrome

# Rich text an operator may use: structure and links only, no raw HTML.
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class BasePage(Page):
    """Every public Balai page: adds the site chrome (header, menu, footer) to the context."""

    # The image shown when a link to the page is shared (WhatsApp, Facebook).
    og_image = None

    # Whether the page is the home of an office's site (SiteHomePage). The chrome and the
    # permission boundary ask this instead of importing the page types of balai.home.
    is_site_home = False

    # Wagtail's "Promote" tab, in an operator's words. Its SEO title and "show in menus"
    # are the city office's alone (CITY_OFFICE_FIELD_PERMISSION): the public menu
    # is made of the standard sections (core/selectors.py), never of "show in menus", and
    # a page's <title> is its own title unless the city office sets another.
    promote_panels = [
        MultiFieldPanel([
            FieldPanel("slug", heading=_("Page address"), help_text=_(
                "The last part of the page's web address, e.g. “layanan” in "
                "kel-citangkil…/layanan/. Lowercase letters, digits and hyphens only. If you "
                "change it, links people have saved or shared stop working.")),
            FieldPanel("search_description", heading=_("Description for search"), help_text=_(
                "One or two sentences that Google and shared links (WhatsApp, Facebook) show "
                "under the page's title. If left empty, the page's summary is used.")),
        ], heading=_("Address and search")),
        MultiFieldPanel([
            FieldPanel("seo_title", permission=CITY_OFFICE_FIELD_PERMISSION, help_text=_(
                "Only if the browser tab and search engines should show another title than "
                "the page's own.")),
            FieldPanel("show_in_menus", permission=CITY_OFFICE_FIELD_PERMISSION, help_text=_(
                "Not used by Balai's menus, which always list the standard sections.")),
        ], heading=_("For the city office")),
    ]

    class Meta:
        abstract = True

    @cached_classmethod
    def get_edit_handler(cls):
        """Wagtail's tabs (its own get_edit_handler), with the promote tab named as
        operators understand it."""
        tabs = [ObjectList(cls.content_panels, heading=_("Content")),
                ObjectList(cls.promote_panels, heading=_("Address & search")),
                ObjectList(cls.settings_panels, heading=_("Settings"))]
        return TabbedInterface(tabs, base_form_class=cls.base_form_class).bind_to_model(cls)

    def permissions_for_user(self, user):
        return SitePagePermissionTester(user, self)

    def publish(self, revision, user=None, *args, **kwargs):
        """Publishing outside the editor (a workflow's approval, scheduled publishing) asks
        every ``balai_before_publish`` hook first: one that answers True holds the revision
        back (the guard registers one, balai/guard/wagtail_hooks.py; the editor's own publish
        button is checked by another hook there, which can tell the operator why)."""
        if any(held(self, revision, user) for held in hooks.get_hooks("balai_before_publish")):
            return None
        return super().publish(revision, user, *args, **kwargs)

    @property
    def meta_description(self) -> str:
        """What search engines and shared links show under the title: the page's own
        description or summary, else a sentence naming the page and its site."""
        own = self.search_description or getattr(self, "summary", "")
        if own:
            return own
        return _("%(title)s: official information from the government of Kota Cilegon, "
                 "with services and their requirements, news, agenda and contacts.") % {
            "title": self.title}

    def structured_data(self, *, chrome, request) -> dict | None:
        """schema.org data for the page, or None."""
        return None

    def route(self, request, path_components):
        """Wagtail's routing, with one query instead of two for a child of the only page
        type allowed here (a service under the services index, news under the news index):
        that type is asked for directly rather than Page first and the type's row after."""
        child_model = _only_child_model(type(self))
        if path_components and child_model is not None:
            child = child_model.objects.child_of(self).filter(slug=path_components[0]).first()
            if child is not None and child.specific_class is child_model:
                child._cached_parent_obj = self  # as Wagtail does: no query for the parent
                return child.route(request, path_components[1:])
        # Anything else (another type left from before, no such page: 404) as Wagtail does.
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["chrome"] = site_chrome(page=self, request=request)
        return context


class SiteHomePage(BasePage):
    """The home page of one region's site: the city portal, a kecamatan, a kelurahan
    (``balai.home``'s page types). Created only by provisioning."""

    is_site_home = True
    # Permissions given on this home stop at the sites below it (core/permissions.py); the
    # portal sets False: what the city office is given there reaches every site.
    permission_boundary = True

    region = models.OneToOneField(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The official region this site belongs to. Set by the city office."),
    )

    class Meta:
        abstract = True


@functools.cache
def _only_child_model(model: type) -> type | None:
    allowed = model.allowed_subpage_models()
    return allowed[0] if len(allowed) == 1 else None


class SectionPage(BasePage):
    """A standard page every site starts with (profil, layanan, berita …).

    Each section has its own page type so that later fields can be added to it
    without changing the type of pages that already exist.
    """

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("A few sentences that tell residents what this page is about."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro"),
                     index.SearchField("resident_words_text")]

    # The words residents search with for this section, in Indonesian, whether or not the
    # operator wrote them ("pengaduan" or "jam buka" for the contact page): indexed with the
    # page, and matched by the site search (balai/home/search.py).
    resident_words: tuple[str, ...] = ()

    parent_page_types = ["home.KecamatanPage", "home.KelurahanPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    # What the page holds, shown to residents when the operator has not written anything yet.
    empty_message = _("The office has not filled in this page yet.")

    class Meta:
        abstract = True

    @property
    def resident_words_text(self) -> str:
        return ", ".join(self.resident_words)

    def get_template(self, request, *args, **kwargs):
        # A section without a template of its own uses the generic one.
        return [self.template, "core/section_page.html"]


class BalaiImage(AbstractImage):
    """Wagtail's image with the alternative text made mandatory for every upload."""

    description = models.CharField(
        _("alternative text"),
        max_length=255,
        help_text=_(
            "Describe what the picture shows for residents who cannot see it, e.g. "
            "'The lurah greets residents at the kelurahan office'. Required."
        ),
    )
    admin_form_fields = Image.admin_form_fields

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class BalaiRendition(AbstractRendition):
    image = models.ForeignKey(BalaiImage, related_name="renditions", on_delete=models.CASCADE)

    def __setstate__(self, state):
        # Only a cache unpickles a rendition. Wagtail 7.4's get_renditions() writes back
        # every rendition not marked as coming from the cache, so without this mark each
        # picture of each page rendered costs a cache write (fixed upstream in August 2026,
        # wagtail/wagtail#14541, after the 7.4.4 release).
        super().__setstate__(state)
        self._from_cache = True

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
