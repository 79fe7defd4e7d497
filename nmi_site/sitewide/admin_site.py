"""The back office's admin site: its titles, the sign-in form that asks for
the second factor, and what its home page tells a member of staff."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from nmi_site.access import rules
from nmi_site.security.two_factor import AdminLoginForm
from nmi_site.sitewide.work import my_work
from objectives.models import ProgressReport


class PortalAdminSite(admin.AdminSite):
    site_header = _("NMI Portal administration")
    site_title = _("NMI Portal")
    index_title = _("Back office")
    # Sign-in asks for the authentication code of those who have enrolled one.
    login_form = AdminLoginForm

    def index(self, request, extra_context=None):
        context = {**(extra_context or {})}
        # What this person has to do next, each line linking to where to act.
        work = my_work(request.user)
        context["my_work"] = [kind for kind in work if kind.total]
        if rules.reviews_reports(request.user):
            # How many reports wait for a reviewer.
            context["review_queue_count"] = ProgressReport.objects.awaiting_review().count()
        return super().index(request, context)
