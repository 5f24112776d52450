"""Class join codes: short, unambiguous when read off a projector, forgiving when typed."""

from __future__ import annotations

import secrets

# Upper-case letters and digits without the look-alikes 0/O, 1/I/L: 31 symbols.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8
# Spaces and dashes a person may type between groups (the code is shown as ABCD-EFGH).
_SEPARATORS = str.maketrans("", "", " -_\t")


def new_code() -> str:
    """A fresh random code: LENGTH symbols of ALPHABET (31**8, about 8.5e11, codes)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed: str) -> str:
    """A typed code as stored: upper case, without spaces or dashes."""
    return typed.translate(_SEPARATORS).upper()


def is_well_formed(code: str) -> bool:
    """Whether a normalised code could be one of ours (checked before any database look-up)."""
    return len(code) == LENGTH and all(symbol in ALPHABET for symbol in code)


def display(code: str) -> str:
    """The code in two groups of four, easier to read aloud: ABCD-EFGH."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"
