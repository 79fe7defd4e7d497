"""OpenAPI schema: every operation documents its error responses."""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema

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
        for code, response in errors.items():
            responses.setdefault(code, response)
        return responses

    def get_auth(self):
        # Reading needs no key (anonymous clients see public data), so the
        # empty requirement is listed next to the key.
        auth = super().get_auth()
        if self.method in ("GET", "HEAD") and {} not in auth:
            auth.append({})
        return auth
