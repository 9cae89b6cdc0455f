"""The mind of one state over a round (the reference's `Agent`): what it believes, what
it tells its peers, what it offers and accepts. The policy makes the choices; this keeps
the state's memory between phases."""

from __future__ import annotations

from .beliefs import Beliefs
from .codes import PolicyKind
from .geography import Geography
from .letters import Assessment, Letter
from .messages import Welcome
from .negotiator import Negotiator
from .policy import Policy
from .records import Alliance, Commitment, Decision, Observation, ReportedThreat, ThreatScore
from .rng import SeededRandom
from .threat import HostilityRecord, ThreatLens, main_threats
from .view import AssessView, RoundView


class Agent:
    def __init__(self, welcome: Welcome, policy: Policy) -> None:
        self.welcome = welcome
        self.policy = policy
        self.me = welcome.state
        self.params = welcome.params
        self.peers = tuple(p.id for p in welcome.peers)
        self.geography = Geography(welcome.states, welcome.borders, welcome.hop_decay, welcome.proximity_floor)
        self.beliefs = Beliefs()
        self.hostility = HostilityRecord({h.actor: h.acts for h in welcome.history if h.acts > 0})
        self.observation: Observation | None = None
        self.negotiator: Negotiator | None = None
        self.next_seq = 0
        self.eliminated: set[str] = set()
        self.allies: set[str] = set()
        self.standing: set[Alliance] = set()
        self.lens = self._lens()
        """How this state scores threats; made anew when an observation changes its allies."""

    @property
    def is_eliminated(self) -> bool:
        return self.me in self.eliminated

    def _lens(self) -> ThreatLens:
        return ThreatLens(self.me, self.hostility, frozenset(self.allies), self.geography, self.welcome.threat)

    def observe(self, o: Observation) -> None:
        """observe: take in the round's private observation."""
        self.observation = o
        self.eliminated = set(o.eliminated)
        self.allies = {m for a in o.alliances if self.me in a.members for m in a.members} - {self.me}
        self.lens = self._lens()
        # A coalition against me is seen the round after it formed: new in this observation.
        for a in o.alliances:
            if a.target == self.me and a not in self.standing:
                self.hostility.record_coalition(a.members, self.me, self.me)
        self.standing = set(o.alliances)
        # Each war is public in exactly one observation: the round after it started.
        for war in o.wars:
            if war.attackers and war.defenders:
                self.hostility.record_war(war.attackers[0], war.defenders[0], self.me, self.allies, self.geography)
        self.beliefs.observe({s.id: s.estimate for s in o.seen}, self.eliminated)
        self.negotiator = None

    def perceived_threats(self) -> list[ThreatScore]:
        """The threats as the state now sees them, highest first."""
        attributes = {k: a for k, a in self.beliefs.attributes.items() if k not in self.eliminated}
        return self.lens.ranked(attributes)

    def live_peers(self) -> list[str]:
        return [p for p in self.peers if p not in self.eliminated]

    def assess(self) -> tuple[list[Letter], tuple[ReportedThreat, ...]]:
        """assess: tell every live peer; returns the letters and the honest belief (logged)."""
        if self.is_eliminated:
            return [], ()
        view = AssessView(self.me, self.observation.round if self.observation else 0, self.params,
                          tuple(self.perceived_threats()), dict(self.beliefs.estimates),
                          self.welcome.inflation, self.lens.threat)
        belief = view.belief()
        body = Assessment(tuple(self.policy.assessment(view)))
        letters = []
        for peer in self.live_peers():
            letters.append(Letter(self.me, peer, self.next_seq, body))
            self.next_seq += 1
        return letters, belief

    def negotiate(self, step: int, inbox: list[Letter]) -> list[Letter]:
        """negotiate: the first step fuses the peers' assessments and decides the stance;
        every step answers offers and makes new ones."""
        o = self.observation
        if self.is_eliminated or o is None:
            return []
        inbox = self.accepted(inbox)
        if self.negotiator is None:
            view = self.round_view(o, inbox)
            self.negotiator = Negotiator(self.policy, view, self.policy.decide(view))
        out, self.next_seq = self.negotiator.step(inbox, True, self.next_seq)
        return out

    def commit(self, inbox: list[Letter]) -> tuple[Decision | None, tuple[Commitment, ...]]:
        """commit: answer the last offers by committing; list every alliance consented to."""
        n = self.negotiator
        if self.is_eliminated or n is None:
            return None, ()
        _, self.next_seq = n.step(self.accepted(inbox), False, self.next_seq)
        seen: set[str] = set()
        unique = []
        for c in n.commitments():
            if c.partner not in seen:
                seen.add(c.partner)
                unique.append(c)
        top = n.view.threats[: int(self.params.assessment_size)]
        decision = Decision(n.choice.stance, n.choice.threat, n.choice.rule, tuple(n.choice.numbers), tuple(top))
        return decision, tuple(unique)

    def accepted(self, inbox: list[Letter]) -> list[Letter]:
        """Letters from anyone but this state's peers are ignored; canonical order."""
        allowed = set(self.peers)
        kept = [m for m in inbox if m.sender in allowed and m.receiver == self.me]
        return sorted(kept, key=lambda m: (m.sender, m.seq))

    def round_view(self, o: Observation, assessments: list[Letter]) -> RoundView:
        reports: list[ReportedThreat] = []
        sharers: dict[str, list[str]] = {}
        for letter in assessments:
            if not isinstance(letter.body, Assessment):
                continue
            listed = letter.body.threats
            reports += [r for r in listed if r.target != self.me]
            for target in main_threats(self.params, listed):
                sharers.setdefault(target, []).append(letter.sender)
        self.beliefs.fuse(reports, self.params.trust)
        allies: dict[str, set[str]] = {}
        for a in o.alliances:
            if len(a.members) == 2:
                allies.setdefault(a.members[0], set()).add(a.members[1])
                allies.setdefault(a.members[1], set()).add(a.members[0])
        return RoundView(
            me=self.me, round=o.round, kind=PolicyKind(self.welcome.policy), params=self.params,
            own=o.own, threats=tuple(self.perceived_threats()), beliefs=self.beliefs.attributes,
            allies={k: frozenset(v) for k, v in allies.items()}, wars=o.wars,
            sharers={k: tuple(v) for k, v in sharers.items()}, geography=self.geography,
            war_decisiveness=self.welcome.war_decisiveness,
            random=SeededRandom(self.welcome.seed, "policy", (self.me, str(o.round))),
            reachable=frozenset(self.peers))
