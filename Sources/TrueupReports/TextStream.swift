/// A file's text handed on in pieces as it is rendered, so that a file of a million rows is never held
/// as one String.
///
/// Text is gathered into chunks of about `chunkBytes` and each full chunk goes to `deliver` (a file's
/// temporary, or a String in `collected`). Once `deliver` throws, the rest of the text is dropped and
/// `failure` holds the error for the caller. A stream belongs to the one thread that renders its file.
public final class TextStream {
    /// About how many bytes are gathered before they are handed on.
    public static let chunkBytes = 1 << 20

    private var pending: [UInt8] = []
    private let deliver: ([UInt8]) throws -> Void
    /// With `--csv-dialect excel` and `excel-de`: the byte order mark, and CRLF between records.
    private var spreadsheet: SpreadsheetCSV.Converter?
    /// The first error `deliver` threw; nil while every chunk has been handed on.
    public private(set) var failure: (any Error)?

    public init(deliver: @escaping ([UInt8]) throws -> Void) {
        self.deliver = deliver
        pending.reserveCapacity(Self.chunkBytes + Self.chunkBytes / 8)
    }

    /// From here on, the text is written as spreadsheets open CSV by double-click (`SpreadsheetCSV`):
    /// called before anything is written.
    func convertsForSpreadsheets() {
        precondition(pending.isEmpty, "the byte order mark comes first")
        spreadsheet = SpreadsheetCSV.Converter()
        pending.append(contentsOf: SpreadsheetCSV.byteOrderMark.utf8)
    }

    public func write(_ text: String) {
        guard failure == nil else { return }
        if spreadsheet != nil {
            spreadsheet?.convert(text, into: &pending)
        } else {
            pending.append(contentsOf: text.utf8)
        }
        if pending.count >= Self.chunkBytes { handOn() }
    }

    /// Hands on what is left; called once, when the file's text is complete.
    public func finish() {
        guard failure == nil, !pending.isEmpty else { return }
        handOn()
    }

    private func handOn() {
        do {
            try deliver(pending)
        } catch {
            failure = error
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// The whole text `render` writes, as one String: for standard output and the tests.
    public static func collected(_ render: (TextStream) -> Void) -> String {
        var text: [UInt8] = []
        let stream = TextStream { text.append(contentsOf: $0) }
        render(stream)
        stream.finish()
        return String(decoding: text, as: UTF8.self)
    }
}
