"""English and Arabic columns for the text people read, then change history
for every model (registered after translation, so history has both columns)."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from nmi_site.content.models import derived_fields
from objectives import models


@register(models.LongTermObjective)
class LongTermObjectiveTranslation(TranslationOptions):
    fields = ("title", "statement")


@register(models.LineOfEffort)
class LineOfEffortTranslation(TranslationOptions):
    fields = ("title", "description")


@register(models.Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "unit")


@register(models.ProgressReport)
class ProgressReportTranslation(TranslationOptions):
    fields = ("narrative", "achievements", "obstacles", "next_steps")


@register(models.ReportAwaitingReview)
class ReportAwaitingReviewTranslation(TranslationOptions):
    # A proxy: it shares the report's translated columns.
    fields = ()


@register(models.KeyAchievement)
class KeyAchievementTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(models.PlanOnAPage)
class PlanOnAPageTranslation(TranslationOptions):
    fields = ("change_summary", "counterpart_role")


@register(models.PlannedActivity)
class PlannedActivityTranslation(TranslationOptions):
    fields = ("title", "outcome")


for model in (
    models.LongTermObjective,
    models.LineOfEffort,
    models.Indicator,
    models.ProgressReport,
    models.Measurement,
    models.KeyAchievement,
    models.PlanOnAPage,
    models.PlannedActivity,
    models.HandoverNote,
):
    register_history(
        model,
        app="objectives",
        m2m_fields=[field.name for field in model._meta.many_to_many],
        excluded_fields=derived_fields(model),
    )
