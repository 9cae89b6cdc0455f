import Testing
@testable import EntenteModel

/// Where each phase sits in a round, and what a channel does to a letter: lose it, delay
/// it, or let it expire (docs/MODEL.md §1, §5.2, §10). The sender, the coordinator and the
/// reference engine all call `fate`, so it must be exact and reproducible.
@Suite("Letter fate: phase indices, loss, delay and expiry")
struct LetterFateTests {
    let seed: UInt64 = 42

    func letter(_ seq: UInt32 = 0, body: PeerBody = .offer(kind: .balance, aimedAt: "T")) -> Letter {
        Letter(sender: "A", receiver: "B", seq: seq, body: body)
    }

    func fate(_ l: Letter, round: Int = 1, sentAt index: Int = 2, steps: Int = 2, loss: Double = 0, delay: Int = 0, seed: UInt64? = nil) -> LetterFate {
        l.fate(round: round, sentAt: index, negotiationSteps: steps, channel: ChannelQuality(loss: loss, delay: delay), seed: seed ?? self.seed)
    }

    @Test("phases sit at observe 0, assess 1, negotiate step s at 1 + s, commit at steps + 2")
    func phaseIndices() {
        for steps in [1, 2, 5] {
            #expect(Phase.observe.index(step: 0, negotiationSteps: steps) == 0)
            #expect(Phase.assess.index(step: 0, negotiationSteps: steps) == 1)
            #expect((1...steps).map { Phase.negotiate.index(step: $0, negotiationSteps: steps) } == Array(2...(steps + 1)))
            #expect(Phase.commit.index(step: 0, negotiationSteps: steps) == steps + 2)
        }
    }

    @Test("on a perfect channel a letter is read in the next phase")
    func perfectChannel() {
        for index in 0...3 {
            #expect(fate(letter(), sentAt: index) == .due(phaseIndex: index + 1))
        }
    }

    @Test("a delay of d phases makes a letter due at index + 1 + d")
    func delay() {
        for d in 0...2 {
            #expect(fate(letter(), sentAt: 1, delay: d) == .due(phaseIndex: 2 + d))
        }
        #expect(fate(letter(), sentAt: 1, steps: 10, delay: 7) == .due(phaseIndex: 9))
    }

    /// The doc's worked cases with k = 2 (commit at 4): due at 4 is read, due at 5 expires.
    @Test("a letter due after the commit phase expires; one due at commit does not")
    func expiry() {
        #expect(fate(letter(), sentAt: 3, delay: 0) == .due(phaseIndex: 4), "step 2, no delay: read at commit")
        #expect(fate(letter(), sentAt: 3, delay: 1) == .expired, "delay 1 expires what step 2 sends")
        #expect(fate(letter(), sentAt: 2, delay: 1) == .due(phaseIndex: 4))
        #expect(fate(letter(), sentAt: 2, delay: 2) == .expired, "delay 2 expires step 1's offers")
        #expect(fate(letter(), sentAt: 1, delay: 2) == .due(phaseIndex: 4), "delay 2 delivers assessments at commit")
        #expect(fate(letter(), sentAt: 1, delay: 3) == .expired, "from delay 3 even assessments expire")
        #expect(fate(letter(), sentAt: 4, delay: 0) == .expired, "letters never carry over into the next round")
    }

    @Test("loss 1 loses every letter")
    func lossOne() {
        for seq in UInt32(0)..<200 {
            #expect(fate(letter(seq), loss: 1) == .lost, "seq \(seq)")
        }
    }

    @Test("loss 0 loses none")
    func lossZero() {
        for seq in UInt32(0)..<200 {
            #expect(fate(letter(seq), loss: 0) == .due(phaseIndex: 3), "seq \(seq)")
        }
    }

    /// Deterministic given the seed, so the count is fixed: the bounds only say it is a fair draw.
    @Test("loss 0.5 loses about half, and the same letters every time")
    func lossHalf() {
        let lost = (UInt32(0)..<200).filter { fate(letter($0), loss: 0.5) == .lost }
        #expect((70...130).contains(lost.count), "\(lost.count) of 200 lost")
        #expect((UInt32(0)..<200).filter { fate(letter($0), loss: 0.5) == .lost } == lost)
        // Only (seed, round, sender, receiver, seq) matter: not the body, the phase or the delay.
        #expect((UInt32(0)..<200).filter { fate(letter($0, body: .accept(offer: 9)), sentAt: 1, loss: 0.5, delay: 1) == .lost } == lost)
        #expect((UInt32(0)..<200).filter { fate(letter($0), loss: 0.5, seed: seed + 1) == .lost } != lost)
        #expect((UInt32(0)..<200).filter { fate(letter($0), round: 2, loss: 0.5) == .lost } != lost)
    }

    @Test("the loss draw is one uniform from the stream loss/(sender, receiver, round, seq)")
    func lossStream() {
        for seq in UInt32(0)..<50 {
            var rng = SeededRandom(seed: seed, purpose: "loss", ["A", "B", "3", String(seq)])
            let u = rng.uniform()
            for loss in [0.1, 0.5, 0.9] {
                #expect((fate(letter(seq), round: 3, loss: loss) == .lost) == (u < loss), "seq \(seq), loss \(loss)")
            }
        }
    }

    /// MODEL.md §10: a larger loss loses a superset of the same letters.
    @Test("raising the loss only adds lost letters")
    func lossIsMonotone() {
        let low = Set((UInt32(0)..<200).filter { fate(letter($0), loss: 0.3) == .lost })
        let high = Set((UInt32(0)..<200).filter { fate(letter($0), loss: 0.6) == .lost })
        #expect(low.isSubset(of: high) && low.count < high.count)
    }
}
