import EntenteModel
import EntenteWire
import Testing
@testable import EntenteRuntime

/// The mailbox both engines and the state process keep letters in until a phase takes them.
@Suite("Mailbox: a phase takes exactly the announced letters, in canonical order")
struct MailboxTests {
    static func message(_ sender: StateID, _ seq: UInt32, round: UInt16 = 1, to receiver: StateID = "ME") -> PeerMessage {
        PeerMessage(round: round, phase: .negotiate, step: 1, letter: Letter(sender: sender, receiver: receiver, seq: seq, body: .accept(offer: 0)))
    }

    static func mailbox() -> Mailbox {
        var m = Mailbox(owner: "ME")
        m.senders = ["A", "B", "C", "ME"]
        return m
    }

    static func start(round: UInt16 = 1, _ expected: [(StateID, [UInt32])]) -> PhaseStart {
        PhaseStart(round: round, phase: .negotiate, step: 2, expected: expected.map { ExpectedLetters(sender: $0.0, seqs: $0.1) })
    }

    @Test("letters arriving in any order are taken by sender, then sequence; the unannounced stay")
    func canonicalOrder() {
        var m = Self.mailbox()
        for (sender, seq) in [("C", 4), ("A", 9), ("B", 1), ("A", 2), ("C", 5)] as [(StateID, UInt32)] {
            #expect(m.add(Self.message(sender, seq)) == nil)
        }
        let (inbox, problems) = m.take(for: Self.start([("A", [2, 9]), ("C", [5])]))
        #expect(inbox.map { "\($0.sender)\($0.seq)" } == ["A2", "A9", "C5"])
        #expect(problems.isEmpty)
        // What was never announced is refused once its round is over, sender by sender.
        let next = m.take(for: Self.start(round: 2, []))
        #expect(next.inbox.isEmpty)
        #expect(next.problems == [Problem(.unannounced, sender: "B"), Problem(.unannounced, sender: "C")])
    }

    @Test("a sender with an announced letter not held is missing, once, in id order")
    func missing() {
        var m = Self.mailbox()
        _ = m.add(Self.message("B", 1))
        #expect(!m.allArrived(for: Self.start([("C", [3]), ("B", [1, 2]), ("A", [])])))
        #expect(m.allArrived(for: Self.start([("B", [1]), ("A", [])])))
        let (inbox, problems) = m.take(for: Self.start([("C", [3]), ("B", [1, 2]), ("A", [])]))
        #expect(inbox.map(\.seq) == [1])
        #expect(problems == [Problem(.lettersMissing, sender: "B"), Problem(.lettersMissing, sender: "C")])
    }

    @Test("strangers, misaddressed letters, repeats and letters out of the window are refused")
    func refusals() {
        var m = Self.mailbox()
        #expect(m.add(Self.message("X", 1))?.code == .unknownSender)
        #expect(m.add(Self.message("A", 1, to: "B"))?.code == .misaddressed)
        #expect(m.add(Self.message("A", 1)) == nil)
        #expect(m.add(Self.message("A", 1))?.code == .duplicate)
        #expect(m.add(Self.message("A", 2, round: 3))?.code == .outOfWindow)
        _ = m.take(for: Self.start(round: 2, []))
        #expect(m.add(Self.message("A", 3, round: 1))?.code == .outOfWindow)
    }

    @Test("before the Welcome a letter from anyone is kept, and taken when announced")
    func beforeWelcome() {
        var m = Mailbox(owner: "ME")
        #expect(m.add(Self.message("Z", 7)) == nil)
        #expect(m.take(for: Self.start([("Z", [7])])).inbox.map(\.sender) == ["Z"])
    }
}

@Suite("Letter post: what each receiver is told to wait for")
struct LetterPostTests {
    @Test("letters due in one phase but sent in different ones (a delayed channel) are announced by sender, then sequence")
    func expectedAcrossDelays() {
        var channels = ChannelParameters()
        channels.pairs = [ChannelPair("B", "ME", ChannelQuality(loss: 0, delay: 1))]
        var post = LetterPost(peers: ["A": ["ME"], "B": ["ME"], "C": ["ME"], "ME": ["A", "B", "C"]], channels: channels, seed: 1, negotiationSteps: 3)
        func letter(_ sender: StateID, _ seq: UInt32) -> Letter { Letter(sender: sender, receiver: "ME", seq: seq, body: .accept(offer: 0)) }
        func send(step: UInt8, _ letters: [Letter]) {
            var reports: [StateID: PhaseReport] = [:]
            for l in letters { reports[l.sender, default: PhaseReport(round: 1, phase: .negotiate, step: step)].letters.append(l) }
            _ = post.send(post.check(reports).letters, round: 1, phaseIndex: Phase.negotiate.index(step: Int(step), negotiationSteps: 3))
        }
        // B's step-1 letters are delayed a phase: they arrive with A's step-2 ones, after them in the post.
        send(step: 1, [letter("B", 4), letter("B", 5)])
        send(step: 2, [letter("A", 2), letter("A", 3)])
        let due = Phase.negotiate.index(step: 3, negotiationSteps: 3)
        #expect(post.expected(for: "ME", at: due) == [ExpectedLetters(sender: "A", seqs: [2, 3]), ExpectedLetters(sender: "B", seqs: [4, 5])])
        // Without a delay, one phase's letters: already in order.
        send(step: 3, [letter("A", 6), letter("A", 7), letter("C", 8)])
        #expect(post.expected(for: "ME", at: due + 1) == [ExpectedLetters(sender: "A", seqs: [6, 7]), ExpectedLetters(sender: "C", seqs: [8])])
    }
}
