import json

from django import template
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from outreach.linked_data import event_data

register = template.Library()


def utc_offset(moment):
    offset = moment.strftime("%z")  # +0300
    return f"UTC{offset[:3]}:{offset[3:]}"


@register.simple_tag
def event_when(event):
    """When an event takes place, in Baghdad time with the UTC offset:
    ``12 Mar 2024, 09:00–12:00 (UTC+03:00)``; all-day events by date."""
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    day = "j M Y"
    if event.all_day:
        if start.date() == end.date():
            text = dateformat.format(start, day)
        else:
            text = f"{dateformat.format(start, day)} – {dateformat.format(end, day)}"
        return format_html('<time datetime="{}">{}</time>', start.date().isoformat(), text)
    if start.date() == end.date():
        text = f"{dateformat.format(start, day)}, {dateformat.format(start, 'H:i')}–{dateformat.format(end, 'H:i')}"
    else:
        text = f"{dateformat.format(start, day + ', H:i')} – {dateformat.format(end, day + ', H:i')}"
    return format_html(
        '<time datetime="{}">{}</time> <span class="meta">({} {})</span>',
        start.isoformat(),
        text,
        _("Baghdad time,"),
        utc_offset(start),
    )


# What a JSON text inside <script> must not hold as it is (as Django's json_script escapes).
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def event_json_ld(event):
    """The event's schema.org data, as a JSON-LD block (a data block: no
    script runs, so the Content Security Policy is not concerned)."""
    text = json.dumps(event_data(event, language=get_language()), ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
