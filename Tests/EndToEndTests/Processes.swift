import EntenteRuntime
import Foundation
import Testing

/// Runs the built `entente` executable as real processes.
enum Entente {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// `ENTENTE_BIN`, or the debug build next to the tests.
    static var executable: String {
        if let bin = ProcessInfo.processInfo.environment["ENTENTE_BIN"] { return bin }
        return packageRoot + "/.build/debug/entente"
    }

    static func scenario(_ name: String) -> String { packageRoot + "/scenarios/\(name).yaml" }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double

        /// The `digest: <hex>` line's hex.
        var digest: String? {
            stdout.split(separator: "\n").last { $0.hasPrefix("digest: ") }.map { String($0.dropFirst(8)) }
        }
    }

    /// A started process whose output goes to files (no pipe can fill up and block it).
    final class Running {
        let process = Process()
        let out: String
        let err: String
        let started = Date()

        /// - Parameter tag: set as ENTENTE_TEST_TAG in the environment, which every process
        ///   the command starts inherits, so `processes(tagged:)` finds them all.
        init(_ arguments: [String], tag: String? = nil) throws {
            let dir = try temporaryFolder()
            out = dir + "/stdout"
            err = dir + "/stderr"
            _ = FileManager.default.createFile(atPath: out, contents: nil)
            _ = FileManager.default.createFile(atPath: err, contents: nil)
            guard FileManager.default.isExecutableFile(atPath: Entente.executable) else {
                throw TestFailure("no entente executable at \(Entente.executable): run `swift build` first (scripts/test.sh does)")
            }
            process.executableURL = URL(fileURLWithPath: Entente.executable)
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: dir)
            process.standardOutput = FileHandle(forWritingAtPath: out)
            process.standardError = FileHandle(forWritingAtPath: err)
            process.standardInput = FileHandle.nullDevice
            if let tag {
                var environment = ProcessInfo.processInfo.environment
                environment["ENTENTE_TEST_TAG"] = tag
                process.environment = environment
            }
            try process.run()
        }

        var pid: Int32 { process.processIdentifier }

        /// Waits for the exit; kills the process and fails if it outlives `timeout`.
        func wait(timeout: Double = 180) throws -> Result {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning {
                Foundation.kill(pid, SIGKILL)
                process.waitUntilExit()
                throw TestFailure("`entente \(process.arguments!.joined(separator: " "))` still running after \(timeout) s: killed")
            }
            process.waitUntilExit()
            return Result(status: process.terminationStatus,
                          stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                          stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "",
                          seconds: Date().timeIntervalSince(started))
        }

        func kill(signal: Int32) { Foundation.kill(pid, signal) }

        deinit {
            if process.isRunning {
                Foundation.kill(pid, SIGKILL)
                process.waitUntilExit()
            }
        }
    }

    static func run(_ arguments: [String], timeout: Double = 180) throws -> Result {
        try Running(arguments).wait(timeout: timeout)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

func temporaryFolder() throws -> String {
    var template = Array("/tmp/ee2e-XXXXXX".utf8CString)
    guard let p = mkdtemp(&template) else { throw TestFailure("mkdtemp failed") }
    return String(cString: p)
}

/// Live children of `parent`, from /proc (zombies, already dead, are left out).
func childProcesses(of parent: Int32) -> [Int32] {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
    return entries.compactMap { name -> Int32? in
        guard let pid = Int32(name), let (ppid, state) = processStatus(pid), ppid == parent, state != "Z" else { return nil }
        return pid
    }
}

/// Live processes whose environment carries ENTENTE_TEST_TAG=`tag`: everything a tagged
/// command started, however deep, even after its parent died.
func processes(tagged tag: String) -> [Int32] {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
    let needle = Data("ENTENTE_TEST_TAG=\(tag)\0".utf8)
    return entries.compactMap { name -> Int32? in
        guard let pid = Int32(name), isAlive(pid),
              let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ"),
              environ.range(of: needle) != nil else { return nil }
        return pid
    }
}

func newTag() -> String { "t\(getpid())-\(UInt64.random(in: 0...UInt64.max))" }

/// A live process's peak resident memory (VmHWM), in kB.
func peakMemoryKB(_ pid: Int32) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
    return Int(line.split(separator: " ").dropFirst().first ?? "")
}

/// (parent pid, state letter) of a process, or nil once it is gone.
func processStatus(_ pid: Int32) -> (Int32, Character)? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return nil }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    guard fields.count > 2, let state = fields[0].first, let ppid = Int32(fields[1]) else { return nil }
    return (ppid, state)
}

/// True while the process exists and is not a zombie.
func isAlive(_ pid: Int32) -> Bool {
    guard let (_, state) = processStatus(pid) else { return false }
    return state != "Z"
}

/// Polls `condition` every 20 ms for up to `seconds`.
func eventually(_ seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(20_000)
    }
    return condition()
}

/// The events of a run folder, typed (a torn last line is skipped). Polled while a run is
/// still writing, so it never throws: a folder with no readable events.jsonl yet has none.
func events(_ folder: String) -> [RunEvent] {
    (try? RunEvent.read(folder: folder)) ?? []
}

extension [RunEvent] {
    /// Whether some round has ended.
    var roundEnded: Bool { contains { $0.body is RoundEnd } }

    /// The `run` event.
    var run: RunStarted? { lazy.compactMap { if let r = $0.body as? RunStarted { r } else { nil } }.first }

    /// The states' `process` events.
    var joined: [ProcessJoined] { compactMap { if let p = $0.body as? ProcessJoined { p } else { nil } } }

    /// The `refused` events (what the model refused, in the outcome).
    var refusals: [Refusal] { compactMap { if let r = $0.body as? Refusal { r } else { nil } } }

    /// The `rejected` events (what the transport refused, outside the digest).
    var rejections: [(round: Int, rejection: Rejection)] { compactMap { if let r = $0.body as? Rejection { ($0.round, r) } else { nil } } }

    /// The `letter` events.
    var letters: [LetterEvent] { compactMap { if let l = $0.body as? LetterEvent { l } else { nil } } }
}
