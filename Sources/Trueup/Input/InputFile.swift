import Crypto
import TrueupCSV

/// What trueup learned about one input file while reading it.
public struct InputFile: Sendable {
    public var path: String
    public var bytes: Int
    /// SHA-256 of the file's bytes, lower-case hex.
    public var sha256: String
    public var delimiter: String
    public var hadByteOrderMark: Bool
    public var columns: ColumnMapping
    /// Data rows read: the header and blank lines are not rows.
    public var rowsRead: Int
    public var rowsRejected: Int
}

/// Feeds every chunk the reader sees to SHA-256.
final class FileDigest {
    private var hasher = SHA256()
    func update(_ chunk: UnsafeRawBufferPointer) { hasher.update(bufferPointer: chunk) }
    func hex() -> String {
        let digits = Array("0123456789abcdef".unicodeScalars)
        var text = ""
        for byte in hasher.finalize() {
            text.unicodeScalars.append(digits[Int(byte >> 4)])
            text.unicodeScalars.append(digits[Int(byte & 15)])
        }
        return text
    }
}
