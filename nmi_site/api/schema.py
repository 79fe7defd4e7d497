"""OpenAPI schema: every operation documents its error responses."""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import get_lib_doc_excludes
from drf_spectacular.utils import OpenApiParameter

from nmi_site.api import serializers, views
from nmi_site.api.filters import SLUG_PATTERN
from nmi_site.content.languages import LANG_PARAMETER, codes

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "type": "object",
    "description": "Field name → messages; 'non_field_errors' for the record as a whole.",
    "additionalProperties": {"oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]},
}


LANGUAGE_PARAMETERS = (
    OpenApiParameter(
        LANG_PARAMETER,
        str,
        OpenApiParameter.QUERY,
        enum=codes(),
        description=(
            "The language of the answer's text: 'ar' for Arabic, with the English text where a record has no "
            "Arabic yet. Overrides Accept-Language. The answer's Content-Language says which was used."
        ),
    ),
    OpenApiParameter(
        "Accept-Language",
        str,
        OpenApiParameter.HEADER,
        description="As in HTTP: e.g. 'ar-IQ, ar;q=0.9, en;q=0.5'. English when neither language is asked for.",
    ),
)


def json_response(description, schema):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


class AutoSchema(SpectacularAutoSchema):
    """Documents every operation's error responses, and that reading needs no key."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        errors = {
            "400": json_response("Bad input: the fields at fault, each with its messages.", VALIDATION_ERROR),
            "401": json_response("The key is unknown, expired, revoked or not valid for the API.", ERROR),
            "404": json_response("No such record, or not one this client may see; or no such page.", ERROR),
            "429": json_response("Too many requests: wait for the number of seconds in Retry-After.", ERROR),
        }
        if self.method != "GET":
            errors["403"] = json_response("This client may not do this.", ERROR)
        if self.method in ("PATCH", "PUT") or (self.method == "POST" and self._is_transition()):
            errors["412"] = json_response(
                "If-Match does not match the record's current ETag: someone changed it since this client read it.",
                ERROR,
            )
        if self.method in ("PATCH", "PUT"):
            errors["428"] = json_response("If-Match is missing: send the ETag of the record as last read.", ERROR)
        for code, response in errors.items():
            responses.setdefault(code, response)
        return responses

    def _is_transition(self):
        return getattr(self.view, "action", None) in getattr(self.view, "conditional_actions", ())

    def get_override_parameters(self):
        parameters = [*super().get_override_parameters(), *LANGUAGE_PARAMETERS]
        model = getattr(getattr(self.view, "queryset", None), "model", None)
        if "{id}" in self.path and model is not None and (field := views.slug_field(model)) is not None:
            parameters.append(
                OpenApiParameter(
                    "id",
                    {"type": "string", "pattern": SLUG_PATTERN},
                    OpenApiParameter.PATH,
                    description=f"The record's id, or its {field.replace('_', ' ')}.",
                )
            )
        if self.method in ("PATCH", "PUT") or (self.method == "POST" and self._is_transition()):
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    str,
                    OpenApiParameter.HEADER,
                    required=self.method in ("PATCH", "PUT"),
                    description="The ETag of the record as this client last read it (from GET or an earlier write).",
                )
            )
        return parameters

    def get_auth(self):
        # Reading needs no key (anonymous clients see public data), so the
        # empty requirement is listed next to the key.
        auth = super().get_auth()
        if self.method in ("GET", "HEAD") and {} not in auth:
            auth.append({})
        return auth


def doc_excludes():
    """Classes whose docstrings the schema never shows as a description:
    drf-spectacular's own list and the API's base classes, whose
    docstrings are notes for developers. A resource or serializer with no
    docstring of its own then has no description rather than a base
    class's."""

    return [
        *get_lib_doc_excludes(),
        views.ApiConventionsMixin,
        views.VisibleViewSetMixin,
        views.RepresentationETagMixin,
        serializers.StrictFieldsMixin,
        serializers.ModelSerializer,
        serializers.SummarySerializer,
    ]
