"""The migrations describe the models exactly: moving a model between modules changes no table."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_models_need_no_new_migration():
    # makemigrations --check exits with status 1 when a model differs from its migrations.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
