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
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        # Never G then H: on an Arabic keyboard those keys type lam-alef, as B does alone.
        if "GH" not in code:
            return code


# A pupil whose keyboard is still on Arabic types the Arabic letter on the key of each Latin
# one (the common Arabic 101 layout), and Arabic-Indic or Persian digits for the digits: both
# are read as the key pressed, so switching layout is not needed.
_ARABIC_KEYS = dict(
    zip(
        "ضصثقفغعهخحشسيبلاتنمئءؤرىة",  # the letter keys, row by row: Q to P, A to L, Z to M
        "QWERTYUIOPASDFGHJKLZXCVNM",  # B, the lam-alef key, is read below
        strict=True,
    )
)
_DIGITS = {chr(0x0660 + n): str(n) for n in range(10)} | {
    chr(0x06F0 + n): str(n) for n in range(10)
}
_KEYS = str.maketrans(_ARABIC_KEYS | _DIGITS)
# The Arabic layout's B key types two letters, lam and alef, which are also the G and H keys.
_LAM_ALEF = "لا"


def normalise(typed: str) -> str:
    """A typed code as stored: upper case, without spaces or dashes, Arabic keys read as the
    Latin key they sit on."""
    bare = typed.translate(_SEPARATORS)
    if _LAM_ALEF not in bare:
        return bare.translate(_KEYS).upper()
    # Lam-alef is the B key; read as G then H only when B would leave the code short (a code
    # made before new codes stopped putting G before H).
    as_b = bare.replace(_LAM_ALEF, "B").translate(_KEYS).upper()
    as_g_h = bare.translate(_KEYS).upper()
    return as_g_h if len(as_b) != LENGTH and len(as_g_h) == LENGTH else as_b


def is_well_formed(code: str) -> bool:
    """Whether a normalised code could be one of ours (checked before any database look-up)."""
    return len(code) == LENGTH and all(symbol in ALPHABET for symbol in code)


def display(code: str) -> str:
    """The code in two groups of four, easier to read aloud: ABCD-EFGH."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"
