/// Encodes any `Encodable` into a `JSON` value that keeps keys in the order they were
/// encoded, so a typed event always serialises to the same bytes (the digest hashes them).
/// `encode(nil as T?)` writes null; `encodeIfPresent(nil)` leaves the key out, which is how
/// an event says "this field only when it applies".
struct JSONValueEncoder {
    func encode(_ value: some Encodable) throws -> JSON {
        let root = Slot()
        try value.encode(to: ValueEncoder(slot: root))
        return root.value
    }
}

/// A place a value is written to; objects and arrays fill in as their children are encoded.
/// Children live in the slot's own arrays, so appending never copies the ones before.
private final class Slot {
    enum Kind { case value, object, array }

    var kind = Kind.value
    var scalar = JSON.null
    var pairs: [(String, Slot)] = []
    var items: [Slot] = []

    var value: JSON {
        switch kind {
        case .value: scalar
        case .object: .object(pairs.map { ($0.0, $0.1.value) })
        case .array: .array(items.map(\.value))
        }
    }

    func set(_ v: JSON) {
        kind = .value
        scalar = v
    }

    func child(_ key: String) -> Slot {
        kind = .object
        let slot = Slot()
        pairs.append((key, slot))
        return slot
    }

    func append() -> Slot {
        kind = .array
        let slot = Slot()
        items.append(slot)
        return slot
    }
}

private struct ValueEncoder: Encoder {
    let slot: Slot
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy: Key.Type) -> KeyedEncodingContainer<Key> {
        slot.kind = .object
        return KeyedEncodingContainer(Keyed<Key>(slot: slot))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        slot.kind = .array
        return Unkeyed(slot: slot)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { Single(slot: slot) }
}

private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    var codingPath: [CodingKey] = []

    mutating func encodeNil(forKey key: Key) throws { slot.child(key.stringValue).set(.null) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try value.encode(to: ValueEncoder(slot: slot.child(key.stringValue)))
    }
    mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
        ValueEncoder(slot: slot.child(key.stringValue)).container(keyedBy: N.self)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        ValueEncoder(slot: slot.child(key.stringValue)).unkeyedContainer()
    }
    mutating func superEncoder() -> Encoder { ValueEncoder(slot: slot) }
    mutating func superEncoder(forKey key: Key) -> Encoder { ValueEncoder(slot: slot.child(key.stringValue)) }
}

private struct Unkeyed: UnkeyedEncodingContainer {
    let slot: Slot
    var codingPath: [CodingKey] = []
    var count: Int { slot.items.count }

    mutating func encodeNil() throws { slot.append().set(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: ValueEncoder(slot: slot.append())) }
    mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type) -> KeyedEncodingContainer<N> {
        ValueEncoder(slot: slot.append()).container(keyedBy: N.self)
    }
    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer { ValueEncoder(slot: slot.append()).unkeyedContainer() }
    mutating func superEncoder() -> Encoder { ValueEncoder(slot: slot.append()) }
}

private struct Single: SingleValueEncodingContainer {
    let slot: Slot
    var codingPath: [CodingKey] = []

    mutating func encodeNil() throws { slot.set(.null) }
    mutating func encode(_ value: Bool) throws { slot.set(.bool(value)) }
    mutating func encode(_ value: String) throws { slot.set(.string(value)) }
    mutating func encode(_ value: Double) throws { slot.set(.number(value)) }
    mutating func encode(_ value: Float) throws { slot.set(.number(Double(value))) }
    mutating func encode(_ value: Int) throws { slot.set(.int(value)) }
    mutating func encode(_ value: Int8) throws { slot.set(.int(Int(value))) }
    mutating func encode(_ value: Int16) throws { slot.set(.int(Int(value))) }
    mutating func encode(_ value: Int32) throws { slot.set(.int(Int(value))) }
    mutating func encode(_ value: Int64) throws { slot.set(.int(Int(value))) }
    mutating func encode(_ value: UInt) throws { try encode(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { slot.set(.int(Int(value))) }
    mutating func encode(_ value: UInt16) throws { slot.set(.int(Int(value))) }
    mutating func encode(_ value: UInt32) throws { slot.set(.int(Int(value))) }
    /// Beyond Int's range a number would lose digits in most JSON readers: it is written as a string.
    mutating func encode(_ value: UInt64) throws { slot.set(Int(exactly: value).map(JSON.int) ?? .string(String(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: ValueEncoder(slot: slot)) }
}
