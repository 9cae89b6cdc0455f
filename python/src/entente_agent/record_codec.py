"""Reading and writing the nested records (PROTOCOL.md §3.5), with the
checks §4 makes on them. Each `read_X` takes the field path used in errors.

`MIN_X` is the smallest encoding of an X (every string empty), what §4's array
check multiplies an array count by before anything is allocated.
"""

from __future__ import annotations

import struct
from enum import IntEnum
from typing import TypeVar

from .codes import OfferKind, ProblemCode, RuleCode, Stance
from .errors import InvalidValue
from .records import (
    Alliance,
    Attributes,
    Border,
    Commitment,
    Decision,
    Estimate,
    ExpectedLetters,
    Observation,
    PeerInfo,
    PriorActs,
    Problem,
    ReportedThreat,
    SeenState,
    ThreatScore,
    War,
)
from .wire import Reader, Writer

E = TypeVar("E", bound=IntEnum)

MIN_STRING = 2
MIN_F64 = 8
MIN_U32 = 4
MIN_ATTRIBUTES = 3 * MIN_F64
MIN_ESTIMATE = MIN_ATTRIBUTES + MIN_F64
MIN_REPORTED_THREAT = MIN_STRING + MIN_F64 + MIN_ESTIMATE
MIN_THREAT_SCORE = MIN_STRING + 4 * MIN_F64
# The reference decoder counts a ranked threat's target as at least one byte, a
# Decision's not; both bounds refuse only what cannot fit.
MIN_RANKED_THREAT = MIN_THREAT_SCORE + 1
MIN_COMMITMENT = MIN_STRING + 1 + 1 + MIN_STRING
MIN_SEEN = MIN_STRING + MIN_ESTIMATE
MIN_ALLIANCE = MIN_U32 + 1
MIN_WAR = 2 * MIN_U32
MIN_BORDER = 2 * MIN_STRING + MIN_F64
MIN_PEER_INFO = 2 * MIN_STRING + MIN_F64 + 2
MIN_PRIOR_ACTS = MIN_STRING + MIN_F64
MIN_EXPECTED = MIN_STRING + MIN_U32
MIN_PROBLEM = 1 + MIN_STRING + MIN_U32 + MIN_STRING


def read_code(reader: Reader, enum: type[E], field: str) -> E:
    """A u8 code of one of §3.6's tables; an unknown code is an invalid value."""
    value = reader.u8(field)
    try:
        return enum(value)
    except ValueError:
        raise InvalidValue(field, f"unknown {enum.__name__} code {value}") from None


def read_id(reader: Reader, field: str) -> str:
    return reader.id(field)


def write_id(writer: Writer, value: str, field: str) -> None:
    writer.id(value, field)


def read_f64(reader: Reader, field: str) -> float:
    return reader.f64(field)


def write_f64(writer: Writer, value: float, field: str) -> None:
    writer.f64(value, field)


def read_u32(reader: Reader, field: str) -> int:
    return reader.u32(field)


def write_u32(writer: Writer, value: int, field: str) -> None:
    writer.u32(value, field)


def read_ids(reader: Reader, field: str) -> tuple[str, ...]:
    return reader.array(field, MIN_STRING, read_id)


def write_ids(writer: Writer, values: tuple[str, ...], field: str) -> None:
    writer.array(values, field, write_id)


# The hottest records read and write their run of f64s in one struct call; the field by
# field path below each is taken only to name the field of an error.
_F3, _F4, _F5 = (struct.Struct(f"<{n}d") for n in (3, 4, 5))


def read_attributes(r: Reader, field: str) -> Attributes:
    v = r.floats(_F3)
    if v is not None:
        return Attributes(*v)
    return Attributes(r.f64(f"{field}.power"), r.f64(f"{field}.offense"),
                      r.f64(f"{field}.aggressiveness"))


def write_attributes(w: Writer, value: Attributes, field: str) -> None:
    w.f64(value.power, f"{field}.power")
    w.f64(value.offense, f"{field}.offense")
    w.f64(value.aggressiveness, f"{field}.aggressiveness")


def read_estimate(r: Reader, field: str) -> Estimate:
    v = r.floats(_F4)
    if v is not None:
        return Estimate(Attributes(v[0], v[1], v[2]), v[3])
    return Estimate(read_attributes(r, field), r.f64(f"{field}.confidence"))


def write_estimate(w: Writer, value: Estimate, field: str) -> None:
    a = value.attributes
    if not w.floats(_F4, (a.power, a.offense, a.aggressiveness, value.confidence)):
        write_attributes(w, value.attributes, field)
        w.f64(value.confidence, f"{field}.confidence")


def read_reported_threat(r: Reader, field: str) -> ReportedThreat:
    target = r.id(f"{field}.target")
    v = r.floats(_F5)
    if v is not None:
        return ReportedThreat(target, v[0], Estimate(Attributes(v[1], v[2], v[3]), v[4]))
    return ReportedThreat(target, r.f64(f"{field}.score"), read_estimate(r, f"{field}.estimate"))


def write_reported_threat(w: Writer, value: ReportedThreat, field: str) -> None:
    w.id(value.target, f"{field}.target")
    e = value.estimate
    a = e.attributes
    if not w.floats(_F5, (value.score, a.power, a.offense, a.aggressiveness, e.confidence)):
        w.f64(value.score, f"{field}.score")
        write_estimate(w, value.estimate, f"{field}.estimate")


def read_threat_score(r: Reader, field: str) -> ThreatScore:
    return ThreatScore(r.id(f"{field}.target"), r.f64(f"{field}.power"),
                       r.f64(f"{field}.proximity"), r.f64(f"{field}.offense"),
                       r.f64(f"{field}.intent"))


def write_threat_score(w: Writer, value: ThreatScore, field: str) -> None:
    w.id(value.target, f"{field}.target")
    if not w.floats(_F4, (value.power, value.proximity, value.offense, value.intent)):
        for name in ("power", "proximity", "offense", "intent"):
            w.f64(getattr(value, name), f"{field}.{name}")


def read_decision(r: Reader, field: str) -> Decision:
    stance = read_code(r, Stance, f"{field}.stance")
    threat = r.opt_id(f"{field}.threat")
    rule = read_code(r, RuleCode, f"{field}.rule")
    numbers = r.array(f"{field}.numbers", MIN_F64, read_f64)
    if len(numbers) not in rule.number_counts:
        raise InvalidValue(f"{field}.numbers", f"{len(numbers)} numbers for rule {rule.label}")
    threats = r.array(f"{field}.threats", MIN_THREAT_SCORE, read_threat_score)
    return Decision(stance, threat, rule, numbers, threats)


def write_decision(w: Writer, value: Decision, field: str) -> None:
    w.u8(value.stance, f"{field}.stance")
    w.opt_id(value.threat, f"{field}.threat")
    w.u8(value.rule, f"{field}.rule")
    w.array(value.numbers, f"{field}.numbers", write_f64)
    w.array(value.threats, f"{field}.threats", write_threat_score)


def read_commitment(r: Reader, field: str) -> Commitment:
    return Commitment(r.id(f"{field}.partner"), read_code(r, OfferKind, f"{field}.kind"),
                      r.opt_id(f"{field}.aimedAt"), r.id(f"{field}.offeredBy"))


def write_commitment(w: Writer, value: Commitment, field: str) -> None:
    w.id(value.partner, f"{field}.partner")
    w.u8(value.kind, f"{field}.kind")
    w.opt_id(value.aimed_at, f"{field}.aimedAt")
    w.id(value.offered_by, f"{field}.offeredBy")


def read_seen(r: Reader, field: str) -> SeenState:
    return SeenState(r.id(f"{field}.id"), read_estimate(r, f"{field}.estimate"))


def write_seen(w: Writer, value: SeenState, field: str) -> None:
    w.id(value.id, f"{field}.id")
    write_estimate(w, value.estimate, f"{field}.estimate")


def read_alliance(r: Reader, field: str) -> Alliance:
    return Alliance(read_ids(r, f"{field}.members"), r.opt_id(f"{field}.target"))


def write_alliance(w: Writer, value: Alliance, field: str) -> None:
    write_ids(w, value.members, f"{field}.members")
    w.opt_id(value.target, f"{field}.target")


def read_war(r: Reader, field: str) -> War:
    return War(read_ids(r, f"{field}.attackers"), read_ids(r, f"{field}.defenders"))


def write_war(w: Writer, value: War, field: str) -> None:
    write_ids(w, value.attackers, f"{field}.attackers")
    write_ids(w, value.defenders, f"{field}.defenders")


def read_observation(r: Reader, field: str) -> Observation:
    round_ = r.u16(f"{field}.round")
    own = read_attributes(r, f"{field}.own")
    seen = r.array(f"{field}.seen", MIN_SEEN, read_seen)
    if len({entry.id for entry in seen}) != len(seen):
        raise InvalidValue(f"{field}.seen", "an id twice")
    alliances = r.array(f"{field}.alliances", MIN_ALLIANCE, read_alliance)
    wars = r.array(f"{field}.wars", MIN_WAR, read_war)
    eliminated = read_ids(r, f"{field}.eliminated")
    return Observation(round_, own, seen, alliances, wars, eliminated)


def write_observation(w: Writer, value: Observation, field: str) -> None:
    w.u16(value.round, f"{field}.round")
    write_attributes(w, value.own, f"{field}.own")
    w.array(value.seen, f"{field}.seen", write_seen)
    w.array(value.alliances, f"{field}.alliances", write_alliance)
    w.array(value.wars, f"{field}.wars", write_war)
    write_ids(w, value.eliminated, f"{field}.eliminated")


def read_border(r: Reader, field: str) -> Border:
    return Border(r.id(f"{field}.a"), r.id(f"{field}.b"), r.f64(f"{field}.proximity"))


def write_border(w: Writer, value: Border, field: str) -> None:
    w.id(value.a, f"{field}.a")
    w.id(value.b, f"{field}.b")
    w.f64(value.proximity, f"{field}.proximity")


def read_peer_info(r: Reader, field: str) -> PeerInfo:
    return PeerInfo(r.id(f"{field}.id"), r.string(f"{field}.endpoint"),
                    r.f64(f"{field}.loss"), r.u16(f"{field}.delay"))


def write_peer_info(w: Writer, value: PeerInfo, field: str) -> None:
    w.id(value.id, f"{field}.id")
    w.string(value.endpoint, f"{field}.endpoint")
    w.f64(value.loss, f"{field}.loss")
    w.u16(value.delay, f"{field}.delay")


def read_prior_acts(r: Reader, field: str) -> PriorActs:
    return PriorActs(r.id(f"{field}.actor"), r.f64(f"{field}.acts"))


def write_prior_acts(w: Writer, value: PriorActs, field: str) -> None:
    w.id(value.actor, f"{field}.actor")
    w.f64(value.acts, f"{field}.acts")


def read_expected(r: Reader, field: str) -> ExpectedLetters:
    return ExpectedLetters(r.id(f"{field}.sender"), r.array(f"{field}.seqs", MIN_U32, read_u32))


def write_expected(w: Writer, value: ExpectedLetters, field: str) -> None:
    w.id(value.sender, f"{field}.sender")
    w.array(value.seqs, f"{field}.seqs", write_u32)


def read_problem(r: Reader, field: str) -> Problem:
    return Problem(read_code(r, ProblemCode, f"{field}.code"), r.id_or_empty(f"{field}.sender"),
                   r.u32(f"{field}.count"), r.string(f"{field}.detail"))


def write_problem(w: Writer, value: Problem, field: str) -> None:
    w.u8(value.code, f"{field}.code")
    w.id_or_empty(value.sender, f"{field}.sender")
    w.u32(value.count, f"{field}.count")
    w.string(value.detail, f"{field}.detail")
