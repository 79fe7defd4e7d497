"""The third-party apps of sign-in security, named in the admin for what they
hold rather than by their package ("AXES", "OTP_TOTP")."""

from axes.apps import AppConfig as AxesConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig


class SignInAttemptsConfig(AxesConfig):
    verbose_name = _("Sign-in attempts")


class AuthenticatorsConfig(TOTPConfig):
    verbose_name = _("Authenticator apps")
