from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField
from wagtail.search import index

from balai.core.blocks import RwBlock
from balai.core.models import SectionPage
from balai.core.sections import SectionKey
from balai.pagecache import params

from .panels import RwListPanel


class RtRwPage(SectionPage):
    section_key = SectionKey.RTRW
    resident_words = ("rt", "rw", "rt rw", "rt/rw", "ketua rt", "ketua rw", "pak rt", "pak rw",
                      "rukun tetangga", "rukun warga")
    empty_message = _("The RW and RT heads have not been listed yet.")
    # RT and RW belong to a kelurahan; a kecamatan has none of its own.
    parent_page_types = ["home.KelurahanPage"]

    rws = StreamField(
        [("rw", RwBlock())], verbose_name=_("RWs and their RTs"), blank=True,
        help_text=_("One block per RW, in number order, with every RT under it."),
    )

    # Each RW is edited on its own screen (the RT/RW editor, balai/rtrw/views.py); the page
    # editor lists them with a link to each. The RWs are still this one field, so
    # revisions, moderation, search and backup treat them like any page content.
    content_panels = [*SectionPage.content_panels, RwListPanel("rws")]
    # Residents may search for the head of their RT or RW by name.
    search_fields = [*SectionPage.search_fields, index.SearchField("rws")]

    class Meta:
        verbose_name = _("RT/RW page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        rw, rt = params.get(request, "rw"), params.get(request, "rt")
        context.update(
            results=self.find(rw=rw, rt=rt), selected_rw=rw, selected_rt=rt,
            filtered=rw is not None or rt is not None,
            rw_numbers=[block.value["number"] for block in self.rws],
        )
        return context

    @property
    def rw_count(self) -> int:
        return len(self.rws)

    @property
    def rt_count(self) -> int:
        return sum(len(rw.value["rts"]) for rw in self.rws)

    def find(self, *, rw: int | None = None, rt: int | None = None) -> list[dict]:
        """The RWs a resident asked for, each with its RTs: all of them when nothing is
        asked, one RW, or only the RTs with the given number (in one RW or in every RW).

        Returns a list of {"rw": block value, "rts": [RT block values]}.
        """
        results = []
        for block in self.rws:
            value = block.value
            if rw is not None and value["number"] != rw:
                continue
            rts = [item for item in value["rts"] if rt is None or item["number"] == rt]
            if rt is None or rts:
                results.append({"rw": value, "rts": rts})
        return results
