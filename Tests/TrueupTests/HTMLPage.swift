import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// report.html read back as XML: every element with its attributes and the text inside it.
///
/// Parsing fails (and `init` throws) on any unbalanced tag, unquoted attribute or unknown
/// entity, so a page that parses is well-formed.
final class HTMLPage {
    struct Element {
        var name: String
        var attributes: [String: String]
        /// All text inside the element, its descendants' included.
        var text: String
        /// Indexes of the elements it is inside, outermost first.
        var ancestors: [Int]

        var classes: Set<String> { Set((attributes["class"] ?? "").split(separator: " ").map(String.init)) }
    }

    struct NotWellFormed: Error, CustomStringConvertible {
        var description: String
    }

    private(set) var elements: [Element] = []

    init(_ html: String) throws {
        let collector = Collector()
        let parser = XMLParser(data: Data(html.utf8))
        parser.delegate = collector
        guard parser.parse() else {
            throw NotWellFormed(description: "line \(parser.lineNumber), column \(parser.columnNumber): \(String(describing: parser.parserError))")
        }
        elements = collector.elements
    }

    /// The elements named `name` that carry every class in `classes`.
    func all(_ name: String, classes: Set<String> = []) -> [Element] {
        elements.filter { $0.name == name && classes.isSubset(of: $0.classes) }
    }

    /// The elements inside `element` (by its index in `elements`).
    func inside(_ index: Int) -> [Element] { elements.filter { $0.ancestors.contains(index) } }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append(Element(name: name, attributes: attributes, text: "", ancestors: open))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            for index in open { elements[index].text += string }
        }
    }
}
