import EntenteModel
import EntenteWire

/// The coordinator's post: checks the letters each state reports, puts the ones it may
/// send on their channels (lost, expired or due in a later phase: `Letter.fate`, the
/// function the sender uses too), and tells each receiver exactly which letters to wait for.
struct LetterPost {
    /// Who may write to whom.
    let peers: [StateID: Set<StateID>]
    let channels: ChannelParameters
    let seed: UInt64
    let negotiationSteps: Int
    /// Letters on their way this round, by the phase index they are due in, then receiver
    /// (each receiver's list is read once a phase: no scan of every letter per receiver).
    private(set) var inFlight: [Int: [StateID: [Letter]]] = [:]

    init(peers: [StateID: Set<StateID>], channels: ChannelParameters, seed: UInt64, negotiationSteps: Int) {
        self.peers = peers
        self.channels = channels
        self.seed = seed
        self.negotiationSteps = negotiationSteps
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
            let mine = peers[id] ?? []
            var lastSeq: UInt32?
            for letter in report.letters {
                var reason: Refusal.Reason?
                if letter.sender != id { reason = .claimsSender(letter.sender) }
                // A peer is one of the run's states: only a refused letter needs the second look-up.
                else if !mine.contains(letter.receiver) {
                    reason = peers[letter.receiver] == nil ? .unknownReceiver(letter.receiver) : .notAPeer(letter.receiver)
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

    /// Puts a phase's letters on their channels. - Returns: each letter as logged, with its fate.
    mutating func send(_ letters: [Posted], round: Int, phaseIndex: Int) -> [LetterEvent] {
        letters.map { posted in
            let letter = posted.letter
            var event = LetterEvent(phase: posted.phase, step: posted.step, letter: letter)
            let channel = channels.quality(from: letter.sender, to: letter.receiver)
            switch letter.fate(round: round, sentAt: phaseIndex, negotiationSteps: negotiationSteps, channel: channel, seed: seed) {
            case .lost:
                event.lost = true
            case .expired:
                event.expired = true
            case .due(let index):
                if channel.delay > 0 { event.delay = channel.delay }
                inFlight[index, default: [:]][letter.receiver, default: []].append(letter)
            }
            return event
        }
    }

    /// The letters due to `receiver` in phase `index` (sequence numbers by sender): it waits for exactly these.
    func expected(for receiver: StateID, at index: Int) -> [ExpectedLetters] {
        let letters = inFlight[index]?[receiver] ?? []
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
