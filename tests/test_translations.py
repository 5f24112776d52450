"""Every interface string is translated in both catalogues, and the compiled files are current."""

import ast
import gettext
import re

import pytest

from tests.conftest import REPO

LOCALES = ("ar", "en")


def entries(lang: str) -> list[dict[str, object]]:
    """The entries of a .po file: msgid, msgid_plural, msgstr / msgstr[n], flags."""
    text = (REPO / "locale" / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    found = []
    for block in text.split("\n\n"):
        entry: dict[str, object] = {"flags": "", "msgstr": {}}
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] = line
            match = re.match(r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[(\d)\])?) (\".*\")$", line)
            if match:
                key = match.group(1)
                value = ast.literal_eval(match.group(3))
                if key.startswith("msgstr"):
                    entry["msgstr"][int(match.group(2) or 0)] = value
                else:
                    entry[key] = value
            elif line.startswith('"') and key:
                value = ast.literal_eval(line)
                if key.startswith("msgstr"):
                    index = max(entry["msgstr"])
                    entry["msgstr"][index] += value
                else:
                    entry[key] += value
        if entry.get("msgid"):
            found.append(entry)
    return found


@pytest.mark.parametrize("lang", LOCALES)
def test_no_entry_is_untranslated_or_fuzzy(lang):
    catalogue = entries(lang)
    assert catalogue
    for entry in catalogue:
        assert "fuzzy" not in entry["flags"], entry["msgid"]
        assert all(entry["msgstr"].values()), entry["msgid"]
        expected_forms = (6 if lang == "ar" else 2) if "msgid_plural" in entry else 1
        assert len(entry["msgstr"]) == expected_forms, entry["msgid"]


@pytest.mark.parametrize("lang", LOCALES)
def test_the_compiled_catalogue_matches_the_po_file(lang):
    path = REPO / "locale" / lang / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in entries(lang):
        context = entry.get("msgctxt")
        if "msgid_plural" in entry:
            args = (entry["msgid"], entry["msgid_plural"], 1)
            found = compiled.npgettext(context, *args) if context else compiled.ngettext(*args)
            assert found == entry["msgstr"][1 if lang == "ar" else 0], entry["msgid"]
        else:
            found = (
                compiled.pgettext(context, entry["msgid"])
                if context
                else compiled.gettext(entry["msgid"])
            )
            assert found == entry["msgstr"][0], entry["msgid"]


def test_arabic_placeholders_match_the_english_ones():
    for entry in entries("ar"):
        wanted = set(re.findall(r"%\(\w+\)s", entry["msgid"] + entry.get("msgid_plural", "")))
        for form in entry["msgstr"].values():
            assert set(re.findall(r"%\(\w+\)s", form)) <= wanted, entry["msgid"]
