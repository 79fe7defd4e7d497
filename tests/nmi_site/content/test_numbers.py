"""One way of writing numbers, in English and in Arabic."""

from decimal import Decimal

import pytest
from django.utils import translation

from nmi_site.content.numbers import format_number, format_percent


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize(
    ("value", "number", "percent"),
    [
        (Decimal("61.70"), "61.7", "61.7%"),
        (Decimal("61.75"), "61.75", "61.8%"),
        (5, "5", "5%"),
        (Decimal("5.00"), "5", "5%"),
        (Decimal("1130000.00"), "1,130,000", "1,130,000%"),
        (Decimal("0.5"), "0.5", "0.5%"),
        (Decimal("100"), "100", "100%"),
        (0, "0", "0%"),
        (None, "", ""),
    ],
)
def test_numbers_are_written_the_same_way_in_both_languages(language, value, number, percent):
    with translation.override(language):
        assert format_number(value) == number
        assert format_percent(value) == percent
