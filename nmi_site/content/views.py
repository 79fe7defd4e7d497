"""View mixins shared by every app's public pages."""


class VisibleQuerysetMixin:
    """Generic views of content models start from the records the viewer may
    see. Views add ``select_related``/``prefetch_related`` for their template
    in :meth:`get_queryset`; related lists go through :func:`visible_prefetch`
    so they too hold visible records only."""

    model = None

    @property
    def viewer(self):
        return self.request.user

    def get_queryset(self):
        return self.model.objects.visible_to(self.viewer)
