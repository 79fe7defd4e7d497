"""
Workflow buttons on a record's own page in the admin (Submit, Approve,
Return, Copy to a new version, Duplicate ...), above the form, with the
record's workflow so far.

An admin lists the steps a user may take on a record
(``workflow_steps``: the rules decide, the same predicates the services
ask) and runs a step through its service (``run_workflow_step``). Each
button is a small form of its own that posts to
``<record>/workflow/<step>/`` with the record's state as the page showed it
(``workflow_token``). A step is taken only if

- the user may still take it now (the list is worked out again),
- the record is still as the page showed it (a button pressed twice, or on
  a stale page, finds the token changed),
- and what the step asks (a note, how much later) is valid;

otherwise the page says why, and nothing changes. A step whose record the
user may edit on the page is offered as "save and ..." in the change form
itself, so nothing typed is lost.
"""

from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _

WORKFLOW_FIELD = "_workflow"


@dataclass
class WorkflowStep:
    name: str
    label: str
    #: What the step asks before it acts (a note, a choice), as form fields.
    fields: dict = field(default_factory=dict)
    #: A step that only opens another page (a link, not a form).
    url: str = ""
    #: Taken with the change form's own save (the user may edit the record).
    with_save: bool = False

    def form(self, data=None, prefix=None):
        form = forms.Form(data, prefix=prefix)
        form.fields.update(self.fields)
        return form


def error_text(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


class WorkflowAdminMixin:
    """Workflow buttons and history on the change page of a ModelAdmin."""

    change_form_template = "admin/workflow_change_form.html"

    def workflow_steps(self, request, obj):
        """The steps ``request.user`` may take on ``obj`` now."""
        return []

    def run_workflow_step(self, request, obj, name, data):
        """Take step ``name`` on ``obj`` through its service; return the
        message to show, or ``(message, record)`` to go on to ``record``'s
        page (a copy). May raise PermissionDenied or ValidationError."""
        raise NotImplementedError

    def workflow_token(self, obj):
        """What a page must still show for its buttons to act."""
        return str(getattr(obj, "state", "")) + "|" + obj.updated_at.isoformat()

    def workflow_summary(self, obj):
        """What the top of the page says of ``obj``'s workflow: a dict with
        ``state``, ``note`` (the latest reviewer note, with ``note_label``)
        and ``history`` (rows with ``at``, ``step``, ``by``, ``note``)."""
        return {}

    # URLs and view ---------------------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_workflow"
        return [
            path(
                "<path:object_id>/workflow/<slug:step>/",
                self.admin_site.admin_view(self.workflow_view),
                name=name,
            ),
            *super().get_urls(),
        ]

    def _change_url(self, obj):
        opts = self.model._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk], current_app=self.admin_site.name
        )

    def workflow_view(self, request, object_id, step):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        if request.method != "POST":
            return HttpResponseRedirect(self._change_url(obj))
        result = self._take_step(request, obj, step, request.POST, token=request.POST.get("token", ""))
        return HttpResponseRedirect(self._change_url(result if isinstance(result, type(obj)) else obj))

    def _take_step(self, request, obj, name, data, *, token=None, saved=False):
        steps = {step.name: step for step in self.workflow_steps(request, obj)}
        step = steps.get(name)
        if step is None:
            self.message_user(
                request,
                _("That step is not open to you on this record now. Nothing was changed."),
                messages.ERROR,
            )
            return False
        if token is not None and token != self.workflow_token(obj):
            self.message_user(
                request,
                _(
                    "This record changed since the page was shown (someone may have acted on it already). "
                    "Nothing was changed: check it below and try again."
                ),
                messages.ERROR,
            )
            return False
        form = step.form(data, prefix=name)
        if not form.is_valid():
            for errors in form.errors.values():
                self.message_user(request, f"{step.label}: {' '.join(errors)}", messages.ERROR)
            return False
        try:
            message = self.run_workflow_step(request, obj, name, form.cleaned_data)
        except (PermissionDenied, ValidationError) as error:
            outcome = _("Your changes are saved; that step was not taken.") if saved else _("Nothing was changed.")
            self.message_user(request, f"{error_text(error)} {outcome}", messages.ERROR)
            return False
        message, record = message if isinstance(message, tuple) else (message, obj)
        self.message_user(request, message, messages.SUCCESS)
        return record

    # The change page ---------------------------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and change:
            steps = self.workflow_steps(request, obj)
            context.update(
                workflow_steps=[(step, step.form(prefix=step.name)) for step in steps],
                workflow_token=self.workflow_token(obj),
                workflow=self.workflow_summary(obj),
                workflow_url_name=f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_workflow",
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        # "Save and submit": the change form saved the record; take the step.
        name = request.POST.get(WORKFLOW_FIELD)
        if name:
            obj.refresh_from_db()
            result = self._take_step(request, obj, name, request.POST, saved=True)
            return HttpResponseRedirect(self._change_url(result or obj))
        return super().response_change(request, obj)
