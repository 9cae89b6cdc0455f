import EntenteWire
import Testing
@testable import EntenteRuntime

@Suite("Problems are counted by code and sender, at most 32 and an overflow")
struct ProblemTallyTests {
    @Test("the same code from the same sender is one problem with its count and the first detail")
    func grouping() {
        var t = ProblemTally()
        t.add(Problem(.malformed, sender: "A", detail: "bad magic"))
        t.add(Problem(.malformed, sender: "A", detail: "truncated"))
        t.add(Problem(.malformed, sender: "B"))
        t.add(Problem(.lettersMissing, sender: "A", count: 3))
        #expect(t.take() == [Problem(.malformed, sender: "A", count: 2, detail: "bad magic"), Problem(.malformed, sender: "B"),
                             Problem(.lettersMissing, sender: "A", count: 3)])
        #expect(t.take().isEmpty)
    }

    @Test("past 32 distinct problems the rest are one overflow with how many; counting again changes nothing")
    func overflow() {
        var t = ProblemTally()
        for k in 0..<40 { t.add(Problem(.unknownSender, sender: "S\(k)", count: 2)) }
        let once = t.take()
        #expect(once.count == ProblemTally.limit + 1)
        #expect(once.last == Problem(.overflow, count: 16))
        var again = ProblemTally()
        for p in once { again.add(p) }
        #expect(again.take() == once)
    }
}
