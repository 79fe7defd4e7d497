"""The access app's records: staff profiles (the divisions an Editor
edits), partner keys and personal tokens, and the security policy.

The app keeps the label ``nmi_site`` it has always had, so its tables,
migrations and permissions (``nmi_site.publish_records``) are unchanged.
Divisions and partner organisations are named by label
(``"missions.Division"``): the base imports no domain app."""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history import register as register_history

from nmi_site.content.visibility import PUBLIC_AND_PARTNERS, PUBLIC_ONLY, visibility_levels


class StaffProfile(models.Model):
    """What the portal needs to know about a member of staff beyond their
    account: the divisions whose records they edit."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_profile",
        verbose_name=_("user"),
    )
    divisions = models.ManyToManyField(
        "missions.Division",
        blank=True,
        related_name="staff_profiles",
        verbose_name=_("divisions"),
        help_text=_("An editor adds and changes the records of these divisions only."),
    )
    language = models.CharField(
        _("language of emails"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The portal's emails to this person are written in this language."),
    )

    class Meta:
        ordering = ("user__username",)
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        permissions = [
            ("publish_records", _("Can change who may see a record")),
        ]

    def __str__(self):
        return str(self.user)


class KeyScope(models.TextChoices):
    CALENDAR = "calendar", _("Private calendar feed")
    API_READ = "api:read", _("Read the API")
    API_WRITE = "api:write", _("Write through the API (staff personal tokens only)")


# What a partner organisation's key may hold: partner keys are read-only.
PARTNER_SCOPES = (KeyScope.CALENDAR, KeyScope.API_READ)

KEY_PREFIX = "nmi"


class PartnerKeyQuerySet(models.QuerySet):
    def active(self):
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class PartnerKey(models.Model):
    """A secret that lets a partner organisation see what is shared with
    partners: in its private calendar feed (scope ``calendar``) and, later,
    through the API (``api:read``).

    The secret is shown once, when the key is made, and only its SHA-256
    hash is stored. A partner may hold several keys at once, so a key can be
    replaced before the old one is revoked."""

    partner = models.ForeignKey(
        "missions.PartnerOrganisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="keys",
        verbose_name=_("partner organisation"),
    )
    # A member of staff's personal token, for scripts: it acts as that user.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="api_keys",
        verbose_name=_("staff member"),
    )
    label = models.CharField(_("label"), max_length=100, help_text=_("What the key is for, e.g. 'Outlook calendar'."))
    prefix = models.CharField(_("key starts with"), max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True, help_text=_("Leave empty for no expiry."))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    objects = PartnerKeyQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("partner key")
        verbose_name_plural = _("partner keys")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(partner__isnull=False, user__isnull=True)
                | models.Q(partner__isnull=True, user__isnull=False),
                name="nmi_site_key_has_one_holder",
                violation_error_message=_("A key belongs either to a partner organisation or to a member of staff."),
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.prefix}…)"

    # Issuing and checking -------------------------------------------------

    @classmethod
    def issue(cls, *, label, scopes, partner=None, user=None, expires_at=None):
        """Create a key and return ``(key, secret)``. The secret exists only
        in the return value: show it once, then it is gone."""
        key = cls(partner=partner, user=user, label=label, scopes=list(scopes), expires_at=expires_at)
        secret = key.assign_secret()
        key.full_clean()
        key.save()
        return key, secret

    def assign_secret(self):
        """Give a new, unsaved key its secret; returns the secret."""
        self.prefix = secrets.token_hex(4)
        secret = f"{KEY_PREFIX}_{self.prefix}_{secrets.token_urlsafe(32)}"
        self.key_hash = self.hash(secret)
        return secret

    @staticmethod
    def hash(secret):
        return hashlib.sha256(secret.encode()).hexdigest()

    @classmethod
    def authenticate(cls, secret, scope):
        """The active key matching ``secret`` with ``scope``, or ``None``.
        Records when the key was last used."""
        parts = (secret or "").split("_", 2)
        if len(parts) != 3 or parts[0] != KEY_PREFIX:
            return None
        key = cls.objects.active().select_related("partner", "user").filter(prefix=parts[1]).first()
        if key is None or not hmac.compare_digest(key.key_hash, cls.hash(secret)) or scope not in key.scopes:
            return None
        now = timezone.now()
        # At most one write a minute per key, so a busy feed costs no writes.
        if key.last_used_at is None or now - key.last_used_at > datetime.timedelta(minutes=1):
            cls.objects.filter(pk=key.pk).update(last_used_at=now)
            key.last_used_at = now
        return key

    @property
    def is_active(self):
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())

    @property
    def visibility_levels(self):
        """What the key sees (see ``nmi_site.content.visibility``): a partner's key
        public and partner records; a personal token what its user sees."""
        if not self.is_active:
            return PUBLIC_ONLY
        if self.user_id:
            return visibility_levels(self.user)
        return PUBLIC_AND_PARTNERS

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def clean(self):
        unknown = set(self.scopes or []) - set(KeyScope.values)
        if unknown or not self.scopes:
            raise ValidationError({"scopes": _("Choose at least one scope from the list.")})
        if KeyScope.API_WRITE in self.scopes and not self.user_id:
            raise ValidationError({"scopes": _("Partner keys are read-only: only staff personal tokens may write.")})


class SecurityPolicy(models.Model):
    """Site-wide security choices that Administrators make in the admin.
    There is one row (primary key 1), created on first use."""

    require_second_factor = models.BooleanField(
        _("require a second factor for all staff"),
        default=False,
        help_text=_(
            "When on, every member of staff must enrol an authenticator app and enter its code at each sign-in. "
            "Staff without one are sent to enrol before they can use the admin."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ("pk",)
        verbose_name = _("security policy")
        verbose_name_plural = _("security policy")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="security_policy_single_row")]

    def __str__(self):
        return str(_("Security policy"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls):
        """The policy in force: the saved row, or the defaults before an
        Administrator has saved one."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)


register_history(SecurityPolicy)
