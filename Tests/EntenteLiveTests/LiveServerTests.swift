import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import EntenteLive

/// The server over real loopback HTTP, on run folders written by hand: what the page is
/// sent, and what it is refused. The page itself is tested in a real browser
/// (scripts/tests/test_live_page.py).
@Suite("The live server: the page, the stream, the files")
struct LiveServerTests {
    /// Serves `root` on a free port for the length of `body`.
    static func serving(_ root: String, _ body: (URL) async throws -> Void) async throws {
        let server = try LiveServer(root: root, port: 0)
        let (addresses, continuation) = AsyncStream.makeStream(of: String.self)
        let task = Task { try await server.run { continuation.yield($0) } }
        defer { task.cancel() }
        var iterator = addresses.makeAsyncIterator()
        let address = try #require(await iterator.next())
        try await body(try #require(URL(string: address)))
    }

    static func get(_ url: URL) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(from: url)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// The SSE messages of a body: (event, data lines).
    static func messages(_ body: String) -> [(String, [String])] {
        body.components(separatedBy: "\n\n").compactMap { block in
            var event = "", data: [String] = []
            for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("event: ") { event = String(line.dropFirst(7)) }
                if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
            }
            return event.isEmpty ? nil : (event, data)
        }
    }

    @Test("a finished run: one self-contained page; the log, the panel, a torn last line and the end, in that order")
    func finishedRun() async throws {
        let root = try liveFolder()
        try append("{\"type\":\"scenario\",\"round\":0}\nnot json\n{\"type\":\"round_end\",\"round\":1}\n{\"type\":\"rou", to: root + "/events.jsonl")
        try append("state,round\nA,1\n", to: root + "/states.csv")
        try append("{\"complete\":true}", to: root + "/summary.json")
        try await Self.serving(root) { url in
            let (status, page) = try await Self.get(url)
            #expect(status == 200)
            #expect(page.contains("<script>") && page.contains("RunModel") && !page.contains("<!-- include"))
            // No address but the SVG namespace (a name, never fetched): the page loads nothing from elsewhere.
            #expect(!page.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
            let (_, body) = try await Self.get(url.appendingPathComponent("events"))
            let messages = Self.messages(body)
            #expect(messages.map(\.0) == ["states", "log", "torn", "end"])
            #expect(messages[0].1 == ["state,round", "A,1"])
            #expect(messages[1].1 == ["{\"type\":\"scenario\",\"round\":0}", "not json", "{\"type\":\"round_end\",\"round\":1}"])
            #expect(messages[2].1 == ["{\"type\":\"rou"])
            let (fileStatus, summary) = try await Self.get(url.appendingPathComponent("file/summary.json"))
            #expect(fileStatus == 200 && summary == "{\"complete\":true}")
        }
    }

    @Test("a page that reconnects with Last-Event-ID gets only what it has not seen")
    func resume() async throws {
        let root = try liveFolder()
        try append("{\"type\":\"a\",\"round\":0}\n{\"type\":\"b\",\"round\":0}\n", to: root + "/events.jsonl")
        try append("{}", to: root + "/summary.json")
        try await Self.serving(root) { url in
            var request = URLRequest(url: url.appendingPathComponent("events"))
            request.setValue("\(("{\"type\":\"a\",\"round\":0}\n" as String).utf8.count).1.0.0", forHTTPHeaderField: "Last-Event-ID")
            let (data, _) = try await URLSession.shared.data(for: request)
            let messages = Self.messages(String(decoding: data, as: UTF8.self))
            #expect(messages.map(\.0) == ["log", "end"])
            #expect(messages[0].1 == ["{\"type\":\"b\",\"round\":0}"])
        }
    }

    @Test("files outside the folder, hidden ones and unknown routes are not found; the folder must exist")
    func refusals() async throws {
        let root = try liveFolder()
        try append("{}", to: root + "/summary.json")
        try append("x", to: root + "/.secret")
        try FileManager.default.createSymbolicLink(atPath: root + "/passwd", withDestinationPath: "/etc/passwd")
        try await Self.serving(root) { url in
            for path in ["file/.secret", "file/passwd", "file/%2E%2E/%2E%2E/etc/passwd", "file/..%2F..%2Fetc%2Fpasswd",
                         "file/", "runs.json", "nothing"] {
                let (status, body) = try await Self.get(URL(string: url.absoluteString + path)!)
                #expect(status == 404, "\(path) answered \(status)")
                #expect(!body.contains("root:"))
            }
        }
        #expect(throws: LiveServerError.self) { try LiveServer(root: root + "/missing", port: 0) }
    }

    @Test("a port in use is an error that says what to do")
    func portInUse() async throws {
        let root = try liveFolder()
        try await Self.serving(root) { url in
            let second = try LiveServer(root: root, port: try #require(url.port))
            await #expect(throws: LiveServerError.self) { try await second.run { _ in } }
        }
    }

    @Test("a sweep folder: the page, its runs as JSON, and each run's own page, stream and files")
    func sweep() async throws {
        let root = try liveFolder()
        try append(#"{"scenario":"small.yaml","seeds":[1],"vary":[]}"#, to: root + "/sweep.json")
        try FileManager.default.createDirectory(atPath: root + "/runs/p0-s1", withIntermediateDirectories: true)
        try append("{\"type\":\"round_end\",\"round\":3}\n", to: root + "/runs/p0-s1/events.jsonl")
        try append("{}", to: root + "/runs/p0-s1/scenario.json")
        try await Self.serving(root) { url in
            let (status, page) = try await Self.get(url)
            #expect(status == 200 && page.contains("runs.json"))
            let (_, json) = try await Self.get(url.appendingPathComponent("runs.json"))
            let listing = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            let runs = try #require(listing?["runs"] as? [[String: Any]])
            #expect(runs.count == 1 && runs[0]["status"] as? String == "running" && runs[0]["round"] as? Int == 3)
            let (runStatus, runPage) = try await Self.get(URL(string: url.absoluteString + "runs/p0-s1/")!)
            #expect(runStatus == 200 && runPage.contains("RunModel"))
            let (fileStatus, _) = try await Self.get(URL(string: url.absoluteString + "runs/p0-s1/file/scenario.json")!)
            #expect(fileStatus == 200)
            let (missing, _) = try await Self.get(URL(string: url.absoluteString + "runs/p9-s9/")!)
            #expect(missing == 404)
        }
    }
}
