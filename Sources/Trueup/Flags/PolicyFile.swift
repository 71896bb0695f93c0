import TOMLKit
import TrueupSystem

/// Why a policy file can't be used. Each case names the key at fault.
public enum PolicyError: Error, Sendable, Equatable {
    case unreadable(path: String, reason: String)
    case syntax(path: String, line: Int, column: Int, reason: String)
    case unknownKey(path: String, key: String, known: [String])
    case wrongType(path: String, key: String, expected: String, found: String)
    case outOfRange(path: String, key: String, reason: String)
}

/// One setting's value, as run.json and the history show it.
public enum PolicyValue: Sendable, Equatable {
    case number(Double)
    case text(String)
}

extension Policy {
    /// The largest policy file read: a policy is a few dozen lines.
    static let maximumFileBytes = 1 << 20

    /// The default policy overridden by the keys of the TOML file at `path`.
    ///
    /// Only a regular file of at most 1 MiB is read: `/dev/zero` or a FIFO is refused at once.
    public static func load(path: String) throws(PolicyError) -> Policy {
        let file: SystemFile
        do {
            file = try SystemFile.openRegular(path).file
        } catch {
            switch error {
            case .cantOpen(let reason): throw .unreadable(path: path, reason: reason.description)
            case .notRegular(let kind): throw .unreadable(path: path, reason: "it is \(kind.described), not a regular file")
            }
        }
        defer { file.close() }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let got: Int
            do {
                got = try file.read(into: &chunk)
            } catch {
                throw .unreadable(path: path, reason: "\(error)")
            }
            if got == 0 { break }
            bytes.append(contentsOf: chunk[0..<got])
            if bytes.count > maximumFileBytes {
                throw .unreadable(path: path, reason: "it is larger than 1 MiB; a policy file is a few dozen lines")
            }
        }
        if let nul = bytes.firstIndex(of: 0) {
            let (line, column) = position(of: nul, in: bytes)
            throw .syntax(path: path, line: line, column: column, reason: "a NUL byte; a policy file is text, and nothing may follow its end")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .syntax(path: path, line: 1, column: 1, reason: "the file is not UTF-8 text")
        }
        return try load(toml: text, path: path)
    }

    /// The 1-based line and column of byte `offset`.
    private static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let before = bytes[..<offset]
        let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        return (line, offset - lineStart + 1)
    }

    /// The default policy overridden by the keys of a TOML file.
    ///
    /// Every key is optional; a key or section the policy doesn't have, or a
    /// value of the wrong type, is an error that names it.
    public static func load(toml text: String, path: String) throws(PolicyError) -> Policy {
        // The TOML parser takes a NUL for the end of the text: what follows it would be ignored unseen.
        if text.utf8.contains(0) {
            throw .syntax(path: path, line: 0, column: 0, reason: "a NUL byte; a policy file is text, and nothing may follow its end")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .syntax(path: path, line: error.source.begin.line, column: error.source.begin.column, reason: error.description)
        } catch {
            throw .syntax(path: path, line: 0, column: 0, reason: "\(error)")
        }
        let known = PolicyKey.all.map(\.path)
        var policy = Policy.default
        for section in table.keys.sorted() {
            guard let inner = table[section]?.table else {
                throw .unknownKey(path: path, key: section, known: known)
            }
            for name in inner.keys.sorted() {
                let keyPath = "\(section).\(name)"
                guard let key = PolicyKey.all.first(where: { $0.path == keyPath }), let value = inner[name] else {
                    throw .unknownKey(path: path, key: keyPath, known: known)
                }
                switch key.value {
                case .number(let field):
                    guard let number = value.double ?? value.int.map(Double.init), number.isFinite else {
                        throw .wrongType(path: path, key: keyPath, expected: "a number", found: Self.describe(value))
                    }
                    guard key.allowed.allows(number) else {
                        throw .outOfRange(path: path, key: keyPath, reason: "is \(Self.format(number)); allowed: \(key.allowed.described)")
                    }
                    policy[keyPath: field] = number
                case .count(let field):
                    guard let count = value.int else {
                        throw .wrongType(path: path, key: keyPath, expected: "a whole number", found: Self.describe(value))
                    }
                    guard key.allowed.allows(Double(count)) else {
                        throw .outOfRange(path: path, key: keyPath, reason: "is \(count); allowed: \(key.allowed.described)")
                    }
                    policy[keyPath: field] = count
                case .benchmark(let field):
                    let names = PolicyBenchmark.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                    guard let text = value.string else {
                        throw .wrongType(path: path, key: keyPath, expected: "one of \(names)", found: Self.describe(value))
                    }
                    guard let choice = PolicyBenchmark(rawValue: text) else {
                        throw .outOfRange(path: path, key: keyPath, reason: "is \"\(text)\"; allowed: \(names)")
                    }
                    policy[keyPath: field] = choice
                }
            }
        }
        if policy.minimumBaselinePeriods > policy.baselinePeriods {
            throw .outOfRange(path: path, key: "deteriorating.min_baseline_periods",
                              reason: "is \(policy.minimumBaselinePeriods); allowed: at most deteriorating.baseline_periods (\(policy.baselinePeriods))")
        }
        return policy
    }

    private static func describe(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .string: return "the text \"\(value.string ?? "")\""
        case .bool: return "true/false"
        case .double: return "a decimal number"
        case .int: return "a whole number"
        case .array: return "a list"
        case .table: return "a section"
        default: return "a date or time"
        }
    }

    /// Every setting as ("section.key", value), in the file's order: for run.json.
    public var settings: [(key: String, value: PolicyValue)] {
        PolicyKey.all.map { key in
            switch key.value {
            case .number(let field): return (key.path, .number(self[keyPath: field]))
            case .count(let field): return (key.path, .number(Double(self[keyPath: field])))
            case .benchmark(let field): return (key.path, .text(self[keyPath: field].rawValue))
            }
        }
    }

    /// This policy as a TOML file with a comment on every key: what `trueup policy` prints.
    public var commentedTOML: String {
        var out = """
            # trueup flag policy. Every key is optional: a key left out keeps the value shown here.
            # Use it with --policy FILE on report, check and brief.
            #
            # Tiers are judged per customer at the report lag (lag 1 when present, else the smallest):
            #   insufficient-data  fewer than tiers.min_periods scored periods
            #   unreliable         any rule of [unreliable] holds
            #   watch              not unreliable, and any rule of [watch] holds, or [deteriorating] fires
            #   trusted            otherwise

            """
        var section = ""
        for key in PolicyKey.all {
            if key.section != section {
                section = key.section
                out += "\n[\(section)]\n"
            }
            let value: String
            switch key.value {
            case .number(let field): value = Self.format(self[keyPath: field])
            case .count(let field): value = String(self[keyPath: field])
            case .benchmark(let field): value = "\"\(self[keyPath: field].rawValue)\""
            }
            let line = "\(key.name) = \(value)"
            out += line + String(repeating: " ", count: max(1, 28 - line.count)) + "# \(key.help)\n"
        }
        return out
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) + ".0" : "\(value)"
    }
}
