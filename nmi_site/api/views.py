"""The base of every API view: visibility, list and detail serializers,
CSV for lists, JSON for errors, and conditional requests."""

import hashlib
import json

from django.utils.http import http_date, parse_etags, quote_etag
from django.utils.translation import get_language
from rest_framework import exceptions, status, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from nmi_site.api.renderers import CSVRenderer
from nmi_site.versioning import content_version
from nmi_site.visibility import visibility_levels, visible_prefetch


class ApiConventionsMixin:
    """What every API view shares: 405 before anything else, JSON for every
    error, CSV for lists only, and ``Vary`` on the headers that matter."""

    renderer_classes = (JSONRenderer, CSVRenderer)

    def initial(self, request, *args, **kwargs):
        # A method the resource does not offer is 405 before anything else
        # (authentication, format), as the schema promises.
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            raise exceptions.MethodNotAllowed(request.method)
        # An empty format is no format the API knows (as "xml" is not).
        if request.query_params.get("format") == "":
            raise exceptions.NotFound()
        super().initial(request, *args, **kwargs)

    def get_renderers(self):
        # CSV is for lists only.
        if getattr(self, "action", None) == "list":
            return [renderer() for renderer in self.renderer_classes]
        return [JSONRenderer()]

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
    :meth:`optimise`. ``serializer_class`` lists, ``detail_serializer_class``
    retrieves."""

    detail_serializer_class = None

    @property
    def viewer(self):
        # None for anonymous clients; the key for partners and staff tokens.
        return self.request.auth

    def get_queryset(self):
        return self.optimise(self.queryset.model.objects.visible_to(self.viewer))

    def optimise(self, queryset):
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve" and self.detail_serializer_class is not None:
            return self.detail_serializer_class
        return super().get_serializer_class()

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
        # sets the ETag itself (nmi_site/caching.py).
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
        return self._conditional(request, lambda: super(VisibleViewSetMixin, self).list(request, *args, **kwargs))

    def retrieve(self, request, *args, **kwargs):
        # A hidden or unknown record is 404 before any validator is computed.
        self.get_object()
        return self._conditional(request, lambda: super(VisibleViewSetMixin, self).retrieve(request, *args, **kwargs))


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
        self.lock(record)
        if header == "*":
            return
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


def summary_prefetch(lookup, serializer_class, viewer, to_attr):
    """A visible related list for a nested summary: only the columns the
    summary serializer shows are read."""
    model = serializer_class.Meta.model
    queryset = model.objects.only(*serializer_class.Meta.fields)
    return visible_prefetch(lookup, model, viewer, to_attr=to_attr, queryset=queryset)
