import EntenteRuntime
import Foundation
import Testing

/// The short version of scripts/fuzz.sh: the same mutations, fewer of them, without libFuzzer.
@Suite("End to end: random and mutated input to every decoder and to a live run crashes nothing", .serialized)
struct FuzzTests {
    let small = Entente.scenario("small")
    var fuzzer: String { URL(fileURLWithPath: Entente.executable).deletingLastPathComponent().path + "/entente-fuzz" }

    func fuzz(_ arguments: [String]) throws -> Entente.Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: fuzzer)
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Entente.Result(status: p.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "", seconds: 0)
    }

    @Test("20,000 random and mutated inputs per decoder are refused or decode to a stable encoding", arguments: ["control", "peer", "scenario"])
    func decoders(target: String) throws {
        let r = try fuzz(["mutate", target, "--scenario", small, "--count", "20000", "--seed", "7"])
        #expect(r.status == 0, "\(target): exit \(r.status)")
        #expect(r.stdout.contains("20000 inputs") && r.stdout.contains("0 crashed"), "\(r.stdout)")
    }

    @Test("20,000 random and mutated messages at a live coordinator and state in the clear: refused, counted, and the run finishes")
    func liveRun() throws {
        let dir = try temporaryFolder()
        let coordinator = try Entente.Running(["coordinator", "--scenario", small, "--endpoint", "ipc://\(dir)/c", "--out", dir + "/run", "--rounds", "400"])
        let states = try ["AGG", "WEK", "MDA", "MDB", "FAR"].map {
            try Entente.Running(["state", "--id", $0, "--coordinator", "ipc://\(dir)/c", "--listen", "ipc://\(dir)/\($0)"])
        }
        #expect(eventually(30) { events(dir + "/run").roundEnded })
        let blast = try fuzz(["blast", "--scenario", small, "--coordinator", "ipc://\(dir)/c", "--peer", "ipc://\(dir)/MDA", "--count", "20000"])
        #expect(blast.status == 0 && blast.stdout.contains("sent 10000 to the coordinator and 10000 to the state"), "\(blast.stdout)")
        let r = try coordinator.wait(timeout: 120)
        #expect(r.status == 0 && r.digest != nil, "\(r.stderr)")
        for s in states { #expect(try s.wait(timeout: 30).status == 0) }
        let rejected = events(dir + "/run").rejections
        #expect(rejected.contains { $0.rejection.state == nil } && rejected.contains { $0.rejection.state == "MDA" })
    }
}
