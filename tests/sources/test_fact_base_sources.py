"""The fact base against the two source documents themselves (`make check-sources`).

The documents are not part of the repository: they are read from MUDHAKARA_SEEDS, else from
shared/seeds beside it. Without them these checks fail; the rest of the suite never needs them.
"""

import pytest

from learning.core import values
from learning.core.factbase import (
    FIXTURE_DIRECTORY,
    SOURCE_MODEL,
    fixture_paths,
    read,
    read_fact_base,
)
from tests.conftest import SEEDS

pytestmark = pytest.mark.sources

UK = "uk-fcdo-2016"
FR = "fr-meae-2019"
SEED_FILES = {UK: "000_95171a9f53726ad5.txt", FR: "003_439acb27e0449a08.txt"}
# Lines of the French page that are not content: its title, the share button, the section
# headings and the date of its update. The fixture lists them, and the loader refuses a fact
# that cites one; this check holds the list to the document.
FR_NOT_CONTENT = {1, 2, 9, 14, 16, 18, 25, 30, 34}


@pytest.fixture(scope="module")
def facts() -> list[values.FactData]:
    return read_fact_base(FIXTURE_DIRECTORY)


def paragraphs(source: str) -> list[str]:
    path = SEEDS / SEED_FILES[source]
    if not path.is_file():
        pytest.fail(f"source document {path} not found: put shared/seeds beside the repository")
    text = path.read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def test_paragraph_counts_match_the_documents():
    fixture = read(fixture_paths(FIXTURE_DIRECTORY))
    for _, fields in fixture.records(SOURCE_MODEL):
        assert fields["paragraph_count"] == len(paragraphs(fields["slug"])), fields["slug"]


def test_the_fixture_lists_the_lines_that_are_not_content():
    fixture = read(fixture_paths(FIXTURE_DIRECTORY))
    listed = {
        fields["slug"]: set(fields["non_content_paragraphs"])
        for _, fields in fixture.records(SOURCE_MODEL)
    }
    assert listed == {UK: set(), FR: FR_NOT_CONTENT}
    lines = paragraphs(FR)
    # Each is a short line with no sentence in it: a title, a heading, a button, a date.
    assert all(len(lines[n - 1].split()) <= 10 for n in FR_NOT_CONTENT)


def test_every_paragraph_cited_exists_and_is_content(facts):
    for fact in facts:
        assert 1 <= fact.paragraph <= len(paragraphs(fact.source)), fact.slug
        if fact.source == FR:
            assert fact.paragraph not in FR_NOT_CONTENT, fact.slug


def test_every_content_paragraph_is_quizzable(facts):
    cited = {(f.source, f.paragraph) for f in facts}
    for source in (UK, FR):
        skip = FR_NOT_CONTENT if source == FR else set()
        for number in range(1, len(paragraphs(source)) + 1):
            if number not in skip:
                assert (source, number) in cited, f"{source} paragraph {number} has no fact"


def test_the_fact_base_cites_the_documents_by_their_file_names():
    fixture = read(fixture_paths(FIXTURE_DIRECTORY))
    cited = {fields["slug"]: fields["filename"] for _, fields in fixture.records(SOURCE_MODEL)}
    assert cited == SEED_FILES
