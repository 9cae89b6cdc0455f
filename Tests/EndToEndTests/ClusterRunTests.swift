import EntenteRuntime
import Foundation
import Testing

@Suite("End to end: the cluster engine, one OS process per state, over real ZeroMQ", .serialized)
struct ClusterRunTests {
    let small = Entente.scenario("small")

    func referenceDigest(seed: Int? = nil) throws -> String {
        let out = try temporaryFolder()
        var args = ["run", small, "--engine", "reference", "--out", out]
        if let seed { args += ["--seed", String(seed)] }
        let r = try Entente.run(args)
        #expect(r.status == 0, "reference run failed: \(r.stderr)")
        return try #require(r.digest)
    }

    @Test("the cluster's digest equals the reference engine's", arguments: ["ipc", "tcp"])
    func clusterMatchesReference(transport: String) throws {
        let expected = try referenceDigest()
        let out = try temporaryFolder() + "/run"
        let tag = newTag()
        let r = try Entente.Running(["run", small, "--transport", transport, "--out", out], tag: tag).wait()
        #expect(r.status == 0, "cluster run failed: \(r.stderr)")
        #expect(processes(tagged: tag).isEmpty, "processes left behind after a finished run")
        #expect(r.stdout.split(separator: "\n").last.map(String.init) == "digest: \(expected)")

        // Separate processes: one pid per state, none of them the coordinator or this test.
        let log = events(out)
        let run = try #require(log.run)
        let coordinatorPID = run.coordinatorPID
        let pids = log.joined.map(\.pid)
        #expect(pids.count == 5)
        #expect(Set(pids).count == 5)
        #expect(!pids.contains(coordinatorPID))
        #expect(!pids.contains(Int(getpid())))
        #expect(run.transport == transport && run.engine == "cluster")

        // The three files are there and readable.
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
        #expect(summary.digest == expected)
        let csv = try String(contentsOfFile: out + "/alliances.csv", encoding: .utf8)
        #expect(csv.hasPrefix("round,state,partner,"))
        #expect(csv.split(separator: "\n").count == 1 + summary.decisions)
    }

    @Test("a different seed gives a different digest, on both engines")
    func seedChangesDigest() throws {
        let a = try referenceDigest(seed: 7)
        let b = try referenceDigest(seed: 8)
        #expect(a != b)
        let r = try Entente.run(["run", small, "--seed", "8", "--out", try temporaryFolder() + "/run"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.digest == b)
    }

    @Test("overrides given with --set reach the cluster's coordinator: same digest as the reference engine")
    func overridesReachTheCluster() throws {
        let set = ["--set", "observation.noise=0.3", "--set", "states.WEK.aggressiveness=0.9"]
        let ref = try Entente.run(["run", small, "--engine", "reference", "--out", try temporaryFolder()] + set)
        let cluster = try Entente.run(["run", small, "--out", try temporaryFolder() + "/run"] + set)
        #expect(ref.status == 0 && cluster.status == 0, "\(ref.stderr)\(cluster.stderr)")
        #expect(ref.digest == cluster.digest)
        #expect(ref.digest != (try referenceDigest()))
    }

    @Test("coordinator and states started as separate commands with keys from `entente keys` finish with the same digest")
    func separateCommands() throws {
        let expected = try referenceDigest()
        let dir = try temporaryFolder()
        let keys = try Entente.run(["keys", small, "--out", dir + "/keys"])
        #expect(keys.status == 0, "\(keys.stderr)")
        let coordinator = try Entente.Running(["coordinator", "--scenario", small, "--endpoint", "tcp://127.0.0.1:*", "--keys", dir + "/keys",
                                               "--endpoint-file", dir + "/endpoint", "--out", dir + "/run"])
        #expect(eventually(30) { (try? String(contentsOfFile: dir + "/endpoint", encoding: .utf8))?.hasSuffix("\n") == true })
        let endpoint = try String(contentsOfFile: dir + "/endpoint", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let states = try ["AGG", "WEK", "MDA", "MDB", "FAR"].map {
            try Entente.Running(["state", "--id", $0, "--coordinator", endpoint, "--keys", dir + "/keys"])
        }
        let r = try coordinator.wait()
        #expect(r.status == 0, "coordinator failed: \(r.stderr)")
        #expect(r.digest == expected)
        for s in states { #expect(try s.wait(timeout: 30).status == 0) }
    }

    @Test("the historical scenarios, dispute histories in their Welcomes, run on the cluster and match the reference engine")
    func historicalScenarios() throws {
        for name in ["europe-1914", "europe-1936", "middle-east-1955"] {
            let ref = try Entente.run(["run", Entente.scenario(name), "--engine", "reference", "--rounds", "4", "--out", try temporaryFolder()])
            let cluster = try Entente.run(["run", Entente.scenario(name), "--rounds", "4", "--out", try temporaryFolder() + "/run"])
            #expect(ref.status == 0 && cluster.status == 0, "\(ref.stderr)\(cluster.stderr)")
            #expect(ref.digest != nil && ref.digest == cluster.digest, "\(name)")
        }
    }
}
