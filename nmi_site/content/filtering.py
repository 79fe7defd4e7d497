"""Filters of the public list pages."""

import django_filters
from django.conf import settings
from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.http import urlencode
from django.utils.translation import get_language
from modeltranslation.translator import NotRegistered, translator

from nmi_site.content.widgets import FastSelect


def _label(model, field):
    """The field in the active language, English when that is empty."""
    try:
        translated = field in translator.get_options_for_model(model).all_fields
    except NotRegistered:
        translated = False
    if not translated:
        return F(field)
    language = get_language() or settings.LANGUAGE_CODE
    default = F(f"{field}_{settings.LANGUAGE_CODE}")
    if language == settings.LANGUAGE_CODE:
        return default
    return Coalesce(NullIf(F(f"{field}_{language}"), Value("")), default, output_field=CharField())


class ReadChoicesField(django_filters.fields.ChoiceField):
    """A choice field whose choices were read for one request and are never
    changed: a form's copy of the field shares the list. (A form copies its
    fields deeply; for lists of hundreds of counterparts that copy took
    longer than writing the page's table.)"""

    def __deepcopy__(self, memo):
        choices = getattr(self._choices, "choices", self._choices)
        memo[id(choices)] = choices
        return super().__deepcopy__(memo)


class VisibleChoiceFilter(django_filters.ChoiceFilter):
    """Chooses a related record by its slug (or another unique key) among
    the records the viewer may see; any other value is "not a valid choice",
    so a filter never names or finds a hidden record.

    The choices are read as (key, label) pairs rather than as model
    instances: lists of hundreds of nations or institutions stay quick.
    A :class:`VisibleChoiceFilterSet` fills them for each request."""

    field_class = ReadChoicesField

    def __init__(self, *args, model, to_field_name="slug", label_fields=("name",), describe=None, **kwargs):
        self.choice_model, self.to_field_name, self.label_fields = model, to_field_name, label_fields
        # From the label fields' values to the text shown (as the model's str()).
        self.describe = describe or (lambda name: name)
        kwargs.setdefault("widget", FastSelect)
        kwargs["field_name"] = f"{kwargs['field_name']}__{to_field_name}"
        super().__init__(*args, choices=(), **kwargs)

    def visible_choices(self, viewer):
        labels = {f"choice_{field}": _label(self.choice_model, field) for field in self.label_fields}
        queryset = self.choice_model.objects.visible_to(viewer)
        if hasattr(queryset, "rewrite"):
            # The labels name their columns and fallback themselves: rows need
            # none of modeltranslation's per-row work.
            queryset = queryset.rewrite(False)
        rows = queryset.annotate(**labels).values_list(self.to_field_name, *labels)
        return [(key, self.describe(*values)) for key, *values in rows]


def with_acronym(name, acronym):
    return f"{name} ({acronym})" if acronym else name


class VisibleChoiceFilterSet(django_filters.FilterSet):
    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        viewer = request.user if request is not None else None
        for name, flt in self.filters.items():
            if isinstance(flt, VisibleChoiceFilter):
                flt.extra["choices"] = self.read_choices(name, flt, viewer)

    def read_choices(self, name, flt, viewer):
        """The choices of the filter ``name`` that ``viewer`` may see (a
        subclass may keep them: nmi_site.caching.generations.ChoicesKeptPerGeneration)."""
        return flt.visible_choices(viewer)


def form_parameters(form_class=None, filterset_class=None):
    """The query parameters a form or a filter set reads: its fields'
    names, with the suffixes of fields that take several (a date range's
    ``_after`` and ``_before``). The response cache keeps these and drops
    the rest (``nmi_site.caching.responses``)."""
    if filterset_class is not None:
        # Not ``flt.field``: that would build (and keep) the filters' fields
        # at class level, before each request sets their choices.
        widgets = {
            name: flt.extra.get("widget") or flt.field_class.widget
            for name, flt in filterset_class.base_filters.items()
        }
    else:
        widgets = {name: field.widget for name, field in form_class.base_fields.items()}
    names = set()
    for name, widget in widgets.items():
        widget = widget() if isinstance(widget, type) else widget
        if hasattr(widget, "suffixes"):  # django-filter's SuffixedMultiWidget
            names.update(widget.suffixed(name, suffix) for suffix in widget.suffixes)
        elif hasattr(widget, "widgets_names"):  # Django's MultiWidget
            names.update(name + suffix for suffix in widget.widgets_names)
        else:
            names.add(name)
    return frozenset(names)


def export_links(list_url, filterset=None, *, renamed=None, extra=None):
    """Links to the complete exports (CSV and XLSX) of an API list
    (``list_url``, "/api/v1/events/"), filtered as a page's valid filters
    are (``renamed`` maps a page's filter to the API's name for it;
    ``extra`` adds the API's parameters for what the page's filters say
    otherwise), in the page's language."""
    renamed = renamed or {}
    query = {}
    if filterset is not None and filterset.is_bound and filterset.is_valid():
        for name, value in filterset.form.cleaned_data.items():
            # A filter renamed to None has no counterpart in the API.
            if value not in (None, "") and renamed.get(name, name) is not None:
                query[renamed.get(name, name)] = value
    query.update(extra or {})
    language = get_language() or settings.LANGUAGE_CODE
    if language != settings.LANGUAGE_CODE:
        query["lang"] = language
    return {label: f"{list_url}?{urlencode({**query, 'format': label.lower()})}" for label in ("CSV", "XLSX")}
