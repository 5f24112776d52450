"""Arabic written with Latin digits, as every page of the site writes it, takes the CLDR's
separators for that numbering system: 6.5 and 1,234 (Babel: format_decimal(1234.5, "ar") is
"1,234.5"). Django's Arabic formats give 6,5, which a reader takes for a list. Everything else
(dates, first day of the week) stays Django's."""

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
