import csv
import io

from rest_framework.renderers import BaseRenderer

# A cell starting with one of these is a formula to a spreadsheet program.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value):
    """Spreadsheet-safe text: a leading apostrophe stops formula injection."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def flatten(value):
    """One cell for a nested value: names of related records, joined."""
    if isinstance(value, list):
        return "; ".join(str(flatten(item)) for item in value)
    if isinstance(value, dict):
        for key in ("name", "title", "label", "acronym", "id"):
            if key in value:
                return value[key]
        return ""
    return value


class CSVRenderer(BaseRenderer):
    """The rows of a list page as CSV (``?format=csv`` or ``Accept: text/csv``)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rows = data.get("results", data) if isinstance(data, dict) else data
        if not isinstance(rows, list):
            rows = [rows]
        columns = list(rows[0].keys()) if rows else []
        output = io.StringIO()
        writer = csv.writer(output)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([escape_cell(flatten(row.get(column))) for column in columns])
        return output.getvalue().encode(self.charset)
