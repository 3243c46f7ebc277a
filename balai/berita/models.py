from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from balai.core.models import RICH_TEXT_FEATURES, BasePage, SectionPage
from balai.core.sections import SectionKey
from balai.core.seo import article_ld
from balai.pagecache import params

from .feeds import news_feed_response

NEWS_PER_PAGE = 10


class BeritaIndexPage(RoutablePageMixin, SectionPage):
    section_key = SectionKey.BERITA
    resident_words = ("berita", "kabar", "pengumuman", "informasi terbaru")
    empty_message = _("No news has been published yet.")
    subpage_types = ["berita.BeritaPage"]

    class Meta:
        verbose_name = _("news page")

    @path("")
    def index(self, request):
        news = BeritaPage.objects.of(self)
        tag = params.get(request, "tag", "")
        if tag:
            news = news.filter(tags__name=tag)
        # A page past the last shows the last one (params: bad values are ignored).
        items = Paginator(news, NEWS_PER_PAGE).get_page(params.get(request, "page", 1))
        return self.render(request, context_overrides={"items": items, "tag": tag})

    @path("feed/", name="feed")
    def feed(self, request):
        return news_feed_response(index=self, news=BeritaPage.objects.of(self),
                                  request=request)


class BeritaPageTag(TaggedItemBase):
    content_object = ParentalKey("berita.BeritaPage", on_delete=models.CASCADE,
                                 related_name="tagged_items")


class BeritaPageQuerySet(PageQuerySet):
    """The news residents see: live and public, newest first, with their images."""

    def _shown(self) -> "BeritaPageQuerySet":
        return self.live().public().select_related("image").order_by("-date", "-pk")

    def of(self, index: Page) -> "BeritaPageQuerySet":
        """Under one news index."""
        return self._shown().child_of(index)

    def under(self, root: Page) -> "BeritaPageQuerySet":
        """Anywhere under a page (the portal: every site)."""
        return self._shown().descendant_of(root)


class BeritaPage(BasePage):
    objects = PageManager.from_queryset(BeritaPageQuerySet)()

    date = models.DateField(_("date"), default=timezone.localdate,
                            help_text=_("The day the news happened or was announced."))
    summary = models.CharField(
        _("summary"), max_length=250,
        help_text=_("One or two sentences shown in lists and when the link is shared."),
    )
    image = models.ForeignKey("core.BalaiImage", verbose_name=_("main image"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("A photo shown at the top and when the link is shared (optional)."),
    )
    body = RichTextField(_("text"), features=RICH_TEXT_FEATURES,
                         help_text=_("The news itself. Short paragraphs read best on phones."))
    tags = ClusterTaggableManager(
        through=BeritaPageTag, blank=True, verbose_name=_("tags"),
        help_text=_("A few words residents might look for, e.g. 'posyandu', 'kerja bakti'."),
    )

    content_panels = [
        *Page.content_panels, FieldPanel("date"), FieldPanel("summary"), FieldPanel("image"),
        FieldPanel("body"), FieldPanel("tags"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"),
                     index.SearchField("body"), index.FilterField("date")]
    parent_page_types = ["berita.BeritaIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    @property
    def og_image(self):
        return self.image

    def structured_data(self, *, chrome, request):
        image_url = None
        if self.image:
            image_url = request.build_absolute_uri(
                self.image.get_rendition("fill-1200x630|format-jpeg|jpegquality-75").url)
        return article_ld(page=self, home=chrome.home, image_url=image_url)
