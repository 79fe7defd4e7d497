"""A second factor for staff sign-in: time-based codes from an
authenticator app (django-otp's TOTP devices).

- Any member of staff may enrol at ``/admin/second-factor/``: the page shows
  a QR code (and the key, for typing in), and the device counts once the
  person has entered a code from it.
- Whoever has enrolled must enter a current code with their password at
  every sign-in; a wrong code counts as a failed sign-in (so django-axes
  locks the account after repeated ones) and is logged.
- Administrators can require a second factor for all staff (the security
  policy in the admin). Staff without one are then sent to enrol before
  they can use anything else in the admin.
- An Administrator who loses their phone is helped by another one, who
  deletes the lost device under "TOTP devices" in the admin.
"""

import base64
import io

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from nmi_site.access.models import SecurityPolicy
from nmi_site.content.visibility import PUBLIC_ONLY
from nmi_site.security.log import log_event

CODE_ATTRIBUTES = {"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*", "size": "8"}


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


WRONG_CODE = _("That code is wrong or has expired. Enter the code your app shows now.")
TOO_MANY_CODES = _("Too many wrong codes. Wait a few seconds, then enter the code your app shows.")


def check_code(device, code):
    """``None`` if ``code`` is current for ``device``, else the message to
    show. django-otp refuses codes for a growing delay after wrong ones and
    never accepts the same code twice."""
    code = (code or "").strip().replace(" ", "")
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, _details = locked.verify_is_allowed()
        if not allowed:
            return TOO_MANY_CODES
        if not code.isdigit() or not locked.verify_token(code):
            return WRONG_CODE
    return None


def second_factor_required():
    return SecurityPolicy.current().require_second_factor


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's sign-in form, with the authentication code for those who
    have enrolled."""

    otp_token = forms.CharField(
        label=_("Authentication code"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs=CODE_ATTRIBUTES),
        help_text=_("The six digits your authenticator app shows, if you have enrolled one."),
    )

    def clean(self):
        cleaned_data = super().clean()
        user = self.user_cache
        device = confirmed_device(user) if user is not None else None
        if device is None:
            return cleaned_data
        code = cleaned_data.get("otp_token", "")
        error = check_code(device, code) if code else _("Enter the code from your authenticator app.")
        if error is None:
            # django-otp's login signal marks the session as verified.
            user.otp_device = device
            return cleaned_data
        # A wrong or missing code is a failed sign-in, as a wrong password
        # is: it is logged, and counts towards the lockout.
        user_login_failed.send(
            sender=__name__, credentials={"username": cleaned_data.get("username", "")}, request=self.request
        )
        self.user_cache = None
        raise ValidationError({"otp_token": error})


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=10,
        widget=forms.TextInput(attrs=CODE_ATTRIBUTES),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = self.cleaned_data["code"]
        error = check_code(self.device, code)
        if error is not None:
            raise ValidationError(error)
        return code


def qr_code_svg(device):
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    output = io.BytesIO()
    image.save(output)
    svg = output.getvalue().decode()
    # Drop the XML declaration: the SVG is placed inside the page.
    return mark_safe(svg[svg.index("<svg") :])


def second_factor_view(request):
    """Enrol, see or remove one's own authenticator app."""
    user = request.user
    device = confirmed_device(user)
    context = {
        **admin.site.each_context(request),
        "title": _("Second factor"),
        "required": second_factor_required(),
        "device": device,
    }
    if device is not None:
        form = CodeForm(request.POST or None, device=device)
        if request.method == "POST" and not context["required"] and form.is_valid():
            device.delete()
            log_event("second_factor_removed", request)
            messages.success(request, _("Your authenticator app is removed. Sign-in needs your password only."))
            return redirect("admin-second-factor")
        return TemplateResponse(request, "admin/second_factor.html", {**context, "form": form})

    pending, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": str(_("Authenticator app"))}
    )
    form = CodeForm(request.POST or None, device=pending)
    if request.method == "POST" and form.is_valid():
        pending.confirmed = True
        pending.save(update_fields=["confirmed"])
        otp_login(request, pending)
        log_event("second_factor_enrolled", request)
        messages.success(request, _("Your authenticator app is enrolled. Sign-in now asks for its code."))
        return redirect("admin:index")
    return TemplateResponse(
        request,
        "admin/second_factor.html",
        {**context, "form": form, "pending": pending, "qr_code": qr_code_svg(pending), "key": pending_key(pending)},
    )


def pending_key(device):
    """The device's key in base32, in groups of four, for typing into an app."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[index : index + 4] for index in range(0, len(key), 4))


def second_factor_missing(user):
    """A staff session that should have confirmed a second factor and has
    not: the user has enrolled one, or the policy requires one."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_staff
        and not user.is_verified()
        and (confirmed_device(user) is not None or second_factor_required())
    )


class SecondFactorMiddleware:
    """Until a staff session has confirmed its second factor (where one is
    enrolled or required), it sees what the public sees, everywhere; in the
    admin, staff who must use a second factor and have not are sent to
    enrol, and a session from before enrolment must sign in again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_staff or user.is_verified():
            return self.get_response(request)
        if not request.path_info.startswith("/admin/"):
            if second_factor_missing(user):
                user.visibility_levels = PUBLIC_ONLY
            return self.get_response(request)
        if not self.exempt(request.path_info):
            if confirmed_device(user) is not None:
                log_event("second_factor_missing", request)
                logout(request)
                return redirect(f"{reverse('admin:login')}?{urlencode({'next': request.get_full_path()})}")
            if second_factor_required():
                messages.info(request, _("Enrol an authenticator app to continue: all staff must use one."))
                return redirect("admin-second-factor")
        return self.get_response(request)

    @staticmethod
    def exempt(path):
        return path in {
            reverse("admin-second-factor"),
            reverse("admin:logout"),
            reverse("admin:login"),
            reverse("admin:jsi18n"),
        }
