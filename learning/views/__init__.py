"""Views, split by concern: reference pages, accounts, study."""
