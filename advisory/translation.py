"""Translated fields of the corporate memory, and the change history of
every record (registered here, after translation, as modeltranslation
needs)."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from advisory import models
from nmi_site.content.models import derived_fields


@register(models.AdvisoryPost)
class AdvisoryPostTranslation(TranslationOptions):
    fields = ("title", "duties")


for model in (
    models.AdvisoryPost,
    models.Tour,
    models.Engagement,
    models.NextStep,
    models.Handover,
    models.ChecklistItem,
):
    register_history(
        model,
        app="advisory",
        m2m_fields=[field.name for field in model._meta.many_to_many],
        excluded_fields=derived_fields(model),
    )
