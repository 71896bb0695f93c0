import TOMLKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a policy file can't be used. Each case names the key at fault.
public enum PolicyError: Error, Sendable, Equatable {
    case unreadable(path: String, reason: String)
    case syntax(path: String, line: Int, column: Int, reason: String)
    case unknownKey(path: String, key: String, known: [String])
    case wrongType(path: String, key: String, expected: String, found: String)
    case outOfRange(path: String, key: String, reason: String)
}

extension Policy {
    /// The default policy overridden by the keys of the TOML file at `path`.
    public static func load(path: String) throws(PolicyError) -> Policy {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got < 0 { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
            if got == 0 { break }
            bytes.append(contentsOf: chunk[0..<got])
        }
        return try load(toml: String(decoding: bytes, as: UTF8.self), path: path)
    }

    /// The default policy overridden by the keys of a TOML file.
    ///
    /// Every key is optional; a key or section the policy doesn't have, or a
    /// value of the wrong type, is an error that names it.
    public static func load(toml text: String, path: String) throws(PolicyError) -> Policy {
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
                    policy[keyPath: field] = number
                case .count(let field):
                    guard let count = value.int else {
                        throw .wrongType(path: path, key: keyPath, expected: "a whole number", found: Self.describe(value))
                    }
                    guard count >= 0 else { throw .outOfRange(path: path, key: keyPath, reason: "must be 0 or more") }
                    policy[keyPath: field] = count
                }
            }
        }
        if policy.recentPeriods < 1 {
            throw .outOfRange(path: path, key: "deteriorating.recent_periods", reason: "must be at least 1")
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
    public var settings: [(key: String, value: Double)] {
        PolicyKey.all.map { key in
            switch key.value {
            case .number(let field): return (key.path, self[keyPath: field])
            case .count(let field): return (key.path, Double(self[keyPath: field]))
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
