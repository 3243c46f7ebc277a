"""Complaints residents send to their kelurahan or kecamatan office, and the office's answers.

A complaint belongs to the office whose site received it (``region``); forwarding it to the
kecamatan or the city office adds who may read it (``forwarded_region``, ``forwarded_to``).
The resident's contact details are personal data (UU 27/2022): they are read only by the
office's operators and whoever the complaint was forwarded to, each reading is recorded in the
security log, and ``balai purge-personal-data`` empties them (and deletes the photo) a set time
after the complaint is closed, keeping the anonymous record for the city's figures. They and
the photo are encrypted at rest (docs/decisions/0006-residents-data-encrypted-at-rest.md).
"""

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.layanan.models import ServiceDefinition
from balai.security.fields import EncryptedEmailField, EncryptedTextField, is_unreadable
from balai.wilayah.models import Region

TEXT_LIMIT = 3000
# The resident's contact details: lists leave them out (nothing to decrypt there).
CONTACT_FIELDS = ("name", "phone", "email")
REPLY_LIMIT = 2000


def private_storage():
    """Residents' photos are not public media (settings: STORAGES["private"])."""
    return storages["private"]


class ComplaintCategory(models.Model):
    """What a complaint is about; the city office keeps the list for every office."""

    name = models.CharField(_("name"), max_length=80, unique=True,
                            help_text=_("As residents know it, e.g. 'Jalan dan drainase'."))
    description = models.CharField(
        _("description"), max_length=200, blank=True,
        help_text=_("One line under the name on the form, e.g. what belongs here."))
    about_service = models.BooleanField(
        _("about a service"), default=False,
        help_text=_("The resident then names the service the complaint is about."))
    response_days = models.PositiveSmallIntegerField(
        _("response time (working days)"), default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("The office's first reply is due this many working days after the "
                    "complaint arrives; weekends and the city's holidays are not counted."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Complaint(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "diterima", _("Received")
        IN_PROGRESS = "diproses", _("In progress")
        DONE = "selesai", _("Done")
        FORWARDED = "dialihkan", _("Forwarded")

    class Destination(models.TextChoices):
        KECAMATAN = "kecamatan", _("the kecamatan office")
        CITY = "kota", _("a city office (OPD)")
        LAPOR = "lapor", _("SP4N-LAPOR!")

    region = models.ForeignKey(Region, verbose_name=_("office"), on_delete=models.PROTECT,
                               related_name="+")
    # The tracking code (codes.py), unique within one office's site.
    code = models.CharField(_("tracking code"), max_length=8)
    category = models.ForeignKey(ComplaintCategory, verbose_name=_("about"),
                                 on_delete=models.PROTECT, related_name="complaints")
    service = models.ForeignKey(ServiceDefinition, verbose_name=_("service"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("what happened"), max_length=TEXT_LIMIT)
    rt_rw = models.CharField(_("RT/RW"), max_length=20, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    # Re-encoded without metadata (photos.py); kept in private storage, shown in the admin only.
    photo = models.FileField(_("photo"), upload_to="pengaduan/", storage=private_storage,
                             blank=True, max_length=200)
    # Encrypted at rest (balai/security/fields.py), as the photo is (STORAGES["private"]).
    name = EncryptedTextField(_("name"), max_length=100, blank=True)
    phone = EncryptedTextField(_("phone or WhatsApp"), max_length=20, blank=True)
    email = EncryptedEmailField(_("email"), max_length=254, blank=True)

    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.RECEIVED, db_index=True)
    # Held by the guard (gambling links): not shown on the tracking page, not announced.
    held = models.BooleanField(_("held by the guard"), default=False)
    held_reason = models.CharField(_("why it was held"), max_length=200, blank=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("handled by"),
                                 null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    forwarded_to = models.CharField(_("forwarded to"), max_length=12, blank=True,
                                    choices=Destination.choices)
    forwarded_region = models.ForeignKey(
        Region, verbose_name=_("forwarded to the office of"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+")
    forward_reason = models.CharField(_("reason for forwarding"), max_length=300, blank=True)
    lapor_id = models.CharField(_("SP4N-LAPOR! tracking number"), max_length=40, blank=True)

    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    due_on = models.DateField(_("reply due"))
    first_reply_at = models.DateTimeField(_("first reply"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    personal_data_removed_at = models.DateTimeField(_("personal data removed"), null=True,
                                                    blank=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["region", "code"],
                                               name="pengaduan_code_unique_per_office")]

    def __str__(self) -> str:
        return f"{self.code_display} {self.category}"

    @property
    def code_display(self) -> str:
        return f"{self.code[:4]}-{self.code[4:]}"

    @property
    def has_contact(self) -> bool:
        return bool(self.name or self.phone or self.email)

    @property
    def contact_unreadable(self) -> bool:
        """The contact details were encrypted with a key this installation no longer has."""
        return any(is_unreadable(value) for value in (self.name, self.phone, self.email))

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FORWARDED)

    @property
    def public_replies(self):
        return [reply for reply in self.replies.all() if reply.public]


class Reply(models.Model):
    """A public reply (the resident reads it on the tracking page and by email) or an internal
    note (the office only)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True,
                               on_delete=models.SET_NULL, related_name="+")
    public = models.BooleanField(_("public reply"), default=True)
    text = models.TextField(_("text"), max_length=REPLY_LIMIT)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint} {self.at:%Y-%m-%d}"
