"""Real messages of the reference implementation (`entente-fuzz seeds`: every
Welcome, PhaseStart and report of a run, letters of each kind, Hello, Finish and
Abort) decode, and encode back to exactly the bytes Swift wrote (PROTOCOL.md §3)."""

from __future__ import annotations

from collections import Counter

import pytest
from reference import SCENARIOS, real_messages

from entente_agent import (
    Hello,
    LetterKind,
    PeerMessage,
    PhaseReport,
    PhaseStart,
    UnknownMessageType,
    Welcome,
    WireError,
    decode_control,
    decode_peer,
    encode,
)


def test_every_control_message_round_trips(tmp_path_factory: pytest.TempPathFactory) -> None:
    kinds: Counter[str] = Counter()
    for corpus in real_messages(tmp_path_factory):
        for path in corpus.control:
            data = path.read_bytes()
            try:
                message = decode_control(data)
            except WireError as error:
                raise AssertionError(f"{corpus.scenario} {path.name}: {error}") from None
            assert encode(message) == data, f"{corpus.scenario} {path.name}: other bytes"
            kinds[type(message).__name__] += 1
    for kind in (Hello, Welcome, PhaseStart, PhaseReport):
        assert kinds[kind.__name__] >= len(SCENARIOS), kinds


def test_every_peer_message_round_trips(tmp_path_factory: pytest.TempPathFactory) -> None:
    letters: Counter[LetterKind] = Counter()
    for corpus in real_messages(tmp_path_factory):
        for path in corpus.peer:
            data = path.read_bytes()
            try:
                message = decode_peer(data)
            except WireError as error:
                raise AssertionError(f"{corpus.scenario} {path.name}: {error}") from None
            assert isinstance(message, PeerMessage)
            assert encode(message) == data, f"{corpus.scenario} {path.name}: other bytes"
            letters[message.letter.kind] += 1
    assert set(letters) == set(LetterKind), letters


def test_real_messages_carry_the_version_6_fields(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The scenarios with a dispute history send it in the Welcome (§3.3, version 6);
    observations and decisions are there too, so the corpus is not all empty lists."""
    histories = 0
    observations = 0
    decisions = 0
    for corpus in real_messages(tmp_path_factory):
        for path in corpus.control:
            message = decode_control(path.read_bytes())
            if isinstance(message, Welcome):
                histories += len(message.history)
            elif isinstance(message, PhaseStart) and message.observation is not None:
                observations += 1
            elif isinstance(message, PhaseReport) and message.decision is not None:
                decisions += 1
    assert histories > 0 and observations > 0 and decisions > 0


def test_decoding_the_other_channel_is_refused(tmp_path_factory: pytest.TempPathFactory) -> None:
    """§4: type 16 on the control channel, any other on the peer channel."""
    corpus = real_messages(tmp_path_factory)[0]
    for path in corpus.peer[:3]:
        with pytest.raises(UnknownMessageType) as caught:
            decode_control(path.read_bytes())
        assert caught.value.field == "type"
    for path in corpus.control[:3]:
        with pytest.raises(UnknownMessageType):
            decode_peer(path.read_bytes())
