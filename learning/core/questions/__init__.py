"""PURE: questions generated from facts — multiple choice, true/false, date ordering, flashcards.

Facts in, question values out; randomness only through the `random.Random` passed in; no Django.
A question is generated once as values (fact slugs, option values, the correct index) and
rendered in either language by `render`, so the same item can be stored, graded and shown in
Arabic or English.

The package, one concern a module: `question` (the value and its JSON), `rendering` (in one
language), `distractors` (candidates and choosing three) with `quantities`, `dates` and
`entities` (where each kind's candidates come from), `pool` (the fact base indexed, built once),
`generators` (one function per question kind). Callers import from the package.

Rules the generator keeps (SPEC section 3):

- Distractors of a quantity come from other facts of the same unit first, then from variations
  of the true value with the same number of significant digits and the same roundness
  (25,000 -> 20,000 / 35,000; 67 -> 58 / 72; 7.7 million -> 5.2 million; 20 -> 15 / 30;
  90% -> 75% / 80%), never with more decimals than the true value; small whole numbers
  (durations, 2%) get their small neighbours (1, 3, 4…). A date's distractors come from other
  events of the same precision and shape (single date or range), then from shifted copies of
  the true date. An entity's distractors are the names of other entity facts of the same
  `entity_type`, those of the same topic first; names are never invented.
- Impossible values are never offered: counts above zero, percentages within (0, 100) (100%,
  "all", only for a fact of 100%), shares only from `values.FRACTIONS`, country counts at most
  193, dates from 2000 on and never after the fact's as-of date (compared at the coarser of the
  two precisions: "2019" is possible for a fact as of November 2019, "30 November – 1 December
  2019" is not), nor in or before a year the fact's own sentence names ("in {value} Daesh held
  2% of what it held in 2014": nothing up to 2014), nor in or after one it names later.
  Facts sharing a non-empty `group` (one list, one event) never lend each other values, nor
  does any fact lend a name of the group's list; no option equals another or the true value
  as rendered in either language.
- Defensibility. Options carry the fact's own unit and qualifier, and an option is only offered
  if the fact's sentence with that value in place is false:
  * `exact`: at least 7% away from the true value (and from every other option); for a
    percentage, 7% away on what is left counts too (95% for 90%: 5% left against 10%);
  * a hedged figure (`about`, `more_than`, `up_to`): at least 1.5 times away, so that no
    real number is "about" both. Read as a bound, "more than 10,000" is true of a fact "more
    than 25,000" (its open side) and "more than 37,500" undecided. So a false statement
    shows a bound's figure only if the statement gives it as the figure someone put on it
    ("The UK put … at {value}": "more than 37,500" is then false) and only off its open
    side (larger for `more_than`, smaller for `up_to`); a multiple-choice question offers
    either side only if its stem asks for the figure the document gives ("What figure did
    the UK give…?": options "more than 25,000 / more than 12,000 / more than 40,000…", the
    answer's rank drawn as for any figure). A bound worded otherwise has no false value and
    is asked as a flashcard.
  * a state, held over a period from its date to the as-of date: a date whose statement
    reads "since {value}" (منذ), or says what still or no longer held then ("still", "no
    longer", ما زال، لم يعد): no option inside the period, and none in the year (month, day)
    just before the date of a reported state, which may have set in a little earlier
    ("in 2018 Daesh no longer held more than 2%": not 2019, nor 2017). Its options all come
    before it, so the answer would always be the latest: it is asked as true/false only.
  A multiple-choice question with one-sided distractors always has the true value as its
  smallest (or largest) option, a cue a learner picks up within a few reviews; so these
  facts are asked as true/false only, where a single value is shown and its side gives
  nothing away.
- Answer position and rank. The four options are shuffled with the rng, so each position holds
  the answer a quarter of the time. Independently, how many distractors lie below the true
  value is drawn uniformly from the counts the candidates allow, so the answer is the smallest,
  the largest or a middle option equally often among the ranks a fact allows. A fact with
  room on one side only (one year: 2, 3, 4 years; one day) would always have the answer as
  its smallest option, the same cue as a one-sided figure: it is asked as true/false too.
- Fewer than three good distractors: `make_mcq` returns None and `make_question` asks a
  true/false question instead. A true/false question shows the true value or one distractor,
  each half of the time; a fact without any distractor (or a statement fact without a false
  counterpart) can only be shown true.
- Ordering: events are date facts with a label; two events meet only if their spans at their
  precision do not overlap (`values.spans_ordered`), they are not in one group, and their
  labels differ (the same event under two facts is never drawn twice). The events are never
  shown already in chronological order.
- A date the document counts from its own, unstated date ("exactly one year ago" in the UK
  article) has a `basis` ("the UK Foreign Office article of 26 September 2016"): every
  question shows it, after the stem or statement and beside the event's ordering label, and
  its options are the same month in other years (another month would be told apart by the
  month alone). It names the basis, never the offset, which is what the learner recalls.
- No stem names its answer or a place that gives it away (the Christchurch Call's
  co-launcher, "France hosted" for Paris). Entity types are sub-kinds a learner can tell
  apart (an ancient site, a modern city of Iraq or Syria, a city abroad…); a fact whose type
  has no member outside its own list has no distractor and is asked as a flashcard. A
  flashcard asking for one member of a list (entity facts of one group with one stem)
  carries every member, and its back says any of them is right.
- Difficulty in 0..1, close = hard: for numbers the smallest ratio between the answer and a
  distractor (1.07x -> about 0.95, 4x or more -> 0), for dates the smallest gap in days on a
  log scale (a day -> 0.92, a month -> 0.58, a year -> 0.28, ten years -> 0), for ordering the
  smallest gap between consecutive events; a distractor name from the same topic counts 0.6,
  from another topic 0.4; a true statement and a flashcard count 0.5.
"""

from __future__ import annotations

from learning.core.questions.distractors import Distractors
from learning.core.questions.generators import (
    make_flashcard,
    make_mcq,
    make_ordering,
    make_question,
    make_truefalse,
)
from learning.core.questions.pool import FactPool
from learning.core.questions.question import (
    CHOICES,
    FALSE,
    ORDERING_SIZES,
    TRUE,
    DateValue,
    EntityValue,
    Question,
    QuestionKind,
    Value,
    fact_value,
)
from learning.core.questions.rendering import (
    Back,
    Rendered,
    render,
    statement_with,
    value_text,
)

__all__ = [
    "CHOICES",
    "FALSE",
    "ORDERING_SIZES",
    "TRUE",
    "Back",
    "DateValue",
    "Distractors",
    "EntityValue",
    "FactPool",
    "Question",
    "QuestionKind",
    "Rendered",
    "Value",
    "fact_value",
    "make_flashcard",
    "make_mcq",
    "make_ordering",
    "make_question",
    "make_truefalse",
    "render",
    "statement_with",
    "value_text",
]
