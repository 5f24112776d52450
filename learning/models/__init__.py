"""Models, split by concern; import them from here."""

from learning.models.facts import Fact, Source, Topic
from learning.models.learners import Learner
from learning.models.stamps import FactBaseStamp
from learning.models.study import AskedQuestion, Card, Review, StudySession

__all__ = [
    "AskedQuestion",
    "Card",
    "Fact",
    "FactBaseStamp",
    "Learner",
    "Review",
    "Source",
    "StudySession",
    "Topic",
]
