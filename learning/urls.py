from django.contrib.auth import views as auth_views
from django.urls import path

from learning.views import accounts, pages, study

app_name = "learning"

urlpatterns = [
    path("", pages.home, name="home"),
    path("topics/<slug:slug>/", pages.topic_detail, name="topic"),
    path("facts/<slug:slug>/", pages.fact_detail, name="fact"),
    path("accounts/signup/", accounts.signup, name="signup"),
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
    path("study/sessions/<int:pk>/summary/", study.summary_view, name="study_summary"),
    path("study/questions/<int:pk>/", study.question_view, name="study_question"),
    path("study/questions/<int:pk>/answer/", study.answer_view, name="study_answer"),
    path("study/questions/<int:pk>/reveal/", study.reveal_view, name="study_reveal"),
    path("study/questions/<int:pk>/move/", study.move_view, name="study_move"),
]
