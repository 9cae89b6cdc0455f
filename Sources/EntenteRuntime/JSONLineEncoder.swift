/// Encodes any `Encodable` straight into compact JSON bytes, keys in the order they are
/// encoded, so a typed event always serialises to the same bytes (the digest hashes them).
/// `encode(nil as T?)` writes null; `encodeIfPresent(nil)` leaves the key out, which is how
/// an event says "this field only when it applies". Non-finite numbers become null (JSON
/// has no NaN); whole numbers below 1e15 are written without a fraction.
///
/// It streams: no tree of values is built. Codable never says when a container ends, so
/// each child is closed when its `encode(to:)` returns, and a second container asked of
/// the same encoder (an envelope, then its payload) goes on in the same object.
struct JSONLineEncoder {
    /// Appends `value`'s JSON to `bytes`.
    static func encode(_ value: some Encodable, into bytes: inout [UInt8]) {
        let sink = Sink(bytes)
        bytes = []
        let node = Node()
        // The encoder only writes bytes: nothing in an event's encoding throws.
        try? value.encode(to: StreamEncoder(sink: sink, node: node))
        sink.close(node)
        bytes = sink.bytes
    }
}


/// The bytes written so far (a class: every container of one encoding appends to it).
private final class Sink {
    var bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.bytes.reserveCapacity(bytes.count + 256)
    }

    func ascii(_ text: StaticString) { bytes.appendASCII(text) }
    func int<I: BinaryInteger>(_ value: I) { bytes.appendJSONInt(value) }
    func number(_ d: Double) { bytes.appendJSONNumber(d) }
    func string(_ s: String) { bytes.appendJSONString(s) }

    /// Starts the next member of `node`'s container (a nested container it made before is done).
    func separate(_ node: Node) {
        closePending(node)
        if node.members > 0 { bytes.append(UInt8(ascii: ",")) }
        node.members += 1
    }

    func key(_ key: String, in node: Node) {
        separate(node)
        string(key)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Ends what an encoding opened: its object or array, or null when it wrote nothing.
    func close(_ node: Node) {
        closePending(node)
        switch node.opened {
        case .object: bytes.append(UInt8(ascii: "}"))
        case .array: bytes.append(UInt8(ascii: "]"))
        case .scalar: break
        case nil: ascii("null")
        }
    }

    /// Codable never ends a nested container: it is closed when its parent writes its next
    /// member or is closed itself.
    func closePending(_ node: Node) {
        guard let inner = node.pending else { return }
        node.pending = nil
        close(inner)
    }

    /// Opens a nested container as the next member of `node`, to be closed by `closePending`.
    func nest(_ opened: Node.Opened, in node: Node) -> Node {
        let inner = Node()
        switch opened {
        case .object: bytes.append(UInt8(ascii: "{"))
        case .array: bytes.append(UInt8(ascii: "["))
        case .scalar: break
        }
        inner.opened = opened == .scalar ? nil : opened
        node.pending = inner
        return inner
    }
}

/// What one value's encoding has opened, how many members it has written, and the nested
/// container still open in it.
private final class Node {
    enum Opened { case object, array, scalar }
    var opened: Opened?
    var members = 0
    var pending: Node?
}

private struct StreamEncoder: Encoder {
    let sink: Sink
    let node: Node
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy: Key.Type) -> KeyedEncodingContainer<Key> {
        if node.opened == nil {
            sink.bytes.append(UInt8(ascii: "{"))
            node.opened = .object
        }
        return KeyedEncodingContainer(Keyed<Key>(sink: sink, node: node))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if node.opened == nil {
            sink.bytes.append(UInt8(ascii: "["))
            node.opened = .array
        }
        return Unkeyed(sink: sink, node: node)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { Single(sink: sink, node: node) }
}


/// Encodes one child value and closes what it opened.
private func child(_ value: some Encodable, _ sink: Sink) throws {
    if let direct = value as? any JSONLineWriting {
        direct.writeObject(into: &sink.bytes)
        return
    }
    if let list = value as? any JSONLineArray {
        list.write(into: &sink.bytes)
        return
    }
    let node = Node()
    try value.encode(to: StreamEncoder(sink: sink, node: node))
    sink.close(node)
}

private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: Sink
    let node: Node
    var codingPath: [CodingKey] = []

    mutating func encodeNil(forKey key: Key) throws { sink.key(key.stringValue, in: node); sink.ascii("null") }
    mutating func encode(_ value: Bool, forKey key: Key) throws { sink.key(key.stringValue, in: node); value ? sink.ascii("true") : sink.ascii("false") }
    mutating func encode(_ value: String, forKey key: Key) throws { sink.key(key.stringValue, in: node); sink.string(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { sink.key(key.stringValue, in: node); sink.number(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { sink.key(key.stringValue, in: node); sink.int(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        sink.key(key.stringValue, in: node)
        try child(value, sink)
    }
    mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
        sink.key(key.stringValue, in: node)
        return KeyedEncodingContainer(Keyed<N>(sink: sink, node: sink.nest(.object, in: node)))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        sink.key(key.stringValue, in: node)
        return Unkeyed(sink: sink, node: sink.nest(.array, in: node))
    }
    mutating func superEncoder() -> Encoder { StreamEncoder(sink: sink, node: node) }
    mutating func superEncoder(forKey key: Key) -> Encoder {
        sink.key(key.stringValue, in: node)
        return StreamEncoder(sink: sink, node: sink.nest(.scalar, in: node))
    }
}

private struct Unkeyed: UnkeyedEncodingContainer {
    let sink: Sink
    let node: Node
    var codingPath: [CodingKey] = []
    var count: Int { node.members }

    mutating func encodeNil() throws { sink.separate(node); sink.ascii("null") }
    mutating func encode(_ value: String) throws { sink.separate(node); sink.string(value) }
    mutating func encode(_ value: Double) throws { sink.separate(node); sink.number(value) }
    mutating func encode(_ value: Int) throws { sink.separate(node); sink.int(value) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        sink.separate(node)
        try child(value, sink)
    }
    mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type) -> KeyedEncodingContainer<N> {
        sink.separate(node)
        return KeyedEncodingContainer(Keyed<N>(sink: sink, node: sink.nest(.object, in: node)))
    }
    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        sink.separate(node)
        return Unkeyed(sink: sink, node: sink.nest(.array, in: node))
    }
    mutating func superEncoder() -> Encoder {
        sink.separate(node)
        return StreamEncoder(sink: sink, node: sink.nest(.scalar, in: node))
    }
}

private struct Single: SingleValueEncodingContainer {
    let sink: Sink
    let node: Node
    var codingPath: [CodingKey] = []

    private func set() { node.opened = .scalar }
    mutating func encodeNil() throws { set(); sink.ascii("null") }
    mutating func encode(_ value: Bool) throws { set(); value ? sink.ascii("true") : sink.ascii("false") }
    mutating func encode(_ value: String) throws { set(); sink.string(value) }
    mutating func encode(_ value: Double) throws { set(); sink.number(value) }
    mutating func encode(_ value: Float) throws { set(); sink.number(Double(value)) }
    mutating func encode(_ value: Int) throws { set(); sink.int(value) }
    mutating func encode(_ value: Int8) throws { set(); sink.int(value) }
    mutating func encode(_ value: Int16) throws { set(); sink.int(value) }
    mutating func encode(_ value: Int32) throws { set(); sink.int(value) }
    mutating func encode(_ value: Int64) throws { set(); sink.int(value) }
    mutating func encode(_ value: UInt) throws { try encode(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { set(); sink.int(value) }
    mutating func encode(_ value: UInt16) throws { set(); sink.int(value) }
    mutating func encode(_ value: UInt32) throws { set(); sink.int(value) }
    /// Beyond Int's range a number would lose digits in most JSON readers: it is written as a string.
    mutating func encode(_ value: UInt64) throws {
        set()
        if let i = Int(exactly: value) { sink.int(i) } else { sink.string(String(value)) }
    }
    mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: StreamEncoder(sink: sink, node: node)) }
}
