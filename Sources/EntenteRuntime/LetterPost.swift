import EntenteModel
import EntenteWire

/// The coordinator's post: checks the letters each state reports, puts the ones it may
/// send on their channels (lost, expired or due in a later phase: `Letter.fate`, the
/// function the sender uses too), and tells each receiver exactly which letters to wait for.
struct LetterPost {
    let channels: ChannelParameters
    let seed: UInt64
    let negotiationSteps: Int
    /// The run's states (those `init`'s `peers` names), for tables by position.
    private let index: StateIndex
    /// Who may write to whom, by position: `writes[sender][receiver]`.
    private let writes: [[Bool]]
    /// Letters on their way this round, by the phase index they are due in, then receiver's
    /// position (each receiver's list is read once a phase: no scan of every letter per receiver).
    private var inFlight: [Int: [[Letter]]] = [:]

    /// - Parameter peers: who may write to whom.
    init(peers: [StateID: Set<StateID>], channels: ChannelParameters, seed: UInt64, negotiationSteps: Int) {
        self.channels = channels
        self.seed = seed
        self.negotiationSteps = negotiationSteps
        let index = StateIndex(peers.keys.sorted())
        self.index = index
        writes = index.ids.map { id in
            var row = [Bool](repeating: false, count: index.count)
            for peer in peers[id] ?? [] { if let p = index.position(of: peer) { row[p] = true } }
            return row
        }
    }

    /// A letter that passed the checks, with the phase it was sent in.
    struct Posted {
        var phase: Phase
        var step: Int
        var letter: Letter
    }

    /// Letters never cross a round's end.
    mutating func newRound() { inFlight = [:] }

    /// The letters of a phase in canonical order (by sender id, then as sent), keeping only
    /// those their sender may send; a refusal, with its round, for every other.
    func check(_ reports: [StateID: PhaseReport]) -> (letters: [Posted], refused: [(Int, Refusal)]) {
        var out: [Posted] = []
        var refused: [(Int, Refusal)] = []
        for id in reports.keys.sorted() {
            let report = reports[id]!
            let from = index.position(of: id)
            var lastSeq: UInt32?
            for letter in report.letters {
                var reason: Refusal.Reason?
                if letter.sender != id { reason = .claimsSender(letter.sender) }
                // A peer is one of the run's states: only a refused letter needs the second look-up.
                else if !may(from, write: letter.receiver) {
                    reason = index.position(of: letter.receiver) == nil ? .unknownReceiver(letter.receiver) : .notAPeer(letter.receiver)
                }
                else if let last = lastSeq, letter.seq <= last { reason = .sequenceNotIncreasing }
                if let reason {
                    refused.append((Int(report.round), Refusal(state: id, phase: report.phase, reason)))
                    continue
                }
                lastSeq = letter.seq
                out.append(Posted(phase: report.phase, step: Int(report.step), letter: letter))
            }
        }
        return (out, refused)
    }

    /// Whether the state at position `from` (nil: none of the run's) may write to `receiver`.
    private func may(_ from: Int?, write receiver: StateID) -> Bool {
        guard let from, let to = index.position(of: receiver) else { return false }
        return writes[from][to]
    }

    /// Puts a phase's letters on their channels. - Returns: each letter as logged, with its fate.
    mutating func send(_ letters: [Posted], round: Int, phaseIndex: Int) -> [LetterEvent] {
        // A sender's assessments of a phase are one list sent to each peer: converted for the
        // log once, and the same array in each event (which the log's grouping compares).
        var last: (list: [ReportedThreat], entries: [ReportedEntry])?
        return letters.map { posted in
            let letter = posted.letter
            if case .assessment(let list) = letter.body, last?.list != list { last = (list, list.map(ReportedEntry.init)) }
            var event = LetterEvent(phase: posted.phase, step: posted.step, letter: letter, entries: last?.entries)
            let channel = channels.quality(from: letter.sender, to: letter.receiver)
            switch letter.fate(round: round, sentAt: phaseIndex, negotiationSteps: negotiationSteps, channel: channel, seed: seed) {
            case .lost:
                event.lost = true
            case .expired:
                event.expired = true
            case .due(let index):
                if channel.delay > 0 { event.delay = channel.delay }
                // A letter that passed `check` is to one of the run's states.
                inFlight[index, default: Array(repeating: [], count: self.index.count)][self.index.position(of: letter.receiver)!].append(letter)
            }
            return event
        }
    }

    /// The letters due to `receiver` in phase `index` (sequence numbers by sender): it waits for exactly these.
    func expected(for receiver: StateID, at index: Int) -> [ExpectedLetters] {
        let letters = self.index.position(of: receiver).flatMap { inFlight[index]?[$0] } ?? []
        // Letters come in the order they were checked: by sender, then sequence, within each
        // phase they were sent in. Without delays that is one phase, already in order.
        var runs: [ExpectedLetters] = []
        for l in letters {
            if let last = runs.last, last.sender == l.sender, last.seqs.last! < l.seq {
                runs[runs.count - 1].seqs.append(l.seq)
            } else if let last = runs.last, last.sender >= l.sender {
                return grouped(letters)
            } else {
                runs.append(ExpectedLetters(sender: l.sender, seqs: [l.seq]))
            }
        }
        return runs
    }

    /// The same, for letters in any order.
    private func grouped(_ letters: [Letter]) -> [ExpectedLetters] {
        var seqs: [StateID: [UInt32]] = [:]
        for l in letters { seqs[l.sender, default: []].append(l.seq) }
        return seqs.sorted { $0.key < $1.key }.map { ExpectedLetters(sender: $0.key, seqs: $0.value.sorted()) }
    }
}
