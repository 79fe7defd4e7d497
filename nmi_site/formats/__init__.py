"""The site's own number formats (``FORMAT_MODULE_PATH``): Django's, but for
Arabic the digits and separators Iraqi official sites write, the same as
the English pages' (see README, "Arabic")."""
