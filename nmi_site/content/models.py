"""Base models of every content record: change times, visibility and the
example-data flag."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from nmi_site.content.visibility import VisibilityField, VisibleQuerySet


class ContentModel(models.Model):
    """A record the portal publishes: it knows when it last changed and goes
    through ``visible_to``. Subclasses that stand on their own add
    :class:`PublishedModel`; children name their parents in
    ``visibility_parents``."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)

    visibility_parents = ()
    # The path to the division the record belongs to ("pk" for a division
    # itself), or None: see nmi_site.access.rules. Links named in
    # ``cross_division_links`` may point at other divisions' shared records.
    division_path = None
    cross_division_links = ()

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
