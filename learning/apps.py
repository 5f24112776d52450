from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "learning"
    verbose_name = _("Learning")

    def ready(self) -> None:
        # Connects the sign-in receiver that marks a new session as renewed today.
        from learning import sessionkeep  # noqa: F401
