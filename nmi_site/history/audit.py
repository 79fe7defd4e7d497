"""The admin's site-wide "recent changes": every change recorded by
django-simple-history, newest first, across all the models the member of
staff may view. Each line links to that record's own history page.

One UNION query reads a page of changes from every history table; one more
query per model on the page reads the records' names. The number of
queries depends on the number of models, never on the number of changes.
"""

from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import CharField, Value
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from nmi_site.access import rules

PAGE_SIZE = 50

ACTIONS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


def history_models():
    """The models whose changes are recorded, by label, in admin order."""
    models = [
        model
        for model in apps.get_models()
        if getattr(model._meta, "simple_history_manager_attribute", None) and not model._meta.auto_created
    ]
    return {model._meta.label_lower: model for model in sorted(models, key=lambda model: model._meta.label_lower)}


def viewable_models(user):
    return {
        label: model
        for label, model in history_models().items()
        if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
    }


class RecentChangesForm(forms.Form):
    model = forms.ChoiceField(label=_("Kind of record"), required=False)
    user = forms.ModelChoiceField(
        label=_("Changed by"),
        required=False,
        queryset=get_user_model().objects.filter(is_staff=True).order_by("username"),
        empty_label=_("anyone"),
    )

    def __init__(self, *args, models, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [
            ("", _("all")),
            *((label, model._meta.verbose_name) for label, model in models.items()),
        ]


def changes(models, viewer, user=None):
    """One queryset (a UNION) of the changes to ``models`` that ``viewer``
    may read (an Editor: their own divisions' records, and reference data):
    date, action, who, the record's id and the model's label."""
    parts = []
    for label, model in models.items():
        history = getattr(model, model._meta.simple_history_manager_attribute).model.objects.filter(
            rules.unpublished_work_condition(viewer, model, pk_name="id")
        )
        if user is not None:
            history = history.filter(history_user=user)
        parts.append(
            history.order_by()
            .annotate(model_label=Value(label, output_field=CharField()))
            .values_list("history_id", "history_date", "history_type", "history_user_id", "id", "model_label")
        )
    if not parts:
        return None
    queryset = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return queryset.order_by("-history_date", "-history_id")


def name_at_the_time(model, record):
    """The record's name as it was, built from its history row alone
    (``record.instance`` would also read the live row, once per record, for
    the columns history does not keep)."""
    values = {
        field.attname: getattr(record, field.attname)
        for field in model._meta.concrete_fields
        if hasattr(record, field.attname)
    }
    return str(model(**values))


def describe(page_rows, models):
    """Lines for the template, with each record's name at the time of the
    change and the links to its history and its change form."""
    by_model = {}
    for history_id, _date, _type, _user, _id, label in page_rows:
        by_model.setdefault(label, []).append(history_id)
    names = {}
    for label, ids in by_model.items():
        model = models[label]
        history = getattr(model, model._meta.simple_history_manager_attribute).model
        for record in history.objects.filter(history_id__in=ids):
            names[(label, record.history_id)] = name_at_the_time(model, record)
    user_ids = {row[3] for row in page_rows if row[3] is not None}
    users = dict(get_user_model().objects.filter(pk__in=user_ids).values_list("pk", "username"))
    lines = []
    for history_id, date, action, user_id, object_id, label in page_rows:
        model = models[label]
        meta = model._meta
        try:
            history_url = reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[object_id])
        except NoReverseMatch:
            history_url = None
        lines.append(
            {
                "date": date,
                "action": ACTIONS.get(action, action),
                "kind": meta.verbose_name,
                "name": names.get((label, history_id), ""),
                "object_id": object_id,
                "user": users.get(user_id, ""),
                "history_url": history_url,
            }
        )
    return lines


def recent_changes_view(request):
    models = viewable_models(request.user)
    form = RecentChangesForm(request.GET or None, models=models)
    selected, user = models, None
    if form.is_bound and form.is_valid():
        if form.cleaned_data["model"]:
            selected = {form.cleaned_data["model"]: models[form.cleaned_data["model"]]}
        user = form.cleaned_data["user"]
    elif form.is_bound:
        selected = {}
    queryset = changes(selected, request.user, user)
    page = Paginator(queryset if queryset is not None else [], PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "admin/recent_changes.html",
        {
            **admin.site.each_context(request),
            "title": _("Recent changes"),
            "form": form,
            "lines": describe(rows, models),
            "page_obj": page,
            "query": query.urlencode(),
        },
    )
