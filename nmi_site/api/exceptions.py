import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from nmi_site.security.log import log_event


def exception_handler(error, context):
    """DRF's handler, plus the model layer's own errors: a ValidationError or
    PermissionDenied from a service becomes a 400 or 403 with a JSON body
    naming the fields, never a 500."""
    if isinstance(error, DjangoValidationError):
        detail = error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
        error = exceptions.ValidationError(detail)
    elif isinstance(error, DjangoPermissionDenied):
        error = exceptions.PermissionDenied(str(error) or None)
    elif isinstance(error, Http404):
        # The same answer for a hidden record as for one that never existed.
        error = exceptions.NotFound()
    elif isinstance(error, exceptions.ValidationError) and isinstance(error.detail, list):
        # Bad input is always an object naming what is wrong.
        error = exceptions.ValidationError({"non_field_errors": error.detail})
    if isinstance(error, exceptions.PermissionDenied | exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        request = context.get("request")
        log_event(
            "permission_denied" if isinstance(error, exceptions.PermissionDenied) else "authentication_failed",
            request,
            account=_account(request),
            level=logging.WARNING,
        )
    return drf_exception_handler(error, context)


def _account(request):
    """Who the API client is, without the key itself: the key's owner and
    prefix, or "anonymous"."""
    # The key as authentication left it; reading ``request.auth`` could
    # authenticate again.
    key = getattr(request, "_auth", None) if request is not None else None
    return str(key) if key is not None else "anonymous"
