import Foundation
import Testing

/// A state run by a program of the user's (`states[].command`, `--state-command`; PROTOCOL.md §1).
@Suite("End to end: states run by another program", .serialized)
struct StateCommandTests {
    let small = Entente.scenario("small")

    @Test("a state started by its own command line joins the run; the digest is the reference engine's; the run folder records it",
          arguments: ["ipc", "tcp"])
    func otherProgram(transport: String) throws {
        let ref = try Entente.run(["run", small, "--engine", "reference", "--out", try temporaryFolder()])
        let out = try temporaryFolder() + "/run"
        // `entente state` named as another program: the launcher must hand it the same arguments.
        let r = try Entente.run(["run", small, "--transport", transport, "--out", out,
                                 "--state-command", "FAR=\(Entente.executable) state", "--state-command", "MDA=\(Entente.executable) state"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(ref.digest != nil && r.digest == ref.digest)
        let resolved = try String(contentsOfFile: out + "/scenario.json", encoding: .utf8)
        #expect(resolved.contains("\"command\"") && resolved.contains("\(Entente.executable.replacingOccurrences(of: "/", with: "\\/"))"))
        let summary = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
        #expect(summary.contains("states.FAR.command=[\\\""))
    }

    @Test("--state-command '*=WORDS' runs every state by that program; the digest is the reference engine's")
    func everyState() throws {
        let ref = try Entente.run(["run", small, "--engine", "reference", "--out", try temporaryFolder()])
        let out = try temporaryFolder() + "/run"
        let r = try Entente.run(["run", small, "--out", out, "--state-command", "*=\(Entente.executable) state"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(ref.digest != nil && r.digest == ref.digest)
        let summary = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
        for id in ["AGG", "WEK", "MDA", "MDB", "FAR"] { #expect(summary.contains("states.\(id).command=[\\\"")) }
    }

    @Test("a state program that exits before the run starts stops the run at once, naming it, instead of waiting out the join")
    func programThatCannotStart() throws {
        let started = Date()
        let r = try Entente.run(["run", small, "--out", try temporaryFolder() + "/run", "--state-command", "FAR=/bin/false"])
        #expect(r.status != 0 && r.stderr.contains("state FAR (pid") && r.stderr.contains("exited before the run started"), "\(r.stderr)")
        // The join would have waited timeouts.join_seconds (60 s).
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test("a program that is not there, or a malformed --state-command, is refused before any state starts")
    func refused() throws {
        let missing = try Entente.run(["run", small, "--out", try temporaryFolder() + "/run", "--state-command", "FAR=no-such-program-here --x"])
        #expect(missing.status != 0 && missing.stderr.contains("states.FAR.command: no executable no-such-program-here on PATH"))
        let malformed = try Entente.run(["run", small, "--out", try temporaryFolder() + "/run", "--state-command", "FAR"])
        #expect(malformed.status == 64 && malformed.stderr.contains("--state-command takes ID=command"))
        let unknown = try Entente.run(["run", small, "--out", try temporaryFolder() + "/run", "--state-command", "ZZZ=python3"])
        #expect(unknown.status != 0 && unknown.stderr.contains("ZZZ"))
    }
}
