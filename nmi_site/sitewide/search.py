"""Site-wide search across objectives, events, divisions, institutions and
lessons, for the search page and the API.

On PostgreSQL it uses full-text search (English stemming for the English
columns, plain words for the Arabic ones) ranked with ``ts_rank``; on SQLite
every word must appear in one of the searched fields, and matches in titles
rank above matches in descriptions. Either way each kind of record is one
query over the records the viewer may see, capped at ``PER_KIND`` results,
so the work is bounded and the number of queries does not grow with the data.
"""

import operator
import re
from dataclasses import dataclass
from functools import reduce

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, Q, TextField, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from missions.models import Division, Institution, Lesson
from nmi_site.content.widgets import FastSelect
from objectives.models import LongTermObjective
from outreach.models import Event

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
PER_KIND = 100
LANGUAGES = ("en", "ar")
# Weights of a match, by the importance of the field.
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2}
TEXT_SEARCH_CONFIG = {"en": "english", "ar": "simple"}


@dataclass(frozen=True)
class Kind:
    """One kind of record the search covers."""

    slug: str
    label: str
    model: type
    fields: dict  # field name -> weight letter
    title_field: str
    summary_field: str
    select_related: tuple = ()

    def url(self, record):
        if self.slug == "institution":
            return f"{reverse('missions:about')}#institution-{record.slug}"
        if self.slug == "lesson":
            return f"{reverse('missions:lessons')}#lesson-{record.number}"
        return record.get_absolute_url()

    def columns(self, field):
        """The database columns of a field: one per language when translated."""
        names = {f.name for f in self.model._meta.get_fields()}
        translated = [f"{field}_{language}" for language in LANGUAGES if f"{field}_{language}" in names]
        return [(column, column.rsplit("_", 1)[1]) for column in translated] or [(field, "en")]


KINDS = (
    Kind(
        "objective",
        _("Objective"),
        LongTermObjective,
        {"title": "A", "statement": "B"},
        "title",
        "statement",
    ),
    Kind("event", _("Event"), Event, {"title": "A", "summary": "B", "location": "C"}, "title", "summary"),
    Kind("division", _("Division"), Division, {"name": "A", "acronym": "A", "purpose": "B"}, "name", "purpose"),
    Kind(
        "institution", _("Institution"), Institution, {"name": "A", "acronym": "A", "summary": "B"}, "name", "summary"
    ),
    Kind("lesson", _("Lesson learned"), Lesson, {"title": "A", "summary": "B"}, "title", "summary"),
)
KINDS_BY_SLUG = {kind.slug: kind for kind in KINDS}


@dataclass
class Result:
    kind: Kind
    record: object
    rank: float

    @property
    def title(self):
        return getattr(self.record, self.kind.title_field)

    @property
    def summary(self):
        return Truncator(getattr(self.record, self.kind.summary_field) or "").words(30)

    @property
    def url(self):
        return self.kind.url(self.record)


def words(text):
    return re.findall(r"\w+", text)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        help_text=_("Words to find in objectives, events, divisions, institutions and lessons."),
    )
    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("Everything"))] + [(kind.slug, kind.label) for kind in KINDS],
        widget=FastSelect,
    )

    def __init__(self, data=None, **kwargs):
        # NUL characters are in no text: they are dropped, not an error.
        if data is not None and "\x00" in data.get("q", ""):
            data = data.copy()
            data["q"] = data["q"].replace("\x00", "")
        super().__init__(data, **kwargs)

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())

    @property
    def words_ignored(self):
        """Whether words past the tenth were left out of the search."""
        return len(words(self.cleaned_data.get("q", ""))) > MAX_WORDS


def search(text, viewer, kinds=KINDS):
    """Records ``viewer`` may see that match every word of ``text`` (the
    first ``MAX_WORDS``), best first. Text without words matches nothing."""
    text = " ".join(words(text)[:MAX_WORDS])
    if not text:
        return []
    match = _postgres_match if connection.vendor == "postgresql" else _portable_match
    results = []
    for kind in kinds:
        queryset = kind.model.objects.visible_to(viewer).select_related(*kind.select_related)
        for record in match(kind, queryset, text)[:PER_KIND]:
            results.append(Result(kind, record, float(record.search_rank)))
    return sorted(results, key=lambda result: (-result.rank, KINDS.index(result.kind), str(result.title)))


def _postgres_match(kind, queryset, text):

    vectors = [
        SearchVector(
            Coalesce(F(column), Value(""), output_field=TextField()), weight=weight, config=TEXT_SEARCH_CONFIG[language]
        )
        for field, weight in kind.fields.items()
        for column, language in kind.columns(field)
    ]
    document = reduce(operator.add, vectors)
    query = reduce(
        operator.or_,
        [SearchQuery(text, search_type="plain", config=config) for config in sorted(set(TEXT_SEARCH_CONFIG.values()))],
    )
    return (
        queryset.annotate(search_document=document)
        .filter(search_document=query)
        .annotate(search_rank=SearchRank(document, query))
        .order_by("-search_rank", "pk")
    )


def _portable_match(kind, queryset, text):
    terms = list(dict.fromkeys(word.lower() for word in words(text)))
    columns = [(column, weight) for field, weight in kind.fields.items() for column, _language in kind.columns(field)]
    every_word = reduce(
        operator.and_,
        [reduce(operator.or_, [Q(**{f"{column}__icontains": term}) for column, _weight in columns]) for term in terms],
    )
    rank = reduce(
        operator.add,
        [
            Case(
                When(**{f"{column}__icontains": term}, then=Value(WEIGHTS[weight])),
                default=Value(0.0),
                output_field=FloatField(),
            )
            for term in terms
            for column, weight in columns
        ],
    )
    return queryset.filter(every_word).annotate(search_rank=rank).order_by("-search_rank", "pk")
