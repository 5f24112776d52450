"""Join codes: enough unambiguous symbols, long enough, forgiving when typed."""

from learning.core import joincodes

LOOK_ALIKES = "0O1lI"


def test_the_alphabet_has_at_least_30_symbols_and_no_look_alikes():
    assert len(set(joincodes.ALPHABET)) == len(joincodes.ALPHABET) >= 30
    assert not set(LOOK_ALIKES) & set(joincodes.ALPHABET)
    assert not set(LOOK_ALIKES.lower()) & set(joincodes.ALPHABET)


def test_a_new_code_has_8_symbols_of_the_alphabet():
    codes = {joincodes.new_code() for _ in range(200)}
    for code in codes:
        assert len(code) >= 8
        assert set(code) <= set(joincodes.ALPHABET)
        assert joincodes.is_well_formed(code)
    assert len(codes) > 190  # random, not a sequence


def test_a_typed_code_is_read_in_any_case_with_or_without_the_dash():
    assert joincodes.normalise("abcd-efgh") == "ABCDEFGH"
    assert joincodes.normalise(" AbCd efGH ") == "ABCDEFGH"
    assert joincodes.normalise(joincodes.display("K7M2Q9PX")) == "K7M2Q9PX"


def test_a_code_with_a_look_alike_or_the_wrong_length_is_not_well_formed():
    assert not joincodes.is_well_formed("ABCDEFG0")
    assert not joincodes.is_well_formed("ABCDEFGI")
    assert not joincodes.is_well_formed("ABCDEFG")
    assert not joincodes.is_well_formed("ABCDEFGHJ")


# What the Arabic 101 layout types on each key of "K7M2-Q9PX": ن٧ة٢-ض٩حء (X is hamza).
def test_a_code_typed_on_an_arabic_keyboard_is_read_as_the_keys_pressed():
    assert joincodes.normalise("ن٧ة٢-ض٩حء") == "K7M2Q9PX"
    assert joincodes.normalise("ن۷ة۲ ض۹حء") == "K7M2Q9PX"  # Persian digits too


def test_every_code_symbol_can_be_typed_on_an_arabic_keyboard():
    letters = dict(zip("QWERTYUIOPASDFGHJKLZXCVNM", "ضصثقفغعهخحشسيبلاتنمئءؤرىة", strict=True))
    letters["B"] = "لا"
    digits = {str(n): chr(0x0660 + n) for n in range(10)}
    for _ in range(200):
        code = joincodes.new_code()
        typed = "".join((letters | digits)[symbol] for symbol in code)
        assert joincodes.normalise(typed) == code, (code, typed)


def test_lam_alef_is_b_and_new_codes_never_put_g_before_h():
    assert joincodes.normalise("لاضصثقفغع") == "BQWERTYU"
    assert all("GH" not in joincodes.new_code() for _ in range(2000))


def test_lam_alef_is_g_and_h_when_b_would_leave_the_code_short():
    # A code made before new codes stopped putting G before H still reads.
    assert joincodes.normalise("ضصثقفغلا") == "QWERTYGH"
    assert not joincodes.is_well_formed(joincodes.normalise("ضصثقفغع" + "ٍ"))
