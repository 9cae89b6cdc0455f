import Testing
@testable import EntenteModel

@Suite("Main threats: the first shared_threat_rank reaching threat_floor (MODEL.md §5.5, §8)")
struct MainThreatsTests {
    @Test("a ranking is cut at shared_threat_rank, then at threat_floor (inclusive)")
    func rankThenFloor() {
        let ranked = [reported("X", 0.9), reported("Y", 0.5), reported("Z", 0.4)]
        #expect(params(rank: 2).mainThreats(ranked) == ["X", "Y"] && params().mainThreats(ranked) == ["X"])
        #expect(params(rank: 1).mainThreats(ranked) == ["X"] && params(rank: 0).mainThreats(ranked) == [])
        #expect(params(floor: 0.5, rank: 3).mainThreats(ranked) == ["X", "Y"])
        #expect(params(floor: 0.6, rank: 3).mainThreats(ranked) == ["X"])
        #expect(params(floor: 0.95).mainThreats(ranked) == [])
        #expect(params(rank: 2).mainThreats(triangle().trueThreats(to: "A")) == ["T", "B"])
    }
}
