from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from nmi_site.content.numbers import format_percent
from nmi_site.content.templatetags.portal import example_tag, fallback_lang, status_tag, visibility_badge
from objectives.charts import PROGRESS_ORDER, combined, progress_label, results_summary
from objectives.models import NO_REPORT, ReportStatus

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
        # One "Example" label a row: the objective's own, when it has one.
        example = (
            f' <strong class="tag tag--example">{escape(_("Example"))}</strong>'
            if objective.latest_is_example and not objective.is_example
            else ""
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
        f'<p class="objective__meta">{escape(_("Lifecycle"))}: {escape(objective.status_label)}</p></li>'
    )


@register.inclusion_tag("objectives/includes/results_summary.html", takes_context=True)
def results_figure(context, counts, name, caption, division=None):
    """The results summary of ``counts`` (``{status: count}``, from
    ``progress_counts()``): a stacked bar and its table, each status
    linking to the dashboard's objectives at that status (of ``division``
    when given). ``name`` makes the figure's ids unique on the page."""
    return {
        "summary": results_summary(counts, right_to_left=get_language_bidi()),
        "name": name,
        "caption": caption,
        "division": division,
        "request": context.get("request"),
    }


@register.inclusion_tag("objectives/includes/results_by_division.html")
def results_table(counts_by_division, divisions):
    """Per division, how many of its objectives stand at each progress
    status: one row per division of ``divisions`` that leads any."""
    rows = [
        (division, results_summary(counts_by_division[division.pk]))
        for division in divisions
        if division.pk in counts_by_division
    ]
    return {"rows": rows, "statuses": [(code, progress_label(code)) for code in PROGRESS_ORDER]}


@register.filter(name="combined")
def combined_counts(counts_by_division):
    """The mission-wide ``{status: count}`` of ``progress_counts()``."""
    return combined(counts_by_division)


@register.filter
def progress_of(objectives):
    """``{status: count}`` of objectives read with ``with_latest_progress()``."""
    counts = {}
    for objective in objectives:
        code = objective.latest_status or NO_REPORT
        counts[code] = counts.get(code, 0) + 1
    return counts
