import TrueupCSV

/// The decimal marks a semicolon file's quantities showed to the fast reader.
///
/// The fast reader takes `.` and `,` alike as the decimal mark of a semicolon file; intake reads
/// the one mark the file's values show and the other as a thousands separator (`1.234` is 1234
/// beside `0,5`; `SideIntake.decimalMark`). The two read every quantity alike unless a point
/// appears beside a comma, or points appear with none that is surely decimal (`1.234` alone:
/// intake takes the file's mark to be the comma). Such a file is read again through intake.
struct DecimalMarks: OptionSet, Sendable, Codable {
    let rawValue: UInt8

    /// A quantity held a `.`.
    static let point = DecimalMarks(rawValue: 1)
    /// A quantity held a `,`.
    static let comma = DecimalMarks(rawValue: 2)
    /// A quantity said the point is the decimal mark (`0.25`: one point, not three digits after it).
    static let pointEvidence = DecimalMarks(rawValue: 4)

    /// Whether a semicolon file whose quantities showed these marks reads the same on the fast reader as through intake.
    var readAsIntakeReads: Bool { !contains(.point) || (!contains(.comma) && contains(.pointEvidence)) }

    /// The marks of one quantity's bytes, as intake weighs them (`ExportNumber.evidence`).
    static func of(_ bytes: UncheckedBytes) -> DecimalMarks {
        var marks: DecimalMarks = []
        for byte in bytes {
            if byte == UInt8(ascii: ".") { marks.insert(.point) } else if byte == UInt8(ascii: ",") { marks.insert(.comma) }
        }
        if marks.contains(.point), ExportNumber.evidence(bytes.text) == .point {
            marks.insert(.pointEvidence)
        }
        return marks
    }
}
