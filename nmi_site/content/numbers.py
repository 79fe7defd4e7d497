"""How the site writes numbers, in every language: Western digits, a
decimal point, comma grouping (nmi_site/formats), trailing zeros dropped;
percentages to one decimal place at most, other figures to two."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format

PERCENT_PLACES = 1
PLACES = 2


def format_number(value, places=PLACES):
    """``61.70`` → ``61.7``; ``1130000`` → ``1,130,000``; ``None`` → ``""``."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return str(value)
    number = number.normalize()
    if number.as_tuple().exponent > 0:
        number = number.quantize(Decimal(1))
    decimals = max(0, -number.as_tuple().exponent)
    return number_format(number, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def format_percent(value):
    """``61.75`` → ``61.8%``; ``5`` → ``5%``."""
    text = format_number(value, PERCENT_PLACES)
    return f"{text}%" if text else ""
