import Crypto
import Dispatch
import Foundation

/// Writes `events.jsonl` and computes the outcome digest, on a queue of its own so the
/// coordinator's timeline never waits on serialisation or disk.
///
/// Outcome events (`EventBody.inDigest`: not process ids, endpoints, engine, failures,
/// transport refusals, resumptions or observations) are hashed, in order, into the SHA-256
/// digest, each line without its words (`text`): the same scenario, configuration and seed
/// give the same digest whatever the engine, transport, host or log level, and however a
/// message is worded. Lines are encoded straight to bytes.
public final class EventLog: @unchecked Sendable {
    /// The log's file in a run folder.
    public static let fileName = "events.jsonl"

    private let queue = DispatchQueue(label: "entente.event-log")
    private let handle: FileHandle?
    private var hasher = SHA256()
    private var pending: [UInt8] = []
    /// When resuming: the hash of each round the file already holds, how many of them the
    /// replay has passed, and the first round that replayed differently.
    private let expected: [[UInt8]]
    private var replayed = 0
    private var segment = SHA256()
    private var mismatch: Int?
    /// Events recorded and not yet handed to the writer (the producer's thread only).
    private var batch: [RunEvent] = []
    /// Batches handed to the writer and not yet serialised. The writer's queue is bounded:
    /// a producer faster than the writer waits (back-pressure) instead of growing memory
    /// without end. Batches keep the hand-over cheap.
    private let slots = DispatchSemaphore(value: EventLog.maxBatches)
    static let batchSize = 256
    /// What ends a line whose words the digest leaves out.
    static let close: [UInt8] = [UInt8(ascii: "}"), UInt8(ascii: "\n")]
    static let maxBatches = 256

    /// - Parameters:
    ///   - path: where to write `events.jsonl`; nil keeps only the digest.
    ///   - resume: the point a resumed run replays to: the file is cut there, the replayed
    ///     rounds are checked against it instead of written, and writing goes on after it.
    public init(path: String?, resume: ResumePoint? = nil) throws {
        expected = resume?.roundHashes ?? []
        if let path, let resume {
            guard let h = FileHandle(forUpdatingAtPath: path) else { throw RunError("cannot open \(path) to resume the run") }
            try h.truncate(atOffset: resume.byteCount)
            try h.seekToEnd()
            handle = h
        } else if let path {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw RunError("cannot create \(path): check that its folder exists and is writable")
            }
            handle = FileHandle(forWritingAtPath: path)
        } else {
            handle = nil
        }
    }

    /// Queues one event; those of a kind outside the outcome are kept out of the digest.
    /// Called from one thread (the coordinator's), like `flush` and `finish`.
    public func record(_ event: RunEvent) {
        batch.append(event)
        if batch.count >= Self.batchSize { submit() }
    }

    private func submit() {
        guard !batch.isEmpty else { return }
        let events = batch
        batch = []
        slots.wait()
        queue.async { [self] in
            var line: [UInt8] = []
            for event in events {
                line.removeAll(keepingCapacity: true)
                let wordsAt = event.encodeLine(into: &line)
                line.append(UInt8(ascii: "\n"))
                // What the digest covers: the line up to its words, closed; hashed in two
                // updates, so no line is copied.
                let covered = (wordsAt.map { line[..<$0] } ?? line[...], wordsAt == nil ? [] : Self.close)
                if event.inDigest { hasher.update(data: covered.0); hasher.update(data: covered.1) }
                if replayed < expected.count {
                    check(event, covered)
                } else {
                    pending += line
                }
            }
            slots.signal()
        }
    }

    /// A replayed event: hashed into its round's check, not written (the file has it).
    private func check(_ event: RunEvent, _ covered: (ArraySlice<UInt8>, [UInt8])) {
        if event.inDigest { segment.update(data: covered.0); segment.update(data: covered.1) }
        guard event.body is RoundEnd else { return }
        if Array(segment.finalize()) != expected[replayed] && mismatch == nil { mismatch = event.round }
        segment = SHA256()
        replayed += 1
    }

    /// The first replayed round that differs from the log (nil: none so far). Waits for the writer.
    public var replayMismatch: Int? { submit(); return queue.sync { mismatch } }

    /// Writes what the round logged; a crash then loses at most the round in progress.
    public func flush() {
        submit()
        queue.async { [self] in writePending() }
    }

    private func writePending() {
        guard !pending.isEmpty else { return }
        handle?.write(Data(pending))
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes everything and returns the digest (64 hex characters).
    public func finish() -> String {
        submit()
        return queue.sync {
            writePending()
            try? handle?.close()
            return hasher.finalize().map { String(format: "%02x", $0) }.joined()
        }
    }
}
