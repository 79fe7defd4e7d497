from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from nmi_site.content.numbers import format_percent
from nmi_site.content.templatetags.portal import example_tag, fallback_lang, status_tag, visibility_badge
from objectives.models import ReportStatus

register = template.Library()


@register.filter
def report_status_label(value):
    """The readable label of a report status code (from an annotation)."""
    try:
        return ReportStatus(value).label
    except ValueError:
        return ""


@register.simple_tag
def objective_row(objective):
    """One objective of the dashboard and of a division's page (read with
    ``with_latest_progress()``): number, title, badges, the progress of its
    latest approved report, and its status. Written in Python, as
    ``FastSelect`` writes a select, rather than with a template per row:
    the dashboard lists every objective, and a template per row cost more
    than the rest of the page. Every value is escaped; the other tags'
    output is safe HTML already."""
    pk = objective.pk
    number = f'<span class="objective__number" dir="ltr">{escape(objective.label)}</span> ' if objective.number else ""
    link = escape(objective.get_absolute_url())
    title = f'<a href="{link}"{fallback_lang(objective, "title")}>{escape(objective.title)}</a>'
    heading = (
        f'<h3 class="objective__title" id="objective-{pk}">{number}{title}'
        f" {visibility_badge(objective)} {example_tag(objective)}</h3>"
    )
    if objective.latest_percent is not None:
        # The attribute takes a machine number; the text is as the site writes it.
        value = escape(str(objective.latest_percent))
        percent = escape(format_percent(objective.latest_percent))
        example = (
            f' <strong class="tag tag--example">{escape(_("Example"))}</strong>' if objective.latest_is_example else ""
        )
        status = status_tag(objective.latest_status, report_status_label(objective.latest_status))
        progress = (
            f'<progress max="100" value="{value}" aria-labelledby="objective-{pk}">{percent}</progress> '
            f'<span class="progress__value" dir="ltr">{percent}</span> {status}{example}'
        )
    else:
        progress = f'<span class="progress--none">{escape(_("No approved progress report yet."))}</span>'
    return mark_safe(
        f'<li class="objective">{heading}<div class="objective__progress">{progress}</div>'
        f'<p class="objective__meta">{escape(_("Objective status"))}: {escape(objective.status_label)}</p></li>'
    )
