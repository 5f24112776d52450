from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from learning.views import classes, health

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    # For load balancers and monitors: no language prefix, no redirect.
    path("healthz", health.healthz, name="healthz"),
    # The join link a teacher shares, the same for every learner: it sends each one on to the
    # join page in their own language, not the teacher's.
    path("join/<str:code>/", classes.join_anywhere, name="join"),
]
urlpatterns += i18n_patterns(
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("learning.urls")),
)
