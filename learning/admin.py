from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from modeltranslation.admin import TabbedTranslationAdmin

from learning.models import (
    Assignment,
    AssignmentItem,
    Card,
    Classroom,
    Fact,
    FactBaseStamp,
    Learner,
    Membership,
    Review,
    Source,
    Topic,
)


class BumpsFactBaseStamp(admin.ModelAdmin):
    """An edit of the fact base here marks it changed: every process rebuilds its fact pool."""

    def save_model(self, request: HttpRequest, obj: Model, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        FactBaseStamp.bump()

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        super().delete_model(request, obj)
        FactBaseStamp.bump()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        super().delete_queryset(request, queryset)
        FactBaseStamp.bump()


@admin.register(Source)
class SourceAdmin(BumpsFactBaseStamp, TabbedTranslationAdmin):
    list_display = ("slug", "title", "publisher", "published_on", "paragraph_count")


@admin.register(Topic)
class TopicAdmin(BumpsFactBaseStamp, TabbedTranslationAdmin):
    list_display = ("slug", "name", "position")
    ordering = ("position",)


@admin.register(Fact)
class FactAdmin(BumpsFactBaseStamp, TabbedTranslationAdmin):
    list_display = ("slug", "kind", "topic", "source", "paragraph", "as_of")
    list_filter = ("kind", "topic", "source")
    search_fields = ("slug", "statement_ar", "statement_en")
    list_select_related = ("topic", "source")


@admin.register(Learner)
class LearnerAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "is_guest",
        "is_teacher",
        "desired_retention",
        "new_per_day",
        "language",
        "created_at",
    )
    list_filter = ("is_guest", "is_teacher", "language")
    search_fields = ("user__username",)
    list_select_related = ("user",)


@admin.register(Card)
class CardAdmin(admin.ModelAdmin):
    """Scheduling state is written only by reviews; the admin shows it, never edits it."""

    list_display = ("learner", "fact", "state", "due", "stability", "reps", "lapses")
    list_filter = ("state",)
    search_fields = ("learner__user__username", "fact__slug")
    list_select_related = ("learner__user", "fact")
    readonly_fields = [f.name for f in Card._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("card", "rating", "kind", "correct", "duration_ms", "reviewed_at")
    list_filter = ("rating", "kind", "correct")
    list_select_related = ("card__learner__user", "card__fact")
    readonly_fields = [f.name for f in Review._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("learner",)


@admin.register(Classroom)
class ClassroomAdmin(admin.ModelAdmin):
    list_display = ("name", "teacher", "code", "created_at")
    search_fields = ("name", "code", "teacher__user__username")
    list_select_related = ("teacher__user",)
    raw_id_fields = ("teacher",)
    inlines = [MembershipInline]


class AssignmentItemInline(admin.TabularInline):
    model = AssignmentItem
    extra = 0
    raw_id_fields = ("fact",)


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("title", "classroom", "question_count", "opens_at", "due_at", "feedback")
    list_select_related = ("classroom",)
    raw_id_fields = ("classroom",)
    inlines = [AssignmentItemInline]
