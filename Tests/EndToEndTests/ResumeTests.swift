import EntenteRuntime
import Foundation
import Testing

@Suite("End to end: a run whose processes were killed resumes to the digest of the run never interrupted", .serialized)
struct ResumeTests {
    let small = Entente.scenario("small")
    let rounds = 300

    enum Victim: String, CustomStringConvertible {
        /// Every process of the run at once (a machine losing power, an OOM killer's sweep).
        case everything
        /// The coordinator alone: the launcher and the states notice and stop.
        case coordinator
        /// `entente run` asked to stop: the coordinator writes an incomplete summary first.
        case launcherTerminated
        var description: String { rawValue }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var victim: Victim
        var afterRounds: Int
        var resumeWith: [String]
        var testDescription: String { "\(victim) killed after \(afterRounds)+ rounds, resumed with \(resumeWith)" }
    }

    @Test("killed at a point of the run, resumed", arguments: [
        Case(victim: .everything, afterRounds: 3, resumeWith: []),
        Case(victim: .coordinator, afterRounds: 40, resumeWith: ["--transport", "tcp"]),
        Case(victim: .launcherTerminated, afterRounds: 90, resumeWith: ["--engine", "reference"]),
    ])
    func killAndResume(_ c: Case) throws {
        let reference = try Entente.run(["run", small, "--engine", "reference", "--rounds", String(rounds), "--out", try temporaryFolder()])
        let expected = try #require(reference.digest)
        let out = try temporaryFolder() + "/run"
        let tag = newTag()
        let run = try Entente.Running(["run", small, "--rounds", String(rounds), "--out", out], tag: tag)
        #expect(eventually(60) { events(out).filter { $0.body is RoundEnd }.count >= c.afterRounds })
        usleep(UInt32.random(in: 0...20_000))
        switch c.victim {
        case .everything: for pid in processes(tagged: tag) { kill(pid, SIGKILL) }
        case .coordinator: kill(Int32(try #require(events(out).run?.coordinatorPID)), SIGKILL)
        case .launcherTerminated: run.kill(signal: SIGTERM)
        }
        let stopped = try run.wait(timeout: 30)
        #expect(stopped.status != 0)
        #expect(eventually(20) { processes(tagged: tag).isEmpty }, "left behind: \(processes(tagged: tag))")
        let completed = events(out).filter { $0.body is RoundEnd }.count
        #expect(completed >= c.afterRounds && completed < rounds, "the run was not cut: \(completed) rounds")

        let resumed = try Entente.run(["run", "--resume", out] + c.resumeWith)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.digest == expected)
        let log = try RunEvent.read(folder: out)
        let marks = log.compactMap { if let r = $0.body as? Resumed { r } else { nil } }
        #expect(marks.count == 1 && marks[0].replayedRounds == completed)
        #expect(log.filter { $0.body is RoundEnd }.count == rounds && log.filter { $0.body is Final }.count == 1)
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
        #expect(summary.complete && summary.digest == expected)
    }

    @Test("a state lost before the interruption is absent again, at the same point, in the replay (else the replay check fails)")
    func absenceReplayed() throws {
        let out = try temporaryFolder() + "/run"
        let tag = newTag()
        let run = try Entente.Running(["run", small, "--rounds", String(rounds), "--phase-timeout", "3", "--out", out], tag: tag)
        #expect(eventually(60) { events(out).roundEnded })
        kill(Int32(try #require(events(out).joined.first { $0.state == "MDA" }?.pid)), SIGKILL)
        #expect(eventually(60) { events(out).contains { $0.body is Absence } && events(out).filter { $0.body is RoundEnd }.count >= 30 })
        for pid in processes(tagged: tag) { kill(pid, SIGKILL) }
        _ = try run.wait(timeout: 30)
        let resumed = try Entente.run(["run", "--resume", out])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let log = try RunEvent.read(folder: out)
        let absences = log.compactMap { if let a = $0.body as? Absence { a } else { nil } }
        #expect(absences.count == 1 && absences.first?.state == "MDA")
        #expect(log.contains { $0.body is Resumed } && log.contains { $0.body is Final })
    }

    @Test("--again repeats a run from its folder, e.g. with every observation, and checks it is the same run by its digest")
    func again() throws {
        let out = try temporaryFolder() + "/run", full = try temporaryFolder() + "/full"
        #expect(try Entente.run(["run", small, "--engine", "reference", "--rounds", "12", "--out", out]).status == 0)
        let repeated = try Entente.run(["run", "--again", out, "--log", "full", "--engine", "reference", "--out", full])
        #expect(repeated.status == 0 && repeated.stderr.contains("same digest as \(out)"), "\(repeated.stderr)")
        #expect(FileManager.default.contents(atPath: full + "/scenario.yaml") == FileManager.default.contents(atPath: out + "/scenario.yaml"))
        #expect(try RunEvent.read(folder: full).contains { $0.body is ObservationEvent })
        #expect(FileManager.default.fileExists(atPath: full + "/threats.csv"))
        let into = try Entente.run(["run", "--again", out, "--out", out])
        #expect(into.status == 64 && into.stderr.contains("new run folder"))
    }

    @Test("a finished run, a folder that is not a run, and a log that replays differently are refused, each saying why")
    func refusals() throws {
        let out = try temporaryFolder() + "/run"
        #expect(try Entente.run(["run", small, "--engine", "reference", "--rounds", "12", "--out", out]).status == 0)
        let finished = try Entente.run(["run", "--resume", out])
        #expect(finished.status == 1 && finished.stderr.contains("finished: there is nothing to resume"), "\(finished.stderr)")
        let nowhere = try Entente.run(["run", "--resume", try temporaryFolder()])
        #expect(nowhere.status == 1 && nowhere.stderr.contains("cannot resume"), "\(nowhere.stderr)")
        let both = try Entente.run(["run", small, "--resume", out])
        #expect(both.status == 64)
        let seeded = try Entente.run(["run", "--resume", out, "--seed", "3"])
        #expect(seeded.status == 64 && seeded.stderr.contains("do not apply"))

        // Cut the log after round 8, and change a power in round 3's end: the replay must notice.
        let path = out + "/events.jsonl"
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let ends = lines.indices.filter { lines[$0].hasPrefix("{\"type\":\"round_end\"") }
        lines = Array(lines[...ends[7]])
        lines[ends[2]] = lines[ends[2]].replacingOccurrences(of: "\"power\":{\"", with: "\"power\":{\"X\":1,\"")
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let tampered = try Entente.run(["run", "--resume", out, "--engine", "reference"])
        #expect(tampered.status == 1 && tampered.stderr.contains("round 3 replayed differently from the log"), "\(tampered.stderr)")
    }
}
