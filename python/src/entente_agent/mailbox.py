"""The letters a state has received, kept until the coordinator announces them (the
reference's `Mailbox`, PROTOCOL.md §2.3). A phase takes exactly the letters its
PhaseStart announces, in canonical order, so arrival order never matters; what it holds is
bounded whatever arrives."""

from __future__ import annotations

from .codes import ProblemCode
from .letters import Letter
from .messages import PeerMessage, PhaseStart
from .records import Problem

PER_SENDER_AND_ROUND = 64


class Mailbox:
    def __init__(self, owner: str) -> None:
        self.owner = owner
        self.senders: frozenset[str] | None = None
        """The run's states, once the Welcome has named them."""
        self._round = 0
        self._rounds: dict[int, dict[tuple[str, int], tuple[Letter, bytes]]] = {}
        self._counts: dict[int, dict[str, int]] = {}

    def add(self, m: PeerMessage, frame: bytes = b"") -> Problem | None:
        """Keeps a letter (and the frame it came in); returns the problem to report when
        it is refused."""
        letter = m.letter
        if letter.receiver != self.owner:
            return Problem(ProblemCode.MISADDRESSED, letter.sender, 1, letter.receiver)
        if self.senders is not None and letter.sender not in self.senders:
            return Problem(ProblemCode.UNKNOWN_SENDER, letter.sender, 1, "")
        if m.round < self._round:
            return Problem(ProblemCode.OUT_OF_WINDOW, letter.sender, 1, f"round {m.round}, already over")
        if m.round > (self._round + 1) & 0xFFFF:
            return Problem(ProblemCode.OUT_OF_WINDOW, letter.sender, 1, f"round {m.round}, beyond the next")
        key = (letter.sender, letter.seq)
        held = self._rounds.setdefault(m.round, {})
        if key in held:
            return Problem(ProblemCode.DUPLICATE, letter.sender, 1, f"sequence number {letter.seq}")
        counts = self._counts.setdefault(m.round, {})
        if counts.get(letter.sender, 0) >= PER_SENDER_AND_ROUND:
            return Problem(ProblemCode.FLOOD, letter.sender, 1,
                           f"more than {PER_SENDER_AND_ROUND} letters in round {m.round}")
        counts[letter.sender] = counts.get(letter.sender, 0) + 1
        held[key] = (letter, frame)
        return None

    @staticmethod
    def _announced(start: PhaseStart) -> list[tuple[str, int]]:
        return [(e.sender, seq) for e in start.expected for seq in e.seqs]

    def missing(self, start: PhaseStart) -> list[str]:
        """The senders whose announced letters have not all arrived."""
        have = self._rounds.get(start.round, {})
        return sorted({sender for sender, seq in self._announced(start) if (sender, seq) not in have})

    def take(self, start: PhaseStart) -> tuple[list[Letter], list[Problem], list[bytes]]:
        """The announced letters in canonical order, the refusals of what earlier rounds
        left unclaimed and of what is still missing, and the letters' frames in the
        letters' order."""
        self._round = max(self._round, start.round)
        problems: list[Problem] = []
        for r in sorted(self._rounds):
            if r < start.round:
                for sender, _ in sorted(self._rounds[r]):
                    problems.append(Problem(ProblemCode.UNANNOUNCED, sender, 1, ""))
                del self._rounds[r]
                self._counts.pop(r, None)
        missing = self.missing(start)
        held = self._rounds.get(start.round, {})
        inbox = sorted((held.pop(key) for key in self._announced(start) if key in held),
                       key=lambda kept: (kept[0].sender, kept[0].seq))
        problems += [Problem(ProblemCode.LETTERS_MISSING, sender, 1, "") for sender in missing]
        return [letter for letter, _ in inbox], problems, [frame for _, frame in inbox]
