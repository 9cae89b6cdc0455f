/// Why bytes could not be decoded as an Entente message. Decoding never traps: hostile
/// or broken input always ends here.
public enum WireError: Error, Equatable, CustomStringConvertible {
    case tooLarge(size: Int, limit: Int)
    case badMagic
    case unsupportedVersion(UInt8)
    case unknownType(UInt8)
    case truncated(field: String)
    case invalidUTF8(field: String)
    case tooLong(field: String, length: Int, limit: Int)
    case invalidValue(field: String, detail: String)
    case trailingBytes(Int)

    public var description: String {
        switch self {
        case .tooLarge(let size, let limit): "message of \(size) bytes exceeds the \(limit)-byte limit"
        case .badMagic: "not an Entente message (bad magic bytes; expected \"EN\")"
        case .unsupportedVersion(let v): "unsupported protocol version \(v) (this build speaks \(Wire.version))"
        case .unknownType(let t): "unknown message type \(t)"
        case .truncated(let field): "message ends early while reading \(field)"
        case .invalidUTF8(let field): "\(field) is not valid UTF-8"
        case .tooLong(let field, let length, let limit): "\(field) has length \(length), above the limit \(limit)"
        case .invalidValue(let field, let detail): "\(field): \(detail)"
        case .trailingBytes(let n): "\(n) unexpected bytes after the message"
        }
    }
}
