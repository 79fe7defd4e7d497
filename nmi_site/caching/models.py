"""Where the content generations live: in the database, the one store every
worker and every server shares, whatever cache is configured."""

from django.db import models


class Generation(models.Model):
    """The version of what one audience (public, partners, staff) can see.
    Every change that audience could notice moves ``stamp``, in the same
    transaction as the change."""

    audience = models.CharField(max_length=16, primary_key=True)
    stamp = models.BigIntegerField()

    class Meta:
        ordering = ["audience"]

    def __str__(self):
        return f"{self.audience}: {self.stamp}"
