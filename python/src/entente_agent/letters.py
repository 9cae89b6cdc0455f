"""A letter between states and its four bodies (PROTOCOL.md §3.5, *Letter bodies*).

The kind byte is not stored: it follows from the body's class (`Letter.kind`), so a
letter cannot say one kind and carry another.
"""

from __future__ import annotations

from dataclasses import dataclass

from .codes import LetterKind, OfferKind, RejectReason
from .records import ReportedThreat


@dataclass(frozen=True, slots=True)
class Assessment:
    """Kind 1: the sender's top threats, as it reports them (inflated if it deceives)."""

    threats: tuple[ReportedThreat, ...]


@dataclass(frozen=True, slots=True)
class Offer:
    """Kind 2: balance aimed at a threat, or bandwagon with the receiver.

    `aimed_at` (§3.5 says `opt string`) is read as an optional id, as the reference does."""

    kind: OfferKind
    aimed_at: str | None


@dataclass(frozen=True, slots=True)
class Accept:
    """Kind 3: accepts the receiver's offer whose seq is `offer`."""

    offer: int


@dataclass(frozen=True, slots=True)
class Reject:
    """Kind 4: turns down offer `offer`, for a coded reason (§3.6).

    `state` is the state the reason names, `""` when it names none; a state id
    otherwise (the reference decoder checks it, though §4 calls it a plain string)."""

    offer: int
    reason: RejectReason
    state: str


LetterBody = Assessment | Offer | Accept | Reject

_KINDS: dict[type[LetterBody], LetterKind] = {
    Assessment: LetterKind.ASSESSMENT,
    Offer: LetterKind.OFFER,
    Accept: LetterKind.ACCEPT,
    Reject: LetterKind.REJECT,
}


@dataclass(frozen=True, slots=True)
class Letter:
    """One letter: `(sender, seq)` identifies it over the whole run (§2.3)."""

    sender: str
    receiver: str
    seq: int
    body: LetterBody

    @property
    def kind(self) -> LetterKind:
        return _KINDS[type(self.body)]
