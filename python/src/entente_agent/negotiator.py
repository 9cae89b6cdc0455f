"""One state's side of a round's negotiation (MODEL.md §7): the bookkeeping of offers
made, answered and agreed, around the policy's choices. The reference's `Negotiator`."""

from __future__ import annotations

from dataclasses import dataclass, field

from .codes import OfferKind, RejectReason, Stance
from .letters import Accept, Assessment, Letter, LetterBody, Offer, Reject
from .policy import Choice, OfferSeen, Policy, Reply, refuse
from .records import Commitment
from .view import RoundView


@dataclass(frozen=True, slots=True)
class _Pending:
    receiver: str
    kind: OfferKind
    aimed_at: str | None


@dataclass(slots=True)
class Negotiator:
    policy: Policy
    view: RoundView
    choice: Choice
    pending: dict[int, _Pending] = field(default_factory=dict)
    """Offers made and awaiting an answer: seq → offer."""
    offered_to: set[str] = field(default_factory=set)
    agreed: list[Commitment] = field(default_factory=list)
    """Agreed this round, in the order agreed."""

    @property
    def me(self) -> str:
        return self.view.me

    @property
    def current_allies(self) -> frozenset[str]:
        return self.view.allies.get(self.me, frozenset())

    @property
    def room(self) -> int:
        return int(self.view.params.max_allies) - len(self.current_allies) - len(self.agreed)

    def is_partner(self, state: str) -> bool:
        return any(c.partner == state for c in self.agreed)

    def step(self, inbox: list[Letter], make_offers: bool, next_seq: int) -> tuple[list[Letter], int]:
        """Answers the offers and answers in `inbox` (canonical order), then makes new offers
        if the stance calls for them. Returns what to send and the next sequence number."""
        out: list[Letter] = []

        def send(to: str, body: LetterBody) -> int:
            nonlocal next_seq
            seq = next_seq
            next_seq += 1
            out.append(Letter(self.me, to, seq, body))
            return seq

        for letter in inbox:
            body = letter.body
            if isinstance(body, Assessment):
                continue
            if isinstance(body, Accept):
                # Only the receiver of an offer can accept it.
                offer = self.pending.get(body.offer)
                if offer is None or offer.receiver != letter.sender:
                    continue
                del self.pending[body.offer]
                if not self.is_partner(letter.sender):
                    self.agreed.append(Commitment(letter.sender, offer.kind, offer.aimed_at, self.me))
            elif isinstance(body, Reject):
                offer = self.pending.get(body.offer)
                if offer is not None and offer.receiver == letter.sender:
                    del self.pending[body.offer]
            elif isinstance(body, Offer):
                reply = self.answer(letter.sender, body)
                if reply.accept:
                    # Crossed offers: the two offered each other; this acceptance settles both.
                    self.pending = {k: v for k, v in self.pending.items() if v.receiver != letter.sender}
                    self.agreed.append(Commitment(letter.sender, body.kind, body.aimed_at, letter.sender))
                    if make_offers:
                        send(letter.sender, Accept(letter.seq))
                elif make_offers and reply.reason is not None:
                    send(letter.sender, Reject(letter.seq, reply.reason, reply.state))
        threat = self.choice.threat
        if not make_offers or threat is None:
            return out, next_seq
        if self.choice.stance is Stance.BALANCE:
            open_ = int(self.view.params.max_offers) - len(self.pending)
            limit = max(0, min(open_, self.room - len(self.pending)))
            targets = [k for k in self.policy.partners(self.view, self.choice)
                       if k not in self.offered_to and not self.is_partner(k)][:limit]
            for partner in targets:
                seq = send(partner, Offer(OfferKind.BALANCE, threat))
                self.pending[seq] = _Pending(partner, OfferKind.BALANCE, threat)
                self.offered_to.add(partner)
        elif self.choice.stance is Stance.BANDWAGON:
            # A state can only offer to a peer it may talk to.
            if (threat not in self.offered_to and not self.is_partner(threat) and threat not in self.current_allies
                    and self.room > 0 and self.view.can_reach(threat)):
                seq = send(threat, Offer(OfferKind.BANDWAGON, None))
                self.pending[seq] = _Pending(threat, OfferKind.BANDWAGON, None)
                self.offered_to.add(threat)
        return out, next_seq

    def answer(self, sender: str, offer: Offer) -> Reply:
        """The framework's refusals (allied already, no room), then the policy's answer."""
        if sender in self.current_allies or self.is_partner(sender):
            return refuse(RejectReason.ALREADY_ALLIED)
        # Offers awaiting an answer hold their place; one to this very sender is settled by accepting.
        if self.room - sum(1 for v in self.pending.values() if v.receiver != sender) <= 0:
            return refuse(RejectReason.NO_ROOM)
        return self.policy.answer(self.view, self.choice, OfferSeen(sender, offer.kind, offer.aimed_at))

    def commitments(self) -> list[Commitment]:
        """The alliances agreed, then the unanswered offers (consent must be mutual)."""
        return self.agreed + [Commitment(v.receiver, v.kind, v.aimed_at, self.me)
                              for _, v in sorted(self.pending.items())]
