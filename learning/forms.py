"""Forms: sign-up (which also turns a guest into an account) and study preferences."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from learning.models import Learner


class SignUpForm(UserCreationForm):
    """A username and a password; given a guest's user as instance, it keeps their progress."""

    class Meta(UserCreationForm.Meta):
        fields = ("username",)


class PreferencesForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Interface language"), choices=settings.LANGUAGES)

    class Meta:
        model = Learner
        fields = ("desired_retention", "new_per_day", "language")
        widgets = {
            "desired_retention": forms.NumberInput(
                attrs={"step": "0.01", "min": "0.70", "max": "0.97"}
            ),
            "new_per_day": forms.NumberInput(attrs={"min": "0", "max": "200"}),
        }
