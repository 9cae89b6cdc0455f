/// Protocol constants (docs/PROTOCOL.md).
public enum Wire {
    /// Bumped on any incompatible change; a decoder refuses other versions.
    public static let version: UInt8 = 7
    public static let magic: [UInt8] = [0x45, 0x4E]  // "EN"
    /// Largest message accepted (also set as ZMQ_MAXMSGSIZE on receiving sockets).
    public static let maxMessageBytes = 4 << 20
    public static let maxStringBytes = 4096
    /// Messages a receiving socket queues per connected sender (ZMQ_RCVHWM) before libzmq
    /// stops reading from it: far above what an honest sender has in flight (one report a
    /// phase; a few letters a peer a round), so only a flood waits, in its sender's memory.
    public static let receiveQueueLimit = 1024
}

/// Appends little-endian fields to a byte buffer.
///
/// The buffer is grown ahead (doubling) and each field stored in place: an append a byte
/// checks capacity and uniqueness every byte, and that came to several percent of a round.
public struct WireWriter {
    /// Written bytes, then spare capacity (zeros) up to `storage.count`.
    private var storage: [UInt8]
    private var count: Int

    public init(type: UInt8) {
        storage = [UInt8](repeating: 0, count: 256)
        count = 0
        for b in Wire.magic { u8(b) }
        u8(Wire.version)
        u8(type)
    }

    /// What has been written.
    public var bytes: [UInt8] { count == storage.count ? storage : Array(storage[..<count]) }

    /// What has been written, without a copy; the writer is done with.
    public mutating func finish() -> [UInt8] {
        storage.removeSubrange(count...)
        return storage
    }

    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count + n > storage.count { storage.append(contentsOf: repeatElement(0, count: max(storage.count, n))) }
    }

    @inline(__always)
    private mutating func store<T: FixedWidthInteger>(_ v: T) {
        reserve(MemoryLayout<T>.size)
        let at = count
        storage.withUnsafeMutableBytes { $0.storeBytes(of: v.littleEndian, toByteOffset: at, as: T.self) }
        count += MemoryLayout<T>.size
    }

    /// Raw bytes, copied as one buffer.
    private mutating func append(_ raw: UnsafeRawBufferPointer) {
        guard let base = raw.baseAddress, raw.count > 0 else { return }
        reserve(raw.count)
        let at = count
        storage.withUnsafeMutableBytes { ($0.baseAddress! + at).copyMemory(from: base, byteCount: raw.count) }
        count += raw.count
    }

    public mutating func u8(_ v: UInt8) { store(v) }
    public mutating func u16(_ v: UInt16) { store(v) }
    public mutating func u32(_ v: UInt32) { store(v) }
    public mutating func u64(_ v: UInt64) { store(v) }
    /// IEEE 754 bits, so a value crosses the wire exactly (determinism depends on it).
    public mutating func f64(_ v: Double) { u64(v.bitPattern) }
    public mutating func bool(_ v: Bool) { u8(v ? 1 : 0) }

    /// u16 byte length, then UTF-8. A longer string is cut at a character boundary to
    /// `Wire.maxStringBytes`, so what is sent always decodes.
    public mutating func string(_ s: String) {
        let count = s.utf8.count
        guard count > Wire.maxStringBytes else {
            u16(UInt16(count))
            // Copied as one buffer (a small string's bytes too), not through the UTF-8 view's iterator.
            var s = s
            s.withUTF8 { append(UnsafeRawBufferPointer($0)) }
            return
        }
        let utf8 = Array(s.utf8)
        var cut = Wire.maxStringBytes
        while cut > 0 && utf8[cut] & 0xC0 == 0x80 { cut -= 1 }  // never split a multi-byte character
        u16(UInt16(cut))
        utf8[..<cut].withUnsafeBytes { append($0) }
    }

    public mutating func optionalString(_ s: String?) {
        bool(s != nil)
        if let s { string(s) }
    }

    /// u32 count, then each element.
    public mutating func array<T>(_ items: [T], _ write: (inout WireWriter, T) -> Void) {
        u32(UInt32(items.count))
        for item in items { write(&self, item) }
    }
}

/// Reads fields written by `WireWriter`, checking every length against what is left.
public struct WireReader {
    let bytes: [UInt8]
    var offset: Int
    public let type: UInt8

    /// Checks size, magic and version, and reads the message type.
    public init(_ bytes: [UInt8]) throws {
        guard bytes.count <= Wire.maxMessageBytes else { throw WireError.tooLarge(size: bytes.count, limit: Wire.maxMessageBytes) }
        guard bytes.count >= 4 else { throw WireError.truncated(field: "header") }
        guard bytes[0] == Wire.magic[0], bytes[1] == Wire.magic[1] else { throw WireError.badMagic }
        guard bytes[2] == Wire.version else { throw WireError.unsupportedVersion(bytes[2]) }
        self.bytes = bytes
        type = bytes[3]
        offset = 4
    }

    var remaining: Int { bytes.count - offset }

    mutating func take(_ n: Int, _ field: String) throws -> ArraySlice<UInt8> {
        guard n <= remaining else { throw WireError.truncated(field: field) }
        defer { offset += n }
        return bytes[offset..<offset + n]
    }

    /// Read in place: no slice of the buffer is made for a fixed-size field.
    mutating func integer<T: FixedWidthInteger>(_: T.Type, _ field: String) throws -> T {
        let n = MemoryLayout<T>.size
        guard n <= remaining else { throw WireError.truncated(field: field) }
        let v = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
        offset += n
        return T(littleEndian: v)
    }

    public mutating func u8(_ field: String) throws -> UInt8 { try integer(UInt8.self, field) }
    public mutating func u16(_ field: String) throws -> UInt16 { try integer(UInt16.self, field) }
    public mutating func u32(_ field: String) throws -> UInt32 { try integer(UInt32.self, field) }
    public mutating func u64(_ field: String) throws -> UInt64 { try integer(UInt64.self, field) }
    public mutating func f64(_ field: String) throws -> Double { Double(bitPattern: try u64(field)) }

    /// A finite number (NaN and infinities are refused: they would poison every comparison).
    /// The field's name is made only for an error (callers name nested fields by interpolation).
    public mutating func finite(_ field: @autoclosure () -> String) throws -> Double {
        guard remaining >= 8 else { throw WireError.truncated(field: field()) }
        let v = Double(bitPattern: try u64(""))
        guard v.isFinite else { throw WireError.invalidValue(field: field(), detail: "must be a finite number") }
        return v
    }

    public mutating func bool(_ field: String) throws -> Bool {
        switch try u8(field) {
        case 0: return false
        case 1: return true
        case let v: throw WireError.invalidValue(field: field, detail: "boolean byte \(v)")
        }
    }

    public mutating func string(_ field: String) throws -> String {
        let n = Int(try u16(field))
        guard n <= Wire.maxStringBytes else { throw WireError.tooLong(field: field, length: n, limit: Wire.maxStringBytes) }
        let slice = try take(n, field)
        guard let s = String(validating: slice, as: UTF8.self) else { throw WireError.invalidUTF8(field: field) }
        return s
    }

    public mutating func optionalString(_ field: String) throws -> String? {
        try bool(field) ? try string(field) : nil
    }

    /// A counted list; the count is checked against the bytes left before anything is allocated.
    public mutating func array<T>(_ field: String, minElementBytes: Int = 1, _ read: (inout WireReader) throws -> T) throws -> [T] {
        let n = Int(try u32(field))
        guard n * max(minElementBytes, 1) <= remaining else { throw WireError.truncated(field: field) }
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try read(&self)) }
        return out
    }

    public func finish() throws {
        guard remaining == 0 else { throw WireError.trailingBytes(remaining) }
    }
}
