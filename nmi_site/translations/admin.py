"""The texts to translate: each record field whose Arabic is missing or
older than its English, linking to the record's page. Editors see their
divisions' records; Reviewers and Administrators every record."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from nmi_site.access import rules
from nmi_site.translations.models import PendingTranslation
from nmi_site.translations.selectors import field_label, record_url


@admin.register(PendingTranslation)
class PendingTranslationAdmin(admin.ModelAdmin):
    list_display = ("record_link", "kind", "field_name", "state", "english_changed_at", "division")
    # The record's own page is the link (this list has no page per row).
    list_display_links = None
    list_filter = ("state", "content_type", "division")
    list_select_related = ("content_type", "division")
    search_fields = ("label",)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if rules.sees_all_records(request.user) else rules.editable(request.user, queryset)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("record"), ordering="label")
    def record_link(self, obj):
        url = record_url(obj)
        return format_html('<a href="{}">{}</a>', url, obj.label) if url else obj.label

    @admin.display(description=_("kind of record"), ordering="content_type")
    def kind(self, obj):
        model = obj.content_type.model_class()
        return model._meta.verbose_name if model is not None else obj.content_type.model

    @admin.display(description=_("field"), ordering="field")
    def field_name(self, obj):
        return field_label(obj)
