import EntenteRuntime
import Foundation
import Testing

@Suite("End to end: an absent state's restarted process takes part again from the next round", .serialized)
struct ReturnTests {
    let small = Entente.scenario("small")
    let ids = ["AGG", "WEK", "MDA", "MDB", "FAR"]

    func state(_ id: String, _ dir: String, listen: String? = nil) throws -> Entente.Running {
        try Entente.Running(["state", "--id", id, "--coordinator", "ipc://\(dir)/coordinator", "--listen", listen ?? "ipc://\(dir)/\(id)"])
    }

    @Test("killed, restarted with the same id and endpoint, welcomed back; the return replays on resume")
    func killedStateReturns() throws {
        let dir = try temporaryFolder()
        let coordinator = try Entente.Running(["coordinator", "--scenario", small, "--endpoint", "ipc://\(dir)/coordinator",
                                               "--out", dir + "/run", "--rounds", "500", "--phase-timeout", "3"])
        var states = try ids.map { try state($0, dir) }
        #expect(eventually(30) { events(dir + "/run").roundEnded })
        states[2].kill(signal: SIGKILL)
        func absence() -> Int? { events(dir + "/run").first { if let a = $0.body as? Absence { a.state == "MDA" } else { false } }?.round }
        #expect(eventually(30) { absence() != nil })

        // Elsewhere than its peers know: turned away, saying where to listen.
        let moved = try state("MDA", dir, listen: "ipc://\(dir)/MDA-moved")
        let r = try moved.wait(timeout: 30)
        #expect(r.status == 1 && r.stderr.contains("restart it with --listen ipc://\(dir)/MDA"), "\(r.stderr)")

        states[2] = try state("MDA", dir)
        func returned() -> Int? { events(dir + "/run").first { if let x = $0.body as? Returned { x.state == "MDA" } else { false } }?.round }
        #expect(eventually(30) { returned() != nil })
        let outcome = try coordinator.wait(timeout: 120)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        for s in states { #expect(try s.wait(timeout: 30).status == 0) }

        let log = try RunEvent.read(folder: dir + "/run")
        let (gone, back) = (try #require(absence()), try #require(returned()))
        #expect(back > gone)
        // It decides again from the round it is back, and the summary has nobody absent at the end.
        #expect(log.contains { if let d = $0.body as? DecisionEvent { d.state == "MDA" && $0.round == back } else { false } })
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/run/summary.json")))
        #expect(summary.absent.isEmpty && summary.complete)

        // Cut the log a few rounds after the return and resume: the replay makes it absent
        // and welcomes it back at the same rounds, or the replay check refuses.
        let path = dir + "/run/events.jsonl"
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let ends = lines.indices.filter { lines[$0].hasPrefix("{\"type\":\"round_end\"") }
        try (lines[...ends[back + 3]].joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: dir + "/run/summary.json")
        let resumed = try Entente.run(["run", "--resume", dir + "/run"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.digest == outcome.digest)
    }
}
