"""``/api/v1/datapackage.json``: the public datasets as a Frictionless
Data Package (https://specs.frictionlessdata.io/data-package/): one
tabular resource per public list, its path the list's complete CSV
export, its schema the export's columns with their types."""

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils import translation
from rest_framework import fields, relations, serializers

from nmi_site.api.exports import columns
from nmi_site.api.serializers import LinkField
from nmi_site.content.links import absolute_url

# DRF field → Table Schema type (anything else is a string).
TYPES = (
    (fields.BooleanField, "boolean"),
    (fields.IntegerField, "integer"),
    (fields.DecimalField, "number"),
    (fields.FloatField, "number"),
    # ISO 8601 with the offset and fractions of a second: "any" format.
    (fields.DateTimeField, "datetime"),
    (fields.DateField, "date"),
    (relations.PrimaryKeyRelatedField, "integer"),
)


def _field_type(serializer, header):
    name, _dot, sub = header.partition(".")
    field = serializer.fields[name]
    if sub:
        method = getattr(serializer, f"get_{name}", None)
        nested = method.__annotations__.get("return") if method is not None else field
        field = nested.fields[sub] if isinstance(nested, serializers.BaseSerializer) else field
    if isinstance(field, LinkField):
        return {"type": "string", "format": "uri"}
    for kind, table_type in TYPES:
        if isinstance(field, kind):
            return {"type": table_type, "format": "any"} if table_type == "datetime" else {"type": table_type}
    return {"type": "string"}


def resource(prefix, viewset, basename):
    serializer = viewset.serializer_class()
    described = []
    for header, _read in columns(serializer):
        description = str(getattr(serializer.fields[header.partition(".")[0]], "help_text", "") or "")
        item = {"name": header, **_field_type(serializer, header)}
        if description:
            item["description"] = description
        described.append(item)
    return {
        "name": prefix,
        "title": prefix.replace("-", " ").capitalize(),
        "path": absolute_url(f"{reverse(f'api:{basename}-list')}?format=csv"),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "profile": "tabular-data-resource",
        "schema": {"fields": described, "primaryKey": ["id"] if "id" in serializer.fields else []},
    }


def datapackage_view(registry):
    """The view describing the lists of ``registry`` (the router's public
    lists)."""

    def view(request):
        with translation.override(settings.LANGUAGE_CODE):
            body = {
                "profile": "tabular-data-package",
                "name": "nmi-portal",
                "title": "NMI Portal open data",
                "description": (
                    "The public records of NATO Mission Iraq's portal: its structure, long-term objectives, "
                    "their progress and indicators, and its outreach events. Each resource is a complete CSV "
                    "export of an API list; ?lang=ar gives the Arabic text."
                ),
                "homepage": absolute_url("/"),
                "resources": [
                    resource(prefix, viewset, basename)
                    for prefix, viewset, basename in registry
                    if getattr(viewset, "queryset", None) is not None
                ],
            }
        return JsonResponse(body, json_dumps_params={"ensure_ascii": False, "indent": 2})

    return view
