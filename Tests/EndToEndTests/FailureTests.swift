import EntenteRuntime
import Foundation
import Testing

@Suite("End to end: a state that fails is marked absent and the run goes on; a stopped run leaves no process behind", .serialized)
struct FailureTests {
    let small = Entente.scenario("small")

    func startCoordinator(_ dir: String, extra: [String] = []) throws -> (Entente.Running, String) {
        let c = try Entente.Running(["coordinator", "--scenario", small, "--endpoint", "tcp://127.0.0.1:*",
                                     "--endpoint-file", dir + "/endpoint", "--out", dir + "/run", "--insecure"] + extra)
        guard eventually(30, { (try? String(contentsOfFile: dir + "/endpoint", encoding: .utf8))?.hasSuffix("\n") == true }) else {
            throw TestFailure("the coordinator did not bind: \(try c.wait(timeout: 1).stderr)")
        }
        return (c, try String(contentsOfFile: dir + "/endpoint", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Starts `entente run` on a run long enough to interrupt, tagged, and waits until a round is done.
    func startLongRun(rounds: Int = 60000) throws -> (run: Entente.Running, out: String, tag: String) {
        let out = try temporaryFolder() + "/run"
        let tag = newTag()
        let run = try Entente.Running(["run", small, "--rounds", String(rounds), "--phase-timeout", "3", "--out", out], tag: tag)
        guard eventually(30, { events(out).roundEnded }) else {
            throw TestFailure("the run did not get through a round: \(try run.wait(timeout: 1).stderr)")
        }
        return (run, out, tag)
    }

    @Test("a state that never joins stops the run at the join deadline, named")
    func stateNeverJoins() throws {
        let dir = try temporaryFolder()
        let (coordinator, endpoint) = try startCoordinator(dir, extra: ["--join-timeout", "2"])
        let states = try ["AGG", "WEK", "MDA", "MDB"].map { try Entente.Running(["state", "--id", $0, "--coordinator", endpoint, "--insecure"]) }
        let r = try coordinator.wait(timeout: 60)
        #expect(r.status != 0)
        #expect(r.stderr.contains("did not join"))
        #expect(r.stderr.contains("FAR"))
        // The others are told to stop.
        for s in states {
            let sr = try s.wait(timeout: 30)
            #expect(sr.status != 0)
            #expect(sr.stderr.contains("aborted"))
        }
    }

    @Test("a state its peers cannot reach (a wrong --advertise) stops the run before round 1, named")
    func stateUnreachable() throws {
        let dir = try temporaryFolder()
        let (coordinator, endpoint) = try startCoordinator(dir, extra: ["--join-timeout", "3"])
        // FAR listens on 127.0.0.1 but tells its peers 127.0.0.2, where nothing listens.
        let states = try ["AGG", "WEK", "MDA", "MDB", "FAR"].map {
            try Entente.Running(["state", "--id", $0, "--coordinator", endpoint, "--insecure"] + ($0 == "FAR" ? ["--advertise", "127.0.0.2"] : []))
        }
        let r = try coordinator.wait(timeout: 60)
        #expect(r.status != 0)
        // MDB, FAR's one peer, is reached by all its peers but FAR: FAR alone is named.
        #expect(r.stderr.contains("not reached by all their peers") && r.stderr.contains(": FAR."), "\(r.stderr)")
        #expect(!events(dir + "/run").roundEnded, "no round ran")
        for s in states { #expect(try s.wait(timeout: 30).status != 0) }
    }

    @Test("a state process killed mid-run is marked absent, and the run finishes without it")
    func stateKilledMidRun() throws {
        let dir = try temporaryFolder()
        let (coordinator, endpoint) = try startCoordinator(dir, extra: ["--phase-timeout", "3", "--rounds", "300"])
        let ids = ["AGG", "WEK", "MDA", "MDB", "FAR"]
        let states = try ids.map { try Entente.Running(["state", "--id", $0, "--coordinator", endpoint, "--insecure"]) }
        #expect(eventually(30) { events(dir + "/run").roundEnded })
        states[2].kill(signal: SIGKILL)
        let r = try coordinator.wait(timeout: 120)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("absent: MDA"), "\(r.stdout)")
        for (k, s) in states.enumerated() where k != 2 { #expect(try s.wait(timeout: 30).status == 0) }
        let log = events(dir + "/run")
        let marked = try #require(log.firstIndex { if let a = $0.body as? Absence { a.state == "MDA" } else { false } })
        // Rounds went on after it, and MDA decided nothing more.
        #expect(log[marked...].filter { $0.body is RoundEnd }.count > 1)
        #expect(!log[marked...].contains { if let d = $0.body as? DecisionEvent { d.state == "MDA" } else { false } })
        #expect((log.last?.body is Final) == true)
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/run/summary.json")))
        #expect(summary.absent.map(\.state) == ["MDA"])
    }

    @Test("under `entente run`, a state that exits early is named, the run finishes without it, and nothing is left")
    func launcherNamesDeadState() throws {
        let (run, out, tag) = try startLongRun(rounds: 300)
        let children = childProcesses(of: run.pid)
        #expect(children.count == 6)
        let statePID = try #require(events(out).joined.first { $0.state == "WEK" }?.pid)
        kill(Int32(statePID), SIGKILL)
        let r = try run.wait(timeout: 120)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("state WEK") && r.stderr.contains("exited early"), "\(r.stderr)")
        for pid in children { #expect(eventually(10) { !isAlive(pid) }, "pid \(pid) left behind") }
        #expect(events(out).contains { if let a = $0.body as? Absence { a.state == "WEK" } else { false } })
        #expect((events(out).last?.body is Final) == true)
        #expect(processes(tagged: tag).isEmpty)
    }

    @Test("Ctrl-C on `entente run` stops every process it started", arguments: [SIGINT, SIGTERM])
    func interruptLeavesNothing(signal: Int32) throws {
        let (run, out, tag) = try startLongRun()
        let children = childProcesses(of: run.pid)
        #expect(children.count == 6)
        run.kill(signal: signal)
        let r = try run.wait(timeout: 60)
        #expect(r.status == 130, "interrupted: exit status 130")
        #expect(r.stderr.contains("interrupted"), "\(r.stderr)")
        for pid in children { #expect(eventually(10) { !isAlive(pid) }, "pid \(pid) left behind") }
        let last = try #require(events(out).last)
        guard let failed = last.body as? RunFailed else { Issue.record("the log ends with \(last.type), not run_failed"); return }
        #expect(failed.error.contains("stopped by signal \(SIGTERM)"), "\(failed.error)")
        // What was done is kept, marked incomplete (sweeps do not count it as finished).
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
        #expect(!summary.complete && summary.roundsCompleted >= 1)
        #expect(summary.stopped?.contains("stopped by signal") == true, "\(String(describing: summary.stopped))")
        #expect(processes(tagged: tag).isEmpty)
    }

    @Test("the ipc sockets of a run live in a folder only its user can open")
    func ipcFolderIsPrivate() throws {
        let (run, out, _) = try startLongRun(rounds: 300)
        let endpoint = try #require(events(out).joined.first?.endpoint)
        #expect(endpoint.hasPrefix("ipc://"), "\(endpoint)")
        let folder = URL(fileURLWithPath: String(endpoint.dropFirst("ipc://".count))).deletingLastPathComponent().path
        let mode = try #require(FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int)
        #expect(mode & 0o777 == 0o700, "\(folder) has mode \(String(mode, radix: 8))")
        run.kill(signal: SIGTERM)
        _ = try run.wait(timeout: 60)
    }

    @Test("if `entente run` itself is killed outright, its processes notice and exit")
    func launcherKilled() throws {
        let (run, _, tag) = try startLongRun()
        #expect(processes(tagged: tag).count == 7)
        run.kill(signal: SIGKILL)
        _ = try run.wait(timeout: 30)
        #expect(eventually(20) { processes(tagged: tag).isEmpty }, "left behind: \(processes(tagged: tag))")
    }

    @Test("states exit by themselves when the coordinator disappears")
    func coordinatorDies() throws {
        let dir = try temporaryFolder()
        let (coordinator, endpoint) = try startCoordinator(dir, extra: ["--rounds", "60000"])
        let states = try ["AGG", "WEK", "MDA", "MDB", "FAR"].map {
            try Entente.Running(["state", "--id", $0, "--coordinator", endpoint, "--coordinator-timeout", "3", "--insecure"])
        }
        #expect(eventually(30) { events(dir + "/run").roundEnded })
        coordinator.kill(signal: SIGKILL)
        for s in states {
            let r = try s.wait(timeout: 60)
            #expect(r.status != 0)
            #expect(r.stderr.contains("nothing from the coordinator"))
        }
    }
}
