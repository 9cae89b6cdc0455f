"""Messages built in Python that between them use every message type, record, letter
kind, code and optional field of PROTOCOL.md §3, for round trips here and for the
reference decoder to accept (test_swift_agreement.py)."""

from __future__ import annotations

from dataclasses import replace

from entente_agent import (
    Abort,
    Accept,
    Alliance,
    Assessment,
    Attributes,
    Border,
    Commitment,
    Decision,
    Estimate,
    ExpectedLetters,
    Finish,
    Hello,
    Letter,
    Message,
    Observation,
    Offer,
    OfferKind,
    PeerInfo,
    PeerMessage,
    Phase,
    PhaseReport,
    PhaseStart,
    PolicyKind,
    PolicyParameters,
    PriorActs,
    Problem,
    ProblemCode,
    Ready,
    Reject,
    RejectReason,
    ReportedThreat,
    RuleCode,
    SeenState,
    Stance,
    ThreatScore,
    ThreatWeights,
    War,
    Welcome,
)

STATES = ("AGG", "WEK", "MDA", "MDB", "FAR")
PARAMS = PolicyParameters(0.5, 1.0, 0.75, 0.8, 1.0, 0.01, 2.0, 4.0, 0.5, 1.0, 3.0, 0.5)
WEIGHTS = ThreatWeights(1.0, 1.0, 0.5, 1.0, 0.5, 0.25)
ESTIMATE = Estimate(Attributes(0.4, 0.8, 0.8), 0.9)
THREAT = ReportedThreat("AGG", 0.31, ESTIMATE)
SCORE = ThreatScore("AGG", 0.4, 1.0, 1.8, 1.3)

# The numbers each rule carries (§3.6), one count each.
RULE_NUMBERS: dict[RuleCode, tuple[float, ...]] = {
    RuleCode.NO_THREAT: (0.01,),
    RuleCode.ALWAYS_BALANCE: (),
    RuleCode.ALWAYS_BANDWAGON: (),
    RuleCode.RANDOM: (0.25, 0.5),
    RuleCode.WAR_VICTOR: (0.9, 0.8),
    RuleCode.WEAK_NEAR_ALONE: (0.125, 0.5, 0.4, 1.0, 0.75),
    RuleCode.WALT_BALANCE: (1.5, 0.5, 1.25, 1.0, 0.75),
}
RULE_STANCES = {RuleCode.NO_THREAT: Stance.NONE, RuleCode.ALWAYS_BANDWAGON: Stance.BANDWAGON,
                RuleCode.WEAK_NEAR_ALONE: Stance.BANDWAGON, RuleCode.WAR_VICTOR: Stance.BANDWAGON}


def welcome(**changes: object) -> Welcome:
    """FAR's Welcome with a dispute history; `changes` replace fields."""
    fields: dict[str, object] = dict(
        run_id="cap2", state="FAR", seed=7, rounds=3, negotiation_steps=2,
        phase_timeout_ms=20000, policy=PolicyKind.WALT, params=PARAMS, threat=WEIGHTS,
        war_decisiveness=2.0, hop_decay=0.5, proximity_floor=0.05, states=STATES,
        borders=(Border("AGG", "WEK", 1.0), Border("MDB", "FAR", 0.9)),
        peers=(PeerInfo("MDB", "ipc:///tmp/entente-x/MDB", 0.25, 1),
               PeerInfo("MDA", "", 0.0, 0)),
        inflation=2.0, report_ranking=True,
        history=(PriorActs("AGG", 3.5), PriorActs("MDB", 1.0)),
    )
    fields.update(changes)
    return Welcome(**fields)  # type: ignore[arg-type]


def observation() -> Observation:
    return Observation(
        round=2, own=Attributes(0.15, 0.3, 0.2),
        seen=(SeenState("AGG", ESTIMATE), SeenState("MDB", Estimate(Attributes(0.2, 0.4, 0.3), 0.5))),
        alliances=(Alliance(("MDA", "MDB"), "AGG"), Alliance(("AGG", "WEK"), None)),
        wars=(War(("AGG", "WEK"), ("MDA", "MDB", "FAR")),),
        eliminated=("WEK",),
    )


def letters() -> tuple[Letter, ...]:
    """One letter of every kind, offers of both kinds, and a reject of every reason."""
    out = [
        Letter("FAR", "MDB", 0, Assessment((THREAT, ReportedThreat("MDA", 0.0, ESTIMATE)))),
        Letter("FAR", "MDB", 1, Assessment(())),
        Letter("FAR", "MDB", 2, Offer(OfferKind.BALANCE, "AGG")),
        Letter("FAR", "MDB", 3, Offer(OfferKind.BALANCE, None)),
        Letter("FAR", "AGG", 4, Offer(OfferKind.BANDWAGON, None)),
        Letter("FAR", "MDB", 5, Accept(4_000_000_000)),
    ]
    for seq, reason in enumerate(RejectReason, start=6):
        state = "AGG" if reason.names_state else ""
        out.append(Letter("FAR", "MDB", seq, Reject(seq - 1, reason, state)))
    return tuple(out)


def decisions() -> tuple[Decision, ...]:
    return tuple(
        Decision(RULE_STANCES.get(rule, Stance.BALANCE),
                 None if rule is RuleCode.NO_THREAT else "AGG", rule, numbers, (SCORE,))
        for rule, numbers in RULE_NUMBERS.items()
    ) + (Decision(Stance.NONE, None, RuleCode.NO_THREAT, (0.01, 0.005), ()),)


def problems() -> tuple[Problem, ...]:
    return tuple(
        Problem(code, "" if code in (ProblemCode.FRAMES, ProblemCode.OVERFLOW) else "MDB",
                index + 1, "" if index % 2 else f"detail of {code.label} ✓")
        for index, code in enumerate(ProblemCode)
    )


def control_messages() -> tuple[Message, ...]:
    return (
        Hello("FAR", 4242, "tcp://127.0.0.1:40001"),
        welcome(),
        welcome(history=(), peers=(), report_ranking=False, inflation=1.0, policy=PolicyKind.RANDOM),
        PhaseStart(2, Phase.OBSERVE, 0, (), observation()),
        PhaseStart(2, Phase.NEGOTIATE, 1, (ExpectedLetters("MDA", (3, 9)), ExpectedLetters("MDB", ())), None),
        PhaseReport(2, Phase.ASSESS, 0, letters=letters()[:2], belief=(THREAT,)),
        PhaseReport(2, Phase.NEGOTIATE, 1, letters=letters()),
        *(PhaseReport(2, Phase.COMMIT, 0, decision=d, ranking=(SCORE, SCORE),
                      commitments=(Commitment("MDB", OfferKind.BALANCE, "AGG", "FAR"),
                                   Commitment("AGG", OfferKind.BANDWAGON, None, "AGG")))
          for d in decisions()),
        PhaseReport(3, Phase.OBSERVE, 0, problems=problems()),
        Finish("ab" * 32),
        Abort("a reason with words ✓"),
        Abort(""),
        Ready(),
    )


def peer_messages() -> tuple[PeerMessage, ...]:
    return tuple(
        PeerMessage(2, Phase.ASSESS if letter.seq < 2 else Phase.NEGOTIATE,
                    0 if letter.seq < 2 else 2, letter)
        for letter in letters()
    )


def accepted_oddities() -> tuple[Message, ...]:
    """Messages that break what §3 says a field holds, but that no decoder check of
    §4 refuses; the reference decoder accepts them too (test_swift_agreement.py)."""
    seen_unsorted = Observation(1, Attributes(0.1, 0.1, 0.1),
                                (SeenState("MDB", ESTIMATE), SeenState("AGG", ESTIMATE)), (), (), ())
    return (
        # §3.5 says `seen` is sorted by id; only an id twice is refused.
        PhaseStart(1, Phase.OBSERVE, 0, (), seen_unsorted),
        # §3.3: an observation "in the observe phase only", a step "1 … k for negotiate,
        # 0 otherwise", `expected` "sorted by sender": none is checked.
        PhaseStart(1, Phase.COMMIT, 9, (ExpectedLetters("MDB", (5, 1)), ExpectedLetters("AGG", ())),
                   observation()),
        # An alliance is "its pair", but any count of members decodes.
        PhaseStart(1, Phase.OBSERVE, 0, (), Observation(1, Attributes(0.1, 0.1, 0.1), (),
                   (Alliance(("AGG", "MDA", "MDB"), None), Alliance((), "AGG")), (), ())),
        # A rule's stance (§3.6) is not checked against the Decision's stance.
        PhaseReport(1, Phase.COMMIT, 0, decision=Decision(
            Stance.NONE, "AGG", RuleCode.WALT_BALANCE, RULE_NUMBERS[RuleCode.WALT_BALANCE], ())),
        # Borders may name states not in `states`; hopDecay and proximityFloor have no range.
        welcome(borders=(Border("XYZ", "ABC", 7.5),), hop_decay=5.0, proximity_floor=-1.0,
                war_decisiveness=-3.0),
        # Edges of the parameter ranges: a count of -0.0, a huge non-negative ratio.
        welcome(params=replace(PARAMS, max_offers=-0.0, weak_ratio=1e308, trust=5e-324),
                threat=replace(WEIGHTS, power_exponent=10.0, offense_weight=100.0)),
        # A digest is "64 lowercase hex characters", but any string decodes.
        Finish("not a digest"),
        # Letters are for assess and negotiate (§3.4), but any phase decodes.
        PeerMessage(1, Phase.OBSERVE, 7, Letter("FAR", "FAR", 0, Accept(0))),
    )
