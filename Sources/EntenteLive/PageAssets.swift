import Foundation

/// The two pages, each made self-contained when the server starts: the HTML files under
/// `Page/` name their style sheets and scripts with `<!-- include NAME -->`, and each is put
/// inline, so a page needs nothing but the server's own answers (no CDN, works offline).
/// Kept as files, not Swift strings, so the script can be read and checked as JavaScript.
struct PageAssets: Sendable {
    let run: String
    let sweep: String

    struct Missing: Error, CustomStringConvertible {
        var name: String
        var description: String {
            "the live page's file \(name) is missing from the entente build (Entente_EntenteLive.resources next to the binary)"
        }
    }

    init() throws {
        run = try Self.page("run.html")
        sweep = try Self.page("sweep.html")
    }

    static func file(_ name: String) throws -> String {
        let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Page"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { throw Missing(name: name) }
        return text
    }

    static func page(_ name: String) throws -> String {
        var html = try file(name)
        while let marker = html.range(of: #"<!-- include [a-z0-9.-]+ -->"#, options: .regularExpression) {
            let included = String(html[marker].dropFirst(13).dropLast(4))
            let body = try file(included)
            html.replaceSubrange(marker, with: included.hasSuffix(".css") ? "<style>\n\(body)</style>" : "<script>\n\(body)</script>")
        }
        return html
    }
}
