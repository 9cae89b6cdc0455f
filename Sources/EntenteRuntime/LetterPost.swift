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
    private var inFlight: [[[Letter]]] = []

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
        /// The receiver's position (found by `check`, used by `send`).
        var to: Int
    }

    /// Letters never cross a round's end.
    mutating func newRound() { inFlight = [] }

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
                let to = index.position(of: letter.receiver)
                if letter.sender != id { reason = .claimsSender(letter.sender) }
                else if to == nil { reason = .unknownReceiver(letter.receiver) }
                else if from == nil || !writes[from!][to!] { reason = .notAPeer(letter.receiver) }
                else if let last = lastSeq, letter.seq <= last { reason = .sequenceNotIncreasing }
                guard reason == nil, let to else {
                    refused.append((Int(report.round), Refusal(state: id, phase: report.phase, reason!)))
                    continue
                }
                lastSeq = letter.seq
                out.append(Posted(phase: report.phase, step: Int(report.step), letter: letter, to: to))
            }
        }
        return (out, refused)
    }

    /// Puts a phase's letters on their channels. - Returns: each letter's fate, in order.
    mutating func send(_ letters: [Posted], round: Int, phaseIndex: Int) -> [LetterFate] {
        var fates: [LetterFate] = []
        fates.reserveCapacity(letters.count)
        for k in letters.indices {
            let letter = letters[k].letter
            let channel = channels.quality(from: letter.sender, to: letter.receiver)
            let fate = letter.fate(round: round, sentAt: phaseIndex, negotiationSteps: negotiationSteps, channel: channel, seed: seed)
            if case .due(let due) = fate {
                while inFlight.count <= due { inFlight.append(Array(repeating: [], count: index.count)) }
                inFlight[due][letters[k].to].append(letter)
            }
            fates.append(fate)
        }
        return fates
    }

    /// The letters due to `receiver` in phase `index` (sequence numbers by sender): it waits for exactly these.
    func expected(for receiver: StateID, at index: Int) -> [ExpectedLetters] {
        let letters = index < inFlight.count ? self.index.position(of: receiver).map { inFlight[index][$0] } ?? [] : []
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
