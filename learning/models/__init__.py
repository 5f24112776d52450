"""Models, split by concern; import them from here."""

from learning.models.classes import Assignment, AssignmentItem, Classroom, Membership
from learning.models.facts import Fact, Source, Topic
from learning.models.learners import Learner
from learning.models.stamps import FactBaseStamp
from learning.models.study import AskedQuestion, Card, Review, StudySession

__all__ = [
    "AskedQuestion",
    "Assignment",
    "AssignmentItem",
    "Card",
    "Classroom",
    "Fact",
    "FactBaseStamp",
    "Learner",
    "Membership",
    "Review",
    "Source",
    "StudySession",
    "Topic",
]
