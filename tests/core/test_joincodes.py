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
