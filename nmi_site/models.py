"""Base models and the staff profile shared by every app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nmi_site.visibility import VisibilityField, VisibleQuerySet


class ContentModel(models.Model):
    """A record the portal publishes: it knows when it last changed and goes
    through ``visible_to``. Subclasses that stand on their own add
    :class:`PublishedModel`; children name their parents in
    ``visibility_parents``."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)

    visibility_parents = ()

    objects = VisibleQuerySet.as_manager()

    class Meta:
        abstract = True


class PublishedModel(ContentModel):
    """A content model with its own visibility level."""

    visibility = VisibilityField()

    class Meta:
        abstract = True


class ExampleFlagModel(models.Model):
    """Records the loader invents for demonstration (the source report gives
    no progress figures or event dates) are flagged, and labelled "example"
    wherever they are shown."""

    is_example = models.BooleanField(
        _("example data"),
        default=False,
        help_text=_("Invented for demonstration, not a fact; labelled 'example' on the site."),
    )

    class Meta:
        abstract = True


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

    class Meta:
        ordering = ("user__username",)
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        permissions = [
            ("publish_records", _("Can change who may see a record")),
        ]

    def __str__(self):
        return str(self.user)
