import ArgumentParser
import EntenteRuntime
import Foundation

struct Floor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time the messaging floor: a run's processes, phases, barriers and message counts, with no model and no log.",
        discussion: "Starts one floor coordinator and STATES floor states (this executable), runs ROUNDS rounds and prints one JSON line."
    )

    @Option(help: "Number of state processes.") var states: Int
    @Option(help: "Rounds to time.") var rounds = 50
    @Option(help: "Negotiation steps a round.") var steps = 2
    @Option(help: "Assessments each state sends a round (a real run's average; default: every other state).") var assessLetters: Int?
    @Option(help: "Letters each state sends in a negotiation step (a real run's average).") var lettersPerStep = 2
    @Option(help: "ipc, or tcp with CURVE (as `entente run` uses them).") var transport = "ipc"

    func run() throws {
        let scratch = try makeScratch()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let me = CommandLine.arguments[0]
        var security: [String] = []
        if transport == "tcp" {
            try RunKeys.generate(ids: (0..<states).map { "S\($0)" }, folder: scratch + "/keys")
            security = ["--keys", scratch + "/keys"]
        }
        let common = ["--states", "\(states)", "--steps", "\(steps)", "--assess-letters", "\(assessLetters ?? states - 1)",
                      "--letters-per-step", "\(lettersPerStep)"]
        let endpoint = transport == "tcp" ? "tcp://127.0.0.1:*" : "ipc://\(scratch)/c"
        let output = Pipe()
        let coordinator = try spawn(me, ["floor-coordinator", "--rounds", "\(rounds)", "--endpoint", endpoint,
                                         "--endpoint-file", scratch + "/endpoint"] + common + security, stdout: output)
        var bound = ""
        while bound.isEmpty {
            if let text = try? String(contentsOfFile: scratch + "/endpoint", encoding: .utf8), text.hasSuffix("\n") { bound = text.trimmingCharacters(in: .whitespacesAndNewlines) }
            usleep(5000)
        }
        var children: [Process] = []
        for k in 0..<states {
            let listen = transport == "tcp" ? "tcp://127.0.0.1:*" : "ipc://\(scratch)/s\(k)"
            children.append(try spawn(me, ["floor-state", "--index", "\(k)", "--coordinator", bound, "--listen", listen] + common + security))
        }
        var peakCoordinator = 0, peakState = 0
        while coordinator.isRunning {
            peakCoordinator = max(peakCoordinator, peakKB(coordinator.processIdentifier))
            for c in children where c.isRunning { peakState = max(peakState, peakKB(c.processIdentifier)) }
            usleep(200_000)
        }
        let line = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        for c in children { c.waitUntilExit() }
        guard var result = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw ValidationError("the floor coordinator printed no result")
        }
        result["states"] = states
        result["rounds"] = rounds
        result["transport"] = transport
        result["peak_rss_mb_coordinator"] = Double(peakCoordinator) / 1024
        result["peak_rss_mb_state"] = Double(peakState) / 1024
        print(String(decoding: try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]), as: UTF8.self))
    }

    func spawn(_ executable: String, _ arguments: [String], stdout: Pipe? = nil) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if let stdout { p.standardOutput = stdout }
        try p.run()
        return p
    }

    func makeScratch() throws -> String {
        var template = Array("/tmp/entente-floor-XXXXXX".utf8CString)
        guard let dir = mkdtemp(&template) else { throw ValidationError("cannot create a folder in /tmp") }
        return String(cString: dir)
    }
}

/// A live process's peak resident memory (VmHWM) in kB, 0 once it is gone.
func peakKB(_ pid: Int32) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
}
