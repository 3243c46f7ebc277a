from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from balai.core.models import RICH_TEXT_FEATURES, BasePage, SectionPage
from balai.core.sections import SectionKey
from balai.core.validators import phone_validator, validate_whatsapp, whatsapp_number


class LembagaIndexPage(SectionPage):
    section_key = SectionKey.LEMBAGA
    resident_words = ("lembaga", "organisasi", "karang taruna", "pkk", "lpm", "posyandu",
                      "majelis taklim", "kader")
    empty_message = _("No community organisation has been listed yet.")
    subpage_types = ["lembaga.LembagaPage"]

    class Meta:
        verbose_name = _("community organisations page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["organisations"] = (LembagaPage.objects.live().public().child_of(self)
                                    .order_by("path"))
        return context


class LembagaPage(BasePage):
    """One community organisation of the kelurahan: karang taruna, PKK, LPM, …"""

    class Kind(models.TextChoices):
        KARANG_TARUNA = "karang_taruna", "Karang Taruna"
        PKK = "pkk", "PKK"
        LPM = "lpm", "LPM"
        POSYANDU = "posyandu", "Posyandu"
        MAJELIS_TAKLIM = "majelis_taklim", "Majelis Taklim"
        OTHER = "lainnya", _("Other")

    kind = models.CharField(
        _("kind of organisation"), max_length=20, choices=Kind.choices,
        help_text=_("Choose 'Other' for any organisation not in the list."),
    )
    summary = models.CharField(
        _("summary"), max_length=250, blank=True,
        help_text=_("One sentence on what the organisation does; shown in lists."),
    )
    description = RichTextField(
        _("description"), blank=True, features=RICH_TEXT_FEATURES,
        help_text=_("Its aims, who can join, and how."),
    )
    activities = RichTextField(
        _("activities"), blank=True, features=RICH_TEXT_FEATURES,
        help_text=_("Regular activities, e.g. 'Posyandu balita setiap tanggal 10'. A list "
                    "works best."),
    )
    logo = models.ForeignKey("core.BalaiImage", verbose_name=_("logo or photo"), null=True,
                             blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("The organisation's logo or a group photo (optional)."),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator],
        help_text=_("A phone number residents may call, only with the person's consent."),
    )
    whatsapp = models.CharField(_("WhatsApp"), max_length=20, blank=True,
                                validators=[validate_whatsapp])
    email = models.EmailField(_("email"), blank=True,
        help_text=_("The organisation's email address (optional)."),
    )
    meeting_place = models.CharField(
        _("secretariat or meeting place"), max_length=200, blank=True,
        help_text=_("Where residents can meet the organisation."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("logo"),
        FieldPanel("description"),
        InlinePanel("officers", heading=_("Officers"), label=_("Officer"),
                    help_text=_("The chair first, then secretary, treasurer and others.")),
        FieldPanel("activities"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("phone"), FieldPanel("whatsapp")]),
            FieldPanel("email"), FieldPanel("meeting_place"),
        ], heading=_("Contact")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"),
                     index.SearchField("description"), index.SearchField("activities"),
                     index.RelatedFields("officers", [index.SearchField("name"),
                                                      index.SearchField("role")])]
    parent_page_types = ["lembaga.LembagaIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("community organisation")

    @property
    def og_image(self):
        return self.logo

    @property
    def whatsapp_link(self) -> str:
        return f"https://wa.me/{whatsapp_number(self.whatsapp)}" if self.whatsapp else ""


class LembagaOfficer(Orderable):
    page = ParentalKey(LembagaPage, on_delete=models.CASCADE, related_name="officers")
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=120,
                            help_text=_("e.g. 'Ketua', 'Sekretaris', 'Bendahara'."))

    panels = [FieldRowPanel([FieldPanel("role"), FieldPanel("name")])]

    class Meta(Orderable.Meta):
        verbose_name = _("officer")
