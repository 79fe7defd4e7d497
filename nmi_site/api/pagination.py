import re

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.utils.urls import remove_query_param, replace_query_param

from nmi_site.caching.generations import count_per_generation
from nmi_site.content.links import absolute_url

MAX_PAGE_SIZE = 100


class GenerationCountPaginator(Paginator):
    """Django's paginator, with the number of records counted once per
    generation of what the viewer sees (count_per_generation)."""

    def __init__(self, object_list, per_page, *, viewer):
        super().__init__(object_list, per_page)
        self.viewer = viewer

    @cached_property
    def count(self):
        # A view's rows (nmi_site.api.views.Rows) are counted from their queryset.
        queryset = getattr(self.object_list, "queryset", self.object_list)
        if isinstance(queryset, QuerySet):
            return count_per_generation(queryset, self.viewer)
        return super().count


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=N&page_size=M``. A page size over the limit is refused with 400
    rather than quietly cut, so a client never believes it has everything."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    viewer = None

    def paginate_queryset(self, queryset, request, view=None):
        self.viewer = getattr(view, "viewer", None) if view is not None else None
        return super().paginate_queryset(queryset, request, view)

    def django_paginator_class(self, object_list, per_page):
        return GenerationCountPaginator(object_list, per_page, viewer=self.viewer)

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not re.fullmatch(r"[0-9]{1,3}", raw) or not 1 <= int(raw) <= MAX_PAGE_SIZE:
            raise ValidationError(
                {self.page_size_query_param: [_("Enter a whole number from 1 to %(max)d.") % {"max": MAX_PAGE_SIZE}]}
            )
        return int(raw)

    # The next and previous pages' links start with the configured site
    # address, not the request's Host.
    def _page_link(self, number):
        url = absolute_url(self.request.get_full_path())
        if number == 1:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, number)

    def get_next_link(self):
        return self._page_link(self.page.next_page_number()) if self.page.has_next() else None

    def get_previous_link(self):
        return self._page_link(self.page.previous_page_number()) if self.page.has_previous() else None

    def check_page_number(self, request):
        """A page that is not a number (or "last") is not found."""
        raw = request.query_params.get(self.page_query_param)
        if raw is not None and not re.fullmatch(r"[0-9]{1,9}|last", raw):
            raise NotFound(_("Invalid page."))

    def get_page_number(self, request, paginator):
        self.check_page_number(request)
        return super().get_page_number(request, paginator)

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["removed"] = {
            "type": "string",
            "format": "uri",
            "description": (
                "With updated_since: the records of this list deleted, or no longer visible to this client, "
                "since that moment (/api/v1/removed/)."
            ),
        }
        return response

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters
