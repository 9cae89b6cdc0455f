"""The worked examples of PROTOCOL.md §5: each decodes to the values the document
states and encodes back to the same bytes (the hex is copied from §5 into
doc_examples.py; `test_literals_are_the_documents` checks it still stands there).
Then every message built in samples.py round-trips."""

from __future__ import annotations

import re

import pytest
from doc_examples import (
    ABORT,
    ACCEPT,
    COMMIT_START,
    EMPTY_COMMIT_START,
    EMPTY_REPORT,
    FINISH_HEAD,
    HONEST_WELCOME_END,
    LITERALS,
    NO_ROOM_END,
    OFFER,
    PROBLEM_REPORT,
    READY,
    REJECT,
    WELCOME_TAIL_V5,
)
from reference import REPO_ROOT
from samples import control_messages, peer_messages

from entente_agent import (
    Abort,
    Accept,
    Border,
    ExpectedLetters,
    Finish,
    Letter,
    Message,
    Offer,
    OfferKind,
    PeerInfo,
    PeerMessage,
    Phase,
    PhaseReport,
    PhaseStart,
    PolicyKind,
    PolicyParameters,
    Problem,
    Ready,
    ProblemCode,
    Reject,
    RejectReason,
    ThreatWeights,
    Welcome,
    decode_control,
    decode_peer,
    encode,
)

def test_literals_are_the_documents() -> None:
    text = (REPO_ROOT / "docs" / "PROTOCOL.md").read_text(encoding="utf-8")
    flat = re.sub(r"\s+", " ", text)
    for literal in LITERALS:
        assert literal in flat, f"not in PROTOCOL.md §5 any more: {literal}"


def both_ways(hex_bytes: str, expected: Message) -> None:
    data = bytes.fromhex(hex_bytes)
    decoded = decode_peer(data) if isinstance(expected, PeerMessage) else decode_control(data)
    assert decoded == expected
    assert encode(expected) == data


def test_accept_letter() -> None:
    both_ways(ACCEPT, PeerMessage(1, Phase.NEGOTIATE, 2, Letter("MDA", "FAR", 6, Accept(5))))
    assert len(bytes.fromhex(ACCEPT)) == 27


def test_offer_letter() -> None:
    offer = Letter("MDB", "MDA", 4, Offer(OfferKind.BALANCE, "AGG"))
    both_ways(OFFER, PeerMessage(1, Phase.NEGOTIATE, 1, offer))
    assert len(bytes.fromhex(OFFER)) == 30


def test_reject_letters() -> None:
    reject = Letter("TUR", "BUL", 21, Reject(21, RejectReason.ALIGN_WITH, "RUS"))
    both_ways(REJECT, PeerMessage(1, Phase.NEGOTIATE, 2, reject))
    assert len(bytes.fromhex(REJECT)) == 33
    no_room = encode(PeerMessage(1, Phase.NEGOTIATE, 2,
                                 Letter("FRN", "POR", 20, Reject(21, RejectReason.NO_ROOM, ""))))
    assert len(no_room) == 30 and no_room.endswith(bytes.fromhex(NO_ROOM_END))


def test_commit_phase_starts() -> None:
    expected = tuple(ExpectedLetters(sender, (8,)) for sender in ("FAR", "MDA", "MDB"))
    both_ways(COMMIT_START, PhaseStart(1, Phase.COMMIT, 0, expected, None))
    assert len(bytes.fromhex(COMMIT_START)) == 52
    both_ways(EMPTY_COMMIT_START, PhaseStart(1, Phase.COMMIT, 0, (), None))
    assert len(bytes.fromhex(EMPTY_COMMIT_START)) == 13


def test_reports() -> None:
    both_ways(EMPTY_REPORT, PhaseReport(1, Phase.OBSERVE, 0))
    assert len(bytes.fromhex(EMPTY_REPORT)) == 29
    problems = (Problem(ProblemCode.WRONG_KEY, "FAR", 20, "AGG"),
                Problem(ProblemCode.OUT_OF_WINDOW, "AGG", 20, "round 60000, beyond the next"))
    both_ways(PROBLEM_REPORT, PhaseReport(19, Phase.OBSERVE, 0, problems=problems))
    assert len(bytes.fromhex(PROBLEM_REPORT)) == 84


def far_welcome(**changes: object) -> Welcome:
    """FAR's Welcome of §5, from its table (the borders are small.yaml's)."""
    states = ("AGG", "WEK", "MDA", "MDB", "FAR")
    borders = tuple(Border(a, b, 1.0) for a, b in (("AGG", "WEK"), ("AGG", "MDA"), ("AGG", "MDB"),
                                                   ("MDA", "MDB"), ("MDB", "FAR")))
    fields: dict[str, object] = dict(
        run_id="cap2", state="FAR", seed=7, rounds=1, negotiation_steps=2, phase_timeout_ms=20000,
        policy=PolicyKind.WALT,
        params=PolicyParameters(0.5, 1, 0.75, 0.8, 1, 0.01, 2, 4, 0.5, 1, 3, 0.5),
        threat=ThreatWeights(1, 1, 0.5, 1, 0.5, 0.25),
        war_decisiveness=2.0, hop_decay=0.5, proximity_floor=0.05, states=states, borders=borders,
        peers=(PeerInfo("MDB", "ipc:///tmp/entente-o3ubW8/MDB", 0.25, 1),),
        inflation=2.0, report_ranking=False, history=(),
    )
    fields.update(changes)
    return Welcome(**fields)  # type: ignore[arg-type]


def test_welcome() -> None:
    welcome = far_welcome()
    data = encode(welcome)
    assert len(data) == 398
    assert data.endswith(bytes.fromhex(WELCOME_TAIL_V5) + bytes(4))
    assert data.startswith(bytes.fromhex("45 4e 07 02 04 00 63 61 70 32 03 00 46 41 52"
                                         " 07 00 00 00 00 00 00 00 01 00 02 20 4e 00 00"
                                         " 04 00 77 61 6c 74 0c 00 00 00 00 00 00 00 00 00 e0 3f"))
    for row in ("7b 14 ae 47 e1 7a 84 3f", "06 00 00 00", "00 00 00 00 00 00 d0 3f",
                "9a 99 99 99 99 99 a9 3f", "05 00 00 00 03 00 41 47 47",
                "05 00 00 00 03 00 41 47 47 03 00 57 45 4b 00 00 00 00 00 00 f0 3f"):
        assert bytes.fromhex(row) in data, row
    assert decode_control(data) == welcome
    honest = encode(far_welcome(inflation=1.0))
    assert honest.endswith(bytes.fromhex(HONEST_WELCOME_END))


def test_abort_and_finish() -> None:
    both_ways(ABORT, Abort("stop"))
    both_ways(READY, Ready())
    digest = "0123456789abcdef" * 4
    finish = encode(Finish(digest))
    assert len(finish) == 70 and finish.startswith(bytes.fromhex(FINISH_HEAD))
    assert decode_control(finish) == Finish(digest)


@pytest.mark.parametrize("message", control_messages(), ids=lambda m: type(m).__name__)
def test_control_round_trip(message: Message) -> None:
    assert decode_control(encode(message)) == message


@pytest.mark.parametrize("message", peer_messages(), ids=lambda m: m.letter.kind.name)
def test_peer_round_trip(message: PeerMessage) -> None:
    assert decode_peer(encode(message)) == message
