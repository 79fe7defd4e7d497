from rest_framework import permissions

from nmi_site.access import rules
from nmi_site.access.models import KeyScope


class ReadOnlyOrStaffToken(permissions.BasePermission):
    """Anyone reads (what they may see). Writing needs a staff member's
    personal token with the ``api:write`` scope; partner keys are read-only.
    What that member of staff may then change is decided by the services,
    with the same rules as the admin."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        key = request.auth
        return bool(
            key is not None and key.user_id and KeyScope.API_WRITE in key.scopes and rules.is_active_staff(key.user)
        )
