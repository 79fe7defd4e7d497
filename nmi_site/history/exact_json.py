"""Django's JSON serialisation, with times to the microsecond.

Django's own JSON encoder cuts times to the millisecond, so a backup and
restore (``backup_data``, ``restore_data``) would change every stored time
a little. Registered as the ``json`` format in ``SERIALIZATION_MODULES``;
reading is Django's own."""

import datetime

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder

Deserializer = django_json.Deserializer


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder
