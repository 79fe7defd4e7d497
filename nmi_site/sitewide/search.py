"""Site-wide search across objectives, events, divisions, institutions and
lessons, for the search page and the API.

Each kind of record keeps a stored search document of the fields searched,
with their weights (``nmi_site.content.search``). On PostgreSQL it is a
``tsvector`` (English stemming for the English columns, plain words for the
Arabic ones) matched through its GIN index and ranked with ``ts_rank``; on
SQLite every word must appear in the document, and matches in titles rank
above matches in descriptions. Either way each kind of record is one query
over the records the viewer may see, reading only what a result shows,
capped at ``PER_KIND`` results, so the work is bounded and the number of
queries does not grow with the data.
"""

import operator
import re
from dataclasses import dataclass
from functools import cached_property, reduce
from types import SimpleNamespace

from django import forms
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, FloatField, Func, Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from missions.models import Division, Institution, Lesson
from nmi_site.content.search import TEXT_SEARCH_CONFIG
from nmi_site.content.widgets import FastSelect
from objectives.models import LongTermObjective
from outreach.models import Event

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
PER_KIND = 100
# Weights of a match, by the importance of the field.
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2}


@dataclass(frozen=True)
class Kind:
    """One kind of record the search covers; what it is searched by is its
    model's ``search_document``."""

    slug: str
    label: str
    model: type
    title_field: str
    summary_field: str
    # The page of a record: a URL name taking its slug, or None for kinds
    # listed on a shared page (url()).
    url_name: str = None

    def weights(self):
        """Each searched column with the weight of its field (A, B or C)."""
        return self.model._meta.get_field("search_document").expression.weights()

    def columns(self, language):
        """What a result shows, as columns: key, visibility (for the badge),
        what its address needs, and its title and summary in ``language``
        and in English."""
        texts = {
            build_localized_fieldname(field, code)
            for field in (self.title_field, self.summary_field)
            for code in dict.fromkeys((language or settings.LANGUAGE_CODE, settings.LANGUAGE_CODE))
        }
        return ("pk", "visibility", "number" if self.slug == "lesson" else "slug", *sorted(texts))

    def url(self, record):
        if self.slug == "institution":
            return f"{reverse('missions:about')}#institution-{record.slug}"
        if self.slug == "lesson":
            return f"{reverse('missions:lessons')}#lesson-{record.number}"
        return reverse(self.url_name, kwargs={"slug": record.slug})


KINDS = (
    Kind("objective", _("Objective"), LongTermObjective, "title", "statement", "objectives:detail"),
    Kind("event", _("Event"), Event, "title", "summary", "outreach:detail"),
    Kind("division", _("Division"), Division, "name", "purpose", "missions:division_detail"),
    Kind("institution", _("Institution"), Institution, "name", "summary"),
    Kind("lesson", _("Lesson learned"), Lesson, "title", "summary"),
)
KINDS_BY_SLUG = {kind.slug: kind for kind in KINDS}


class Found(SimpleNamespace):
    """A record found, read as the plain values a result shows (no model
    instance: a search reads up to a hundred of each kind): ``pk``,
    ``visibility`` and the columns of Kind.columns(), as attributes, so
    the templates' tags read it as they read a record."""

    def text(self, field):
        """The field in the active language, English when that is empty."""
        language = get_language() or settings.LANGUAGE_CODE
        value = getattr(self, build_localized_fieldname(field, language), None)
        return value or getattr(self, build_localized_fieldname(field, settings.LANGUAGE_CODE), None) or ""


@dataclass
class Result:
    kind: Kind
    record: Found
    rank: float

    @cached_property
    def title(self):
        return self.record.text(self.kind.title_field)

    @property
    def summary(self):
        return Truncator(self.record.text(self.kind.summary_field)).words(30)

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
    language = get_language()
    results = []
    for kind in kinds:
        # Plain rows: modeltranslation's rewriting is not wanted, the
        # columns are named in each language.
        queryset = kind.model.objects.visible_to(viewer).rewrite(False)
        rows = match(kind, queryset, text).values(*kind.columns(language), "search_rank")[:PER_KIND]
        for row in rows:
            rank = row.pop("search_rank")
            results.append(Result(kind, Found(**row), float(rank)))
    return sorted(results, key=lambda result: (-result.rank, KINDS.index(result.kind), result.title))


def _postgres_match(kind, queryset, text):
    query = reduce(
        operator.or_,
        [SearchQuery(text, search_type="plain", config=config) for config in sorted(set(TEXT_SEARCH_CONFIG.values()))],
    )
    return (
        queryset.filter(search_document=query)
        .annotate(search_rank=SearchRank(F("search_document"), query))
        .order_by("-search_rank", "pk")
    )


class MatchWeight(Func):
    """The sum of the weights of the searched columns each term appears in
    (case-insensitively, as ``icontains``), written as one expression: the
    equivalent ``Case``/``When`` per column and term cost more to build
    than the database took to answer."""

    output_field = FloatField()

    def __init__(self, weights, terms):
        self.weights, self.terms = weights, terms
        super().__init__()

    def as_sql(self, compiler, connection, **extra_context):
        table = connection.ops.quote_name(compiler.query.get_meta().db_table)
        parts, params = [], []
        for term in self.terms:
            pattern = f"%{connection.ops.prep_for_like_query(term)}%"
            for column, weight in self.weights.items():
                parts.append(
                    f"CASE WHEN {table}.{connection.ops.quote_name(column)} LIKE %s ESCAPE '\\' "
                    f"THEN {WEIGHTS[weight]!r} ELSE 0.0 END"
                )
                params.append(pattern)
        return "(" + " + ".join(parts) + ")", params


def _portable_match(kind, queryset, text):
    terms = list(dict.fromkeys(word.lower() for word in words(text)))
    every_word = reduce(operator.and_, [Q(search_document__icontains=term) for term in terms])
    # Ranked from the columns themselves, for the matching records only.
    return (
        queryset.filter(every_word)
        .annotate(search_rank=MatchWeight(kind.weights(), terms))
        .order_by("-search_rank", "pk")
    )
