"""API authentication: ``Authorization: Bearer <key>``.

No header: an anonymous client, who sees public records. A partner key with
the ``api:read`` scope adds partner records; a staff member's personal token
acts as that member of staff. An unknown, expired or revoked key, or one
without the ``api:read`` scope, is refused with 401."""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from nmi_site.access.models import KeyScope, PartnerKey


class KeyAuthentication(authentication.BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header:
            return None
        # A credential the API does not understand is refused, not ignored:
        # a client that sends one expects it to count.
        if header[0].lower() != self.keyword or len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the key as 'Authorization: Bearer <key>'."))
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(_("The key is not valid.")) from error
        key = PartnerKey.authenticate(secret, KeyScope.API_READ)
        if key is None:
            raise exceptions.AuthenticationFailed(_("The key is unknown, expired, revoked or not valid for the API."))
        return (key.user if key.user_id else AnonymousUser(), key)

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class KeyAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = KeyAuthentication
    name = "partnerKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A partner key (scope api:read) or a staff personal token. Without one, public data only.",
        }
