"""Forms: sign-up (which also turns a guest into an account) and study preferences."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from learning.models import Learner
from learning.models.study import time_zone_names


class SignUpForm(UserCreationForm):
    """A username and a password; given a guest's user as instance, it keeps their progress."""

    class Meta(UserCreationForm.Meta):
        fields = ("username",)


def _time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(time_zone_names())]


class PreferencesForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Interface language"), choices=settings.LANGUAGES)
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=_time_zone_choices,
        help_text=Learner._meta.get_field("time_zone").help_text,
    )

    class Meta:
        model = Learner
        fields = ("desired_retention", "new_per_day", "language", "time_zone")
        widgets = {
            "desired_retention": forms.NumberInput(
                attrs={"step": "0.01", "min": "0.70", "max": "0.97"}
            ),
            "new_per_day": forms.NumberInput(attrs={"min": "0", "max": "200"}),
        }
