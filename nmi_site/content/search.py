"""A record's stored search document: the text site-wide search looks in,
kept by the database itself in a generated column, so that a search never
works out every record's text afresh.

On PostgreSQL the column is a ``tsvector`` (English stemming for English
columns, plain words for Arabic ones, each field weighted A, B or C) with a
GIN index; search matches it with ``@@`` and ranks with ``ts_rank``. On
SQLite it is the searched columns' text, one per line, matched with
``LIKE``: one column to read instead of one per field and language.

Because the database computes the column on every insert and update,
no save, queryset ``update()``, ``bulk_create()``, fixture load or restore
can leave it stale."""

import operator
from functools import reduce

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import migrations, models
from django.db.models import F, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.translation import gettext_lazy as _

LANGUAGES = ("en", "ar")
# PostgreSQL's text search configuration for each language's columns.
TEXT_SEARCH_CONFIG = {"en": "english", "ar": "simple"}
# Between fields in SQLite's document: no searched word contains it.
SEPARATOR = "\n"


class SearchDocumentField(SearchVectorField):
    """A ``tsvector`` on PostgreSQL; text elsewhere."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class SearchDocument(models.Func):
    """The stored document of ``columns``: (column, weight, language)
    triples, in the order they are searched."""

    def __init__(self, *columns):
        self.columns = tuple(tuple(column) for column in columns)
        super().__init__(output_field=SearchDocumentField())

    def weights(self):
        """Column → weight letter."""
        return {column: weight for column, weight, _language in self.columns}

    def _compile(self, compiler, expression):
        return compiler.compile(expression.resolve_expression(compiler.query, allow_joins=False))

    def _text(self, column):
        return Coalesce(F(column), Value(""), output_field=TextField())

    def as_sql(self, compiler, connection, **extra_context):
        parts = []
        for column, _weight, _language in self.columns:
            parts += [self._text(column), Value(SEPARATOR)]
        return self._compile(compiler, Concat(*parts, output_field=TextField()))

    def as_postgresql(self, compiler, connection, **extra_context):
        vectors = [
            SearchVector(self._text(column), weight=weight, config=TEXT_SEARCH_CONFIG[language])
            for column, weight, language in self.columns
        ]
        return self._compile(compiler, reduce(operator.add, vectors))


def search_document_field(fields, *, untranslated=()):
    """The generated column of a model's search document. ``fields`` maps
    each searched field to its weight (A, B or C); a translated field is
    searched in every language's column, one in ``untranslated`` in its own."""
    columns = []
    for field, weight in fields.items():
        if field in untranslated:
            columns.append((field, weight, "en"))
        else:
            columns += [(f"{field}_{language}", weight, language) for language in LANGUAGES]
    return models.GeneratedField(
        expression=SearchDocument(*columns),
        output_field=SearchDocumentField(),
        db_persist=True,
        verbose_name=_("search document"),
    )


def search_index_operations(*tables):
    """Migration operations that give each table's search document a GIN
    index on PostgreSQL (other databases have no such index, and need none
    for ``LIKE``)."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for table in tables:
                schema_editor.execute(
                    f"CREATE INDEX IF NOT EXISTS {table}_search ON {table} USING gin (search_document)"
                )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for table in tables:
                schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search")

    return [migrations.RunPython(create, drop, elidable=False)]
