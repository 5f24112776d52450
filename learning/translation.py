"""django-modeltranslation registrations: every text a user reads exists in Arabic and English."""

from modeltranslation.translator import TranslationOptions, register

from learning.models import Fact, Source, Topic


@register(Source)
class SourceTranslationOptions(TranslationOptions):
    fields = ("title", "publisher")


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Fact)
class FactTranslationOptions(TranslationOptions):
    fields = ("statement", "stem", "explanation", "label", "answer", "false_statement")
