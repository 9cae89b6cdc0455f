"""What a decoder refuses (PROTOCOL.md §4): every case raises the `WireError` of its
row, naming the field; every truncation of a valid message is refused as truncated;
and the encoder will not write what a decoder would refuse (§3.2, §4)."""

from __future__ import annotations

import math
import struct

import pytest
from bad_cases import Bad, cases
from doc_examples import WHOLE_MESSAGES
from reference import real_messages
from samples import control_messages, peer_messages, welcome

from entente_agent import (
    MAX_MESSAGE_BYTES,
    MAX_STRING_BYTES,
    Abort,
    ExpectedLetters,
    Hello,
    InvalidUTF8,
    InvalidValue,
    Letter,
    MessageTooLarge,
    PeerMessage,
    Phase,
    PhaseStart,
    Reject,
    RejectReason,
    Truncated,
    WireError,
    decode_control,
    decode_peer,
    encode,
)


def decode(channel: str, data: bytes) -> object:
    return decode_peer(data) if channel == "peer" else decode_control(data)


@pytest.mark.parametrize("case", cases(), ids=lambda case: case.name)
def test_refused(case: Bad) -> None:
    with pytest.raises(case.error) as caught:
        decode(case.channel, case.data)
    assert case.field in caught.value.field, caught.value
    assert case.field in str(caught.value)


def assert_every_truncation_refused(channel: str, data: bytes) -> None:
    decode(channel, data)
    for length in range(len(data)):
        with pytest.raises(Truncated):
            decode(channel, data[:length])


@pytest.mark.parametrize("message", control_messages() + peer_messages(),
                         ids=lambda m: type(m).__name__)
def test_every_truncation_of_a_sample(message: object) -> None:
    channel = "peer" if isinstance(message, PeerMessage) else "control"
    assert_every_truncation_refused(channel, encode(message))  # type: ignore[arg-type]


def test_every_truncation_of_the_documents_examples() -> None:
    for literal in WHOLE_MESSAGES:
        data = bytes.fromhex(literal)
        assert_every_truncation_refused("peer" if data[3] == 16 else "control", data)


def test_every_truncation_of_a_real_message(tmp_path_factory: pytest.TempPathFactory) -> None:
    for corpus in real_messages(tmp_path_factory):
        for channel, paths in (("control", corpus.control), ("peer", corpus.peer)):
            for path in paths:
                assert_every_truncation_refused(channel, path.read_bytes())


def big_phase_start(seqs: int) -> PhaseStart:
    return PhaseStart(1, Phase.COMMIT, 0, (ExpectedLetters("A", tuple(range(seqs))),), None)


def test_the_largest_message() -> None:
    """4 MiB is allowed, a byte more is not (§4)."""
    data = encode(big_phase_start(1_048_571))
    assert len(data) == MAX_MESSAGE_BYTES
    assert decode_control(data) == big_phase_start(1_048_571)
    with pytest.raises(MessageTooLarge):
        decode_control(data + b"\x00")
    with pytest.raises(MessageTooLarge):
        encode(big_phase_start(1_048_572))


def test_the_longest_string() -> None:
    assert decode_control(encode(Abort("a" * MAX_STRING_BYTES))) == Abort("a" * MAX_STRING_BYTES)


def test_a_longer_string_is_cut_at_a_code_point() -> None:
    """§4: the encoder cuts to at most 4096 bytes at a code point boundary."""
    reason = "a" + "é" * 3000  # 6001 bytes: the cut at 4096 would split an é
    data = encode(Abort(reason))
    assert struct.unpack("<H", data[4:6])[0] == 4095
    decoded = decode_control(data)
    assert isinstance(decoded, Abort) and reason.startswith(decoded.reason)


@pytest.mark.parametrize("message", [
    Hello("not an id", 1, ""),
    Hello("FAR", -1, ""),
    Hello("FAR", 1 << 32, ""),
    PeerMessage(1 << 16, Phase.ASSESS, 0, Letter("A", "B", 0, Reject(1, RejectReason.NO_ROOM, ""))),
    PeerMessage(1, Phase.ASSESS, 0, Letter("A", "B", 0, Reject(1, RejectReason.NO_ROOM, "C"))),
    PeerMessage(1, Phase.ASSESS, 0, Letter("A", "B", 0, Reject(1, RejectReason.ON_SIDE_OF, ""))),
    welcome(inflation=math.nan),
    welcome(war_decisiveness=math.inf),
])
def test_the_encoder_refuses_what_no_decoder_accepts(message: object) -> None:
    with pytest.raises(InvalidValue):
        encode(message)  # type: ignore[arg-type]


def test_the_encoder_refuses_a_lone_surrogate() -> None:
    with pytest.raises(InvalidUTF8):
        encode(Abort("\ud800"))


def test_errors_are_value_errors_with_their_field() -> None:
    with pytest.raises(ValueError) as caught:
        decode_control(b"EN")
    assert isinstance(caught.value, WireError) and caught.value.field == "header"
