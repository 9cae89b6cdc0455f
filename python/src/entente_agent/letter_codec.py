"""Reading and writing a Letter and its body by kind (PROTOCOL.md §3.5, *Letter
bodies*), with the reject check of §4 (a reason's state is empty exactly when its
code names none, §3.6).
"""

from __future__ import annotations

from .codes import LetterKind, OfferKind, RejectReason
from .errors import InvalidValue
from .letters import Accept, Assessment, Letter, Offer, Reject
from .record_codec import (
    MIN_REPORTED_THREAT,
    MIN_STRING,
    MIN_U32,
    read_code,
    read_reported_threat,
    write_reported_threat,
)
from .wire import Reader, Writer

MIN_LETTER = 2 * MIN_STRING + MIN_U32 + 1 + 2  # an offer aimed at no one is the least


def read_letter(r: Reader, field: str) -> Letter:
    sender, receiver = r.id(f"{field}.sender"), r.id(f"{field}.receiver")
    seq = r.u32(f"{field}.seq")
    kind = read_code(r, LetterKind, f"{field}.kind")
    body: Assessment | Offer | Accept | Reject
    if kind is LetterKind.ASSESSMENT:
        body = Assessment(r.array(f"{field}.threats", MIN_REPORTED_THREAT,
                                  read_reported_threat))
    elif kind is LetterKind.OFFER:
        body = Offer(read_code(r, OfferKind, f"{field}.offer.kind"),
                     r.opt_id(f"{field}.aimedAt"))
    elif kind is LetterKind.ACCEPT:
        body = Accept(r.u32(f"{field}.offer"))
    else:
        offer = r.u32(f"{field}.offer")
        reason = read_code(r, RejectReason, f"{field}.reason")
        state = r.id_or_empty(f"{field}.reasonState")
        if reason.names_state != (state != ""):
            need = "a state" if reason.names_state else "no state"
            raise InvalidValue(f"{field}.reason", f"{reason.label} names {need}")
        body = Reject(offer, reason, state)
    return Letter(sender, receiver, seq, body)


_last_assessment: tuple[Assessment | None, bytes] = (None, b"")


def _assessment_bytes(body: Assessment, field: str) -> bytes:
    """A state sends one Assessment object to every peer, and its report repeats them:
    encoded once, kept while it is the last one (by identity: it is immutable, and held)."""
    global _last_assessment
    if _last_assessment[0] is not body:
        part = Writer.fragment()
        part.array(body.threats, field, write_reported_threat)
        _last_assessment = (body, part.getvalue())
    return _last_assessment[1]


def write_letter(w: Writer, value: Letter, field: str) -> None:
    w.id(value.sender, f"{field}.sender")
    w.id(value.receiver, f"{field}.receiver")
    w.u32(value.seq, f"{field}.seq")
    w.u8(value.kind, f"{field}.kind")
    body = value.body
    if isinstance(body, Assessment):
        w.raw(_assessment_bytes(body, f"{field}.threats"))
    elif isinstance(body, Offer):
        w.u8(body.kind, f"{field}.offer.kind")
        w.opt_id(body.aimed_at, f"{field}.aimedAt")
    elif isinstance(body, Accept):
        w.u32(body.offer, f"{field}.offer")
    else:
        if body.reason.names_state != (body.state != ""):
            raise InvalidValue(f"{field}.reason", f"{body.reason.label} and {body.state!r}")
        w.u32(body.offer, f"{field}.offer")
        w.u8(body.reason, f"{field}.reason")
        w.id_or_empty(body.state, f"{field}.reasonState")
