import re

from django import forms

from nmi_site.content.widgets import FastSelect

CHOICES = [("", "All"), ("a&b", "Q\"uote 'x' <y>"), ("c", "Café"), ("Group", [("g1", "One"), ("g2", "Two")])]


def rendered(widget, value):
    class Form(forms.Form):
        field = forms.ChoiceField(choices=CHOICES, widget=widget, required=False)

    html = str(Form({"field": value})["field"])
    # Whitespace between tags and the order of attributes do not matter.
    html = re.sub(r">\s+<", "><", html.strip())
    return re.sub(r"<select ([^>]*)>", lambda match: "<select " + " ".join(sorted(match[1].split())) + ">", html)


def test_fast_select_writes_the_same_html_as_django():
    for value in ("", "a&b", "g2", "unknown"):
        assert rendered(FastSelect, value) == rendered(forms.Select, value)


def test_fast_select_escapes_values_and_labels():
    html = rendered(FastSelect, "a&b")
    assert '<option value="a&amp;b" selected>Q&quot;uote &#x27;x&#x27; &lt;y&gt;</option>' in html
    assert "<y>" not in html
