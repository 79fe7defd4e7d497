"""The corporate memory in the API: for staff tokens only."""

from rest_framework import serializers

from advisory import models
from nmi_site.api.serializers import ApiLinkField, ModelSerializer


class TourSerializer(ModelSerializer):
    holder = serializers.CharField(source="holder_label", read_only=True)
    nation = serializers.CharField(source="nation.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = models.Tour
        fields = ("id", "holder", "nation", "starts_on", "ends_on", "updated_at")


class AdvisoryPostSerializer(ModelSerializer):
    api_url = ApiLinkField("advisory-post")
    division = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    institutions = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    objectives = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    tours = TourSerializer(many=True, read_only=True)

    class Meta:
        model = models.AdvisoryPost
        fields = (
            "id",
            "api_url",
            "division",
            "title",
            "duties",
            "institutions",
            "objectives",
            "tours",
            "is_example",
            "updated_at",
        )


class NextStepSerializer(ModelSerializer):
    class Meta:
        model = models.NextStep
        fields = ("id", "description", "owner", "due_on", "done")


class EngagementSerializer(ModelSerializer):
    api_url = ApiLinkField("engagement")
    institution = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    objectives = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    next_steps = NextStepSerializer(many=True, read_only=True)

    class Meta:
        model = models.Engagement
        fields = (
            "id",
            "api_url",
            "post",
            "other_posts",
            "held_on",
            "institution",
            "objectives",
            "purpose",
            "outcomes",
            "atmosphere",
            "cancelled",
            "cancellation_reason",
            "next_steps",
            "is_example",
            "updated_at",
        )
