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
    static let perSenderAndRound = 64

    private(set) var owner: StateID
    /// The run's states, once the Welcome has named them; letters from anyone else are refused.
    var senders: Set<StateID>? {
        didSet {
            for id in (senders ?? []).sorted() where slots[id] == nil { slots[id] = slots.count }
            var bySlot = [StateID](repeating: "", count: slots.count)
            for (id, k) in slots { bySlot[k] = id }
            slotIndex = StateIndex(bySlot)
        }
    }
    /// Each sender's place in a round's letters: one look-up of its id a letter, then arrays.
    private var slots: [StateID: Int] = [:]
    /// The same once the Welcome has named the senders, as a `StateIndex`: a fixed table,
    /// cheaper to look up than a dictionary (one look-up a letter, thousands a phase).
    private var slotIndex: StateIndex?
    /// The round of the last phase taken.
    private var round: UInt16 = 0
    /// The rounds held (at most the one under way and the next), each with its letters by
    /// sender slot, in arrival order (a sender writes a receiver a few letters a round), and
    /// how many each sender's were in all (taken ones too: the flood bound is per round).
    private var rounds: [(round: UInt16, bySender: [[Letter]], received: [Int])] = []
    /// A finished round's lists, emptied with their capacity kept, for the next round to
    /// take: a sender's first letter of a round then costs no allocation.
    private var spare: [[Letter]] = []

    init(owner: StateID) { self.owner = owner }

    /// This mailbox, still empty, for another owner: the reference engine's mailboxes then
    /// share one table of senders (one in the cache, and made once, not once a state).
    func copy(for owner: StateID) -> Mailbox {
        precondition(rounds.isEmpty, "only an empty mailbox is copied")
        var m = self
        m.owner = owner
        return m
    }

    /// Keeps a letter. - Returns: a problem to report when the letter is refused.
    mutating func add(_ m: PeerMessage) -> Problem? {
        let l = m.letter
        guard l.receiver == owner else { return Problem(.misaddressed, sender: l.sender, detail: l.receiver) }
        // Once the Welcome has named the senders, each has its slot: one look-up finds both.
        let known = slot(known: l.sender)
        if senders != nil && known == nil { return Problem(.unknownSender, sender: l.sender) }
        if m.round < round { return Problem(.outOfWindow, sender: l.sender, detail: "round \(m.round), already over") }
        if m.round > round &+ 1 { return Problem(.outOfWindow, sender: l.sender, detail: "round \(m.round), beyond the next") }
        let slot = known ?? slot(of: l.sender)
        let r = held(m.round)
        if rounds[r].bySender[slot].contains(where: { $0.seq == l.seq }) {
            return Problem(.duplicate, sender: l.sender, detail: "sequence number \(l.seq)")
        }
        guard rounds[r].received[slot] < Self.perSenderAndRound else {
            return Problem(.flood, sender: l.sender, detail: "more than \(Self.perSenderAndRound) letters in round \(m.round)")
        }
        rounds[r].bySender[slot].append(l)
        rounds[r].received[slot] += 1
        return nil
    }

    /// The slot of a sender the Welcome named (before it: of one whose letters came).
    private func slot(known sender: StateID) -> Int? { slotIndex.map { $0.position(of: sender) } ?? slots[sender] }

    /// The sender's slot; before the Welcome, a sender gets one when its first letter comes.
    private mutating func slot(of sender: StateID) -> Int {
        if let k = slots[sender] { return k }
        let k = slots.count
        slots[sender] = k
        return k
    }

    /// The index of `round` in `rounds`, added if not yet held, with a list for every slot.
    private mutating func held(_ round: UInt16) -> Int {
        if let k = rounds.firstIndex(where: { $0.round == round }) {
            let more = slots.count - rounds[k].bySender.count
            if more > 0 {
                rounds[k].bySender += Array(repeating: [], count: more)
                rounds[k].received += Array(repeating: 0, count: more)
            }
            return k
        }
        var lists: [[Letter]] = []
        swap(&lists, &spare)
        if lists.count < slots.count { lists += Array(repeating: [], count: slots.count - lists.count) }
        rounds.append((round, lists, Array(repeating: 0, count: lists.count)))
        return rounds.count - 1
    }

    /// Whether every letter `e` announces is held for `round`.
    private func arrived(_ e: ExpectedLetters, in round: UInt16) -> Bool {
        guard let k = slot(known: e.sender), let r = rounds.first(where: { $0.round == round }), k < r.bySender.count else {
            return e.seqs.isEmpty
        }
        let held = r.bySender[k]
        return e.seqs.allSatisfy { seq in held.contains { $0.seq == seq } }
    }

    /// Whether every letter `start` announces has arrived (asked at each wake-up of a
    /// waiting state: it stops at the first one missing and allocates nothing).
    func allArrived(for start: PhaseStart) -> Bool {
        start.expected.allSatisfy { arrived($0, in: start.round) }
    }

    /// Takes the announced letters, in canonical order, and refuses what earlier rounds left unclaimed.
    mutating func take(for start: PhaseStart) -> (inbox: [Letter], problems: [Problem]) {
        round = max(round, start.round)
        var problems: [Problem] = []
        if rounds.contains(where: { $0.round < start.round }) {
            var old = rounds.filter { $0.round < start.round }.sorted { $0.round < $1.round }
            rounds.removeAll { $0.round < start.round }
            for o in old {
                let left = o.bySender.joined().sorted { ($0.sender, $0.seq) < ($1.sender, $1.seq) }
                problems += left.map { Problem(.unannounced, sender: $0.sender) }
            }
            var last = old.removeLast().bySender
            for k in last.indices { last[k].removeAll(keepingCapacity: true) }
            spare = last
        }
        // One pass over what was announced: each letter taken, or its sender missing. The
        // inbox is canonical as taken when the senders come in id order (their slots' ranks
        // rising) with rising sequence numbers, as the coordinator announces them.
        var inbox: [Letter] = []
        var missing: [StateID] = []
        var ordered = slotIndex != nil
        var lastRank = -1
        let r = rounds.firstIndex { $0.round == start.round }
        for e in start.expected {
            guard let r, let k = slot(known: e.sender), k < rounds[r].bySender.count else {
                if !e.seqs.isEmpty { missing.append(e.sender) }
                continue
            }
            let rank = slotIndex.map { $0.ranks[k] } ?? -1
            if rank <= lastRank { ordered = false }
            lastRank = rank
            if zip(e.seqs, e.seqs.dropFirst()).contains(where: { $0 >= $1 }) { ordered = false }
            var complete = true
            for seq in e.seqs {
                if let at = rounds[r].bySender[k].firstIndex(where: { $0.seq == seq }) {
                    inbox.append(rounds[r].bySender[k].remove(at: at))
                } else {
                    complete = false
                }
            }
            if !complete { missing.append(e.sender) }
        }
        problems += Set(missing).sorted().map { Problem(.lettersMissing, sender: $0) }
        return (ordered ? inbox : inbox.canonicallyOrdered(), problems)
    }
}
