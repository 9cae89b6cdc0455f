import EntenteRuntime
import Foundation
import Testing

@Suite("End to end: sweeps over real clusters, resumable, equal to the reference engine", .serialized)
struct SweepTests {
    let small = Entente.scenario("small")
    let grid = ["--vary", "observation.noise=0,0.3", "--seeds", "2", "--rounds", "4"]

    /// (point, seed) → digest, from a sweep's results.csv.
    func digests(_ folder: String) throws -> [String: String] {
        let lines = try String(contentsOfFile: folder + "/results.csv", encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        let (p, s, d, st) = (header.firstIndex(of: "point")!, header.firstIndex(of: "seed")!, header.firstIndex(of: "digest")!, header.firstIndex(of: "status")!)
        var out: [String: String] = [:]
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if f[st] == "ok" { out["\(f[p])-s\(f[s])"] = f[d] }
        }
        return out
    }

    @Test("a 2 × 2 sweep on the cluster engine gives the reference engine's results, run for run")
    func clusterEqualsReference() throws {
        let ref = try temporaryFolder() + "/ref", cluster = try temporaryFolder() + "/cluster"
        let r1 = try Entente.run(["sweep", small] + grid + ["--engine", "reference", "--out", ref])
        let r2 = try Entente.run(["sweep", small] + grid + ["--engine", "cluster", "--jobs", "2", "--out", cluster])
        #expect(r1.status == 0 && r2.status == 0, "\(r1.stderr)\(r2.stderr)")
        let a = try digests(ref), b = try digests(cluster)
        #expect(a.count == 4)
        #expect(a == b)
        // Different noise, different outcome: the knob reaches the runs.
        #expect(a["p0-s1"] != a["p1-s1"])
        for file in ["points.csv", "report.html", "sweep.json"] {
            #expect(FileManager.default.fileExists(atPath: cluster + "/" + file), "\(file) missing")
        }
    }

    @Test("a sweep run as two shares into one folder, then collected, has the tables of the whole sweep; collect names what is missing")
    func shardsAndCollect() throws {
        let whole = try temporaryFolder() + "/whole", shared = try temporaryFolder() + "/shared"
        #expect(try Entente.run(["sweep", small] + grid + ["--engine", "reference", "--out", whole]).status == 0)
        let first = try Entente.run(["sweep", small] + grid + ["--engine", "reference", "--out", shared, "--shard", "1/2"])
        #expect(first.status == 0 && first.stdout.contains("share 1/2 done"), "\(first.stderr)")
        #expect(!FileManager.default.fileExists(atPath: shared + "/results.csv"), "a share writes no tables")
        let partial = try Entente.run(["sweep", "--collect", shared])
        #expect(partial.status == 0 && partial.stdout.contains("runs: 2 of 4 finished") && partial.stdout.contains("missing: 2 run(s)"), "\(partial.stdout)")
        #expect(try Entente.run(["sweep", small] + grid + ["--engine", "reference", "--out", shared, "--shard", "2/2"]).status == 0)
        let full = try Entente.run(["sweep", "--collect", shared])
        #expect(full.stdout.contains("runs: 4 of 4 finished"), "\(full.stdout)")
        #expect(try digests(shared) == digests(whole))
        #expect(try String(contentsOfFile: shared + "/points.csv", encoding: .utf8) == String(contentsOfFile: whole + "/points.csv", encoding: .utf8))
        // Another grid into the same folder is refused; a bad share says what it expects.
        let other = try Entente.run(["sweep", small, "--vary", "observation.noise=0,0.5", "--seeds", "2", "--out", shared, "--shard", "1/2"])
        #expect(other.status != 0 && other.stderr.contains("holds another sweep"))
        let bad = try Entente.run(["sweep", small] + grid + ["--out", shared, "--shard", "3/2"])
        #expect(bad.status == 64 && bad.stderr.contains("expected I/N"))
    }

    @Test("a run keeps the scenario file it was given and its SHA-256; a sweep refuses to resume on a changed file unless --force")
    func provenance() throws {
        let dir = try temporaryFolder()
        let scenario = dir + "/mine.yaml"
        try FileManager.default.copyItem(atPath: small, toPath: scenario)
        let run = try Entente.run(["run", scenario, "--engine", "reference", "--rounds", "3", "--out", dir + "/run"])
        #expect(run.status == 0)
        #expect(FileManager.default.contents(atPath: dir + "/run/scenario.yaml") == FileManager.default.contents(atPath: scenario))
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/run/summary.json")))
        #expect(summary.scenarioSHA256 == ScenarioCopy.sha256(path: scenario) && summary.scenarioSHA256?.count == 64)

        let sweep = ["sweep", scenario, "--vary", "observation.noise=0,0.3", "--seeds", "1", "--rounds", "3", "--engine", "reference", "--out", dir + "/sweep"]
        #expect(try Entente.run(sweep).status == 0)
        try (String(contentsOfFile: scenario, encoding: .utf8) + "\n# edited\n").write(toFile: scenario, atomically: true, encoding: .utf8)
        let refused = try Entente.run(sweep)
        #expect(refused.status == 1 && refused.stderr.contains("changed since the sweep") && refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(try Entente.run(sweep + ["--force"]).status == 0)
    }

    @Test("a sweep killed mid-way resumes without redoing finished runs")
    func resumeAfterKill() throws {
        let out = try temporaryFolder() + "/sweep"
        let slow = ["sweep", small, "--vary", "observation.noise=0,0.3", "--seeds", "2", "--rounds", "150", "--engine", "cluster", "--out", out]
        let tag = newTag()
        let first = try Entente.Running(slow, tag: tag)
        func finished() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: out + "/runs")) ?? [])
                .filter { FileManager.default.fileExists(atPath: out + "/runs/\($0)/summary.json") }.sorted()
        }
        // results.csv grows as runs finish: the killed sweep leaves the table of what it did.
        #expect(eventually(120) { !finished().isEmpty && ((try? digests(out))?.isEmpty == false) })
        first.kill(signal: SIGKILL)
        _ = try first.wait(timeout: 30)
        // Everything the killed sweep started stops by itself.
        #expect(eventually(20) { processes(tagged: tag).isEmpty }, "left behind: \(processes(tagged: tag))")
        let done = finished()
        #expect(!done.isEmpty && done.count < 4, "kill the sweep mid-way (finished: \(done))")
        let stamps = try done.map { try FileManager.default.attributesOfItem(atPath: out + "/runs/\($0)/summary.json")[.modificationDate] as? Date }

        let second = try Entente.run(slow, timeout: 300)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("(\(done.count) already finished, 0 failed)"), "\(second.stdout)")
        let after = try done.map { try FileManager.default.attributesOfItem(atPath: out + "/runs/\($0)/summary.json")[.modificationDate] as? Date }
        #expect(after == stamps, "finished runs were redone")
        #expect(try digests(out).count == 4)
        // decisions.csv pools every run's alliances.csv, after its point, seed and varied value.
        let pooled = try String(contentsOfFile: out + "/decisions.csv", encoding: .utf8).split(separator: "\n")
        #expect(pooled[0].hasPrefix("point,seed,observation.noise,round,state,partner"))
        let perRun = try finished().map { try String(contentsOfFile: out + "/runs/\($0)/alliances.csv", encoding: .utf8).split(separator: "\n").count - 1 }
        #expect(pooled.count - 1 == perRun.reduce(0, +))

        let ref = try temporaryFolder() + "/ref"
        #expect(try Entente.run(["sweep", small, "--vary", "observation.noise=0,0.3", "--seeds", "2", "--rounds", "150",
                                 "--engine", "reference", "--out", ref]).status == 0)
        #expect(try digests(out) == digests(ref))
    }

    @Test("resuming into a folder that holds another sweep is refused")
    func otherSweepRefused() throws {
        let out = try temporaryFolder() + "/sweep"
        #expect(try Entente.run(["sweep", small, "--vary", "observation.noise=0", "--seeds", "1", "--rounds", "2", "--engine", "reference", "--out", out]).status == 0)
        let r = try Entente.run(["sweep", small, "--vary", "observation.noise=0.5", "--seeds", "1", "--rounds", "2", "--engine", "reference", "--out", out])
        #expect(r.status != 0)
        #expect(r.stderr.contains("holds another sweep"))
    }

    @Test("an invalid grid value is refused before anything runs")
    func invalidGrid() throws {
        let out = try temporaryFolder() + "/sweep"
        let r = try Entente.run(["sweep", small, "--vary", "observation.noise=0,-1", "--engine", "reference", "--out", out])
        #expect(r.status != 0)
        #expect(r.stderr.contains("observation.noise"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("entente report writes a run's timeline page")
    func runReport() throws {
        let out = try temporaryFolder() + "/run"
        #expect(try Entente.run(["run", Entente.scenario("europe-1914"), "--engine", "reference", "--out", out]).status == 0)
        let r = try Entente.run(["report", out])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.contains("Alliances and wars by round"))
        #expect(html.contains("Who balanced against whom"))
        #expect(try Entente.run(["report", "/nonexistent"]).status != 0)
    }
}

@Suite("End to end: knobs hold on the cluster too", .serialized)
struct ClusterKnobTests {
    @Test("with topology neighbors, loss and a late channel, cluster letters go only between neighbours, and the digest is the reference's")
    func topologyOnCluster() throws {
        let set = ["--set", "communication.topology=neighbors", "--set", "channels.loss=0.2", "--set", "channels.pairs=[{a: MDA, b: MDB, delay: 1}]"]
        let out = try temporaryFolder() + "/run"
        let cluster = try Entente.run(["run", Entente.scenario("small"), "--out", out] + set)
        let ref = try Entente.run(["run", Entente.scenario("small"), "--engine", "reference", "--out", try temporaryFolder()] + set)
        #expect(cluster.status == 0 && ref.status == 0, "\(cluster.stderr)")
        #expect(cluster.digest == ref.digest)
        let borders: Set<[String]> = [["AGG", "WEK"], ["AGG", "MDA"], ["AGG", "MDB"], ["MDA", "MDB"], ["FAR", "MDB"]]
        let letters = events(out).letters
        #expect(!letters.isEmpty)
        #expect(letters.allSatisfy { borders.contains([$0.from, $0.to].sorted()) })
    }
}
