"""
Admin building blocks shared by every app.

:class:`ContentAdmin` is the one place that enforces who may write what in the
back office:

- an Editor adds and changes only the records of their own divisions, in
  change forms, inlines, autocomplete results, actions and history reverts;
  records that belong to no division are for Administrators only;
- only Reviewers and Administrators change a record's visibility;
- Reviewers and Administrators see every record; editors see their own.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from nmi_site.concurrency import VersionedModelForm, with_version_field
from nmi_site.models import SecurityPolicy, StaffProfile
from nmi_site.roles import can_publish, editor_division_ids, is_administrator, sees_all_records
from nmi_site.two_factor import AdminLoginForm
from nmi_site.visibility import Visibility, has_visibility


def division_id_of(obj, path):
    """Follow ``path`` (``"pk"``, ``"division"``, ``"objective__division"``)
    from ``obj`` to a division id."""
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop, None)
        if obj is None:
            return None
    return obj.pk if last == "pk" else getattr(obj, f"{last}_id", None)


class DivisionScope:
    """What an editor may write: records whose ``division_field`` path leads
    to one of their divisions. ``division_field = None`` means the model
    belongs to no division and only Administrators write it."""

    division_field = None

    def in_write_scope(self, request, obj):
        if is_administrator(request.user):
            return True
        if self.division_field is None:
            return False
        return division_id_of(obj, self.division_field) in editor_division_ids(request.user)

    def write_scope(self, request, queryset):
        if is_administrator(request.user):
            return queryset
        if self.division_field is None:
            return queryset.none()
        return queryset.filter(**{f"{self.division_field}__in": editor_division_ids(request.user)})

    def may_add(self, request):
        return is_administrator(request.user) or (
            self.division_field is not None and bool(editor_division_ids(request.user))
        )


class VersionedAdminMixin:
    """Change forms carry the record's version and refuse to save over a
    newer one (nmi_site/concurrency.py)."""

    form = VersionedModelForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        return with_version_field(fieldsets)


class ContentAdmin(VersionedAdminMixin, DivisionScope, SimpleHistoryAdmin):
    """Base admin for every content model."""

    actions = ("make_public", "share_with_partners", "make_internal")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # Fields only Administrators change (moving a record between missions or
    # re-parenting it is structural).
    administrator_only_fields = ()

    # Visibility of who may read the record --------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        # Records of no division are reference data: whoever may view them
        # sees them all (writing them is for Administrators).
        if sees_all_records(request.user) or self.division_field is None:
            return queryset
        return self.write_scope(request, queryset)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if has_visibility(self.model) and not can_publish(request.user):
            readonly.append("visibility")
        if not is_administrator(request.user):
            readonly.extend(self.administrator_only_fields)
        return readonly

    # Who may write ---------------------------------------------------------

    def has_add_permission(self, request):
        return super().has_add_permission(request) and self.may_add(request)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or self.in_write_scope(request, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or self.in_write_scope(request, obj))

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        # "Delete selected" asks without a record; refuse if any selected
        # record is outside the user's divisions.
        if any(not self.in_write_scope(request, obj) for obj in objs):
            perms_needed.add(self.opts.verbose_name)
        return deleted, model_count, perms_needed, protected

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # The field that ties a record to its division offers the editor's
        # own divisions (or their records) only.
        if self.division_field and not is_administrator(request.user):
            first, *rest = self.division_field.split("__")
            if db_field.name == first:
                lookup = "__".join([*rest, "in"]) if rest else "pk__in"
                kwargs["queryset"] = db_field.related_model._default_manager.filter(
                    **{lookup: editor_division_ids(request.user)}
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # History: the record as it is now decides, not the version shown ------

    def _current_object_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("No such record."))
        return obj

    def history_view(self, request, object_id, extra_context=None):
        if not is_administrator(request.user):
            self._current_object_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        current = self._current_object_or_404(request, object_id)
        if request.method == "POST" and not self.has_change_permission(request, current):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    # Publishing ------------------------------------------------------------

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not has_visibility(self.model):
            for name in ("make_public", "share_with_partners", "make_internal"):
                actions.pop(name, None)
        return actions

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def _set_visibility(self, request, queryset, level):
        changed = 0
        for obj in queryset:
            if obj.visibility != level:
                obj.visibility = level
                obj._change_reason = f"Visibility set to {level}"
                obj.save(update_fields=["visibility", "updated_at"])
                changed += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d record is now %(level)s.",
                "%(count)d records are now %(level)s.",
                changed,
            )
            % {"count": changed, "level": Visibility(level).label},
            messages.SUCCESS,
        )

    @admin.action(description=_("Make public"), permissions=["publish"])
    def make_public(self, request, queryset):
        self._set_visibility(request, queryset, Visibility.PUBLIC)

    @admin.action(description=_("Share with partners only"), permissions=["publish"])
    def share_with_partners(self, request, queryset):
        self._set_visibility(request, queryset, Visibility.PARTNERS)

    @admin.action(description=_("Make internal"), permissions=["publish"])
    def make_internal(self, request, queryset):
        self._set_visibility(request, queryset, Visibility.INTERNAL)


class ContentInline(VersionedAdminMixin):
    """Mixin for inlines of a :class:`ContentAdmin`: the parent record's
    division decides, as for the parent itself, and only publishers set
    visibility. Each row carries its own version."""

    def get_fieldsets(self, request, obj=None):
        # An inline's rows are forms of their own: each gets the field,
        # whether the parent is new or not.
        fieldsets = super(VersionedAdminMixin, self).get_fieldsets(request, obj)
        if not self.has_change_permission(request, obj):
            return fieldsets
        return with_version_field(fieldsets)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if has_visibility(self.model) and not can_publish(request.user):
            readonly.append("visibility")
        return readonly

    def _parent_in_scope(self, request, obj):
        if obj is None:
            return True
        parent_admin = self.admin_site._registry.get(self.parent_model)
        return parent_admin is None or parent_admin.in_write_scope(request, obj)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._parent_in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_in_scope(request, obj)


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


admin.site.site_header = _("NMI Portal administration")
admin.site.site_title = _("NMI Portal")
admin.site.index_title = _("Back office")


@admin.register(SecurityPolicy)
class SecurityPolicyAdmin(SimpleHistoryAdmin):
    """The one security policy row: Administrators only, never deleted."""

    fields = ("require_second_factor", "updated_at")
    readonly_fields = ("updated_at",)

    def has_module_permission(self, request):
        return is_administrator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_change_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_add_permission(self, request):
        return is_administrator(request.user) and not SecurityPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One row: go straight to it.
        if not self.has_view_permission(request):
            raise PermissionDenied
        policy, _created = SecurityPolicy.objects.get_or_create(pk=1)
        return redirect("admin:nmi_site_securitypolicy_change", policy.pk)


# Sign-in asks for the authentication code of those who have enrolled one.
admin.site.login_form = AdminLoginForm
