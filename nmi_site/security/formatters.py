"""Log formatting and filters."""

import logging
import re
import time

# Partner keys look like nmi_<prefix>_<secret>; they may sit in a calendar URL.
KEY_PATTERN = re.compile(r"nmi_[0-9a-f]{8}_[A-Za-z0-9_\-]+")


def redact(text):
    return KEY_PATTERN.sub("nmi_[redacted]", text)


class RedactKeysFilter(logging.Filter):
    """Keeps partner keys out of every log line: a key in a private
    calendar URL would otherwise be written with the request path."""

    def filter(self, record):
        message = record.getMessage()
        if KEY_PATTERN.search(message):
            record.msg, record.args = redact(message), None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        # django.request attaches the request, whose repr holds the path.
        request = getattr(record, "request", None)
        if request is not None and KEY_PATTERN.search(getattr(request, "path", "")):
            record.request = None
        return True


class UTCFormatter(logging.Formatter):
    """Times in UTC, ISO 8601 with a "Z", whatever the server's zone."""

    converter = time.gmtime

    def formatTime(self, record, datefmt=None):
        return time.strftime("%Y-%m-%dT%H:%M:%S", self.converter(record.created)) + f".{int(record.msecs):03d}Z"
