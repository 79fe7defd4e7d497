"""The corporate memory in the back office: a post's page lists who held
it, tour after tour, with the overlaps and gaps between them; engagements
carry their next steps; handovers their acknowledgements and checklist."""

from itertools import pairwise

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from advisory import models, selectors, services
from nmi_site.access import rules
from nmi_site.backoffice.admin import ContentAdmin, ContentInline
from nmi_site.backoffice.printing import PrintingUnavailable, html_to_pdf
from nmi_site.backoffice.workflow import WorkflowAdminMixin, WorkflowStep, error_text
from nmi_site.content.dates import format_date, format_datetime


class TourInline(ContentInline, admin.StackedInline):
    model = models.Tour
    extra = 0
    fields = (("holder", "holder_name", "nation"), ("starts_on", "ends_on"))
    autocomplete_fields = ("nation",)
    verbose_name_plural = _("tours (who held the post, oldest first)")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "holder":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True).order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def handover_pair(post, today):
    """The latest outgoing tour (begun by ``today``) and the tour that
    follows it, when both are recorded."""
    tours = sorted(post.tours.all(), key=lambda tour: (tour.starts_on, tour.pk))
    pairs = [
        (outgoing, incoming)
        for outgoing, incoming in pairwise(tours)
        if outgoing.starts_on <= today and incoming.ends_on > outgoing.ends_on
    ]
    return pairs[-1] if pairs else None


@admin.register(models.AdvisoryPost)
class AdvisoryPostAdmin(WorkflowAdminMixin, ContentAdmin, TranslationAdmin):
    list_display = ("title", "division", "current_holder", "is_example")
    list_filter = ("division", "is_example")
    list_select_related = ("division",)
    search_fields = ("title", "duties")
    autocomplete_fields = ("division", "institutions", "objectives")
    inlines = (TourInline,)
    readonly_fields = ("holders_over_time",)
    fieldsets = (
        (None, {"fields": ("division", "title", "duties")}),
        (_("Works with"), {"fields": ("institutions", "objectives")}),
        (_("Holders over time"), {"fields": ("holders_over_time",)}),
        (_("Example data"), {"fields": ("is_example",), "classes": ("collapse",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tours__holder")

    @admin.display(description=_("current holder"))
    def current_holder(self, obj):
        today = timezone.localdate()
        current = [tour for tour in obj.tours.all() if tour.starts_on <= today <= tour.ends_on]
        return ", ".join(tour.holder_label for tour in current) or "—"

    @admin.display(description=_("holders over time"))
    def holders_over_time(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        tours = list(obj.tours.select_related("holder", "nation"))
        if not tours:
            return _("Nobody has held this post yet.")
        rows = []
        for row in models.tour_changes(tours):
            tour = row["tour"]
            if row["overlap"]:
                change = ngettext("%(days)d day of overlap", "%(days)d days of overlap", row["overlap"]) % {
                    "days": row["overlap"]
                }
            elif row["gap"]:
                change = ngettext("%(days)d day with nobody", "%(days)d days with nobody", row["gap"]) % {
                    "days": row["gap"]
                }
            else:
                change = ""
            rows.append(
                (tour.holder_label, tour.nation or "", format_date(tour.starts_on), format_date(tour.ends_on), change)
            )
        body = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows)
        warning = ""
        if models.needs_incoming_holder(tours, timezone.localdate()):
            warning = format_html(
                '<p class="errornote">{}</p>', _("No incoming holder is recorded and the current tour ends soon.")
            )
        return format_html(
            '{}<table><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
            warning,
            _("Holder"),
            _("Nation"),
            _("From"),
            _("To"),
            _("Handover"),
            body,
        )

    # The handover: its pack, its start, its acknowledgements -----------------

    def workflow_steps(self, request, obj):
        steps = [
            WorkflowStep(
                "pack",
                _("Open the handover pack"),
                url=reverse("admin:advisory_advisorypost_handover", args=[obj.pk], current_app=self.admin_site.name),
            )
        ]
        pair = handover_pair(obj, timezone.localdate())
        if (
            pair is not None
            and rules.can_edit(request.user, obj)
            and not models.Handover.objects.filter(outgoing=pair[0], incoming=pair[1]).exists()
        ):
            label = _("Start the handover from %(outgoing)s to %(incoming)s") % {
                "outgoing": pair[0].holder_label,
                "incoming": pair[1].holder_label,
            }
            steps.append(WorkflowStep("start", label))
        return steps

    def run_workflow_step(self, request, obj, name, data):
        if name != "start":
            raise ValueError(name)
        pair = handover_pair(obj, timezone.localdate())
        if pair is None:
            raise ValidationError(_("Record the incoming holder's tour first."))
        services.handover_start(user=request.user, outgoing=pair[0], incoming=pair[1])
        return _("The handover is started: both holders acknowledge it in the handover pack.")

    def workflow_summary(self, obj):
        return {}

    def get_urls(self):
        return [
            path(
                "<path:object_id>/handover-pack/",
                self.admin_site.admin_view(self.handover_view),
                name="advisory_advisorypost_handover",
            ),
            path(
                "<path:object_id>/handover-pack.pdf",
                self.admin_site.admin_view(self.handover_pdf_view),
                name="advisory_advisorypost_handover_pdf",
            ),
            *super().get_urls(),
        ]

    def _post_or_redirect(self, request, object_id):
        post = self.get_object(request, unquote(object_id))
        if post is None or not self.has_view_or_change_permission(request, post):
            return None, self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        return post, None

    def handover_view(self, request, object_id):
        post, redirect = self._post_or_redirect(request, object_id)
        if redirect is not None:
            return redirect
        pack = selectors.handover_pack(post=post)
        handover = pack["handover"]
        if request.method == "POST":
            self._handover_action(request, post, handover)
            return HttpResponseRedirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Handover pack"),
            "subtitle": str(post),
            "pack": pack,
            "actions": handover is not None,
            "can_acknowledge_outgoing": handover is not None
            and handover.outgoing_acknowledged_at is None
            and rules.can_acknowledge_tour(request.user, handover.outgoing),
            "can_acknowledge_incoming": handover is not None
            and handover.incoming_acknowledged_at is None
            and rules.can_acknowledge_tour(request.user, handover.incoming),
        }
        return TemplateResponse(request, "admin/advisory/handover_pack.html", context)

    def _handover_action(self, request, post, handover):
        action = request.POST.get("action", "")
        try:
            if handover is None:
                raise ValidationError(_("No handover has been started for this post."))
            if action in ("acknowledge-outgoing", "acknowledge-incoming"):
                services.handover_acknowledge(user=request.user, handover=handover, side=action.split("-")[1])
                message = _("Your acknowledgement is recorded.")
            elif action in ("tick", "untick"):
                item_id = request.POST.get("item", "")
                item = (
                    handover.checklist.filter(pk=int(item_id)).first()
                    if item_id.isdigit() and len(item_id) < 10
                    else None
                )
                if item is None:
                    raise ValidationError(_("That checklist item does not exist."))
                services.checklist_tick(user=request.user, item=item, done=action == "tick")
                message = _("The checklist is updated.")
            else:
                raise ValidationError(_("Unknown action."))
        except (PermissionDenied, ValidationError) as error:
            self.message_user(request, f"{error_text(error)} {_('Nothing was changed.')}", messages.ERROR)
        else:
            self.message_user(request, message, messages.SUCCESS)

    def handover_pdf_view(self, request, object_id):
        post, redirect = self._post_or_redirect(request, object_id)
        if redirect is not None:
            return redirect
        pack = selectors.handover_pack(post=post)
        with open(finders.find("css/handover-pack.css"), encoding="utf-8") as css:
            stylesheet = css.read()
        html = render_to_string("advisory/handover_pack_print.html", {"pack": pack, "stylesheet": stylesheet})
        try:
            pdf = html_to_pdf(html)
        except PrintingUnavailable:
            self.message_user(
                request,
                _("The PDF cannot be made on this server (Chromium is not installed). Print this page instead."),
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse("admin:advisory_advisorypost_handover", args=[post.pk]))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="handover-pack-{post.pk}.pdf"'
        return response


class NextStepInline(ContentInline, admin.StackedInline):
    model = models.NextStep
    extra = 1
    fields = ("description", ("owner", "due_on", "done"))
    verbose_name_plural = _("next steps")


@admin.register(models.Engagement)
class EngagementAdmin(ContentAdmin):
    list_display = ("held_on", "institution", "post", "atmosphere", "cancelled", "is_example")
    list_filter = ("post__division", "atmosphere", "cancelled", "is_example")
    list_select_related = ("institution", "post")
    search_fields = ("purpose", "outcomes", "institution__name")
    date_hierarchy = "held_on"
    autocomplete_fields = ("post", "other_posts", "institution", "objectives", "lessons")
    filter_horizontal = ("lines_of_effort",)
    inlines = (NextStepInline,)
    fieldsets = (
        (None, {"fields": ("post", "other_posts", "held_on", "institution")}),
        (_("What it served"), {"fields": ("objectives", "lines_of_effort", "lessons")}),
        (_("The meeting"), {"fields": ("purpose", "outcomes", "atmosphere")}),
        (_("Cancelled"), {"fields": ("cancelled", "cancellation_reason")}),
        (_("Example data"), {"fields": ("is_example",), "classes": ("collapse",)}),
    )


class ChecklistItemInline(ContentInline, admin.StackedInline):
    # Stacked: each field keeps its label (a tabular row has none for
    # assistive technology).
    model = models.ChecklistItem
    extra = 1
    fields = (("order", "text", "ticked"),)
    readonly_fields = ("ticked",)
    verbose_name_plural = _("first-30-days checklist (the incoming holder ticks it in the handover pack)")

    @admin.display(description=_("done"))
    def ticked(self, obj):
        if obj is None or obj.done_at is None:
            return "—"
        return acknowledgement(obj.done_by, obj.done_at)


def acknowledgement(user, moment):
    """Who did something and when, as the back office says it."""
    if moment is None:
        return _("Not yet")
    who = (user.get_full_name() or user.get_username()) if user is not None else _("an account since removed")
    return _("%(who)s, %(when)s") % {"who": who, "when": format_datetime(moment)}


@admin.register(models.Handover)
class HandoverAdmin(ContentAdmin):
    """Every handover, with its acknowledgements and history. A handover is
    started from its post's page and acknowledged in the handover pack;
    here editors add the post's own checklist items, or delete a handover
    started by mistake."""

    list_display = (
        "post",
        "outgoing_holder",
        "incoming_holder",
        "outgoing_status",
        "incoming_status",
        "checklist_done",
    )
    list_filter = ("post__division",)
    list_select_related = (
        "post",
        "outgoing__holder",
        "incoming__holder",
        "outgoing_acknowledged_by",
        "incoming_acknowledged_by",
    )
    search_fields = ("post__title", "outgoing__holder_name", "incoming__holder_name")
    inlines = (ChecklistItemInline,)
    readonly_fields = ("post", "outgoing", "incoming", "outgoing_status", "incoming_status", "pack")
    fieldsets = (
        (None, {"fields": ("post", "pack", ("outgoing", "outgoing_status"), ("incoming", "incoming_status"))}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                items=Count("checklist"),
                items_done=Count("checklist", filter=Q(checklist__done_at__isnull=False)),
            )
        )

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("outgoing holder"), ordering="outgoing__holder_name")
    def outgoing_holder(self, obj):
        return obj.outgoing.holder_label

    @admin.display(description=_("incoming holder"), ordering="incoming__holder_name")
    def incoming_holder(self, obj):
        return obj.incoming.holder_label

    @admin.display(description=_("outgoing holder acknowledged"), ordering="outgoing_acknowledged_at")
    def outgoing_status(self, obj):
        return acknowledgement(obj.outgoing_acknowledged_by, obj.outgoing_acknowledged_at)

    @admin.display(description=_("incoming holder acknowledged"), ordering="incoming_acknowledged_at")
    def incoming_status(self, obj):
        return acknowledgement(obj.incoming_acknowledged_by, obj.incoming_acknowledged_at)

    @admin.display(description=_("checklist"))
    def checklist_done(self, obj):
        return _("%(done)d of %(all)d done") % {"done": obj.items_done, "all": obj.items}

    @admin.display(description=_("handover pack"))
    def pack(self, obj):
        url = reverse("admin:advisory_advisorypost_handover", args=[obj.post_id], current_app=self.admin_site.name)
        return format_html('<a href="{}">{}</a>', url, _("Open the handover pack"))
