/// A run that cannot go on, with a message saying what went wrong and what to do.
public struct RunError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
