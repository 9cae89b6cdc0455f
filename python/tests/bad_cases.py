"""Messages a decoder must refuse (PROTOCOL.md §3.2, §4), each with the error and
the field it must name. Most are a valid message with a few bytes changed, so each
case breaks one rule only. The reference decoder refuses every one of them too
(test_swift_agreement.py)."""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass

from samples import PARAMS, WEIGHTS, letters, observation, welcome

from entente_agent import (
    Abort,
    BadMagic,
    Commitment,
    Decision,
    Hello,
    InvalidUTF8,
    InvalidValue,
    Letter,
    MessageTooLarge,
    Offer,
    OfferKind,
    PeerInfo,
    PeerMessage,
    Phase,
    PhaseReport,
    PhaseStart,
    PriorActs,
    Problem,
    ProblemCode,
    Reject,
    RejectReason,
    RuleCode,
    Stance,
    StringTooLong,
    TrailingBytes,
    Truncated,
    UnknownMessageType,
    UnsupportedVersion,
    WireError,
    encode,
)


@dataclass(frozen=True)
class Bad:
    name: str
    channel: str  # "control" or "peer"
    data: bytes
    error: type[WireError]
    field: str  # what the error's field must contain


def f64(value: float) -> bytes:
    return struct.pack("<d", value)


def patch(data: bytes, old: bytes, new: bytes) -> bytes:
    """`data` with its one occurrence of `old` replaced."""
    assert data.count(old) == 1, f"{old!r} occurs {data.count(old)} times"
    return data.replace(old, new)


def sid(text: str) -> bytes:
    raw = text.encode("utf-8")
    return struct.pack("<H", len(raw)) + raw


HELLO = encode(Hello("QQQ", 1, "tcp://e"))
ABORT = encode(Abort("stop"))
START = encode(PhaseStart(2, Phase.OBSERVE, 0, (), observation()))
REPORT = encode(PhaseReport(3, Phase.OBSERVE, 0))
OFFER = encode(PeerMessage(2, Phase.NEGOTIATE, 1,
                           Letter("FAR", "MDB", 9, Offer(OfferKind.BALANCE, "AGG"))))
ASSESS = encode(PeerMessage(2, Phase.ASSESS, 0, letters()[0]))
WELCOME = encode(welcome(inflation=3.0625))
COMMIT = encode(PhaseReport(3, Phase.COMMIT, 0, decision=Decision(
    Stance.BALANCE, "AGG", RuleCode.RANDOM, (0.25, 0.5), ()),
    commitments=(Commitment("MDB", OfferKind.BALANCE, "AGG", "FAR"),)))
RULE = b"\x03\x02\x00\x00\x00"  # rule 3 (random) and the count of its two numbers
PROBLEM = encode(PhaseReport(3, Phase.OBSERVE, 0, problems=(Problem(ProblemCode.FLOOD, "", 1, ""),)))


def reject(reason: RejectReason, state: str) -> bytes:
    return encode(PeerMessage(2, Phase.NEGOTIATE, 2, Letter("FAR", "MDB", 9, Reject(1, reason, state))))


def welcome_bytes(**changes: object) -> bytes:
    return encode(welcome(**changes))


def blocks(params: tuple[float, ...] = PARAMS.values(),
           threat: tuple[float, ...] = WEIGHTS.values()) -> bytes:
    """A Welcome whose `params` and `threat` arrays are these values, whatever they are."""
    data = encode(welcome())
    at = data.index(sid("walt") + struct.pack("<I", 12)) + len(sid("walt"))
    old = 4 + 8 * 12 + 4 + 8 * 6
    new = b"".join(struct.pack("<I", len(values)) + b"".join(map(f64, values))
                   for values in (params, threat))
    return data[:at] + new + data[at + old:]


def changed(values: tuple[float, ...], index: int, value: float) -> tuple[float, ...]:
    return values[:index] + (value,) + values[index + 1:]


def cases() -> tuple[Bad, ...]:
    big_abort = ABORT[:4] + bytes(4 * 1024 * 1024 - 3)
    return (
        Bad("too large", "control", big_abort, MessageTooLarge, "message"),
        Bad("three bytes", "control", ABORT[:3], Truncated, "header"),
        Bad("empty", "peer", b"", Truncated, "header"),
        Bad("bad magic", "control", b"EM" + ABORT[2:], BadMagic, "magic"),
        Bad("version 6", "control", ABORT[:2] + b"\x06" + ABORT[3:], UnsupportedVersion, "version"),
        Bad("version 8 peer", "peer", OFFER[:2] + b"\x08" + OFFER[3:], UnsupportedVersion, "version"),
        Bad("type 0", "control", ABORT[:3] + b"\x00" + ABORT[4:], UnknownMessageType, "type"),
        Bad("type 8", "control", ABORT[:3] + b"\x08" + ABORT[4:], UnknownMessageType, "type"),
        Bad("peer on control", "control", OFFER, UnknownMessageType, "type"),
        Bad("abort on peer", "peer", ABORT, UnknownMessageType, "type"),
        Bad("trailing byte", "control", ABORT + b"\x00", TrailingBytes, "message"),
        Bad("trailing peer", "peer", OFFER + b"\x00", TrailingBytes, "message"),
        Bad("string too long", "control", ABORT[:4] + struct.pack("<H", 4097) + b"a" * 4097,
            StringTooLong, "abort.reason"),
        Bad("invalid UTF-8", "control", patch(HELLO, sid("tcp://e"), b"\x07\x00tcp://\xff"),
            InvalidUTF8, "hello.endpoint"),
        Bad("overlong UTF-8", "control", ABORT[:4] + b"\x02\x00\xc0\x80", InvalidUTF8, "abort.reason"),
        Bad("surrogate in UTF-8", "control", ABORT[:4] + b"\x03\x00\xed\xa0\x80", InvalidUTF8,
            "abort.reason"),
        Bad("NaN", "control", patch(WELCOME, f64(3.0625), f64(math.nan)), InvalidValue,
            "welcome.inflation"),
        Bad("infinity", "peer", patch(ASSESS, f64(0.31), f64(math.inf)), InvalidValue, "score"),
        Bad("-infinity", "control", patch(START, f64(0.15), f64(-math.inf)), InvalidValue,
            "observation.own.power"),
        Bad("id with a space", "control", patch(HELLO, sid("QQQ"), sid("Q Q")), InvalidValue,
            "hello.state"),
        Bad("empty id", "control", patch(HELLO, sid("QQQ"), sid("")), InvalidValue, "hello.state"),
        Bad("id of 33", "control", patch(HELLO, sid("QQQ"), sid("Q" * 33)), InvalidValue,
            "hello.state"),
        Bad("non-ASCII id", "control", patch(HELLO, sid("QQQ"), sid("QÉ")), InvalidValue,
            "hello.state"),
        Bad("id not UTF-8", "control", patch(HELLO, sid("QQQ"), b"\x03\x00Q\xffQ"), InvalidValue,
            "hello.state"),
        Bad("bad sender id", "peer", patch(OFFER, sid("FAR"), sid("F.R")), InvalidValue,
            "letter.sender"),
        Bad("bad eliminated id", "control", patch(START, b"\x01\x00\x00\x00" + sid("WEK"),
                                                  b"\x01\x00\x00\x00" + sid("WEK!")),
            InvalidValue, "eliminated"),
        Bad("huge letters count", "control", REPORT[:8] + b"\xff\xff\xff\xff" + REPORT[12:],
            Truncated, "phaseReport.letters"),
        Bad("letters count one too many", "control", REPORT[:8] + b"\x02\x00\x00\x00" + REPORT[12:],
            Truncated, "phaseReport.letters"),
        Bad("huge seen count", "control",
            patch(START, b"\x02\x00\x00\x00" + sid("AGG") + f64(0.4),
                  b"\xff\xff\xff\x7f" + sid("AGG") + f64(0.4)),
            Truncated, "observation.seen"),
        Bad("huge states count", "control",
            patch(WELCOME, b"\x05\x00\x00\x00" + sid("AGG"), b"\x00\x00\x00\x01" + sid("AGG")),
            Truncated, "welcome.states"),
        Bad("bool byte 2", "control", START[:12] + b"\x02" + START[13:], InvalidValue,
            "phaseStart.hasObservation"),
        Bad("phase 0", "control", REPORT[:6] + b"\x00" + REPORT[7:], InvalidValue, "phase"),
        Bad("phase 5", "peer", OFFER[:6] + b"\x05" + OFFER[7:], InvalidValue, "phase"),
        Bad("letter kind 5", "peer", patch(OFFER, b"\x09\x00\x00\x00\x02", b"\x09\x00\x00\x00\x05"),
            InvalidValue, "kind"),
        Bad("offer kind 0", "peer", patch(OFFER, b"\x02\x01\x01", b"\x02\x00\x01"), InvalidValue,
            "kind"),
        Bad("offer kind 3", "peer", patch(OFFER, b"\x02\x01\x01", b"\x02\x03\x01"), InvalidValue,
            "kind"),
        Bad("commitment kind 0", "control", patch(COMMIT, sid("MDB") + b"\x01", sid("MDB") + b"\x00"),
            InvalidValue, "commitments[0].kind"),
        Bad("stance 3", "control", patch(COMMIT, b"\x01\x01" + sid("AGG") + RULE, b"\x03\x01" + sid("AGG") + RULE),
            InvalidValue, "decision.stance"),
        Bad("rule 8", "control", patch(COMMIT, sid("AGG") + RULE, sid("AGG") + b"\x08" + RULE[1:]),
            InvalidValue, "decision.rule"),
        Bad("rule numbers count", "control", patch(COMMIT, sid("AGG") + RULE, sid("AGG") + b"\x05" + RULE[1:]),
            InvalidValue, "decision.numbers"),
        Bad("problem code 0", "control", PROBLEM[:29] + b"\x00" + PROBLEM[30:], InvalidValue,
            "problems[0].code"),
        Bad("problem code 15", "control", PROBLEM[:29] + b"\x0f" + PROBLEM[30:], InvalidValue,
            "problems[0].code"),
        Bad("reject code 8", "peer", reject(RejectReason.NO_ROOM, "")[:-3] + b"\x08\x00\x00",
            InvalidValue, "reason"),
        Bad("reject state where none", "peer",
            reject(RejectReason.NO_ROOM, "")[:-2] + sid("AGG"), InvalidValue, "reason"),
        Bad("reject no state where one", "peer",
            reject(RejectReason.ALIGN_WITH, "AGG")[:-5] + sid(""), InvalidValue, "reason"),
        Bad("seen twice", "control", patch(START, sid("MDB") + f64(0.2), sid("AGG") + f64(0.2)),
            InvalidValue, "observation.seen"),
        *welcome_cases(),
        *beyond_the_document(),
    )


def beyond_the_document() -> tuple[Bad, ...]:
    """Refusals PROTOCOL.md does not state, or states otherwise, that the reference
    decoder makes (Sources/EntenteWire/ModelTypes+Wire.swift, Codec.swift): fields
    typed `string` or `opt string` in §3.5 that it reads as ids."""
    return (
        # §4 says a problem's sender is a plain string: it is an id, or empty.
        Bad("problem sender not an id", "control",
            encode(PhaseReport(3, Phase.OBSERVE, 0, problems=(
                Problem(ProblemCode.MALFORMED, "MDB", 1, ""),))).replace(sid("MDB"), sid("M D"), 1),
            InvalidValue, "problems[0].sender"),
        # §4 says a reject's reason state is a plain string: it is an id, or empty.
        Bad("reject state not an id", "peer",
            reject(RejectReason.ALIGN_WITH, "AGG")[:-5] + sid("A.G"), InvalidValue, "reasonState"),
        # §3.5 types an offer's aimedAt `opt string`: it is an `opt id`.
        Bad("offer aimed at no id", "peer", patch(OFFER, sid("AGG"), sid("")), InvalidValue,
            "aimedAt"),
        # §3.5 types a Decision's threat `opt string`: it is an `opt id`.
        Bad("decision threat not an id", "control", patch(COMMIT, b"\x01\x01" + sid("AGG") + RULE,
                                                          b"\x01\x01" + sid("AG G") + RULE),
            InvalidValue, "decision.threat"),
        # §3.5 types a Commitment's aimedAt `opt string`: it is an `opt id`.
        Bad("commitment aimed at no id", "control",
            patch(COMMIT, sid("AGG") + sid("FAR"), sid("AGG!") + sid("FAR")), InvalidValue,
            "commitments[0].aimedAt"),
    )


def welcome_cases() -> tuple[Bad, ...]:
    w = "control"
    peers = welcome().peers
    return (
        Bad("unknown policy", w, patch(WELCOME, sid("walt"), sid("wait")), InvalidValue,
            "welcome.policy"),
        Bad("11 params", w, blocks(params=PARAMS.values()[:11]), InvalidValue, "welcome.params"),
        Bad("13 params", w, blocks(params=PARAMS.values() + (0.5,)), InvalidValue, "welcome.params"),
        Bad("5 weights", w, blocks(threat=WEIGHTS.values()[:5]), InvalidValue, "welcome.threat"),
        Bad("max_allies 1.5", w, blocks(changed(PARAMS.values(), 7, 1.5)), InvalidValue,
            "welcome.params"),
        Bad("max_offers 1001", w, blocks(changed(PARAMS.values(), 6, 1001.0)), InvalidValue,
            "welcome.params"),
        Bad("trust 1.25", w, blocks(changed(PARAMS.values(), 8, 1.25)), InvalidValue,
            "welcome.params"),
        Bad("weak_ratio -0.5", w, blocks(changed(PARAMS.values(), 0, -0.5)), InvalidValue,
            "welcome.params"),
        Bad("param NaN", w, blocks(changed(PARAMS.values(), 1, math.nan)), InvalidValue,
            "welcome.params"),
        Bad("power_exponent 10.5", w, blocks(threat=changed(WEIGHTS.values(), 0, 10.5)),
            InvalidValue, "welcome.threat"),
        Bad("offense_weight 101", w, blocks(threat=changed(WEIGHTS.values(), 1, 101.0)),
            InvalidValue, "welcome.threat"),
        Bad("ally_discount 2", w, blocks(threat=changed(WEIGHTS.values(), 4, 2.0)), InvalidValue,
            "welcome.threat"),
        Bad("zero steps", w, welcome_bytes(negotiation_steps=0), InvalidValue,
            "welcome.negotiationSteps"),
        Bad("state twice", w, welcome_bytes(states=("AGG", "WEK", "MDA", "MDB", "FAR", "AGG")),
            InvalidValue, "welcome.states"),
        Bad("receiver not a state", w, welcome_bytes(states=("AGG", "WEK", "MDA", "MDB"),
                                                     peers=(), history=()),
            InvalidValue, "welcome.states"),
        Bad("peer twice", w, welcome_bytes(peers=(peers[0], peers[0])), InvalidValue, "welcome.peers"),
        Bad("peer itself", w, welcome_bytes(peers=(PeerInfo("FAR", "", 0.0, 0),)), InvalidValue,
            "welcome.peers"),
        Bad("peer unknown", w, welcome_bytes(peers=(PeerInfo("XYZ", "", 0.0, 0),)), InvalidValue,
            "welcome.peers"),
        Bad("loss 1.5", w, welcome_bytes(peers=(PeerInfo("MDB", "", 1.5, 0),)), InvalidValue,
            "welcome.peers"),
        Bad("inflation 101", w, welcome_bytes(inflation=101.0), InvalidValue, "welcome.inflation"),
        Bad("history twice", w, welcome_bytes(history=(PriorActs("AGG", 1.0),) * 2), InvalidValue,
            "welcome.history"),
        Bad("history itself", w, welcome_bytes(history=(PriorActs("FAR", 1.0),)), InvalidValue,
            "welcome.history"),
        Bad("history unknown", w, welcome_bytes(history=(PriorActs("XYZ", 1.0),)), InvalidValue,
            "welcome.history"),
        Bad("history acts", w, welcome_bytes(history=(PriorActs("AGG", 1e6 + 1),)), InvalidValue,
            "welcome.history"),
        Bad("history acts negative", w, welcome_bytes(history=(PriorActs("AGG", -1.0),)),
            InvalidValue, "welcome.history"),
    )
