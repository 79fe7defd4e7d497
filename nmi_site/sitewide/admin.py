"""The back office's own records: staff accounts with their roles and
divisions, and the security policy (the site itself is in admin_site.py)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from nmi_site.access import rules
from nmi_site.access.models import SecurityPolicy, StaffProfile

# Staff accounts -------------------------------------------------------------


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    filter_horizontal = ("divisions",)
    verbose_name_plural = _("divisions edited")


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    inlines = (StaffProfileInline,)
    list_display = ("username", "email", "is_staff", "is_superuser", "role_names")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def role_names(self, obj):
        return ", ".join(group.name for group in obj.groups.all())


@admin.register(SecurityPolicy)
class SecurityPolicyAdmin(SimpleHistoryAdmin):
    """The one security policy row: Administrators only, never deleted."""

    fields = ("require_second_factor", "updated_at")
    readonly_fields = ("updated_at",)

    def has_module_permission(self, request):
        return rules.is_administrator(request.user)

    def has_view_permission(self, request, obj=None):
        return rules.is_administrator(request.user)

    def has_change_permission(self, request, obj=None):
        return rules.is_administrator(request.user)

    def has_add_permission(self, request):
        return rules.is_administrator(request.user) and not SecurityPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One row: go straight to it.
        if not self.has_view_permission(request):
            raise PermissionDenied
        policy, _created = SecurityPolicy.objects.get_or_create(pk=1)
        return redirect("admin:nmi_site_securitypolicy_change", policy.pk)
