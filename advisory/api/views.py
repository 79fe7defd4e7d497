"""The corporate memory in the API, read-only, for staff tokens only:
anonymous clients and partner keys get 404, as for a resource that does
not exist. Left out of the public schema."""

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.permissions import BasePermission

from advisory import models
from advisory.api import serializers
from nmi_site.access import rules
from nmi_site.api.filters import updated_since_filterset as updated_since
from nmi_site.api.views import ReadOnlyViewSet
from nmi_site.content.visibility import sees_everything


class StaffTokensOnly(BasePermission):
    def has_permission(self, request, view):
        if not sees_everything(request.auth):
            raise exceptions.NotFound()
        return True


class StaffReadOnlyViewSet(ReadOnlyViewSet):
    """Reviewers read every record; an Editor their own divisions' (as in
    the back office)."""

    permission_classes = (StaffTokensOnly,)

    def get_queryset(self):
        model = self.queryset.model
        return super().get_queryset().filter(rules.unpublished_work_condition(self.request.user, model))


@extend_schema(exclude=True)
class AdvisoryPostViewSet(StaffReadOnlyViewSet):
    queryset = models.AdvisoryPost.objects.all()
    serializer_class = serializers.AdvisoryPostSerializer
    filterset_class = updated_since(models.AdvisoryPost)
    ordering_fields = ("title", "updated_at")

    def optimise(self, queryset):
        return queryset.select_related("division").prefetch_related(
            "institutions", "objectives", "tours__holder", "tours__nation"
        )


@extend_schema(exclude=True)
class EngagementViewSet(StaffReadOnlyViewSet):
    queryset = models.Engagement.objects.all()
    serializer_class = serializers.EngagementSerializer
    filterset_class = updated_since(models.Engagement)
    ordering_fields = ("held_on", "updated_at")

    def optimise(self, queryset):
        return queryset.select_related("institution").prefetch_related("objectives", "other_posts", "next_steps")
