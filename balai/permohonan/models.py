"""Service requests residents send online to their kelurahan or kecamatan office, so that the
office checks their documents before they come (docs/service-requests.md).

A request belongs to the office whose site received it (``region``); only that office's
operators and contributors read it, the city office sees figures only. What identifies the
resident is personal data (UU 27/2022) and encrypted at rest
(docs/decisions/0007-service-requests-personal-data.md): the answers to the service's form
(with the NIK) and the contact details in ``EncryptedTextField`` columns, every document in
the encrypted private storage. Lists show the NIK masked (``nik_masked``, which is not the
NIK). ``balai purge-personal-data`` deletes the documents ``BALAI_REQUEST_DOCUMENT_RETENTION_DAYS``
days after the request is finished or rejected and the personal fields
``BALAI_REQUEST_RETENTION_DAYS`` days after; the anonymous record (office, service, statuses
and their dates) stays for the city's figures.
"""

import json

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.layanan.models import ServiceDefinition
from balai.security.fields import EncryptedEmailField, EncryptedTextField, is_unreadable
from balai.wilayah.models import Region

NOTE_LIMIT = 500
REASON_LIMIT = 300


def private_storage():
    """Residents' documents are not public media (settings: STORAGES["private"])."""
    return storages["private"]


class ServiceRequest(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "diajukan", _("Submitted")
        CHECKING = "diperiksa", _("Being checked")
        INCOMPLETE = "perlu_dilengkapi", _("Needs completing")
        READY = "siap_diambil", _("Ready to collect")
        DONE = "selesai", _("Done")
        REJECTED = "ditolak", _("Rejected")

    OPEN = (Status.SUBMITTED, Status.CHECKING, Status.INCOMPLETE, Status.READY)
    FINISHED = (Status.DONE, Status.REJECTED)

    region = models.ForeignKey(Region, verbose_name=_("office"), on_delete=models.PROTECT,
                               related_name="+")
    # The tracking code (balai/core/codes.py), unique within one office's site, and the
    # hash of the PIN shown once to the resident: the second factor that opens the details.
    code = models.CharField(_("tracking code"), max_length=8)
    pin = models.CharField(_("PIN"), max_length=128)
    service = models.ForeignKey(ServiceDefinition, verbose_name=_("service"), null=True,
                                on_delete=models.SET_NULL, related_name="+")
    # The service's name when the request was sent: the figures keep it if the city later
    # renames or removes the service.
    service_name = models.CharField(_("service"), max_length=200)

    # Encrypted at rest (balai/security/fields.py): the answers as JSON, the contact.
    answers = EncryptedTextField(_("answers"), blank=True)
    nik_masked = models.CharField(_("NIK"), max_length=16, blank=True)
    phone = EncryptedTextField(_("phone or WhatsApp"), max_length=20, blank=True)
    email = EncryptedEmailField(_("email"), max_length=254, blank=True)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.SUBMITTED, db_index=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("handled by"),
                                 null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    # Whether the office found everything in order the first time it decided (None until it
    # decides, and for a request rejected without asking for anything): the city's figure.
    complete_at_first = models.BooleanField(_("complete at first submission"), null=True)
    pickup_on = models.DateField(_("to collect on"), null=True, blank=True)
    bring_note = models.CharField(_("what to bring"), max_length=NOTE_LIMIT, blank=True)
    reason = models.CharField(_("reason for rejection"), max_length=NOTE_LIMIT, blank=True)

    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    completed_at = models.DateTimeField(_("last completed by the resident"), null=True,
                                        blank=True)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    documents_removed_at = models.DateTimeField(_("documents deleted"), null=True, blank=True)
    personal_data_removed_at = models.DateTimeField(_("personal data removed"), null=True,
                                                    blank=True)

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-submitted_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["region", "code"],
                                               name="permohonan_code_unique_per_office")]

    def __str__(self) -> str:
        return f"{self.code_display} {self.service_name}"

    @property
    def code_display(self) -> str:
        return f"{self.code[:4]}-{self.code[4:]}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def data_unreadable(self) -> bool:
        """The personal fields were encrypted with a key this installation no longer has."""
        return any(is_unreadable(value) for value in (self.answers, self.phone, self.email))

    @property
    def answer_list(self) -> list[dict]:
        """The resident's answers as ``[{"id", "label", "kind", "value"}]`` in the order of
        the form (empty once removed, or when unreadable)."""
        if not self.answers or is_unreadable(self.answers):
            return []
        return json.loads(self.answers)

    def set_answers(self, answers: list[dict]) -> None:
        self.answers = json.dumps(answers, ensure_ascii=False)


class RequestDocument(models.Model):
    """One requirement of the service in one request: uploaded, to be brought, asked as the
    NIK, or found missing by the office (with the reason the resident reads)."""

    class State(models.TextChoices):
        UPLOADED = "diunggah", _("Uploaded")
        BRING = "dibawa", _("Brought to the office")
        NIK = "nik", _("Given as the NIK")
        MISSING = "kurang", _("Missing")

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE,
                                related_name="documents")
    # The requirement's block id in the catalogue, and its words when the request was sent.
    requirement_id = models.CharField(max_length=64)
    requirement = models.CharField(_("requirement"), max_length=200)
    condition = models.CharField(_("only when"), max_length=200, blank=True)
    # How the catalogue lets it be given online (RequirementBlock.Online).
    mode = models.CharField(_("online"), max_length=8)
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    reason = models.CharField(_("what is wrong"), max_length=REASON_LIMIT, blank=True)
    # A JPEG of the photo, or of the PDF's pages one under the other (documents.py).
    file = models.FileField(_("file"), upload_to="permohonan/", storage=private_storage,
                            blank=True, max_length=200)
    pages = models.PositiveSmallIntegerField(_("pages"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), null=True, blank=True)
    # How many times it was sent again after the office asked (0: with the request).
    resent = models.PositiveSmallIntegerField(_("sent again"), default=0)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("requirement document")
        verbose_name_plural = _("requirement documents")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.requirement


class RequestEvent(models.Model):
    """A step in the request's life: its status, when, by whom, and the note the resident
    reads (what is missing, what to bring, why it was rejected)."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE,
                                related_name="events")
    status = models.CharField(_("status"), max_length=20,
                              choices=ServiceRequest.Status.choices)
    note = models.CharField(_("note"), max_length=NOTE_LIMIT, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True,
                               blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("request step")
        verbose_name_plural = _("request steps")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.request} {self.status}"
