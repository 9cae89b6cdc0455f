/// A value that writes its own JSON object: the bytes its Codable encoding gives (key
/// order, `encodeIfPresent`, numbers alike), without Codable's containers. For the log's
/// most frequent events and the values in them (RunEvents+Writing.swift).
protocol JSONLineWriting: Encodable {
    func write(_ object: inout JSONObjectWriter)
}

/// Writes one JSON object's members, in order.
struct JSONObjectWriter {
    /// The encoding's bytes, moved out of its sink while the object is written: appends to
    /// a value, which need no run-time exclusivity check as a class's property does.
    fileprivate var bytes: [UInt8] = []
    private var members = 0

    private mutating func key(_ key: StaticString) {
        if members > 0 { bytes.append(UInt8(ascii: ",")) }
        members += 1
        bytes.append(UInt8(ascii: "\""))
        bytes.appendASCII(key)
        bytes.appendASCII("\":")
    }

    mutating func string(_ key: StaticString, _ value: String) { self.key(key); bytes.appendJSONString(value) }
    mutating func int(_ key: StaticString, _ value: Int) { self.key(key); bytes.appendJSONInt(value) }
    mutating func number(_ key: StaticString, _ value: Double) { self.key(key); bytes.appendJSONNumber(value) }
    mutating func bool(_ key: StaticString, _ value: Bool) { self.key(key); bytes.appendASCII(value ? "true" : "false") }
    /// `encodeIfPresent`: nothing when nil.
    mutating func intIfPresent(_ key: StaticString, _ value: Int?) { if let value { int(key, value) } }
    mutating func boolIfPresent(_ key: StaticString, _ value: Bool?) { if let value { bool(key, value) } }
    mutating func stringIfPresent(_ key: StaticString, _ value: String?) { if let value { string(key, value) } }
    /// `encode` of an optional: null when nil.
    mutating func stringOrNull(_ key: StaticString, _ value: String?) {
        if let value { string(key, value) } else { self.key(key); bytes.appendASCII("null") }
    }
    /// A list of numbers, null for nil (and for what is not finite, as every number).
    mutating func numbersOrNull(_ key: StaticString, _ values: [Double?]) {
        self.key(key)
        bytes.append(UInt8(ascii: "["))
        for k in values.indices {
            if k > 0 { bytes.append(UInt8(ascii: ",")) }
            if let v = values[k] { bytes.appendJSONNumber(v) } else { bytes.appendASCII("null") }
        }
        bytes.append(UInt8(ascii: "]"))
    }
    /// A list of values that write themselves.
    mutating func objects(_ key: StaticString, _ values: [some JSONLineWriting]) {
        self.key(key)
        values.write(into: &bytes)
    }

    /// A log line's envelope and its body's members: `{"type":…,"round":…,…}`, as
    /// `RunEvent`'s Codable encoding writes them.
    static func event(type: String, round: Int, _ body: any JSONLineWriting, into bytes: inout [UInt8]) {
        var o = JSONObjectWriter()
        swap(&o.bytes, &bytes)
        o.bytes.append(UInt8(ascii: "{"))
        o.string("type", type)
        o.int("round", round)
        body.write(&o)
        o.bytes.append(UInt8(ascii: "}"))
        swap(&o.bytes, &bytes)
    }
}

/// A list of values that write themselves: one cast for the list, none an element.
protocol JSONLineArray {
    func write(into bytes: inout [UInt8])
}

extension Array: JSONLineArray where Element: JSONLineWriting {
    func write(into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "["))
        // By index: `enumerated()` here, behind the protocol, is not specialised and looks up
        // its tuple's metadata for every element.
        for k in indices {
            if k > 0 { bytes.append(UInt8(ascii: ",")) }
            self[k].writeObject(into: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}

extension JSONLineWriting {
    /// Appends the value's object to `bytes` (moved into the writer and back: no copy).
    func writeObject(into bytes: inout [UInt8]) {
        var object = JSONObjectWriter()
        swap(&object.bytes, &bytes)
        object.bytes.append(UInt8(ascii: "{"))
        write(&object)
        object.bytes.append(UInt8(ascii: "}"))
        swap(&object.bytes, &bytes)
    }
}
