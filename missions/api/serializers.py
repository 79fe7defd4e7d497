from missions import models
from nmi_site.api.serializers import ApiLinkField, ModelSerializer, PageLinkField, SummarySerializer

COMMON = ("id", "visibility", "updated_at")


class MissionSummarySerializer(SummarySerializer):
    class Meta:
        model = models.Mission
        fields = ("id", "name", "short_name")


class DivisionSummarySerializer(SummarySerializer):
    class Meta:
        model = models.Division
        fields = ("id", "name", "acronym", "slug")


class NationSummarySerializer(SummarySerializer):
    class Meta:
        model = models.Nation
        fields = ("id", "name", "iso_code")


class InstitutionSummarySerializer(SummarySerializer):
    class Meta:
        model = models.Institution
        fields = ("id", "name", "acronym", "slug")


class PartnerSummarySerializer(SummarySerializer):
    class Meta:
        model = models.PartnerOrganisation
        fields = ("id", "name", "acronym", "slug")


class CapabilityAreaSummarySerializer(SummarySerializer):
    class Meta:
        model = models.CapabilityArea
        fields = ("id", "name", "slug")


class ProgrammeSummarySerializer(SummarySerializer):
    class Meta:
        model = models.Programme
        fields = ("id", "name", "acronym", "slug")


class MissionSerializer(ModelSerializer):
    url = PageLinkField("missions:about")
    api_url = ApiLinkField("mission")

    class Meta:
        model = models.Mission
        fields = (
            *COMMON,
            "url",
            "api_url",
            "name",
            "short_name",
            "slug",
            "nature",
            "mandate_summary",
            "host_country",
            "headquarters_city",
            "launched_on",
            "launched_on_precision",
            "established_on",
            "established_on_precision",
            "objective_count",
        )


class DivisionSerializer(ModelSerializer):
    url = PageLinkField("missions:division_detail", url_kwargs=[("slug", "slug")])
    api_url = ApiLinkField("division")
    parent = DivisionSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = models.Division
        fields = (
            *COMMON,
            "url",
            "api_url",
            "mission",
            "name",
            "acronym",
            "slug",
            "purpose",
            "parent",
            "advisor_count",
            "advisor_count_qualifier",
            "nation_count",
            "nation_count_qualifier",
            "objective_count",
            "order",
        )


class DivisionDetailSerializer(DivisionSerializer):
    branches = DivisionSummarySerializer(source="visible_branches", many=True, read_only=True)
    programmes = ProgrammeSummarySerializer(source="visible_programmes", many=True, read_only=True)

    class Meta(DivisionSerializer.Meta):
        fields = (*DivisionSerializer.Meta.fields, "branches", "programmes")


class NationSerializer(ModelSerializer):
    api_url = ApiLinkField("nation")

    class Meta:
        model = models.Nation
        fields = (*COMMON, "api_url", "name", "iso_code", "status")


class ContributionSerializer(ModelSerializer):
    api_url = ApiLinkField("contribution")
    nation = NationSummarySerializer(read_only=True)

    class Meta:
        model = models.Contribution
        fields = ("id", "updated_at", "api_url", "mission", "nation", "since", "since_precision", "role")


class InstitutionSerializer(ModelSerializer):
    url = PageLinkField("missions:about", anchor="institution-{slug}")
    api_url = ApiLinkField("institution")
    parent = InstitutionSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = models.Institution
        fields = (*COMMON, "url", "api_url", "name", "acronym", "slug", "kind", "parent", "summary")


class PartnerOrganisationSerializer(ModelSerializer):
    api_url = ApiLinkField("partner-organisation")

    class Meta:
        model = models.PartnerOrganisation
        fields = (*COMMON, "api_url", "name", "acronym", "slug", "kind", "website", "summary")


class CapabilityAreaSerializer(ModelSerializer):
    api_url = ApiLinkField("capability-area")

    class Meta:
        model = models.CapabilityArea
        fields = (*COMMON, "api_url", "name", "slug", "summary", "order")


class MilestoneSerializer(ModelSerializer):
    api_url = ApiLinkField("milestone")

    class Meta:
        model = models.Milestone
        fields = (*COMMON, "api_url", "mission", "date", "date_precision", "kind", "title", "summary")


class ProgrammeSerializer(ModelSerializer):
    api_url = ApiLinkField("programme")
    division = DivisionSummarySerializer(read_only=True)
    partner_organisations = PartnerSummarySerializer(source="visible_partners", many=True, read_only=True)
    nations = NationSummarySerializer(source="visible_nations", many=True, read_only=True)
    institutions = InstitutionSummarySerializer(source="visible_institutions", many=True, read_only=True)

    class Meta:
        model = models.Programme
        fields = (
            *COMMON,
            "api_url",
            "division",
            "name",
            "acronym",
            "slug",
            "summary",
            "partner_organisations",
            "nations",
            "institutions",
        )


class LessonSerializer(ModelSerializer):
    url = PageLinkField("missions:lessons", anchor="lesson-{number}", model=models.Lesson)
    api_url = ApiLinkField("lesson")

    class Meta:
        model = models.Lesson
        fields = (*COMMON, "url", "api_url", "mission", "number", "title", "summary", "stage")


class TrustFundContributionSerializer(ModelSerializer):
    api_url = ApiLinkField("trust-fund-contribution")

    class Meta:
        model = models.TrustFundContribution
        fields = (*COMMON, "api_url", "mission", "year", "amount_eur", "purpose")
