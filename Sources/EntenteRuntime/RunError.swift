/// A run that cannot go on, with a message saying what went wrong and what to do.
public struct RunError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// The run or sweep was stopped by a signal (Ctrl-C, SIGTERM): what was done is kept.
/// Commands exit with status 130, as a shell does for a process stopped by SIGINT.
public struct Interrupted: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) { self.description = description }
}
