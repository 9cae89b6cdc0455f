"""The code tables of PROTOCOL.md §3.1 and §3.6, as enums.

Codes travel instead of words (version 5 on): only the code, and the numbers or state
it carries, are read by programs; the words are the coordinator's to render.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class MessageType(IntEnum):
    """The type byte (§3.1); 16 is the only one of the peer channel."""

    HELLO = 1
    WELCOME = 2
    PHASE_START = 3
    PHASE_REPORT = 4
    FINISH = 5
    ABORT = 6
    READY = 7
    PEER_MESSAGE = 16


class Phase(IntEnum):
    """Phase codes (§3.6); resolve is the coordinator's alone and has none."""

    OBSERVE = 1
    ASSESS = 2
    NEGOTIATE = 3
    COMMIT = 4


class Stance(IntEnum):
    """A Decision's stance (§3.6)."""

    NONE = 0
    BALANCE = 1
    BANDWAGON = 2


class OfferKind(IntEnum):
    """The stance of an offer or a commitment: only balance or bandwagon (§3.5, §4)."""

    BALANCE = 1
    BANDWAGON = 2


class LetterKind(IntEnum):
    """The kind byte of a Letter, which selects its body (§3.5)."""

    ASSESSMENT = 1
    OFFER = 2
    ACCEPT = 3
    REJECT = 4


class PolicyKind(StrEnum):
    """Welcome.policy: a decoder refuses any other name (§3.3, §4)."""

    WALT = "walt"
    ALWAYS_BALANCE = "always-balance"
    ALWAYS_BANDWAGON = "always-bandwagon"
    RANDOM = "random"


OWN_RULE_NUMBERS = 8


class RuleCode(IntEnum):
    """A Decision's rule (§3.6); each carries a fixed count of numbers."""

    NO_THREAT = 0
    ALWAYS_BALANCE = 1
    ALWAYS_BANDWAGON = 2
    RANDOM = 3
    WAR_VICTOR = 4
    WEAK_NEAR_ALONE = 5
    WALT_BALANCE = 6
    OWN_RULE = 7
    """A rule of the state's own program: up to `OWN_RULE_NUMBERS` numbers, any stance."""

    @property
    def label(self) -> str:
        """The name the log's `rule_code` holds."""
        return self.name.lower().replace("_", "-")

    @property
    def number_counts(self) -> frozenset[int]:
        """How many numbers the rule may carry (§3.6: `no-threat` has the floor, then
        the highest score only if the state perceives any)."""
        return _RULE_NUMBER_COUNTS[self]


_RULE_NUMBER_COUNTS: dict[RuleCode, frozenset[int]] = {
    RuleCode.NO_THREAT: frozenset({1, 2}),
    RuleCode.ALWAYS_BALANCE: frozenset({0}),
    RuleCode.ALWAYS_BANDWAGON: frozenset({0}),
    RuleCode.RANDOM: frozenset({2}),
    RuleCode.WAR_VICTOR: frozenset({2}),
    RuleCode.WEAK_NEAR_ALONE: frozenset({5}),
    RuleCode.WALT_BALANCE: frozenset({5}),
    RuleCode.OWN_RULE: frozenset(range(OWN_RULE_NUMBERS + 1)),
}


class RejectReason(IntEnum):
    """Why an offer is turned down (§3.6); some name a state, the others none."""

    ALREADY_ALLIED = 1
    NO_ROOM = 2
    MAIN_THREAT = 3
    ON_SIDE_OF = 4
    AIMED_AT_ME = 5
    ALIGN_WITH = 6
    NOT_A_MAIN_THREAT = 7

    @property
    def label(self) -> str:
        """The name the log's `reason` holds."""
        return self.name.lower().replace("_", "-")

    @property
    def names_state(self) -> bool:
        """True when the reject's reason state must be a state, false when empty."""
        return self in (RejectReason.ON_SIDE_OF, RejectReason.ALIGN_WITH,
                        RejectReason.NOT_A_MAIN_THREAT)


class ProblemCode(IntEnum):
    """What a process refused (§3.6, `Problem.Code`); 0 and above 14 are refused."""

    MALFORMED = 1
    FRAMES = 2
    WRONG_KEY = 3
    UNKNOWN_KEY = 4
    UNANNOUNCED = 5
    LETTERS_MISSING = 6
    UNEXPECTED = 7
    REFUSED_HELLO = 8
    OVERFLOW = 9
    MISADDRESSED = 10
    UNKNOWN_SENDER = 11
    OUT_OF_WINDOW = 12
    DUPLICATE = 13
    FLOOD = 14

    @property
    def label(self) -> str:
        """The name the log's `rejected` line holds as `code`."""
        return self.name.lower().replace("_", "-")
