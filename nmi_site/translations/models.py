"""A field of a record whose Arabic needs writing: missing while the
English has text, or written before the English last changed. One row per
record and field; the row goes when the Arabic is written."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationState(models.TextChoices):
    MISSING = "missing", _("Arabic missing")
    OUTDATED = "outdated", _("English changed since the Arabic was written")


class PendingTranslation(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind of record"))
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("field"), max_length=60)
    state = models.CharField(_("state"), max_length=10, choices=TranslationState.choices)
    label = models.CharField(_("record"), max_length=300, help_text=_("The record's name when it was last saved."))
    division = models.ForeignKey(
        "missions.Division",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("division"),
    )
    english_changed_at = models.DateTimeField(_("English last changed"))

    division_path = "division"

    class Meta:
        ordering = ("-english_changed_at", "pk")
        verbose_name = _("text to translate")
        verbose_name_plural = _("texts to translate")
        constraints = [
            models.UniqueConstraint(fields=("content_type", "object_id", "field"), name="translations_one_row_a_field")
        ]
        indexes = [models.Index(fields=("division", "state"))]

    def __str__(self):
        return f"{self.label} — {self.field}"
