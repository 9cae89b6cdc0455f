import EntenteModel
import Foundation
import ZeroMQ

/// Every public key of a run: what each process needs to know who may speak to it.
/// `public-keys.json` in a keys folder; safe to distribute.
public struct PublicKeys: Codable, Equatable, Sendable {
    public var coordinator: String
    public var states: [StateID: String]

    /// The state id each state key is bound to (what the ZAP handler allows).
    public func owners(of ids: [StateID]) -> [String: String] {
        Dictionary(ids.compactMap { id in states[id].map { ($0, id) } }, uniquingKeysWith: { a, _ in a })
    }
}

/// What one process needs to speak CURVE in a run: its own key pair and everyone's public
/// key. The coordinator is a CURVE server to the states; each state is a CURVE server to
/// the peers that send it letters and a client of the coordinator and of its peers.
public struct RunCredentials: Sendable {
    public var own: CurveKeyPair
    public var known: PublicKeys

    public init(own: CurveKeyPair, known: PublicKeys) {
        self.own = own
        self.known = known
    }

    /// ZAP domain of every server socket of a run.
    public static let domain = "entente"
}

/// A run's keys on disk (`entente keys`, or made by `entente run` for tcp): a folder only
/// the user can open, holding `public-keys.json` and one secret file per process
/// (`coordinator.key`, `state-<ID>.key`, mode 0600). A host needs only the public list
/// and its own secret file.
public enum RunKeys {
    public static let publicFile = "public-keys.json"

    /// The secret file of a state, or of the coordinator when `id` is nil.
    public static func secretFile(for id: StateID?) -> String { id.map { "state-\($0).key" } ?? "coordinator.key" }

    /// Makes a key pair for the coordinator and for each state into `folder` (created 0700;
    /// it must not hold keys already).
    @discardableResult
    public static func generate(ids: [StateID], folder: String) throws -> PublicKeys {
        let fm = FileManager.default
        if fm.fileExists(atPath: folder + "/" + publicFile) {
            throw RunError("\(folder) already holds a run's keys; give another folder (keys are made once per run)")
        }
        do {
            // Only the keys folder is private: parents made on the way (a run folder) keep the usual mode.
            let parent = (folder as NSString).deletingLastPathComponent
            if !parent.isEmpty { try fm.createDirectory(atPath: parent, withIntermediateDirectories: true) }
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder)
        } catch {
            throw RunError("cannot create the keys folder \(folder): \(error.localizedDescription)")
        }
        let coordinator = try CurveKeyPair.generate()
        try writeSecret(coordinator, to: folder + "/" + secretFile(for: nil))
        var states: [StateID: String] = [:]
        for id in ids {
            let pair = try CurveKeyPair.generate()
            try writeSecret(pair, to: folder + "/" + secretFile(for: id))
            states[id] = pair.publicKey
        }
        let keys = PublicKeys(coordinator: coordinator.publicKey, states: states)
        try write(encoder.encode(keys), to: folder + "/" + publicFile, mode: 0o644)
        return keys
    }

    /// The credentials of the coordinator (`id` nil) or of one state, from a keys folder.
    public static func credentials(folder: String, for id: StateID?) throws -> RunCredentials {
        let known: PublicKeys = try read(folder + "/" + publicFile)
        let own: CurveKeyPair = try read(folder + "/" + secretFile(for: id))
        for key in [known.coordinator, own.publicKey, own.secretKey] + known.states.values where !CurveKeyPair.isValidKey(key) {
            throw RunError("\(folder) holds a key that is not 40 characters of Z85; make the keys again with `entente keys`")
        }
        let expected = id.map { known.states[$0] } ?? known.coordinator
        guard expected == own.publicKey else {
            let who = id.map { "state \($0)" } ?? "the coordinator"
            throw RunError("\(folder)/\(secretFile(for: id)) is not the key pair \(publicFile) lists for \(who): the files come from different runs")
        }
        return RunCredentials(own: own, known: known)
    }

    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return e
    }

    static func writeSecret(_ pair: CurveKeyPair, to path: String) throws {
        try write(encoder.encode(pair), to: path, mode: 0o600)
    }

    /// Creates the file with its mode from the start: a secret is never readable by others, even briefly.
    static func write(_ data: Data, to path: String, mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else { throw RunError("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let written = data.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        guard written == data.count else { throw RunError("cannot write \(path): \(String(cString: strerror(errno)))") }
    }

    static func read<T: Decodable>(_ path: String) throws -> T {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunError("cannot read \(path): make a run's keys with `entente keys SCENARIO --out DIR`, then give --keys DIR")
        }
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw RunError("\(path) is not a keys file written by `entente keys`: \(error)")
        }
    }
}

/// Where CURVE is required: a tcp endpoint whose host is not loopback is reachable by
/// anyone on the network, so binding or joining it in the clear is refused.
public enum EndpointSafety {
    /// Whether `endpoint` is tcp on a non-loopback host (`tcp://0.0.0.0:*`, `tcp://node7:5555`).
    public static func isExposed(_ endpoint: String) -> Bool {
        guard endpoint.hasPrefix("tcp://") else { return false }
        var host = String(endpoint.dropFirst(6))
        if let colon = host.lastIndex(of: ":") { host = String(host[..<colon]) }
        host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return !(host.hasPrefix("127.") || host == "localhost" || host == "::1")
    }

    /// Checks how `endpoints` will be used: over tcp without CURVE only when asked for
    /// (`insecure`), and never on an exposed address (see `isExposed`).
    /// - Parameter curve: whether the sockets will use CURVE.
    public static func check(_ endpoints: [String], curve: Bool, insecure: Bool) throws {
        guard !curve else { return }
        if let open = endpoints.first(where: isExposed) {
            throw RunError("\(open) is reachable from other hosts: in the clear anyone who can reach it could join the run or forge its "
                           + "messages. Give --keys DIR (made by `entente keys`), or use a loopback address (tcp://127.0.0.1:…) with --insecure to debug")
        }
        if !insecure, let tcp = endpoints.first(where: { $0.hasPrefix("tcp://") }) {
            throw RunError("\(tcp) is tcp, which uses CURVE: give --keys DIR (make them with `entente keys SCENARIO --out DIR`), "
                           + "or --insecure to speak in the clear on loopback")
        }
    }
}
