import Foundation

/// The files the server may hand out: regular files under its root folder, named by a
/// relative path, nothing else. Why so strict: the server reads what a browser asks for,
/// and a run folder sits among a researcher's other files.
struct FolderFiles {
    let root: URL

    init(root: String) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath()
    }

    /// The file at `relative` under the root, or nil when the path leaves the root (`..`,
    /// an absolute path, a link pointing out), is hidden, or is not a regular file.
    func file(_ relative: [Substring]) -> URL? {
        guard !relative.isEmpty, relative.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") && !$0.contains("/") && !$0.contains("\0") }) else {
            return nil
        }
        let url = relative.reduce(root) { $0.appendingPathComponent(String($1)) }.resolvingSymlinksInPath()
        guard url.path.hasPrefix(root.path + "/") else { return nil }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
        return url
    }

    /// A folder directly under `parent` (a sweep's run), by its name alone.
    func folder(_ parent: String, _ name: Substring) -> String? {
        guard !name.isEmpty, !name.hasPrefix("."), !name.contains("/") else { return nil }
        let path = root.appendingPathComponent(parent).appendingPathComponent(String(name)).resolvingSymlinksInPath().path
        var isFolder: ObjCBool = false
        guard path.hasPrefix(root.path + "/"), FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return nil }
        return isFolder.boolValue ? path : nil
    }

    /// The content type of a file the page reads.
    static func contentType(_ url: URL) -> String {
        switch url.pathExtension {
        case "json": return "application/json"
        case "jsonl": return "application/jsonl; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "html": return "text/html; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        default: return "text/plain; charset=utf-8"
        }
    }
}
