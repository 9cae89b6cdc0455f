"""entente-agent: states of an Entente run written in Python (docs/AGENTS.md).

- `Policy`: subclass it and override the decisions of a round (`assessment`, `decide`,
  `partners`, `answer`); the base class is the reference state's policy exactly.
- `main(policy)`: runs one state as its own process, with the arguments of
  `entente state`, over ZeroMQ (ipc, or tcp with CURVE).
- The binary wire format of docs/PROTOCOL.md (protocol version 6): the messages as
  frozen dataclasses, `encode`, `decode_control`, `decode_peer`, and `WireError` for
  everything a decoder refuses (§4).
"""

from .codec import decode_control, decode_peer, encode
from .codes import (
    LetterKind,
    MessageType,
    OfferKind,
    Phase,
    PolicyKind,
    ProblemCode,
    RejectReason,
    RuleCode,
    Stance,
)
from .letters import Accept, Assessment, Letter, LetterBody, Offer, Reject
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
from .errors import (
    BadMagic,
    InvalidUTF8,
    InvalidValue,
    MessageTooLarge,
    StringTooLong,
    TrailingBytes,
    Truncated,
    UnknownMessageType,
    UnsupportedVersion,
    WireError,
)
from .cli import main
from .geography import Geography
from .policy import ACCEPT, Choice, OfferSeen, Policy, Reply, refuse
from .rng import SeededRandom
from .view import AssessView, RoundView
from .wire import MAX_MESSAGE_BYTES, MAX_STRING_BYTES, VERSION, is_id

from .version import __version__

__all__ = [
    "__version__", "ACCEPT", "AssessView", "Choice", "Geography", "OfferSeen", "Policy", "Reply", "RoundView",
    "SeededRandom", "main", "refuse",
    "MAX_MESSAGE_BYTES", "MAX_STRING_BYTES", "VERSION",
    "Abort", "Accept", "Alliance", "Assessment", "Attributes", "BadMagic", "Border",
    "Commitment", "ControlMessage", "Decision", "Estimate", "ExpectedLetters", "Finish",
    "Hello", "InvalidUTF8", "InvalidValue", "Letter", "LetterBody", "LetterKind",
    "Message", "MessageTooLarge", "MessageType", "Observation", "Offer", "OfferKind",
    "PeerInfo", "PeerMessage", "Phase", "PhaseReport", "PhaseStart", "PolicyKind",
    "PolicyParameters", "PriorActs", "Problem", "ProblemCode", "Reject", "RejectReason",
    "Ready", "ReportedThreat", "RuleCode", "SeenState", "Stance", "StringTooLong", "ThreatScore",
    "ThreatWeights", "TrailingBytes", "Truncated", "UnknownMessageType",
    "UnsupportedVersion", "War", "Welcome", "WireError",
    "decode_control", "decode_peer", "encode", "is_id", "message_type",
]
