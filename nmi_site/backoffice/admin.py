"""
Admin building blocks shared by every app (the registrations of the
portal's own records are in nmi_site/sitewide/admin.py).

Who may write what is decided in :mod:`nmi_site.access.rules`; the classes
here ask those rules on every path of the back office:

- an Editor adds and changes only the records of their own divisions, in
  change forms, inlines, autocomplete results, actions and history reverts,
  and links them only to records the rules let them choose;
- only Reviewers and Administrators change a record's visibility, and only
  Administrators the fields that shape the structure;
- Reviewers and Administrators see every record; editors see their own.
"""

import copy

from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from nmi_site.access import rules
from nmi_site.access.services import record_set_visibility
from nmi_site.content.visibility import Visibility, has_visibility
from nmi_site.history.concurrency import VersionedModelForm, with_version_field

NOT_YOURS = _(
    "You can't open this record: it belongs to a division you don't edit. Ask an editor of that division, or a "
    "Reviewer."
)
CHOOSE_OWN_DIVISION = _("Choose one of your own divisions' records.")


class ScopedModelForm(VersionedModelForm):
    """A model form that, once the record has its new values, asks the
    rules whether the user may write it (an editor's record must stay in
    their divisions)."""

    request_user = None

    def _post_clean(self):
        super()._post_clean()
        user = self.request_user
        if user is None or self.errors or rules.can_edit(user, self.instance):
            return
        path = rules.division_path(type(self.instance))
        field = path.split("__")[0] if path and path != "pk" else None
        error = ValidationError(CHOOSE_OWN_DIVISION, code="division")
        self.add_error(field if field in self.fields else None, error)


class LinkChoicesMixin:
    """Every choice of a related record (foreign key and many-to-many, in
    forms, inlines and autocomplete) offers what the rules let the user link
    to; the form's field then refuses anything else on the server."""

    def _limit_choices(self, db_field, request, kwargs):
        related = db_field.related_model
        queryset = kwargs.get("queryset")
        if queryset is None:
            queryset = related._default_manager.all()
        across = db_field.name in getattr(self.model, "cross_division_links", ())
        kwargs["queryset"] = rules.linkable(request.user, queryset, across_divisions=across)
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **self._limit_choices(db_field, request, kwargs))
        # An editor's record needs a division of theirs: the field leading to
        # it is required for them, even where the model allows none.
        path = rules.division_path(self.model)
        if (
            field is not None
            and path
            and path.split("__")[0] == db_field.name
            and not rules.is_administrator(request.user)
        ):
            field.required = True
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **self._limit_choices(db_field, request, kwargs))

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"request_user": request.user})

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type(formset.form.__name__, (formset.form,), {"request_user": request.user})
        return formset


class DivisionScope:
    """What the user may write, as the rules say."""

    def in_write_scope(self, request, obj):
        return rules.can_edit(request.user, obj)

    def write_scope(self, request, queryset):
        return rules.editable(request.user, queryset)

    def may_add(self, request):
        return rules.can_add(request.user, self.model)


class VersionedAdminMixin:
    """Change forms carry the record's edit version and refuse to save over
    a newer one (nmi_site/history/concurrency.py)."""

    form = ScopedModelForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        return with_version_field(fieldsets)


class ContentAdmin(VersionedAdminMixin, LinkChoicesMixin, DivisionScope, SimpleHistoryAdmin):
    """Base admin for every content model."""

    actions = ("make_public", "share_with_partners", "make_internal")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # Fields only Administrators change (moving a record between missions or
    # re-parenting it is structural).
    administrator_only_fields = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        label_split_datetime(field)
        return field

    # Visibility of who may read the record --------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        # Records of no division are reference data: whoever may view them
        # sees them all (writing them is for Administrators). An
        # autocomplete offers what the field it fills may link to, which
        # get_search_results decides.
        if rules.sees_all_records(request.user) or rules.division_path(self.model) is None or is_autocomplete(request):
            return queryset
        return self.write_scope(request, queryset)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if has_visibility(self.model) and not rules.can_publish(request.user):
            readonly.append("visibility")
        if not rules.can_change_structure(request.user):
            readonly.extend(self.administrator_only_fields)
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        # A field the user may not change is not filled in from another.
        readonly = set(self.get_readonly_fields(request, obj))
        return {
            name: sources
            for name, sources in super().get_prepopulated_fields(request, obj).items()
            if name not in readonly
        }

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

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if is_autocomplete(request):
            queryset = self._autocomplete_choices(request, queryset)
        return queryset, may_have_duplicates

    @staticmethod
    def _autocomplete_choices(request, queryset):
        """An autocomplete offers what the field it fills may link to."""
        try:
            source = apps.get_model(request.GET["app_label"], request.GET["model_name"])
            field_name = source._meta.get_field(request.GET["field_name"]).name
        except (KeyError, LookupError, ValueError, FieldDoesNotExist):
            return queryset.none()
        across = field_name in getattr(source, "cross_division_links", ())
        return rules.linkable(request.user, queryset, across_divisions=across)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # A record that exists, outside the user's divisions, is said to be
        # not theirs, with nothing of it shown.
        try:
            exists = self.model._default_manager.filter(pk=unquote(object_id)).exists()
        except (ValueError, ValidationError):
            exists = False
        if exists:
            self.message_user(request, NOT_YOURS, messages.WARNING)
            return HttpResponseRedirect(reverse("admin:index", current_app=self.admin_site.name))
        return super()._get_obj_does_not_exist_redirect(request, opts, object_id)

    # Saving: only what the form lets the user change -----------------------

    def save_model(self, request, obj, form, change):
        if change:
            keep_unchangeable_fields(obj, form)
        super().save_model(request, obj, form, change)

    # History: the record as it is now decides, not the version shown ------

    def _current_object_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("No such record."))
        return obj

    def history_view(self, request, object_id, extra_context=None):
        if not rules.is_administrator(request.user):
            self._current_object_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        current = self._current_object_or_404(request, object_id)
        if request.method == "POST" and not self.has_change_permission(request, current):
            raise PermissionDenied
        # simple-history reads the prepopulated fields and the form straight
        # from the admin: this request's copy of it fills in only fields the
        # user may change, and its form carries the edit version of the
        # record as it is now, so a revert is checked for conflicts as a
        # change is.
        reverting = copy.copy(self)
        reverting.prepopulated_fields = self.get_prepopulated_fields(request, current)
        reverting.current_version = current.updated_at
        return super(ContentAdmin, reverting).history_form_view(request, object_id, version_id, extra_context)

    # The edit version a revert form carries (see history_form_view).
    current_version = None

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if self.current_version is not None:
            form = type(form.__name__, (form,), {"current_version": self.current_version})
        return form

    # Publishing ------------------------------------------------------------

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not has_visibility(self.model):
            for name in ("make_public", "share_with_partners", "make_internal"):
                actions.pop(name, None)
        return actions

    def has_publish_permission(self, request):
        return rules.can_publish(request.user)

    def _set_visibility(self, request, queryset, level):
        try:
            changed = record_set_visibility(user=request.user, records=queryset, level=level)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
            return
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


def label_split_datetime(field):
    """A date and a time typed separately: the field's label names neither
    box (Django labels a split widget as a whole), so each is named for
    what it holds, "Starts: date" and "Starts: time"."""
    widget = getattr(field, "widget", None)
    if not isinstance(widget, AdminSplitDateTime):
        return
    label = capfirst(field.label or "")
    for part, name in zip(widget.widgets, (_("date"), _("time")), strict=True):
        part.attrs["aria-label"] = format_lazy("{label}: {part}", label=label, part=name)


def is_autocomplete(request):
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "autocomplete"


def keep_unchangeable_fields(obj, form):
    """Give ``obj`` the stored values of every field its form does not let
    the user change (visibility for an Editor, structure for all but
    Administrators, workflow fields for everyone). A change, and a revert to
    an older version in the history, change only what the form offers."""
    stored = type(obj)._default_manager.filter(pk=obj.pk).first()
    if stored is None:
        return
    offered = set(form.fields)
    languages = [code.replace("-", "_") for code, _name in settings.LANGUAGES]
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in offered or field.attname in offered or field.name == "updated_at":
            continue
        if any(f"{field.name}_{code}" in offered for code in languages):
            continue  # A translated field: the form offers its languages' columns.
        setattr(obj, field.attname, getattr(stored, field.attname))


class ContentInline(VersionedAdminMixin, LinkChoicesMixin):
    """Mixin for inlines of a :class:`ContentAdmin`: the parent record's
    division decides, as for the parent itself, and only publishers set
    visibility. Each row carries its own edit version."""

    def get_fieldsets(self, request, obj=None):
        # An inline's rows are forms of their own: each gets the field,
        # whether the parent is new or not.
        fieldsets = super(VersionedAdminMixin, self).get_fieldsets(request, obj)
        if not self.has_change_permission(request, obj):
            return fieldsets
        return with_version_field(fieldsets)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if has_visibility(self.model) and not rules.can_publish(request.user):
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
