import Foundation
import Testing

@Suite("End to end: the command line")
struct CommandLineTests {
    func write(_ yaml: String) throws -> String {
        let path = try temporaryFolder() + "/scenario.yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    let good = """
        name: tiny
        states:
          - {id: AAA, name: Aland, power: 3, offense: 0.5, aggressiveness: 0.2}
          - {id: BBB, name: Bland, power: 1, offense: 0.1, aggressiveness: 0.9}
        borders:
          - {a: AAA, b: BBB, contact: land}
        """

    @Test("every shipped scenario validates")
    func shippedScenariosValidate() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Entente.packageRoot + "/scenarios").filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 4)
        let r = try Entente.run(["validate"] + files.map { Entente.packageRoot + "/scenarios/" + $0 })
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == files.count)
    }

    @Test("broken scenarios fail validation with a message naming the problem", arguments: [
        ("power: 1, ", "", "states[1].power", "missing"),
        ("b: BBB", "b: ZZZ", "borders[0].b", "unknown state 'ZZZ'"),
        ("power: 3", "power: -3", "states[0].power", "out of range"),
        ("- {id: AAA", "- {id: [AAA", "(yaml)", "not valid YAML"),
    ])
    func brokenScenarios(from: String, to: String, field: String, message: String) throws {
        let path = try write(good.replacingOccurrences(of: from, with: to))
        let r = try Entente.run(["validate", path])
        #expect(r.status != 0)
        #expect(r.stderr.contains(field), "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stderr.contains(path))
        // `run` refuses it the same way, before starting anything.
        let run = try Entente.run(["run", path, "--engine", "reference", "--out", try temporaryFolder()])
        #expect(run.status != 0)
        #expect(run.stderr.contains(field))
    }

    @Test("an unknown command, a negative count and a seed that is not a number are usage errors (64) that say what is wrong")
    func usageErrors() throws {
        let unknown = try Entente.run(["nosuchcommand", "--help"])
        #expect(unknown.status == 64 && unknown.stderr.contains("unknown command 'nosuchcommand'") && unknown.stderr.contains("run, sweep"))
        let rounds = try Entente.run(["run", Entente.scenario("small"), "--rounds", "-3"])
        #expect(rounds.status == 64 && rounds.stderr.contains("--rounds must be from 1"), "\(rounds.stderr)")
        let seed = try Entente.run(["run", Entente.scenario("small"), "--seed", "-3"])
        #expect(seed.status == 64 && seed.stderr.contains("'-3' is invalid for '--seed"), "\(seed.stderr)")
        let jobs = try Entente.run(["sweep", Entente.scenario("small"), "--vary", "noise=0", "--jobs", "-1"])
        #expect(jobs.status == 64 && jobs.stderr.contains("--jobs must be at least 1"))
    }

    @Test("out-of-range timeouts are refused before anything starts")
    func timeouts() throws {
        let state = try Entente.run(["state", "--id", "AGG", "--coordinator", "tcp://127.0.0.1:1", "--coordinator-timeout", "1e11"])
        #expect(state.status != 0)
        #expect(state.stderr.contains("--coordinator-timeout"))
        let run = try Entente.run(["run", Entente.scenario("small"), "--phase-timeout", "nan", "--out", try temporaryFolder()])
        #expect(run.status != 0)
    }

    @Test("a missing scenario file is a clear error")
    func missingFile() throws {
        let r = try Entente.run(["validate", "/nonexistent/scenario.yaml"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("cannot read the file"))
    }

    @Test("every subcommand has help that documents its options", arguments: [
        (["run"], ["--seed", "--rounds", "--out", "--transport", "--engine"]),
        (["coordinator"], ["--scenario", "--resolved-scenario", "--endpoint", "--join-timeout", "--phase-timeout"]),
        (["state"], ["--id", "--coordinator", "--listen", "--advertise"]),
        (["validate"], ["<scenarios>"]),
    ])
    func help(command: [String], options: [String]) throws {
        let r = try Entente.run(command + ["--help"])
        #expect(r.status == 0)
        for option in options { #expect(r.stdout.contains(option), "\(command) --help lacks \(option)") }
    }

    @Test("entente parameters lists every numeric parameter with its default and range, from the descriptors")
    func parameters() throws {
        let r = try Entente.run(["parameters"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("policy.max_allies ") && $0.contains(" 4 ") && $0.contains("an integer from 0 to 1000") })
        #expect(lines.contains { $0.hasPrefix("threat.ally_discount ") && $0.contains("0.5") })
        #expect(lines.contains { $0.hasPrefix("classification.partner_rank ") })
        #expect(lines.count >= 50)
    }

    @Test("a coordinator given both a scenario file and a resolved scenario, or --set with a resolved one, says what to do")
    func coordinatorSources() throws {
        let both = try Entente.run(["coordinator", "--scenario", "a.yaml", "--resolved-scenario", "b.json"])
        #expect(both.status != 0 && both.stderr.contains("either --scenario"))
        let set = try Entente.run(["coordinator", "--resolved-scenario", "b.json", "--set", "rounds=2"])
        #expect(set.status != 0 && set.stderr.contains("--set changes a scenario file"))
        let missing = try Entente.run(["coordinator", "--resolved-scenario", "/nonexistent/scenario.json", "--endpoint", "tcp://127.0.0.1:*"])
        #expect(missing.status != 0 && missing.stderr.contains("cannot read the resolved scenario"))
    }

    @Test("a run prints its summary and ends with the digest line")
    func summaryOutput() throws {
        let r = try Entente.run(["run", Entente.scenario("small"), "--engine", "reference", "--out", try temporaryFolder()])
        #expect(r.status == 0)
        #expect(r.stdout.contains("alignment decisions:"))
        #expect(r.stdout.contains("balanced"))
        #expect(r.stdout.contains("alliances standing at the end"))
        let last = try #require(r.stdout.split(separator: "\n").last)
        #expect(last.count == "digest: ".count + 64)
        #expect(last.dropFirst(8).allSatisfy { $0.isHexDigit })
    }
}
