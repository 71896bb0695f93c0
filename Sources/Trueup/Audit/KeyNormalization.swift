/// How customer and item codes are made comparable before the join (`--normalize-keys`).
///
/// Exports spell one code several ways: `0000100232` and `100232`, `SKU-1` and
/// `sku-1`, `AB 12` and `AB12`, `C-232` and `C232`. Each normalisation removes one such
/// difference; any subset can be applied, in a fixed order: spaces, then punctuation, then case,
/// then leading zeros (so `00-232` and `232` are alike once both punctuation and zeros are removed).
public struct KeyNormalization: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Leading `0`s removed, keeping one digit when the code is all zeros (`000` → `0`).
    public static let leadingZeros = KeyNormalization(rawValue: 1)
    /// Letters folded to lower case.
    public static let caseFold = KeyNormalization(rawValue: 2)
    /// Every space, tab and no-break space removed (the reader already trims the ends).
    public static let spaces = KeyNormalization(rawValue: 4)

    /// Every `-`, `_`, `.`, `/` and space inside the code removed (`C-232`, `C_232`, `C 232` → `C232`).
    public static let punctuation = KeyNormalization(rawValue: 8)

    public static let all: KeyNormalization = [.leadingZeros, .caseFold, .spaces, .punctuation]

    /// The names `--normalize-keys` takes, in the order they are written.
    public static let names: [(name: String, value: KeyNormalization)] = [
        ("leading-zeros", .leadingZeros), ("case", .caseFold), ("spaces", .spaces), ("punctuation", .punctuation),
    ]

    /// `leading-zeros,case`: the option's value that asks for exactly this set.
    public var optionValue: String {
        Self.names.filter { contains($0.value) }.map(\.name).joined(separator: ",")
    }

    /// The code under these normalisations.
    public func apply(_ code: String) -> String {
        var text = code
        if contains(.spaces) { text.removeAll { $0 == " " || $0 == "\t" || $0 == "\u{A0}" } }
        if contains(.punctuation) { text.removeAll(where: Self.isPunctuation) }
        if contains(.caseFold) { text = text.lowercased() }
        if contains(.leadingZeros) {
            let zeros = text.prefix { $0 == "0" }.count
            text.removeFirst(min(zeros, max(0, text.count - 1)))
        }
        return text
    }

    /// The smallest set of normalisations (fewest, then in `names` order) that makes `a` and `b`
    /// equal, or nil when even all of them don't.
    public static func joining(_ a: String, _ b: String) -> KeyNormalization? {
        let subsets = (0...all.rawValue).map { KeyNormalization(rawValue: $0) }
            .sorted { ($0.rawValue.nonzeroBitCount, $0.rawValue) < ($1.rawValue.nonzeroBitCount, $1.rawValue) }
        return subsets.first { $0.apply(a) == $0.apply(b) }
    }

    /// The characters `.punctuation` removes: separators that exports add or drop inside a code.
    static func isPunctuation(_ character: Character) -> Bool {
        switch character {
        case "-", "_", ".", "/", " ", "\t", "\u{A0}": return true
        default: return false
        }
    }
}

extension KeyDictionary {
    /// The ids these keys have in `other` under `normalization`, added there when new: `result[localID]`.
    ///
    /// `spellings` keeps, for each id of `other`, the spelling to show: the first one seen in the
    /// forecasts, else the first one seen in the actuals (`fromForecasts` says which file this is).
    func mapped(into other: inout KeyDictionary, normalizing normalization: KeyNormalization,
                spellings: inout [Int32: KeySpelling], fromForecasts: Bool) -> [Int32] {
        (0..<count).map { id in
            let spelling = name(Int32(id))
            let normalized = normalization.apply(spelling)
            let target = other.id(forName: normalized)
            switch spellings[target] {
            case nil: spellings[target] = KeySpelling(text: spelling, fromForecasts: fromForecasts)
            case let known? where fromForecasts && !known.fromForecasts:
                spellings[target] = KeySpelling(text: spelling, fromForecasts: true)
            default: break
            }
            return target
        }
    }
}

/// The spelling a normalised code is shown with, and which file it came from.
struct KeySpelling: Sendable, Equatable, Codable {
    var text: String
    var fromForecasts: Bool
}
