# Western digits with a decimal point and comma grouping, as on the English
# pages: 61.7%, 1,130,000. Django's Arabic formats write "61,7", which reads
# as a different number next to figures written the other way. The date
# formats are Django's (Arabic month names).
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
