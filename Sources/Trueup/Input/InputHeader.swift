import TrueupCSV
import TrueupSystem
extension Ingest {
    /// A file's header, dialect and where its data rows begin.
    struct Header {
        let path: String
        var mapping: ColumnMapping
        var dialect: CSVDialect
        var hadByteOrderMark: Bool
        var dataStart: Int
        var firstDataLine: Int
        var fileSize: Int

        /// The file, open (`InputFiles`).
        let file: SystemFile

        init(_ source: InputSource, required: [Column], optional: [Column], overrides: [Column: String], encoding: TextEncoding) throws {
            let path = source.path
            let reader: CSVReader
            do {
                reader = try CSVReader(file: source.file, name: path, bufferSize: 64 * 1024)
            } catch {
                switch error {
                case .unsupportedEncoding(let encoding): throw InputError.unsupportedEncoding(path: path, encoding: encoding)
                case .unreadable(_, let reason): throw InputError.missingFile(path: path, reason: reason)
                case .unterminatedQuote(let position): throw InputError.unterminatedQuote(path: path, line: position.line)
                case .recordTooLong(let position, let limit): throw InputError.recordTooLong(path: path, line: position.line, limit: limit)
                }
            }
            var names: [String]?
            var headerLine = 1
            let stop = try reader.records { record in
                names = (0..<record.count).map { encoding.string(record.field($0)).trimmingCharacters() }
                headerLine = record.line
                return false
            }
            guard let names else { throw InputError.emptyFile(path: path) }
            mapping = try ColumnMapping.map(header: names, required: required, optional: optional, overrides: overrides,
                                            file: path, line: headerLine)
            dialect = reader.dialect
            hadByteOrderMark = reader.hadByteOrderMark
            dataStart = stop.offset
            firstDataLine = 1 + stop.lines
            fileSize = source.start.size
            self.path = path
            file = source.file
        }

        /// About how many data rows the file has, from the length of the lines in its first 64 KB
        /// after the header (2% more, for longer names further on): room reserved for that many
        /// is rarely regrown, and not much more than needed is set aside. 24 bytes a row when
        /// the sample has too few lines to tell.
        func estimatedRows() -> Int {
            let data = max(0, fileSize - dataStart)
            var sample = [UInt8](repeating: 0, count: 64 * 1024)
            let got = (try? file.readFully(into: &sample, at: dataStart)) ?? 0
            guard got > 0 else { return data / 24 }
            var lines = 0
            var end = 0
            for k in 0..<got where sample[k] == UInt8(ascii: "\n") {
                lines += 1
                end = k + 1
            }
            guard lines >= 16 else { return data / 24 }
            return Int(Double(data) / (Double(end) / Double(lines)) * 1.02) + 16
        }
    }
}
