"""The back office's own records: staff accounts with their roles and
divisions, and the security policy (the site itself is in admin_site.py)."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from missions.models import Division
from nmi_site.access import rules
from nmi_site.access.models import SecurityPolicy, StaffProfile

# Staff accounts -------------------------------------------------------------

# The roles a member of staff can hold; Partner is for partner organisations,
# which use keys, not logins.
STAFF_ROLES = (rules.EDITOR, rules.REVIEWER, rules.ADMINISTRATOR)


class StaffUserChangeForm(UserChangeForm):
    """A staff account's role and divisions, set together: staff status
    follows from the role (any role opens the back office, none closes it),
    so nobody is locked out by a forgotten tick box."""

    roles = forms.ModelMultipleChoiceField(
        queryset=Group.objects.filter(name__in=STAFF_ROLES).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Roles"),
        help_text=_(
            "Editor: adds and changes the records of the divisions below. Reviewer: sees every record, "
            "changes who may see it, approves or returns reports. Administrator: everything. "
            "Any role opens the back office; with none, this person cannot sign in to it."
        ),
    )
    divisions = forms.ModelMultipleChoiceField(
        queryset=Division.objects.order_by("order", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Divisions edited"),
        help_text=_("The divisions whose records an Editor adds and changes."),
    )
    language = forms.ChoiceField(
        choices=StaffProfile._meta.get_field("language").choices,
        initial="en",
        label=_("Language of emails"),
        help_text=_("The portal's emails to this person (reminders, report steps) are written in this language."),
    )

    def __init__(self, *args, editor=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Who is making the change: an Administrator cannot take away their
        # own role, which would lock them out mid-change.
        self.editor = editor
        user = self.instance
        if user.pk is not None:
            self.fields["roles"].initial = list(user.groups.filter(name__in=STAFF_ROLES).values_list("pk", flat=True))
            profile = StaffProfile.objects.filter(user=user).first()
            self.fields["divisions"].initial = list(profile.divisions.values_list("pk", flat=True)) if profile else []
            self.fields["language"].initial = profile.language if profile else "en"

    def clean(self):
        cleaned = super().clean()
        roles = {group.name for group in cleaned.get("roles") or ()}
        if rules.EDITOR in roles and not cleaned.get("divisions"):
            self.add_error("divisions", _("An Editor edits the records of their divisions: choose at least one."))
        if (
            self.editor is not None
            and self.instance.pk == self.editor.pk
            and rules.ADMINISTRATOR in set(self.instance.groups.values_list("name", flat=True))
            and rules.ADMINISTRATOR not in roles
        ):
            self.add_error("roles", _("You cannot take away your own Administrator role; ask another Administrator."))
        return cleaned


class StaffUserAdmin(UserAdmin):
    form = StaffUserChangeForm
    list_display = ("username", "email", "is_staff", "is_superuser", "role_names")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email", "language")}),
        (_("Role and divisions"), {"fields": ("is_active", "roles", "divisions")}),
        (_("Superuser"), {"fields": ("is_superuser",), "classes": ("collapse",)}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None:
            return form  # the add form: username and password first

        class WithEditor(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, editor=request.user, **kwargs)

        return WithEditor

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def role_names(self, obj):
        return ", ".join(group.name for group in obj.groups.all())

    def save_model(self, request, obj, form, change):
        if "roles" in form.cleaned_data:
            obj.is_staff = bool(form.cleaned_data["roles"]) or obj.is_superuser
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if "roles" not in form.cleaned_data:
            return
        user = form.instance
        others = user.groups.exclude(name__in=STAFF_ROLES)
        user.groups.set([*others, *form.cleaned_data["roles"]])
        profile, _created = StaffProfile.objects.get_or_create(user=user)
        profile.divisions.set(form.cleaned_data["divisions"])
        if form.cleaned_data.get("language") and profile.language != form.cleaned_data["language"]:
            profile.language = form.cleaned_data["language"]
            profile.save(update_fields=["language"])


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)


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
