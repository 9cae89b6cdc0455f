import EntenteModel
import EntenteWire

/// The letters a state has received, kept until the coordinator announces them.
///
/// Letters arrive whenever the network delivers them (early, late, delayed by the channel);
/// a phase takes exactly the ones its `PhaseStart` announces, in canonical order, so what a
/// state decides never depends on arrival order. Anything never announced is refused when
/// its round is over. The state process and the reference engine share this.
///
/// What it holds is bounded whatever arrives: only letters from the run's states, for the
/// round under way or the next (the barrier keeps every peer within one round), and at most
/// `perSenderAndRound` from one sender in one round (a state writes a peer a few a round).
struct Mailbox {
    struct LetterID: Hashable {
        var sender: StateID
        var seq: UInt32
    }

    static let perSenderAndRound = 64

    let owner: StateID
    /// The run's states, once the Welcome has named them; letters from anyone else are refused.
    var senders: Set<StateID>?
    /// The round of the last phase taken.
    private var round: UInt16 = 0
    /// By round, then by (sender, seq).
    private var rounds: [UInt16: [LetterID: Letter]] = [:]
    private var counts: [UInt16: [StateID: Int]] = [:]

    init(owner: StateID) { self.owner = owner }

    /// Keeps a letter. - Returns: a problem to report when the letter is refused.
    mutating func add(_ m: PeerMessage) -> Problem? {
        let l = m.letter
        guard l.receiver == owner else { return Problem(.misaddressed, sender: l.sender, detail: l.receiver) }
        if let senders, !senders.contains(l.sender) { return Problem(.unknownSender, sender: l.sender) }
        if m.round < round { return Problem(.outOfWindow, sender: l.sender, detail: "round \(m.round), already over") }
        if m.round > round &+ 1 { return Problem(.outOfWindow, sender: l.sender, detail: "round \(m.round), beyond the next") }
        let id = LetterID(sender: l.sender, seq: l.seq)
        if rounds[m.round]?[id] != nil { return Problem(.duplicate, sender: l.sender, detail: "sequence number \(l.seq)") }
        guard counts[m.round, default: [:]][l.sender, default: 0] < Self.perSenderAndRound else {
            return Problem(.flood, sender: l.sender, detail: "more than \(Self.perSenderAndRound) letters in round \(m.round)")
        }
        counts[m.round, default: [:]][l.sender, default: 0] += 1
        rounds[m.round, default: [:]][id] = l
        return nil
    }

    private func announced(_ start: PhaseStart) -> [LetterID] {
        start.expected.flatMap { e in e.seqs.map { LetterID(sender: e.sender, seq: $0) } }
    }

    /// The senders whose announced letters have not all arrived.
    func missing(for start: PhaseStart) -> [StateID] {
        let have = rounds[start.round] ?? [:]
        return Set(announced(start).filter { have[$0] == nil }.map(\.sender)).sorted()
    }

    /// Takes the announced letters, in canonical order, and refuses what earlier rounds left unclaimed.
    mutating func take(for start: PhaseStart) -> (inbox: [Letter], problems: [Problem]) {
        round = max(round, start.round)
        var problems: [Problem] = []
        for r in rounds.keys.sorted() where r < start.round {
            for (id, _) in rounds[r]!.sorted(by: { ($0.key.sender, $0.key.seq) < ($1.key.sender, $1.key.seq) }) {
                problems.append(Problem(.unannounced, sender: id.sender))
            }
            rounds[r] = nil
            counts[r] = nil
        }
        let missing = missing(for: start)
        var inbox: [Letter] = []
        for id in announced(start) {
            if let letter = rounds[start.round]?.removeValue(forKey: id) { inbox.append(letter) }
        }
        problems += missing.map { Problem(.lettersMissing, sender: $0) }
        return (inbox.sorted(by: Letter.canonical), problems)
    }
}
