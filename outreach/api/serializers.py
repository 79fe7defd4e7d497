from rest_framework import serializers

from missions.api.serializers import (
    DivisionSummarySerializer,
    InstitutionSummarySerializer,
    NationSummarySerializer,
    PartnerSummarySerializer,
)
from nmi_site.api.serializers import ApiLinkField, ModelSerializer, PageLinkField
from objectives.api.serializers import ObjectiveSummarySerializer
from outreach import models


class CalendarUidField(serializers.CharField):
    """An event's calendar UID, written from its primary key (so that a
    list can answer it from plain rows)."""

    def to_representation(self, value):
        return models.calendar_uid(value)


class EventSerializer(ModelSerializer):
    url = PageLinkField("outreach:detail", url_kwargs=[("slug", "slug")])
    api_url = ApiLinkField("event")
    organising_division = DivisionSummarySerializer(read_only=True, allow_null=True)
    nations = NationSummarySerializer(source="visible_nations", many=True, read_only=True)
    partner_organisations = PartnerSummarySerializer(source="visible_partners", many=True, read_only=True)
    institutions = InstitutionSummarySerializer(source="visible_institutions", many=True, read_only=True)
    objectives = ObjectiveSummarySerializer(source="visible_objectives", many=True, read_only=True)
    uid = CalendarUidField(source="pk", read_only=True, help_text="The event's calendar UID, stable across edits.")

    class Meta:
        model = models.Event
        fields = (
            "id",
            "url",
            "api_url",
            "updated_at",
            "visibility",
            "uid",
            "mission",
            "title",
            "slug",
            "kind",
            "status",
            "starts_at",
            "ends_at",
            "all_day",
            "location",
            "online",
            "organising_division",
            "audience",
            "summary",
            "outcome",
            "nations",
            "partner_organisations",
            "institutions",
            "objectives",
            "sequence",
            "is_example",
        )
