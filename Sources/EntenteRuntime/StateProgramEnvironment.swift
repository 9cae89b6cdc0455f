import Foundation

/// What a state program other than `entente state` is told besides its arguments
/// (docs/PROTOCOL.md §1): where the run folder is, so it can leave its own records under
/// `programs/` (the agent kit writes its policy's source hash and every decision it made),
/// and, for `entente run --again`, the run whose records to replay instead of deciding anew.
public struct StateProgramEnvironment: Sendable, Equatable {
    public static let runFolderKey = "ENTENTE_RUN_DIR"
    public static let replayKey = "ENTENTE_REPLAY_DIR"

    public var runFolder: String
    public var replayFrom: String?

    public init(runFolder: String, replayFrom: String? = nil) {
        self.runFolder = runFolder
        self.replayFrom = replayFrom
    }

    /// The variables, with absolute paths: a program may change its working directory.
    public var variables: [String: String] {
        var out = [Self.runFolderKey: Self.absolute(runFolder)]
        if let replayFrom { out[Self.replayKey] = Self.absolute(replayFrom) }
        return out
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
    }
}
