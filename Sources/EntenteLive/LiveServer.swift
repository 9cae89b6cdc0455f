import EntenteRuntime
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// `entente serve`: an HTTP server on one run folder (the live page) or one sweep folder
/// (the list of its runs, each linking to its live page). It only reads: the coordinator
/// writes the folder, possibly on another host, and the page follows what it finds there.
public struct LiveServer: Sendable {
    public enum Kind: String, Sendable { case run, sweep }

    public let root: String
    public let host: String
    public let port: Int
    public let kind: Kind
    let pages: PageAssets

    /// - Throws: `LiveServerError` when the folder is not there or the page files are missing.
    public init(root: String, host: String = "127.0.0.1", port: Int) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue else {
            throw LiveServerError("\(root) is not a folder: give a run folder (as `entente run --out` makes) or a sweep folder")
        }
        self.root = root
        self.host = host
        self.port = port
        kind = FileManager.default.fileExists(atPath: root + "/sweep.json") ? .sweep : .run
        pages = try PageAssets()
    }

    /// Serves until the task is cancelled; `ready` gets the page's address once it listens.
    public func run(ready: @escaping @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "entente.serve")
        logger.logLevel = .warning
        let host = self.host
        let app = Application(router: router(), configuration: .init(address: .hostname(host, port: port), serverName: nil),
                              onServerRunning: { channel in
                                  let shown = host.contains(":") ? "[\(host)]" : host
                                  ready("http://\(shown):\(channel.localAddress?.port ?? 0)/")
                              }, logger: logger)
        do {
            try await app.run()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw LiveServerError("port \(port) on \(host) is in use: give another --port, or --port 0 for any free one")
        }
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        let files = FolderFiles(root: root)
        let pages = self.pages, root = self.root
        router.add(middleware: CachingOff())
        switch kind {
        case .run:
            router.get("/") { _, _ in Self.html(pages.run) }
            router.get("events") { request, _ in Self.events(folder: root, request: request) }
        case .sweep:
            router.get("/") { _, _ in Self.html(pages.sweep) }
            router.get("runs.json") { _, _ in try Self.json(SweepListing.read(root: root)) }
            // The run's page names its stream and files relative to itself: it must end in `/`.
            router.get("runs/:name") { request, context in
                let name = try context.parameters.require("name")
                guard files.folder(SweepListing.runsFolder, name[...]) != nil else { return Self.notFound }
                guard request.uri.path.hasSuffix("/") else {
                    return Response(status: .movedPermanently, headers: [.location: "/runs/\(name)/"])
                }
                return Self.html(pages.run)
            }
            router.get("runs/:name/events") { request, context in
                guard let folder = files.folder(SweepListing.runsFolder, try context.parameters.require("name")[...]) else { return Self.notFound }
                return Self.events(folder: folder, request: request)
            }
            router.get("runs/:name/file/**") { _, context in
                let name = try context.parameters.require("name")
                return Self.file(files, [SweepListing.runsFolder[...], name[...]] + context.parameters.getCatchAll())
            }
        }
        router.get("file/**") { _, context in Self.file(files, context.parameters.getCatchAll()) }
        return router
    }

    static let notFound = Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                                   body: .init(byteBuffer: ByteBuffer(string: "not found\n")))

    static func html(_ page: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func json<T: Encodable>(_ value: T) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Response(status: .ok, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    static func file(_ files: FolderFiles, _ path: [Substring]) -> Response {
        guard let url = files.file(path), let data = FileManager.default.contents(atPath: url.path) else { return notFound }
        return Response(status: .ok, headers: [.contentType: FolderFiles.contentType(url)], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static let lastEventID = HTTPField.Name("Last-Event-ID")!

    static func events(folder: String, request: Request) -> Response {
        let resume = request.headers[lastEventID].flatMap(RunStream.Position.init) ?? RunStream.Position()
        let stream = RunStream(folder: folder, resume: resume)
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                        body: ResponseBody { writer in
                            try await stream.run { try await writer.write(ByteBuffer(string: $0)) }
                            try await writer.finish(nil)
                        })
    }
}

/// Every answer is read fresh from a folder that changes under it: nothing is cached.
struct CachingOff<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

public struct LiveServerError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
