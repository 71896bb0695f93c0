import Foundation
import Testing

/// Every relative link in the documentation leads to a file of the repository, and to a heading
/// of it when the link names one; a fresh clone has nothing outside the repository to link to.
@Suite struct DocLinksTests {
    struct Link: CustomStringConvertible {
        var file: String
        var line: Int
        var target: String
        var description: String { "\(file):\(line): \(target)" }
    }

    /// README.md, docs/, the notebooks, bench/ and datasets/README.md, by their paths from the package root.
    static var documents: [String] {
        let manager = FileManager.default
        var paths = ["README.md", "datasets/README.md"]
        for folder in ["docs", "notebooks-md", "bench"] {
            let names = (try? manager.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent(folder).path)) ?? []
            paths += names.filter { $0.hasSuffix(".md") }.sorted().map { folder + "/" + $0 }
        }
        return paths
    }

    static func text(_ path: String) throws -> String {
        try String(contentsOf: CLI.packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    /// The lines of a Markdown text outside fenced code blocks, with their 1-based numbers.
    static func prose(_ text: String) -> [(number: Int, line: String)] {
        var lines: [(Int, String)] = []
        var fenced = false
        for (k, line) in text.components(separatedBy: "\n").enumerated() {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                fenced.toggle()
                continue
            }
            if !fenced { lines.append((k + 1, line)) }
        }
        return lines
    }

    /// The targets of a document's links and images, `[text](target)`, outside code.
    static func links(in path: String) throws -> [Link] {
        let codeSpan = try Regex("`[^`]*`")
        let link = try Regex(#"\]\(([^)\s]+)"#)
        var found: [Link] = []
        for (number, line) in prose(try text(path)) {
            let outsideCode = line.replacing(codeSpan, with: "")
            for match in outsideCode.matches(of: link) {
                guard let target = match.output[1].substring else { continue }
                found.append(Link(file: path, line: number, target: String(target)))
            }
        }
        return found
    }

    /// The anchors a document's headings get, as GitHub makes them: lower case, every character
    /// other than a letter, a digit, a space, `-` or `_` dropped, spaces as `-`, and `-1`, `-2`, ...
    /// after a repeated one.
    static func anchors(_ text: String) -> Set<String> {
        var anchors: Set<String> = []
        var seen: [String: Int] = [:]
        for (_, line) in prose(text) {
            let level = line.prefix { $0 == "#" }.count
            guard (1...6).contains(level), line.dropFirst(level).first == " " else { continue }
            let title = line.dropFirst(level).trimmingCharacters(in: .whitespaces)
            let slug = String(title.lowercased().filter { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" || $0 == "_" })
                .replacingOccurrences(of: " ", with: "-")
            let count = seen[slug, default: 0]
            seen[slug] = count + 1
            anchors.insert(count == 0 ? slug : "\(slug)-\(count)")
        }
        return anchors
    }

    @Test func theDocumentsAreThere() throws {
        for path in ["README.md", "docs/metrics.md", "docs/ARCHITECTURE.md", "docs/SECURITY.md", "bench/RESULTS.md"] {
            #expect(Self.documents.contains(path), "\(path) is missing")
        }
        #expect(try !Self.links(in: "README.md").isEmpty)
    }

    @Test func everyRelativeLinkResolvesInsideTheRepository() throws {
        let root = CLI.packageRoot.standardizedFileURL.resolvingSymlinksInPath().path
        for path in Self.documents {
            for link in try Self.links(in: path) {
                // Web addresses and mail are not files of the repository.
                if link.target.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) != nil { continue }
                let parts = link.target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let file = String(parts[0]).removingPercentEncoding ?? String(parts[0])
                let anchor = parts.count > 1 ? String(parts[1]) : nil
                #expect(!file.hasPrefix("/"), "\(link) is an absolute path")
                let document = CLI.packageRoot.appendingPathComponent(path)
                let resolved = file.isEmpty
                    ? document
                    : document.deletingLastPathComponent().appendingPathComponent(file)
                let real = resolved.standardizedFileURL.resolvingSymlinksInPath().path
                guard real == root || real.hasPrefix(root + "/") else {
                    Issue.record("\(link) points outside the repository")
                    continue
                }
                guard FileManager.default.fileExists(atPath: real) else {
                    Issue.record("\(link) names no file of the repository")
                    continue
                }
                if let anchor, real.hasSuffix(".md") {
                    let headings = Self.anchors(try String(contentsOfFile: real, encoding: .utf8))
                    #expect(headings.contains(anchor), "\(link): no heading has the anchor #\(anchor)")
                }
            }
        }
    }

    @Test func theReadmeIsShort() throws {
        let size = try Data(contentsOf: CLI.packageRoot.appendingPathComponent("README.md")).count
        #expect(size <= 15_000, "README.md is \(size) bytes; the rest belongs in docs/")
    }
}
