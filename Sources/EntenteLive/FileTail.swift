import Foundation

/// Follows a file that another process appends to, by byte offset, and hands out whole
/// lines only. Why by offset and polling, not inotify: the run folder may be shared
/// (NFS under Slurm, a volume under Kubernetes), where the writer is on another host and
/// no local notification fires; and an offset is what a reconnecting page sends back.
struct FileTail {
    let path: String
    /// Bytes read and handed out: the start of the next line.
    private(set) var offset: UInt64
    /// Whole lines handed out so far (for the page's line numbers).
    private(set) var lines: Int

    /// Most read at once, so a long finished log reaches the page in pieces it can parse
    /// while the rest arrives, not as one message of hundreds of megabytes.
    static let chunkLimit = 1 << 20

    init(path: String, offset: UInt64 = 0, lines: Int = 0) {
        self.path = path
        self.offset = offset
        self.lines = lines
    }

    /// What the file holds after `offset`: its whole lines (each without its `\n`), and
    /// the bytes after the last `\n` at the end of the file, a line still being written or torn.
    struct Read {
        var lines: [Data] = []
        var rest = Data()
    }

    /// Reads on from the offset; advances past the whole lines only.
    mutating func read() -> Read {
        guard let handle = FileHandle(forReadingAtPath: path) else { return Read() }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: offset)) != nil,
              let data = try? handle.read(upToCount: Self.chunkLimit), !data.isEmpty else { return Read() }
        guard let lastNewline = data.lastIndex(of: UInt8(ascii: "\n")) else {
            // A single line longer than a chunk is not torn: read it whole.
            if data.count == Self.chunkLimit, let more = try? handle.readToEnd(), let end = more.firstIndex(of: UInt8(ascii: "\n")) {
                offset += UInt64(data.count + end - more.startIndex + 1)
                lines += 1
                return Read(lines: [data + more[more.startIndex..<end]])
            }
            return Read(rest: data)
        }
        let whole = data[data.startIndex..<lastNewline]
        let split = whole.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Data($0) }
        offset += UInt64(lastNewline - data.startIndex + 1)
        lines += split.count
        // A full chunk stops anywhere: what follows its last `\n` is read again next time.
        let atEnd = data.count < Self.chunkLimit
        return Read(lines: split, rest: atEnd ? Data(data[(lastNewline + 1)...]) : Data())
    }

}
