from django.contrib.auth import views as auth_views
from django.urls import path

from learning.views import (
    accounts,
    assignments,
    classes,
    classprogress,
    pages,
    progress,
    projector,
    results,
    study,
    teach,
)

app_name = "learning"

urlpatterns = [
    path("", pages.home, name="home"),
    path("topics/<slug:slug>/", pages.topic_detail, name="topic"),
    path("facts/<slug:slug>/", pages.fact_detail, name="fact"),
    path("accounts/signup/", accounts.signup, name="signup"),
    path("accounts/guest/end/", accounts.guest_end, name="guest_end"),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", accounts.password_change, name="password_change"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("settings/", accounts.preferences, name="preferences"),
    path("study/", study.study_home, name="study"),
    path("study/start/", study.study_start, name="study_start"),
    path("study/practice/<slug:slug>/", study.practice_start, name="practice_start"),
    path("study/sessions/<int:pk>/", study.session_view, name="study_session"),
    path("progress/", progress.progress_view, name="progress"),
    path("progress/practice/", progress.practice_facts, name="progress_practice"),
    path("progress/reviews.csv", progress.reviews_csv, name="progress_reviews_csv"),
    path("study/sessions/<int:pk>/summary/", study.summary_view, name="study_summary"),
    path("study/questions/<int:pk>/", study.question_view, name="study_question"),
    path("study/questions/<int:pk>/answer/", study.answer_view, name="study_answer"),
    path("study/questions/<int:pk>/reveal/", study.reveal_view, name="study_reveal"),
    path("study/questions/<int:pk>/move/", study.move_view, name="study_move"),
    path("study/questions/<int:pk>/undo/", study.undo_view, name="study_undo"),
    # A learner's classes and assignments
    path("classes/join/", classes.join_class, name="join_class"),
    path("join/<str:code>/", classes.join_link, name="join_link"),
    path("classes/<int:pk>/", classes.class_view, name="class"),
    path("classes/<int:pk>/leave/", classes.leave_class, name="leave_class"),
    path("assignments/<int:pk>/", assignments.assignment_view, name="assignment"),
    path("assignments/<int:pk>/start/", assignments.assignment_start, name="assignment_start"),
    path("assignments/<int:pk>/submit/", assignments.assignment_submit, name="assignment_submit"),
    # The Teach area
    path("teach/", teach.teach_home, name="teach"),
    path("teach/classes/new/", teach.class_create, name="teach_class_create"),
    path("teach/classes/<int:pk>/", teach.class_detail, name="teach_class"),
    path("teach/classes/<int:pk>/code/", teach.class_code, name="teach_class_code"),
    path(
        "teach/classes/<int:pk>/projector/",
        projector.class_projector,
        name="teach_class_projector",
    ),
    path(
        "teach/classes/<int:pk>/progress/",
        classprogress.class_progress,
        name="teach_class_progress",
    ),
    path(
        "teach/classes/<int:pk>/learners/<int:learner>/topics/<slug:slug>/",
        classprogress.learner_topic,
        name="teach_learner_topic",
    ),
    path(
        "teach/classes/<int:pk>/members/<int:member>/remove/",
        teach.member_remove,
        name="teach_member_remove",
    ),
    path(
        "teach/classes/<int:pk>/assignments/new/",
        teach.assignment_new,
        name="teach_assignment_new",
    ),
    path("teach/assignments/<int:pk>/", teach.assignment_detail, name="teach_assignment"),
    path("teach/assignments/<int:pk>/results/", results.results_view, name="teach_results"),
    path(
        "teach/assignments/<int:pk>/results/learners/<int:learner>/",
        results.learner_answers,
        name="teach_learner_answers",
    ),
    path(
        "teach/assignments/<int:pk>/results/learners.csv",
        results.learners_csv,
        name="teach_results_learners_csv",
    ),
    path(
        "teach/assignments/<int:pk>/results/facts.csv",
        results.facts_csv,
        name="teach_results_facts_csv",
    ),
]
