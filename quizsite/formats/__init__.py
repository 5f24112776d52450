"""Number formats where Django's own differ from the Unicode CLDR's (FORMAT_MODULE_PATH)."""
