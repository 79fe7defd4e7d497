"""Reads of the texts to translate: for the list, for "My work"."""

from django.core.exceptions import FieldDoesNotExist
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from nmi_site.access import rules
from nmi_site.backoffice.work import WorkItem, work_list
from nmi_site.translations.models import PendingTranslation, TranslationState


def record_url(row):
    """The record's page in the back office, where its Arabic is written."""
    model = row.content_type.model_class()
    if model is None:
        return ""
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[row.object_id])
    except NoReverseMatch:
        return ""


def field_label(row):
    model = row.content_type.model_class()
    try:
        return capfirst(model._meta.get_field(row.field).verbose_name) if model is not None else row.field
    except FieldDoesNotExist:
        return row.field


def _item(row):
    return WorkItem(row.label, record_url(row), f"{field_label(row)}: {TranslationState(row.state).label}")


def work_for(user):
    """The texts ``user`` may translate (of the records they may edit), the
    latest English change first, as the list sorts them."""
    rows = rules.editable(user, PendingTranslation.objects.select_related("content_type"))
    return [
        work_list(
            "translations",
            _("Arabic to write or bring up to date"),
            rows.order_by("-english_changed_at", "pk"),
            _item,
            more_url=reverse("admin:translations_pendingtranslation_changelist"),
        )
    ]
