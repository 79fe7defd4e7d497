"""Per-record English and Arabic columns for the text people read, then
change history for every model.

History is registered here, after the translation registration, so that
the historical tables get the translated columns too.
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from missions import models
from nmi_site.content.models import derived_fields


@register(models.Mission)
class MissionTranslation(TranslationOptions):
    fields = ("name", "short_name", "mandate_summary", "nature", "host_country", "headquarters_city")


@register(models.Division)
class DivisionTranslation(TranslationOptions):
    fields = ("name", "purpose")


@register(models.Nation)
class NationTranslation(TranslationOptions):
    fields = ("name",)


@register(models.Contribution)
class ContributionTranslation(TranslationOptions):
    fields = ("role",)


@register(models.Institution)
class InstitutionTranslation(TranslationOptions):
    fields = ("name", "summary")


@register(models.PartnerOrganisation)
class PartnerOrganisationTranslation(TranslationOptions):
    fields = ("name", "summary")


@register(models.CapabilityArea)
class CapabilityAreaTranslation(TranslationOptions):
    fields = ("name", "summary")


@register(models.Milestone)
class MilestoneTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(models.Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "summary")


@register(models.Lesson)
class LessonTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(models.TrustFundContribution)
class TrustFundContributionTranslation(TranslationOptions):
    fields = ("purpose",)


for model in (
    models.Mission,
    models.Division,
    models.Nation,
    models.Contribution,
    models.Institution,
    models.PartnerOrganisation,
    models.CapabilityArea,
    models.Milestone,
    models.Programme,
    models.Lesson,
    models.TrustFundContribution,
):
    register_history(
        model,
        app="missions",
        m2m_fields=[field.name for field in model._meta.many_to_many],
        excluded_fields=derived_fields(model),
    )
