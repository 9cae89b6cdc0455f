import EntenteModel
import EntenteWire

/// The letters a state has received, kept until the coordinator announces them.
///
/// Letters arrive whenever the network delivers them (early, late, delayed by the channel);
/// a phase takes exactly the ones its `PhaseStart` announces, in canonical order, so what a
/// state decides never depends on arrival order. Anything never announced is refused when
/// its round is over. The state process and the reference engine share this.
struct Mailbox {
    struct LetterID: Hashable {
        var sender: StateID
        var seq: UInt32
    }

    let owner: StateID
    /// By round, then by (sender, seq).
    private var rounds: [UInt16: [LetterID: Letter]] = [:]

    init(owner: StateID) { self.owner = owner }

    /// Keeps a letter. - Returns: a problem to report when the letter is refused.
    mutating func add(_ m: PeerMessage) -> String? {
        guard m.letter.receiver == owner else {
            return "refused a letter for \(m.letter.receiver) from \(m.letter.sender)"
        }
        let id = LetterID(sender: m.letter.sender, seq: m.letter.seq)
        if rounds[m.round]?[id] != nil { return "refused a second letter from \(m.letter.sender) with seq \(m.letter.seq)" }
        rounds[m.round, default: [:]][id] = m.letter
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
    mutating func take(for start: PhaseStart) -> (inbox: [Letter], problems: [String]) {
        var problems: [String] = []
        for round in rounds.keys.sorted() where round < start.round {
            for (id, _) in rounds[round]!.sorted(by: { ($0.key.sender, $0.key.seq) < ($1.key.sender, $1.key.seq) }) {
                problems.append("refused an unannounced letter from \(id.sender) (seq \(id.seq), round \(round))")
            }
            rounds[round] = nil
        }
        let missing = missing(for: start)
        var inbox: [Letter] = []
        for id in announced(start) {
            if let letter = rounds[start.round]?.removeValue(forKey: id) { inbox.append(letter) }
        }
        if !missing.isEmpty { problems.append("letters missing from \(missing.joined(separator: ", ")) at the deadline") }
        return (inbox.sorted(by: Letter.canonical), problems)
    }
}
