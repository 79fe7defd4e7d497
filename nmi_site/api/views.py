"""The base of every API view: visibility, list and detail serializers,
CSV for lists, JSON for errors, and conditional requests."""

import hashlib
import json

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date, parse_etags, quote_etag, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from modeltranslation.manager import rewrite_order_lookup_key
from modeltranslation.utils import build_localized_fieldname
from rest_framework import exceptions, status, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings

from nmi_site.api.exports import CHUNK, EXPORT_RENDERERS, CSVRenderer, XLSXRenderer, columns
from nmi_site.api.serializers import LinkField, translated_fields
from nmi_site.caching.generations import content_version
from nmi_site.content.filtering import form_parameters
from nmi_site.content.languages import LANG_PARAMETER, codes
from nmi_site.content.links import absolute_url
from nmi_site.content.visibility import visibility_condition, visibility_levels

# The filter of clients that sync (nmi_site.api.filters.UpdatedSinceFilterSet).
UPDATED_SINCE = "updated_since"

# View class → the query parameters it reads.
_query_params = {}


class ApiConventionsMixin:
    """What every API view shares: 405 before anything else, JSON for every
    error, CSV for lists only, and ``Vary`` on the headers that matter."""

    renderer_classes = (JSONRenderer, CSVRenderer, XLSXRenderer)
    # Unknown query parameters are refused (the response cache leaves them
    # for the view to refuse: nmi_site.caching.responses).
    refuses_unknown_parameters = True
    # Query parameters a view reads beyond its filters, search, ordering,
    # pagination and format (see query_params).
    extra_query_params = frozenset()

    @classmethod
    def query_params(cls):
        """Every query parameter the view reads: the response cache drops
        the others (nmi_site.caching.responses), the view refuses them."""
        names = _query_params.get(cls)
        if names is None:
            names = _query_params[cls] = cls._read_query_params()
        return names

    @classmethod
    def _read_query_params(cls):
        names = {api_settings.URL_FORMAT_OVERRIDE, LANG_PARAMETER, *cls.extra_query_params}
        for backend in cls.filter_backends:
            filterset_class = getattr(cls, "filterset_class", None)
            if issubclass(backend, DjangoFilterBackend) and filterset_class is not None:
                names |= form_parameters(filterset_class=filterset_class)
            for attribute in ("search_param", "ordering_param"):
                if hasattr(backend, attribute):
                    names.add(getattr(backend, attribute))
        if cls.pagination_class is not None:
            paginator = cls.pagination_class
            names.update(name for name in (paginator.page_query_param, paginator.page_size_query_param) if name)
        return frozenset(names)

    def initial(self, request, *args, **kwargs):
        # A method the resource does not offer is 405 before anything else
        # (authentication, format), as the schema promises.
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            raise exceptions.MethodNotAllowed(request.method)
        # An empty format is no format the API knows (as "xml" is not).
        if request.query_params.get("format") == "":
            raise exceptions.NotFound()
        # The answer's language was chosen before the view (ApiLanguageMiddleware).
        if getattr(request, "unknown_language", False):
            raise exceptions.ValidationError(
                {LANG_PARAMETER: [_("Choose one of: %(codes)s.") % {"codes": ", ".join(codes())}]}
            )
        super().initial(request, *args, **kwargs)
        # A parameter the view does not read is a mistake (a misspelt
        # filter would otherwise return everything): 400, naming it.
        known = self.query_params()
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            message = _("Unknown parameter. This address reads: %(names)s.") % {"names": ", ".join(sorted(known))}
            raise exceptions.ValidationError({name: [message] for name in unknown})

    def get_renderers(self):
        # CSV and XLSX are for lists only.
        if getattr(self, "action", None) in self.export_actions:
            return [renderer() for renderer in self.renderer_classes]
        return [JSONRenderer()]

    # Exports -------------------------------------------------------------------

    # Actions whose answer is a list that can be exported.
    export_actions = ("list",)

    def exporting(self):
        """Whether the client asked for an export (CSV or XLSX) of the list."""
        renderer = getattr(self.request, "accepted_renderer", None)
        return getattr(renderer, "format", None) in EXPORT_RENDERERS

    def list_prefix(self):
        """The list's name in its address ("events")."""
        return reverse(f"api:{self.basename}-list").rstrip("/").rsplit("/", 1)[-1]

    def export(self, queryset, name=None):
        """Every record of ``queryset`` (filtered, in its order) as the
        export asked for: read a thousand at a time, as they are written."""
        renderer = EXPORT_RENDERERS[self.request.accepted_renderer.format]
        if self.paginator is not None:
            # Every page is exported, but a malformed page or page size is
            # refused as the list refuses it.
            self.paginator.check_page_number(self.request)
            self.paginator.get_page_size(self.request)
        table = columns(self.get_serializer_class()(context=self.get_serializer_context()))
        keys = list(dict.fromkeys(queryset.values_list("pk", flat=True)))
        language = get_language()

        def chunks():
            # A streamed answer is written after the view has returned.
            with translation.override(language):
                for start in range(0, len(keys), CHUNK):
                    part = keys[start : start + CHUNK]
                    yield self.represent(part)

        return renderer.response(table, chunks(), filename=f"nmi-portal-{name or self.list_prefix()}")

    def represent(self, keys):
        """The answer's items for the records with primary keys ``keys``, in that order."""
        found = {record.pk: record for record in self.get_queryset().filter(pk__in=keys)}
        return self.get_serializer([found[key] for key in keys if key in found], many=True).data

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors are always JSON, whatever format was asked for.
        if response.status_code >= 400 and getattr(request, "accepted_renderer", None) is not None:
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        response = super().finalize_response(request, response, *args, **kwargs)
        response.setdefault("Vary", "Accept, Authorization")
        return response


class VisibleViewSetMixin(ApiConventionsMixin):
    """``get_queryset`` starts from ``visible_to`` the client (anonymous,
    partner key or staff token); subclasses add their joins in
    :meth:`optimise` and their many-to-many summaries in
    ``nested_summaries``. ``serializer_class`` lists,
    ``detail_serializer_class`` retrieves."""

    detail_serializer_class = None
    # NestedSummaries read for every record answered.
    nested_summaries = ()
    # Whether lists are read as values() rows rather than model instances
    # when the list serializer can answer every field from a row (see
    # list_from_rows).
    rows_for_lists = False

    @property
    def viewer(self):
        # None for anonymous clients; the key for partners and staff tokens.
        return self.request.auth

    def get_queryset(self):
        return self.optimise(self.queryset.model.objects.visible_to(self.viewer))

    def get_object(self):
        """The record named in the address by its id or, for a record that
        has one, by its slug (a nation by its ISO code): ``/events/12/``
        and ``/events/ambassador-day-2025/`` are the same record."""
        value = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, "")
        if value.isascii() and value.isdigit():
            return super().get_object()
        field = slug_field(self.queryset.model)
        if field is None:
            raise exceptions.NotFound()
        matches = list(self.filter_queryset(self.get_queryset()).filter(**{field: value})[:2])
        if not matches:
            raise exceptions.NotFound()
        if len(matches) > 1:
            raise exceptions.NotFound(_("Several records have this slug: ask for the one you want by its id."))
        self.check_object_permissions(self.request, matches[0])
        return matches[0]

    def optimise(self, queryset):
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve" and self.detail_serializer_class is not None:
            return self.detail_serializer_class
        return super().get_serializer_class()

    def get_serializer(self, instance=None, *args, **kwargs):
        # Records read for an answer get their nested summaries (not
        # records being written: their relations may be about to change).
        if instance is not None and self.nested_summaries and "data" not in kwargs:
            records = list(instance) if isinstance(instance, (list, QuerySet)) else [instance]
            for summaries in self.nested_summaries:
                summaries.attach(records, self.viewer)
        return super().get_serializer(instance, *args, **kwargs)

    # Conditional requests ------------------------------------------------------

    def _validators(self, request):
        latest, version = content_version(self.viewer)
        fingerprint = "|".join(
            [
                version,
                ",".join(sorted(visibility_levels(self.viewer))),
                get_language() or "",
                request.get_full_path(),
                getattr(request.accepted_renderer, "format", ""),
            ]
        )
        return quote_etag(hashlib.sha256(fingerprint.encode()).hexdigest()[:32]), latest

    def _conditional(self, request, render):
        etag, latest = self._validators(request)
        # For anonymous clients the response cache answers If-None-Match and
        # sets the ETag itself (nmi_site/caching/responses.py).
        shared = getattr(request, "anonymous_cache", False)
        if not shared and etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
            response = Response(status=304)
        else:
            response = render()
        if response.status_code in (200, 304):
            if not shared:
                response["ETag"] = etag
            if latest is not None:
                response["Last-Modified"] = http_date(latest.timestamp())
        return response

    def list(self, request, *args, **kwargs):
        if self.exporting():
            return self._conditional(request, lambda: self.export(self.filter_queryset(self.get_queryset())))
        return self._conditional(request, lambda: self.list_from_rows(request, *args, **kwargs))

    def row_plan(self, queryset):
        """How the list answers every field from ``values()`` rows, or None
        when it needs instances (see list_from_rows)."""
        if not self.rows_for_lists:
            return None
        serializer = self.get_serializer_class()(context=self.get_serializer_context())
        return serializer.row_plan(
            annotations=frozenset(queryset.query.annotations),
            attached=frozenset(summaries.to_attr for summaries in self.nested_summaries),
        )

    def represent(self, keys):
        queryset = self.get_queryset()
        plan = self.row_plan(queryset)
        if plan is None:
            return super().represent(keys)
        pk = queryset.model._meta.pk.attname
        found = {row[pk]: row for row in queryset.filter(pk__in=keys).values(*plan_columns(plan, pk))}
        return self.answer_rows(plan, [found[key] for key in keys if key in found], queryset.model)

    def answer_rows(self, plan, records, model):
        for summaries in self.nested_summaries:
            summaries.attach(records, self.viewer, model=model)
        return [
            {name: None if (value := read(row)) is None else write(value) for name, _c, read, write in plan}
            for row in records
        ]

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        # A sync (updated_since) also learns what it should drop.
        since = self.request.query_params.get(UPDATED_SINCE)
        if since is not None:
            query = urlencode({"type": self.list_prefix(), UPDATED_SINCE: since})
            response.data["removed"] = absolute_url(f"{reverse('api:removal-list')}?{query}")
        return response

    def list_from_rows(self, request, *args, **kwargs):
        """DRF's list, read as ``values()`` rows of exactly the columns the
        answer shows, with no model instances: for a page of a hundred
        events, building the instances cost more than the database's
        work. The answer is the one the serializer gives for instances
        (tests compare the two). Views whose serializer needs instances
        for some field keep DRF's list."""
        queryset = self.filter_queryset(self.get_queryset())
        plan = self.row_plan(queryset)
        if plan is None:
            return super().list(request, *args, **kwargs)
        model = queryset.model
        rows = Rows(queryset, plan_columns(plan, model._meta.pk.attname))
        page = self.paginate_queryset(rows)
        data = self.answer_rows(plan, list(page if page is not None else rows.values), model)
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        # A hidden or unknown record is 404 before any validator is computed.
        self.get_object()
        return self._conditional(request, lambda: super(VisibleViewSetMixin, self).retrieve(request, *args, **kwargs))


def plan_columns(plan, pk):
    """The columns a row plan reads, with the primary key's first."""
    return list(dict.fromkeys([pk, *(column for _name, columns, _read, _write in plan for column in columns)]))


# Fields that name a record in an address, besides its id.
SLUG_FIELDS = ("slug", "iso_code")


def slug_field(model):
    names = {field.name for field in model._meta.concrete_fields}
    return next((name for name in SLUG_FIELDS if name in names), None)


class Rows:
    """A list's ``values()`` rows as a paginator reads them: sliced from the
    rows, counted from the queryset (a count of the rows would keep the
    joins their columns come from)."""

    def __init__(self, queryset, columns):
        self.queryset = queryset
        self.values = queryset.values(*columns)
        self.ordered = queryset.ordered

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        return self.values[index]


class ReadOnlyViewSet(VisibleViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "This record has changed since you read it: nothing was changed. Read it again (GET), "
        "then send your change with its new ETag in If-Match."
    )
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = "Send If-Match with the ETag of the record as you last read it (GET), so no change is lost."
    default_code = "precondition_required"


def representation_etag(data):
    """A strong ETag of a record's JSON representation: it changes whenever
    anything the client reads changes."""
    body = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False).encode()
    return quote_etag(hashlib.sha256(body).hexdigest()[:32])


class RepresentationETagMixin:
    """For records clients change: a keyed client's detail answer has a
    strong ETag of the representation, and writes compare ``If-Match``
    with the current one under a row lock (412 when it differs, 428 when a
    required one is missing). Subclasses give :meth:`representation` and
    :meth:`lock`."""

    conditional_actions = ()

    def representation(self, record):
        raise NotImplementedError

    def lock(self, record):
        raise NotImplementedError

    def with_etag(self, response):
        if response.status_code < 300 and isinstance(response.data, dict):
            response["ETag"] = representation_etag(response.data)
        return response

    def check_if_match(self, request, record, *, required):
        header = request.headers.get("If-Match", "").strip()
        if not header:
            if required:
                raise PreconditionRequired()
            return
        if header == "*":
            # RFC 9110 lets "*" match any current representation: it guards
            # nothing against a lost update, so a change that must send the
            # record's ETag is refused it; where If-Match is optional, "*" is
            # no condition.
            if required:
                raise PreconditionRequired(_("If-Match: * guards nothing: send the record's ETag as you last read it."))
            return
        self.lock(record)
        if representation_etag(self.representation(record)) not in parse_etags(header):
            raise PreconditionFailed()

    def retrieve(self, request, *args, **kwargs):
        if getattr(request, "anonymous_cache", False):
            # Anonymous answers get their validators from the response cache.
            return super().retrieve(request, *args, **kwargs)
        record = self.get_object()
        data = self.representation(record)
        etag = representation_etag(data)
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            response = Response(status=status.HTTP_304_NOT_MODIFIED)
        else:
            response = Response(data)
        response["ETag"] = etag
        return response


class NestedSummaries:
    """The visible records of a many-to-many relation, in the few fields
    its summary serializer shows, for a page of records: one query per
    relation that reads plain values through the relation's table, so a
    page of 100 events with several hundred partners and nations builds no
    model instance for them. The related records are those
    ``visible_to(viewer)``; they come in the related model's own order, in
    the active language with English where a translation is missing (as
    :func:`read_translated` reads them). The list is set on each record as
    ``to_attr``, where the serializer field's ``source`` finds it."""

    def __init__(self, lookup, serializer_class, to_attr):
        self.lookup = lookup
        self.serializer_class = serializer_class
        self.to_attr = to_attr

    def _columns(self, target_column, language):
        """Each summary field with the columns it is read from: the active
        language's then English for a translated field."""
        target = self.serializer_class.Meta.model
        translated = translated_fields(target)
        for name in self.serializer_class.Meta.fields:
            if name in translated:
                localised = dict.fromkeys(
                    build_localized_fieldname(name, code) for code in (language, settings.LANGUAGE_CODE)
                )
                yield name, True, [f"{target_column}__{column}" for column in localised]
            else:
                yield name, False, [f"{target_column}__{name}"]

    def attach(self, records, viewer, *, model=None):
        """Set the summaries on each of ``records``: model instances, or
        ``values()`` rows of ``model`` (with its primary key)."""
        if not records:
            return
        rows = model is not None
        model = model or type(records[0])
        pk = model._meta.pk.attname
        keys = [record[pk] for record in records] if rows else [record.pk for record in records]
        relation = model._meta.get_field(self.lookup)
        through = relation.remote_field.through
        owner_column, target_column = relation.m2m_field_name(), relation.m2m_reverse_field_name()
        target = self.serializer_class.Meta.model
        columns = list(self._columns(target_column, get_language() or settings.LANGUAGE_CODE))
        # The related model's order, through the relation's table; a
        # translated field orders by the active language's column, as
        # modeltranslation orders the model's own queries.
        ordering = [
            rewrite_order_lookup_key(
                through, "{}{}__{}".format("-" * key.startswith("-"), target_column, key.lstrip("-"))
            )
            for key in target._meta.ordering
        ]
        links = (
            # The related records' visibility is a condition on the join, not
            # a subquery: the through table is then read from its owner
            # index, for the page's records only, whatever the statistics.
            through.objects.filter(
                visibility_condition(target, visibility_levels(viewer), prefix=f"{target_column}__"),
                **{f"{owner_column}__in": keys},
            )
            .order_by(*ordering, f"{target_column}_id")
            .values_list(f"{owner_column}_id", *(column for *_, sources in columns for column in sources))
        )
        by_owner = {key: [] for key in keys}
        for owner, *values in links:
            summary, position = {}, 0
            for name, translated, sources in columns:
                value = values[position]
                if translated and value in (None, ""):
                    # English where the translation is missing; text is
                    # never null, as the descriptor reads it.
                    value = values[position + len(sources) - 1] or ""
                summary[name] = value
                position += len(sources)
            by_owner[owner].append(summary)
        for key, record in zip(keys, records, strict=True):
            if rows:
                record[self.to_attr] = by_owner[key]
            else:
                setattr(record, self.to_attr, by_owner[key])


def shown_columns(serializer_class, prefix=""):
    """The model columns a serializer's ``Meta.fields`` name, and those its
    links are built from, for ``only()``; ``prefix`` is the lookup of a
    ``select_related`` record."""
    concrete = {field.name for field in serializer_class.Meta.model._meta.concrete_fields}
    names = [name for name in serializer_class.Meta.fields if name in concrete]
    for name in serializer_class.Meta.fields:
        field = serializer_class._declared_fields.get(name)
        if isinstance(field, LinkField):
            names.extend(column for column in field.columns if column != "pk")
    return [f"{prefix}__{name}" if prefix else name for name in dict.fromkeys(names)]
