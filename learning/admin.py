from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from learning.models import Fact, Source, Topic


@admin.register(Source)
class SourceAdmin(TabbedTranslationAdmin):
    list_display = ("slug", "title", "publisher", "published_on", "paragraph_count")


@admin.register(Topic)
class TopicAdmin(TabbedTranslationAdmin):
    list_display = ("slug", "name", "position")
    ordering = ("position",)


@admin.register(Fact)
class FactAdmin(TabbedTranslationAdmin):
    list_display = ("slug", "kind", "topic", "source", "paragraph", "as_of")
    list_filter = ("kind", "topic", "source")
    search_fields = ("slug", "statement_ar", "statement_en")
    list_select_related = ("topic", "source")
