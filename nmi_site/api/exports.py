"""Complete exports of an API list, as CSV or as a spreadsheet (XLSX):
every record the list would page through, with the same filters, search,
order and visibility, written as it is read, a thousand records at a
time, so memory stays flat however long the list.

Columns are the list's fields. A nested record is its name (or title);
a list of them, their names joined with "; "; a nested object that is not
a record (an objective's latest progress) is one column per field,
``latest_progress.percent_complete`` and so on. Text that a spreadsheet
would take for a formula is written so that it is not (see
:func:`escape_cell`)."""

import csv
import inspect
import tempfile
import unicodedata

import xlsxwriter
from django.http import FileResponse, StreamingHttpResponse
from rest_framework import serializers
from rest_framework.renderers import BaseRenderer

from nmi_site.api.serializers import SummarySerializer

# Records read and written at a time.
CHUNK = 1000

# A cell starting with one of these is a formula to a spreadsheet program,
# also after spaces, and in their full-width forms (as FULLWIDTH EQUALS
# SIGN), which some programs read as the ASCII ones.
FORMULA_STARTS = frozenset("=+-@\t\r\n")
LEADING_SPACES = " \u00a0\u3000"
# Keys that name a nested record, in order of preference.
NAME_KEYS = ("name", "title", "label", "acronym", "id")


def escape_cell(value):
    """Spreadsheet-safe text: a leading apostrophe stops formula injection.
    Numbers are numbers, never formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    stripped = text.lstrip(LEADING_SPACES) or text
    first = unicodedata.normalize("NFKC", stripped[:1])[:1]
    if text[:1] in FORMULA_STARTS or first in FORMULA_STARTS:
        return "'" + text
    return text


def name_of(value):
    """One cell for a nested record, or a list of them."""
    if isinstance(value, list):
        return "; ".join(str(name_of(item)) for item in value)
    if isinstance(value, dict):
        return next((value[key] for key in NAME_KEYS if key in value), "")
    return value


def _method_serializer(serializer, name):
    """The serializer a method field declares it returns (its type hint,
    as the schema reads it), or None."""
    method = getattr(serializer, f"get_{name}", None)
    hint = inspect.signature(method).return_annotation if method is not None else None
    return hint if isinstance(hint, serializers.BaseSerializer) else None


def columns(serializer):
    """``[(header, read(item) -> cell value)]`` for the items ``serializer``
    writes."""
    result = []
    for name, field in serializer.fields.items():
        nested = field
        if isinstance(field, serializers.SerializerMethodField):
            nested = _method_serializer(serializer, name) or field
        if isinstance(nested, (serializers.ListSerializer, SummarySerializer)):
            result.append((name, lambda item, name=name: name_of(item.get(name))))
        elif isinstance(nested, serializers.BaseSerializer):
            for sub in nested.fields:
                result.append((f"{name}.{sub}", lambda item, name=name, sub=sub: (item.get(name) or {}).get(sub)))
        else:
            result.append((name, lambda item, name=name: name_of(item.get(name))))
    return result


class _Echo:
    """A file that hands back what is written to it (for csv.writer)."""

    def write(self, value):
        return value


class CSVRenderer(BaseRenderer):
    """``?format=csv`` or ``Accept: text/csv`` on a list. Lists stream their
    export themselves (:meth:`response`); ``render`` writes an answer that
    is already in memory."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rows = data.get("results", data) if isinstance(data, dict) else data
        rows = rows if isinstance(rows, list) else [rows]
        headers = list(rows[0]) if rows else []
        writer = csv.writer(_Echo())
        lines = [writer.writerow(headers)]
        lines += [writer.writerow([escape_cell(name_of(row.get(key))) for key in headers]) for row in rows]
        return "".join(lines).encode(self.charset)

    @staticmethod
    def response(table, chunks, filename):
        writer = csv.writer(_Echo())

        def lines():
            yield writer.writerow([header for header, _read in table])
            for chunk in chunks:
                yield "".join(writer.writerow([escape_cell(read(item)) for _h, read in table]) for item in chunk)

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response


class XLSXRenderer(BaseRenderer):
    """``?format=xlsx`` on a list: a spreadsheet, one row per record, with
    text cells that are never formulas."""

    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rows = data.get("results", data) if isinstance(data, dict) else data
        rows = rows if isinstance(rows, list) else [rows]
        headers = list(rows[0]) if rows else []
        table = [(key, lambda item, key=key: name_of(item.get(key))) for key in headers]
        with self._written(table, [rows], "export") as file:
            return file.read()

    @classmethod
    def response(cls, table, chunks, filename):
        file = cls._written(table, chunks, filename)
        return FileResponse(file, as_attachment=True, filename=f"{filename}.xlsx", content_type=cls.media_type)

    @staticmethod
    def _written(table, chunks, sheet):
        """The workbook in a temporary file (gone once closed), read from
        its start. XlsxWriter keeps one row in memory at a time."""
        # Closed by the response once sent (or by render, below).
        file = tempfile.TemporaryFile()  # noqa: SIM115
        workbook = xlsxwriter.Workbook(
            file,
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        worksheet = workbook.add_worksheet(sheet[:31])
        bold = workbook.add_format({"bold": True})
        worksheet.write_row(0, 0, [header for header, _read in table], bold)
        row = 1
        for chunk in chunks:
            for item in chunk:
                for column, (_header, read) in enumerate(table):
                    _write(worksheet, row, column, read(item))
                row += 1
        workbook.close()
        file.seek(0)
        return file


def _write(worksheet, row, column, value):
    if value is None or value == "":
        return
    if isinstance(value, bool):
        worksheet.write_boolean(row, column, value)
    elif isinstance(value, (int, float)):
        worksheet.write_number(row, column, value)
    else:
        worksheet.write_string(row, column, str(value))


EXPORT_RENDERERS = {renderer.format: renderer for renderer in (CSVRenderer, XLSXRenderer)}
