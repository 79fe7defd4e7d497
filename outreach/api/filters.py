import django_filters

from missions.models import Division, Nation, PartnerOrganisation
from nmi_site.api.filters import UpdatedSinceFilterSet, VisibleRelatedFilter
from objectives.models import LongTermObjective
from outreach import models


class EventFilter(UpdatedSinceFilterSet):
    division = VisibleRelatedFilter(field_name="organising_division", related_model=Division)
    partner = VisibleRelatedFilter(field_name="partner_organisations", related_model=PartnerOrganisation)
    nation = VisibleRelatedFilter(field_name="nations", related_model=Nation, to_field="iso_code")
    objective = VisibleRelatedFilter(field_name="objectives", related_model=LongTermObjective)
    starts_after = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="lte")

    class Meta:
        model = models.Event
        fields = ("kind", "status", "is_example")
