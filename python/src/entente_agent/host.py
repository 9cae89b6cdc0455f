"""A state's agent behind the wire protocol (the reference's `StateHost`): a phase start
and the letters of the previous phase in; the messages to send and the report out."""

from __future__ import annotations

from .agent import Agent
from .codes import Phase, ProblemCode
from .letters import Letter
from .messages import PeerMessage, PhaseReport, PhaseStart, Welcome
from .policy import Policy
from .records import Commitment, Decision, PeerInfo, Problem, ReportedThreat, ThreatScore
from .rng import SeededRandom
from .tally import ProblemTally


def phase_index(phase: Phase, step: int, negotiation_steps: int) -> int:
    """The phase's place in a round: observe 0, assess 1, negotiate step s at 1 + s, commit
    at steps + 2. A letter sent at p is read at p + 1 at the earliest."""
    if phase is Phase.OBSERVE:
        return 0
    if phase is Phase.ASSESS:
        return 1
    if phase is Phase.NEGOTIATE:
        return 1 + step
    return negotiation_steps + 2


def is_due(letter: Letter, round_: int, sent_at: int, negotiation_steps: int, channel: PeerInfo, seed: int) -> bool:
    """Whether the channel delivers the letter before the round's commit phase. A seeded
    draw per (sender, receiver, round, seq) loses it; the sender, the coordinator and the
    reference engine draw the same, so none waits for a letter never sent (PROTOCOL.md §2.3)."""
    if channel.loss > 0:
        draw = SeededRandom(seed, "loss", (letter.sender, letter.receiver, str(round_), str(letter.seq))).uniform()
        if draw < channel.loss:
            return False
    due = sent_at + 1 + channel.delay
    return due <= phase_index(Phase.COMMIT, 0, negotiation_steps)


class StateHost:
    def __init__(self, welcome: Welcome, policy: Policy) -> None:
        self.welcome = welcome
        self.agent = Agent(welcome, policy)
        self.channels = {p.id: p for p in welcome.peers}

    def handle(self, start: PhaseStart, inbox: list[Letter],
               problems: tuple[Problem, ...] = ()) -> tuple[list[PeerMessage], PhaseReport]:
        """Runs one phase. The report keeps every letter; the channel loses some, and what
        would arrive after commit is not sent at all."""
        tally = ProblemTally()
        for p in problems:
            tally.add(p)
        letters: list[Letter] = []
        belief: tuple[ReportedThreat, ...] = ()
        decision: Decision | None = None
        commitments: tuple[Commitment, ...] = ()
        ranking: tuple[ThreatScore, ...] = ()
        if start.phase is Phase.OBSERVE:
            if start.observation is not None:
                self.agent.observe(start.observation)
            else:
                tally.add(Problem(ProblemCode.UNEXPECTED, "", 1, "an observe phase without an observation"))
        elif start.phase is Phase.ASSESS:
            letters, belief = self.agent.assess()
        elif start.phase is Phase.NEGOTIATE:
            letters = self.agent.negotiate(start.step, inbox)
        else:
            decision, commitments = self.agent.commit(inbox)
            if self.welcome.report_ranking and decision is not None:
                ranking = tuple(self.agent.perceived_threats())
        report = PhaseReport(start.round, start.phase, start.step, tuple(letters), belief, decision, ranking,
                             commitments, tally.take())
        steps = self.welcome.negotiation_steps
        index = phase_index(start.phase, start.step, steps)
        out = [PeerMessage(start.round, start.phase, start.step, m) for m in letters
               if m.receiver in self.channels
               and is_due(m, start.round, index, steps, self.channels[m.receiver], self.welcome.seed)]
        return out, report
