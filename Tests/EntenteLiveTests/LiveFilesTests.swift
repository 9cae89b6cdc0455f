import Foundation
import Testing
@testable import EntenteLive

/// A fresh folder under the system's temporary folder, removed by nobody: tests are few.
func liveFolder() throws -> String {
    let path = NSTemporaryDirectory() + "entente-live-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func append(_ text: String, to path: String) throws {
    if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
    try handle.close()
}

@Suite("Following a run folder: whole lines, and only files under it")
struct LiveFilesTests {
    @Test("a file being appended to is read a whole line at a time; the incomplete rest waits")
    func wholeLines() throws {
        let path = try liveFolder() + "/events.jsonl"
        var tail = FileTail(path: path)
        #expect(tail.read().lines.isEmpty)   // not there yet
        try append("{\"a\":1}\n{\"b\":", to: path)
        var read = tail.read()
        #expect(read.lines.map { String(decoding: $0, as: UTF8.self) } == ["{\"a\":1}"])
        #expect(String(decoding: read.rest, as: UTF8.self) == "{\"b\":")
        #expect(tail.lines == 1 && tail.offset == 8)
        try append("2}\n\n", to: path)
        read = tail.read()
        #expect(read.lines.map { String(decoding: $0, as: UTF8.self) } == ["{\"b\":2}", ""])
        #expect(read.rest.isEmpty && tail.lines == 3)
        // Resuming from an offset (a page that reconnects) reads only what follows it.
        var resumed = FileTail(path: path, offset: 8, lines: 1)
        #expect(resumed.read().lines.count == 2)
    }

    @Test("a log longer than a chunk arrives whole, and a chunk's cut is never called a torn line")
    func longLog() throws {
        let path = try liveFolder() + "/events.jsonl"
        let line = String(repeating: "x", count: 999)
        try append(String(repeating: line + "\n", count: 3000), to: path)
        var tail = FileTail(path: path)
        var total = 0
        while true {
            let read = tail.read()
            if read.lines.isEmpty { #expect(read.rest.isEmpty); break }
            #expect(read.lines.allSatisfy { $0.count == 999 })
            if total + read.lines.count < 3000 { #expect(read.rest.isEmpty) }
            total += read.lines.count
        }
        #expect(total == 3000)
    }

    @Test("only regular files under the root are handed out: no .., hidden files, links out or folders")
    func onlyUnderTheRoot() throws {
        let root = try liveFolder()
        try FileManager.default.createDirectory(atPath: root + "/runs/p0-s1", withIntermediateDirectories: true)
        try append("{}", to: root + "/summary.json")
        try append("{}", to: root + "/runs/p0-s1/summary.json")
        try append("secret", to: root + "/.hidden")
        let outside = try liveFolder()
        try append("secret", to: outside + "/other.txt")
        try FileManager.default.createSymbolicLink(atPath: root + "/out.txt", withDestinationPath: outside + "/other.txt")
        try FileManager.default.createSymbolicLink(atPath: root + "/runs/away", withDestinationPath: outside)
        let files = FolderFiles(root: root)
        #expect(files.file(["summary.json"]) != nil)
        #expect(files.file(["runs", "p0-s1", "summary.json"]) != nil)
        for refused: [Substring] in [["..", "etc", "passwd"], ["runs", "..", "..", "x"], [".hidden"], ["out.txt"],
                                     ["runs"], [], ["runs", "away", "other.txt"], ["/etc/passwd"]] {
            #expect(files.file(refused) == nil, "\(refused) was handed out")
        }
        #expect(files.folder("runs", "p0-s1") != nil)
        #expect(files.folder("runs", "away") == nil)
        #expect(files.folder("runs", "..") == nil)
        #expect(files.folder("runs", "missing") == nil)
    }

    @Test("a sweep's runs are listed by seed then grid point, numerically, with their status")
    func sweepOrder() throws {
        let names = ["p10-s1", "p2-s1", "p0-s2", "p0-s1", "p1-s10"]
        #expect(names.sorted(by: SweepListing.runOrder) == ["p0-s1", "p2-s1", "p10-s1", "p0-s2", "p1-s10"])
        let root = try liveFolder()
        try append(#"{"scenario":"small.yaml","seeds":[1,2],"vary":[{"key":"k","values":[1,2,3]}]}"#, to: root + "/sweep.json")
        try FileManager.default.createDirectory(atPath: root + "/runs/p0-s1", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/runs/p1-s1", withIntermediateDirectories: true)
        try append("{\"type\":\"round_end\",\"round\":1}\n{\"type\":\"round_end\",\"round\":2}\n", to: root + "/runs/p0-s1/events.jsonl")
        let listing = SweepListing.read(root: root)
        #expect(listing.planned == 6 && listing.scenario == "small.yaml")
        #expect(listing.runs.map(\.name) == ["p0-s1", "p1-s1"])
        #expect(listing.runs.map(\.status) == [.running, .waiting])
        #expect(listing.runs[0].round == 2)
    }
}
