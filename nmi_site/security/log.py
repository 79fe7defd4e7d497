"""The security event log: sign-ins, failed sign-ins, sign-outs, lockouts,
second-factor events, permission denials and CSRF failures.

Every event is one line on the ``nmi_site.security`` logger, written in UTC
(see ``LOGGING`` in the settings), naming the event, the account, the
client's address and the request. Passwords and codes are never logged.
"""

import logging

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from nmi_site.security.headers import client_ip

logger = logging.getLogger("nmi_site.security")


def client_address(request):
    # The one rule for the client's address (behind a proxy, the address the
    # proxy saw), as django-axes uses it.
    if request is None:
        return "-"
    return client_ip(request) or "-"


def account_of(request, user=None):
    user = user if user is not None else getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return "anonymous"
    return user.get_username()


def log_event(event, request, *, account=None, level=logging.INFO, **details):
    """Write one security event. ``account`` defaults to the request's user."""
    fields = {
        "event": event,
        "account": account if account is not None else account_of(request),
        "ip": client_address(request),
        "method": request.method if request is not None else "-",
        "path": request.path if request is not None else "-",
        **details,
    }
    logger.log(level, " ".join(f"{name}={_quote(value)}" for name, value in fields.items()), extra={"security": fields})


def _quote(value):
    """``value`` as one token of the line: quoted when it holds spaces or
    the separators, and with control characters (a line break in a
    username, say) written as escapes, so no value can start a line of its
    own."""
    text = str(value).replace("\\", "\\\\")
    text = "".join(
        character if character.isprintable() or character == " " else f"\\u{ord(character):04x}" for character in text
    )
    if not text or any(character.isspace() or character in '"=' for character in text):
        return '"' + text.replace('"', '\\"') + '"'
    return text


@receiver(user_logged_in, dispatch_uid="nmi_site.security.log.logged_in")
def _logged_in(sender, request, user, **kwargs):
    log_event("login", request, account=user.get_username())


@receiver(user_logged_out, dispatch_uid="nmi_site.security.log.logged_out")
def _logged_out(sender, request, user, **kwargs):
    log_event("logout", request, account=user.get_username() if user is not None else "anonymous")


@receiver(user_login_failed, dispatch_uid="nmi_site.security.log.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # Django has already replaced the password in ``credentials``; only the
    # username is written.
    log_event("login_failed", request, account=credentials.get("username", ""), level=logging.WARNING)


@receiver(user_locked_out, dispatch_uid="nmi_site.security.log.locked_out")
def _locked_out(sender, request, username=None, ip_address=None, **kwargs):
    log_event("lockout", request, account=username or "", level=logging.WARNING)
