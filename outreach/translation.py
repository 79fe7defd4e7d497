"""English and Arabic columns for events, then their change history."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from nmi_site.content.models import derived_fields
from outreach import models


@register(models.Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "location", "audience", "summary", "outcome")


register_history(
    models.Event,
    app="outreach",
    m2m_fields=[field.name for field in models.Event._meta.many_to_many],
    excluded_fields=derived_fields(models.Event),
)
