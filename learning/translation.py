"""django-modeltranslation registrations: every text a user reads exists in Arabic and English.

The translated fields are declared once, in learning/core/fields.py (a fact's: in FactData).
"""

from modeltranslation.translator import TranslationOptions, register

from learning.core.fields import FACT_TRANSLATED, SOURCE_TRANSLATED, TOPIC_TRANSLATED
from learning.models import Fact, Source, Topic


@register(Source)
class SourceTranslationOptions(TranslationOptions):
    fields = SOURCE_TRANSLATED


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = TOPIC_TRANSLATED


@register(Fact)
class FactTranslationOptions(TranslationOptions):
    fields = FACT_TRANSLATED
