import django_filters

from missions import models
from nmi_site.api.filters import UpdatedSinceFilterSet, VisibleRelatedFilter


class NationFilter(UpdatedSinceFilterSet):
    class Meta:
        model = models.Nation
        fields = ("status",)


class InstitutionFilter(UpdatedSinceFilterSet):
    class Meta:
        model = models.Institution
        fields = ("kind",)


class PartnerOrganisationFilter(UpdatedSinceFilterSet):
    class Meta:
        model = models.PartnerOrganisation
        fields = ("kind",)


class ContributionFilter(UpdatedSinceFilterSet):
    nation = VisibleRelatedFilter(field_name="nation", related_model=models.Nation, to_field="iso_code")

    class Meta:
        model = models.Contribution
        fields = ()


class MilestoneFilter(UpdatedSinceFilterSet):
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = models.Milestone
        fields = ("kind",)


class ProgrammeFilter(UpdatedSinceFilterSet):
    division = VisibleRelatedFilter(field_name="division", related_model=models.Division)
    partner = VisibleRelatedFilter(field_name="partner_organisations", related_model=models.PartnerOrganisation)
    nation = VisibleRelatedFilter(field_name="nations", related_model=models.Nation, to_field="iso_code")

    class Meta:
        model = models.Programme
        fields = ()


class DivisionFilter(UpdatedSinceFilterSet):
    class Meta:
        model = models.Division
        fields = ()
