/// JSON's scalars appended to bytes, as the log's encoder writes them (JSONLineEncoder.swift).
extension Array where Element == UInt8 {
    mutating func appendASCII(_ text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Digits written into a buffer on the stack from the last, then appended at once: no
    /// String made, and no slice of the array reversed (which copied it).
    mutating func appendJSONInt<I: BinaryInteger>(_ value: I) {
        guard let v = Int(exactly: value) else { append(contentsOf: String(value).utf8); return }
        // 24 bytes: an Int's 19 digits and its sign.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        Swift.withUnsafeMutableBytes(of: &digits) { buffer in
            var at = buffer.count
            var m = v.magnitude
            repeat {
                at -= 1
                buffer[at] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
            } while m > 0
            if v < 0 {
                at -= 1
                buffer[at] = UInt8(ascii: "-")
            }
            append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[at...]))
        }
    }

    mutating func appendJSONNumber(_ d: Double) {
        if !d.isFinite { appendASCII("null") } else if d == d.rounded(), abs(d) < 1e15 { appendJSONInt(Int(d)) } else { append(contentsOf: d.description.utf8) }
    }

    mutating func appendJSONString(_ s: String) {
        append(UInt8(ascii: "\""))
        // Ids, labels and most reasons need no escaping: appended whole.
        if s.utf8.withContiguousStorageIfAvailable({ buffer in
            guard !buffer.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            append(contentsOf: buffer)
            return true
        }) != true {
            appendJSONEscaped(s)
        }
        append(UInt8(ascii: "\""))
    }

    private mutating func appendJSONEscaped(_ s: String) {
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): appendASCII("\\\"")
            case UInt8(ascii: "\\"): appendASCII("\\\\")
            case UInt8(ascii: "\n"): appendASCII("\\n")
            case UInt8(ascii: "\r"): appendASCII("\\r")
            case UInt8(ascii: "\t"): appendASCII("\\t")
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                appendASCII("\\u00")
                append(hex[Int(byte >> 4)])
                append(hex[Int(byte & 0xf)])
            default: append(byte)
            }
        }
    }
}
