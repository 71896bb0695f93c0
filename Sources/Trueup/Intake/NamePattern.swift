/// Fields taken from a file's name: `{customer}_forecast_{snapshot}.csv`.
///
/// A pattern is literal text, `*` (any run of characters, as in a glob) and fields in braces:
/// `customer`, `item`, `snapshot` and `period`. A field matches one or more characters; the
/// snapshot and the period must read as a month (any form `PeriodText` reads). The whole file
/// name (without its folders) must match.
public struct NamePattern: Sendable, Equatable {
    public enum Field: String, Sendable, CaseIterable { case customer, item, snapshot, period }

    enum Piece: Sendable, Equatable {
        case literal(String)
        case anything
        case field(Field)
    }

    public let text: String
    let pieces: [Piece]

    /// Why a pattern can't be used, as one sentence.
    public struct Problem: Error, Sendable, Equatable {
        public var reason: String
    }

    public init(_ text: String) throws(Problem) {
        self.text = text
        var pieces: [Piece] = []
        var literal = ""
        var rest = Substring(text)
        while let character = rest.first {
            rest.removeFirst()
            if character == "*" || character == "{" {
                if !literal.isEmpty { pieces.append(.literal(literal)) }
                literal = ""
            }
            if character == "*" {
                pieces.append(.anything)
            } else if character == "{" {
                guard let close = rest.firstIndex(of: "}") else { throw Problem(reason: "a { is never closed") }
                let name = String(rest[..<close])
                guard let field = Field(rawValue: name.lowercased()) else {
                    throw Problem(reason: "{\(name)} is not a field; the fields are {customer}, {item}, {snapshot} and {period}")
                }
                if pieces.contains(.field(field)) { throw Problem(reason: "{\(name)} appears twice") }
                pieces.append(.field(field))
                rest = rest[rest.index(after: close)...]
            } else {
                literal.append(character)
            }
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        guard pieces.contains(where: { if case .field = $0 { return true } else { return false } }) else {
            throw Problem(reason: "it has no field such as {customer}")
        }
        self.pieces = pieces
    }

    /// The fields the pattern has.
    var fields: [Field] { pieces.compactMap { if case .field(let field) = $0 { return field } else { return nil } } }

    /// The fields' text in `name`, or nil when the name doesn't match.
    func match(_ name: String) -> [Field: String]? {
        let characters = Array(name)
        var found: [Field: String] = [:]
        // Whether the pieces from `piece` on match from `at` does not depend on how the pieces
        // before did: a place that failed once fails again. Remembering the failures makes the
        // match polynomial (pieces x length^2) instead of exponential in its `*` and fields.
        var failed = Set<Int>()
        let width = characters.count + 1
        func matches(_ piece: Int, _ at: Int) -> Bool {
            if piece == pieces.count { return at == characters.count }
            let place = piece * width + at
            if failed.contains(place) { return false }
            if attempt(piece, at) { return true }
            failed.insert(place)
            return false
        }
        func attempt(_ piece: Int, _ at: Int) -> Bool {
            switch pieces[piece] {
            case .literal(let text):
                let wanted = Array(text)
                guard at + wanted.count <= characters.count, Array(characters[at..<at + wanted.count]) == wanted else { return false }
                return matches(piece + 1, at + wanted.count)
            case .anything:
                for end in at...characters.count where matches(piece + 1, end) { return true }
                return false
            case .field(let field):
                guard at < characters.count else { return false }
                for end in (at + 1)...characters.count {
                    let value = String(characters[at..<end])
                    if field == .snapshot || field == .period, PeriodText.month(value, order: nil) == nil { continue }
                    found[field] = value
                    if matches(piece + 1, end) { return true }
                }
                found[field] = nil
                return false
            }
        }
        return matches(0, 0) ? found : nil
    }
}
