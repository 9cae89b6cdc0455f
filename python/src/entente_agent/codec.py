"""Whole messages: `encode`, `decode_control` and `decode_peer` (PROTOCOL.md §3.1,
§3.3, §3.4), refusing as §4 says. Control and peer messages arrive on different
sockets, so each channel has its decoder, and each refuses the other's types.
"""

from __future__ import annotations

from .codes import MessageType, Phase, PolicyKind
from .errors import InvalidValue, UnknownMessageType
from .letter_codec import MIN_LETTER, read_letter, write_letter
from .messages import (
    Abort,
    ControlMessage,
    Finish,
    Hello,
    Message,
    PeerMessage,
    PhaseReport,
    PhaseStart,
    Ready,
    Welcome,
    message_type,
)
from .params import PolicyParameters, ThreatWeights
from .record_codec import (
    MIN_BORDER,
    MIN_COMMITMENT,
    MIN_EXPECTED,
    MIN_F64,
    MIN_PEER_INFO,
    MIN_PRIOR_ACTS,
    MIN_PROBLEM,
    MIN_REPORTED_THREAT,
    MIN_RANKED_THREAT,
    read_border,
    read_code,
    read_commitment,
    read_decision,
    read_expected,
    read_f64,
    read_ids,
    read_observation,
    read_peer_info,
    read_prior_acts,
    read_problem,
    read_reported_threat,
    read_threat_score,
    write_border,
    write_commitment,
    write_decision,
    write_expected,
    write_f64,
    write_ids,
    write_observation,
    write_peer_info,
    write_prior_acts,
    write_problem,
    write_reported_threat,
    write_threat_score,
)
from .welcome_checks import check_welcome
from .wire import Reader, Writer


def encode(message: Message) -> bytes:
    """The bytes of one message frame (§3.1): header, then the fields in order."""
    writer = Writer(message_type(message))
    if isinstance(message, Hello):
        writer.id(message.state, "hello.state")
        writer.u32(message.pid, "hello.pid")
        writer.string(message.endpoint, "hello.endpoint")
    elif isinstance(message, Welcome):
        _write_welcome(writer, message)
    elif isinstance(message, PhaseStart):
        _write_tag(writer, message.round, message.phase, message.step, "phaseStart")
        writer.array(message.expected, "phaseStart.expected", write_expected)
        writer.bool(message.observation is not None, "phaseStart.hasObservation")
        if message.observation is not None:
            write_observation(writer, message.observation, "phaseStart.observation")
    elif isinstance(message, PhaseReport):
        _write_report(writer, message)
    elif isinstance(message, Finish):
        writer.string(message.digest, "finish.digest")
    elif isinstance(message, Abort):
        writer.string(message.reason, "abort.reason")
    elif isinstance(message, Ready):
        pass
    else:
        _write_tag(writer, message.round, message.phase, message.step, "peerMessage")
        write_letter(writer, message.letter, "peerMessage.letter")
    return writer.getvalue()


def decode_control(data: bytes) -> ControlMessage:
    """A control message (types 1 to 7); a PeerMessage here is an unknown type (§4)."""
    reader = Reader(data)
    code = reader.header()
    message: ControlMessage
    if code == MessageType.HELLO:
        message = Hello(reader.id("hello.state"), reader.u32("hello.pid"),
                        reader.string("hello.endpoint"))
    elif code == MessageType.WELCOME:
        message = _read_welcome(reader)
    elif code == MessageType.PHASE_START:
        message = _read_phase_start(reader)
    elif code == MessageType.PHASE_REPORT:
        message = _read_report(reader)
    elif code == MessageType.FINISH:
        message = Finish(reader.string("finish.digest"))
    elif code == MessageType.ABORT:
        message = Abort(reader.string("abort.reason"))
    elif code == MessageType.READY:
        message = Ready()
    else:
        raise UnknownMessageType("type", f"{code} on the control channel")
    reader.finish()
    return message


def decode_peer(data: bytes) -> PeerMessage:
    """A peer message (type 16 only, §3.4)."""
    reader = Reader(data)
    code = reader.header()
    if code != MessageType.PEER_MESSAGE:
        raise UnknownMessageType("type", f"{code} on the peer channel")
    round_, phase, step = _read_tag(reader, "peerMessage")
    message = PeerMessage(round_, phase, step, read_letter(reader, "peerMessage.letter"))
    reader.finish()
    return message


def _read_tag(reader: Reader, field: str) -> tuple[int, Phase, int]:
    return (reader.u16(f"{field}.round"), read_code(reader, Phase, f"{field}.phase"),
            reader.u8(f"{field}.step"))


def _write_tag(writer: Writer, round_: int, phase: Phase, step: int, field: str) -> None:
    writer.u16(round_, f"{field}.round")
    writer.u8(phase, f"{field}.phase")
    writer.u8(step, f"{field}.step")


def _read_phase_start(reader: Reader) -> PhaseStart:
    round_, phase, step = _read_tag(reader, "phaseStart")
    expected = reader.array("phaseStart.expected", MIN_EXPECTED, read_expected)
    has_observation = reader.bool("phaseStart.hasObservation")
    observation = read_observation(reader, "phaseStart.observation") if has_observation else None
    return PhaseStart(round_, phase, step, expected, observation)


def _read_report(reader: Reader) -> PhaseReport:
    round_, phase, step = _read_tag(reader, "phaseReport")
    letters = reader.array("phaseReport.letters", MIN_LETTER, read_letter)
    belief = reader.array("phaseReport.belief", MIN_REPORTED_THREAT, read_reported_threat)
    has_decision = reader.bool("phaseReport.hasDecision")
    decision = read_decision(reader, "phaseReport.decision") if has_decision else None
    ranking = reader.array("phaseReport.ranking", MIN_RANKED_THREAT, read_threat_score)
    commitments = reader.array("phaseReport.commitments", MIN_COMMITMENT, read_commitment)
    problems = reader.array("phaseReport.problems", MIN_PROBLEM, read_problem)
    return PhaseReport(round_, phase, step, letters, belief, decision, ranking, commitments,
                       problems)


def _write_report(writer: Writer, message: PhaseReport) -> None:
    _write_tag(writer, message.round, message.phase, message.step, "phaseReport")
    writer.array(message.letters, "phaseReport.letters", write_letter)
    writer.array(message.belief, "phaseReport.belief", write_reported_threat)
    writer.bool(message.decision is not None, "phaseReport.hasDecision")
    if message.decision is not None:
        write_decision(writer, message.decision, "phaseReport.decision")
    writer.array(message.ranking, "phaseReport.ranking", write_threat_score)
    writer.array(message.commitments, "phaseReport.commitments", write_commitment)
    writer.array(message.problems, "phaseReport.problems", write_problem)


def _read_welcome(reader: Reader) -> Welcome:
    run_id = reader.string("welcome.runID")
    state = reader.id("welcome.state")
    seed = reader.u64("welcome.seed")
    rounds = reader.u16("welcome.rounds")
    steps = reader.u8("welcome.negotiationSteps")
    timeout = reader.u32("welcome.phaseTimeoutMs")
    policy_name = reader.string("welcome.policy")
    try:
        policy = PolicyKind(policy_name)
    except ValueError:
        raise InvalidValue("welcome.policy", f"unknown policy {policy_name!r}") from None
    params = PolicyParameters.from_values(
        reader.array("welcome.params", MIN_F64, read_f64), "welcome.params")
    threat = ThreatWeights.from_values(
        reader.array("welcome.threat", MIN_F64, read_f64), "welcome.threat")
    welcome = Welcome(
        run_id, state, seed, rounds, steps, timeout, policy, params, threat,
        war_decisiveness=reader.f64("welcome.warDecisiveness"),
        hop_decay=reader.f64("welcome.hopDecay"),
        proximity_floor=reader.f64("welcome.proximityFloor"),
        states=read_ids(reader, "welcome.states"),
        borders=reader.array("welcome.borders", MIN_BORDER, read_border),
        peers=reader.array("welcome.peers", MIN_PEER_INFO, read_peer_info),
        inflation=reader.f64("welcome.inflation"),
        report_ranking=reader.bool("welcome.reportRanking"),
        history=reader.array("welcome.history", MIN_PRIOR_ACTS, read_prior_acts),
    )
    check_welcome(welcome)
    return welcome


def _write_welcome(writer: Writer, message: Welcome) -> None:
    writer.string(message.run_id, "welcome.runID")
    writer.id(message.state, "welcome.state")
    writer.u64(message.seed, "welcome.seed")
    writer.u16(message.rounds, "welcome.rounds")
    writer.u8(message.negotiation_steps, "welcome.negotiationSteps")
    writer.u32(message.phase_timeout_ms, "welcome.phaseTimeoutMs")
    writer.string(message.policy.value, "welcome.policy")
    writer.array(message.params.values(), "welcome.params", write_f64)
    writer.array(message.threat.values(), "welcome.threat", write_f64)
    writer.f64(message.war_decisiveness, "welcome.warDecisiveness")
    writer.f64(message.hop_decay, "welcome.hopDecay")
    writer.f64(message.proximity_floor, "welcome.proximityFloor")
    write_ids(writer, message.states, "welcome.states")
    writer.array(message.borders, "welcome.borders", write_border)
    writer.array(message.peers, "welcome.peers", write_peer_info)
    writer.f64(message.inflation, "welcome.inflation")
    writer.bool(message.report_ranking, "welcome.reportRanking")
    writer.array(message.history, "welcome.history", write_prior_acts)
