import EntenteModel
import EntenteWire
import EntenteRuntime
import Foundation
import Testing
import ZeroMQ

@Suite("End to end: hostile messages are refused and lose nothing", .serialized)
struct HostileInputTests {
    /// small.yaml's coordinator and states started by hand over tcp, a round done; and MDA's peer endpoint.
    func startSmallCluster(rounds: Int) throws -> (dir: String, coordinator: Entente.Running, endpoint: String,
                                                     states: [Entente.Running], target: String) {
        let dir = try temporaryFolder()
        let coordinator = try Entente.Running(["coordinator", "--scenario", Entente.scenario("small"), "--endpoint", "tcp://127.0.0.1:*",
                                               "--endpoint-file", dir + "/endpoint", "--out", dir + "/run", "--rounds", String(rounds), "--insecure"])
        #expect(eventually(30) { (try? String(contentsOfFile: dir + "/endpoint", encoding: .utf8))?.hasSuffix("\n") == true })
        let endpoint = try String(contentsOfFile: dir + "/endpoint", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let states = try ["AGG", "WEK", "MDA", "MDB", "FAR"].map { try Entente.Running(["state", "--id", $0, "--coordinator", endpoint, "--insecure"]) }
        #expect(eventually(30) { events(dir + "/run").roundEnded })
        let target = try #require(events(dir + "/run").joined.first { $0.state == "MDA" }?.endpoint)
        return (dir, coordinator, endpoint, states, target)
    }

    @Test("garbage and forged letters sent to a state and to the coordinator mid-run are refused and logged; the run finishes")
    func hostileMessages() throws {
        let (dir, coordinator, endpoint, states, target) = try startSmallCluster(rounds: 300)

        let context = try Context()
        // To a state's peer socket: noise, a wrong version, and a letter from a state that does not exist.
        let push = try Socket(context, .push)
        try push.connect(target)
        try push.send(Array("hello, I am not a message".utf8))
        try push.send([0x45, 0x4E, 99, 16, 1, 2, 3])
        let forged = PeerMessage(round: 1, phase: .assess, step: 0,
                                 letter: Letter(sender: "EVIL", receiver: "MDA", seq: 0, body: .offer(kind: .bandwagon, aimedAt: nil)))
        try push.send(forged.encoded())
        // To the coordinator: a stranger's hello, and garbage.
        let intruder = try Socket(context, .dealer)
        try intruder.setRoutingID("EVIL")
        try intruder.connect(endpoint)
        try intruder.send(ControlMessage.hello(Hello(state: "EVIL", pid: 1, endpoint: "tcp://127.0.0.1:1")).encoded())
        try intruder.send([0xde, 0xad, 0xbe, 0xef])

        let r = try coordinator.wait()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.digest != nil)
        for s in states { #expect(try s.wait(timeout: 30).status == 0) }
        let log = events(dir + "/run")
        #expect(log.refusals.isEmpty, "the model refused nothing: what came from outside is not part of the outcome")
        let atStates = log.rejections.map(\.rejection).filter { $0.state != nil }.map(\.problem)
        let atCoordinator = log.rejections.map(\.rejection).filter { $0.state == nil }.map(\.problem)
        // Noise and a wrong version: one sender's malformed messages, counted (grouped when in one report).
        let malformed = atStates.filter { $0.code == .malformed }
        #expect(malformed.reduce(0) { $0 + Int($1.count) } == 2, "\(malformed)")
        #expect(malformed.contains { $0.detail.contains("bad magic") })
        // A letter from a state that is not in the run is refused on arrival.
        #expect(atStates.contains { $0.code == .unknownSender && $0.sender == "EVIL" })
        #expect(atCoordinator.contains { $0.code == .refusedHello && $0.sender == "EVIL" })
        #expect(atCoordinator.contains { $0.code == .malformed && $0.sender == "EVIL" && $0.detail.contains("bad magic") })
    }

    @Test("200,000 letters for a far round leave a state's memory flat: refused on arrival, counted, nothing kept")
    func floodLeavesMemoryFlat() throws {
        let (dir, coordinator, _, states, target) = try startSmallCluster(rounds: 400)
        let mda = Int32(try #require(events(dir + "/run").joined.first { $0.state == "MDA" }?.pid))
        let before = try #require(peakMemoryKB(mda))
        let context = try Context()
        let push = try Socket(context, .push)
        try push.setHighWaterMarks(send: 0, receive: 0)
        try push.connect(target)
        let flood = 200_000
        for seq in 0..<flood {
            let m = PeerMessage(round: 60_000, phase: .assess, step: 0,
                                letter: Letter(sender: "AGG", receiver: "MDA", seq: UInt32(seq), body: .accept(offer: 0)))
            try push.send(m.encoded())
        }
        // Every letter has been read and refused when the counts reported add up.
        func counted() -> Int {
            events(dir + "/run").rejections.map(\.rejection).filter { $0.state == "MDA" && $0.problem.code == .outOfWindow }
                .reduce(0) { $0 + Int($1.problem.count) }
        }
        #expect(eventually(120) { counted() >= flood }, "\(counted()) of \(flood) counted")
        let after = try #require(peakMemoryKB(mda))
        // The flood is 200,000 × ~40 bytes = 8 MB on the wire; kept, letters cost far more.
        #expect(after - before < 16_000, "MDA's peak memory grew from \(before) kB to \(after) kB")
        #expect(try coordinator.wait(timeout: 120).status == 0)
        for s in states { #expect(try s.wait(timeout: 30).status == 0) }
        push.close()
    }

    @Test("a flood of letters for far rounds and over the per-sender limit is refused on arrival and reported as a count; the run finishes")
    func floodIsBounded() throws {
        let (dir, coordinator, endpoint, states, target) = try startSmallCluster(rounds: 400)
        let context = try Context()
        let push = try Socket(context, .push)
        try push.setHighWaterMarks(send: 0, receive: 0)
        try push.connect(target)
        // Letters "from AGG" for the rounds ahead, first: the log trails the run (rounds take
        // milliseconds), so 70 letters for each of the next 150 rounds from the log's; some
        // land in MDA's window (this round or the next) and go over the per-sender limit.
        let round = UInt16(events(dir + "/run").filter { $0.body is RoundEnd }.count + 1)
        for ahead in UInt16(1)...150 {
            for seq in 0..<70 {
                let m = PeerMessage(round: round &+ ahead, phase: .assess, step: 0,
                                    letter: Letter(sender: "AGG", receiver: "MDA", seq: 1_000_000 + UInt32(ahead) * 1000 + UInt32(seq),
                                                   body: .accept(offer: 0)))
                try push.send(m.encoded())
            }
        }
        // Then 20,000 for a round far ahead.
        for seq in 0..<20_000 {
            let m = PeerMessage(round: 60_000, phase: .assess, step: 0,
                                letter: Letter(sender: "AGG", receiver: "MDA", seq: UInt32(seq), body: .accept(offer: 0)))
            try push.send(m.encoded())
        }
        // And 1,000 junk frames at the coordinator: counted, one line, with the round they came in.
        let junk = try Socket(context, .dealer)
        try junk.setRoutingID("JUNK")
        try junk.connect(endpoint)
        for _ in 0..<1000 { try junk.send([0xde, 0xad, 0xbe, 0xef]) }
        let r = try coordinator.wait(timeout: 120)
        #expect(r.status == 0, "\(r.stderr)")
        for s in states { #expect(try s.wait(timeout: 30).status == 0) }
        let log = events(dir + "/run")
        let transport = log.rejections.filter { $0.rejection.state == nil }
        #expect(transport.count < 10, "\(transport.count) transport refusal lines")
        #expect(transport.contains { $0.rejection.problem.sender == "JUNK" && $0.rejection.problem.count > 1 && $0.round > 0 })
        let refused = log.rejections.filter { $0.rejection.state == "MDA" }.map(\.rejection.problem)
        // One line per sender and fault, with its count.
        #expect(refused.contains { $0.code == .outOfWindow && $0.sender == "AGG" && $0.count > 1 })
        #expect(refused.contains { $0.code == .flood && $0.sender == "AGG" })
        // Reported as counts: a few dozen lines, not one per letter.
        #expect(refused.count < 500, "\(refused.count) refusal lines")
    }
}
