"""``/api/v1/search/``: the site-wide search for API clients, with the same
ranking and visibility as the search page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.renderers import JSONRenderer

from nmi_site.api.views import ApiConventionsMixin
from nmi_site.content.filtering import form_parameters
from nmi_site.content.links import absolute_url
from nmi_site.sitewide.search import KINDS, KINDS_BY_SLUG, MAX_QUERY_LENGTH, MAX_WORDS, SearchForm, search


class SearchResultSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(source="kind.slug", choices=[kind.slug for kind in KINDS])
    id = serializers.IntegerField(source="record.pk")
    title = serializers.CharField()
    summary = serializers.CharField()
    url = serializers.SerializerMethodField(help_text=_("The record's public page."))
    api_url = serializers.SerializerMethodField(help_text=_("The record in this API."))
    rank = serializers.FloatField(help_text=_("Higher is a better match."))

    def get_url(self, result) -> str:
        return absolute_url(result.url)

    def get_api_url(self, result) -> str:
        return absolute_url(reverse(f"api:{result.kind.slug}-detail", kwargs={"pk": result.record.pk}))


class SearchViewSet(ApiConventionsMixin, viewsets.GenericViewSet):
    """Records matching ``q``, best match first, among those the client may see."""

    serializer_class = SearchResultSerializer
    renderer_classes = (JSONRenderer,)
    filter_backends = ()
    extra_query_params = form_parameters(SearchForm)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q",
                {"type": "string", "minLength": 1, "maxLength": MAX_QUERY_LENGTH},
                required=True,
                description=(
                    f"Words to find, at most {MAX_QUERY_LENGTH} characters. Every word must match; words past "
                    f"the {MAX_WORDS}th are ignored, and text without words matches nothing."
                ),
            ),
            OpenApiParameter("kind", str, enum=[kind.slug for kind in KINDS], description="Only records of this kind."),
        ]
    )
    def list(self, request):
        form = SearchForm(request.query_params)
        if not form.is_valid():
            raise exceptions.ValidationError(_messages(form))
        if not form.cleaned_data["q"]:
            raise exceptions.ValidationError({"q": [_("This field is required.")]})
        kind = form.cleaned_data["kind"]
        results = search(form.cleaned_data["q"], request.auth, [KINDS_BY_SLUG[kind]] if kind else KINDS)
        page = self.paginate_queryset(results)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


def _messages(form):
    return {field: [error["message"] for error in errors] for field, errors in form.errors.get_json_data().items()}
