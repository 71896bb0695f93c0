import Dispatch
import Synchronization
import TrueupCSV
import TrueupSystem

/// Reads a file's data rows in blocks on several cores and hands them over in file order.
///
/// The data is cut into blocks of about `blockSize` bytes. A block after the
/// first can't know where its first record starts without reading everything
/// before it (a quoted field may hold line breaks), so it guesses: just after
/// the first line break at or after its nominal start. When the block before it
/// has been parsed, the offset where that one stopped is the true start; if the
/// guess differs, the block is parsed again from the true start. The result is
/// therefore always the one a single sequential read gives, and the guess only
/// decides how much work runs in parallel.
enum BlockReader {
    /// Large enough that a block's fixed costs (opening the file, a fresh dictionary) vanish,
    /// small enough that a few blocks in flight stay a small part of memory.
    static let defaultBlockSize = 16 << 20

    /// Parses the data rows of `file` (at `path`, for messages) from `dataStart` and calls `merge` with each block in
    /// file order, together with the line number of the block's first line.
    static func read(file: SystemFile, path: String, dialect: CSVDialect, parser: RowParser, dataStart: Int, firstLine: Int,
                     fileSize: Int, threads: Int, blockSize: Int, spares: Spares = Spares(), progress: ((Int) -> Void)? = nil,
                     merge: (inout ParsedBlock, _ firstLine: Int) throws(InputError) -> Void) throws(InputError) {
        let count = threads > 1 ? max(1, (fileSize - dataStart) / max(1, blockSize)) : 1
        let step = max(1, (fileSize - dataStart) / count)
        // Nominal bounds: block k covers [bounds[k], bounds[k + 1]); the last one runs to the end.
        let bounds = (0..<count).map { dataStart + $0 * step } + [Int.max]
        guard count > 1 else {
            var block = parse(file: file, path: path, dialect: dialect, parser: parser, from: dataStart, before: .max)
            if let failure = block.failure { throw Self.error(failure, path: path, firstLine: firstLine) }
            return try merge(&block, firstLine)
        }

        let slots = Slots(count: count)
        // At most twice `threads` blocks are parsed ahead of the merge: the parsers keep on while
        // the merge takes a slow block (with `threads` only, they stood idle behind it), and
        // memory stays a few blocks, not the file.
        let inFlight = DispatchSemaphore(value: 2 * threads)
        DispatchQueue.global().async {
            for k in 0..<count {
                inFlight.wait()
                DispatchQueue.global().async {
                    let start = k == 0 ? dataStart : guessStart(file: file, from: bounds[k], before: bounds[k + 1])
                    var block = spares.take() ?? ParsedBlock(start: start)
                    parse(file: file, path: path, dialect: dialect, parser: parser, from: start, before: bounds[k + 1], into: &block)
                    slots.put(k, block)
                }
            }
        }
        var expected = dataStart
        var line = firstLine
        var failure: InputError?
        for k in 0..<count {
            var block = slots.take(k)
            inFlight.signal()
            guard failure == nil else { continue }  // drain the workers before throwing
            if block.start != expected {
                block = expected >= bounds[k + 1]
                    ? ParsedBlock(empty: expected)
                    : parse(file: file, path: path, dialect: dialect, parser: parser, from: expected, before: bounds[k + 1])
            }
            if let error = block.failure {
                failure = Self.error(error, path: path, firstLine: line)
                continue
            }
            do {
                try merge(&block, line)
            } catch {
                failure = error
                continue
            }
            expected = block.stop.offset
            line += block.stop.lines
            progress?(min(expected, fileSize))
            spares.put(consume block)
        }
        if let failure { throw failure }
    }

    /// Parses the records that start in [start, limit).
    static func parse(file: SystemFile, path: String, dialect: CSVDialect, parser: RowParser, from start: Int, before limit: Int) -> ParsedBlock {
        var block = ParsedBlock(start: start)
        parse(file: file, path: path, dialect: dialect, parser: parser, from: start, before: limit, into: &block)
        return block
    }

    /// Parses the records that start in [start, limit) into `block`, emptied first but keeping
    /// its columns' storage: a block already merged is parsed into again, so its pages are not
    /// faulted in afresh for every block of the file.
    static func parse(file: SystemFile, path: String, dialect: CSVDialect, parser: RowParser, from start: Int, before limit: Int,
                      into block: inout ParsedBlock) {
        block.reuse(start: start)
        // Room for rows of 20 bytes or more (exports run 25 to 40), so the columns rarely regrow;
        // a file of shorter rows only regrows them.
        if limit != .max { block.reserve(rows: max(0, limit - start) / 20 + 1) }
        do {
            let reader = try CSVReader(file: file, name: path, dialect: dialect)
            // Most rows take the CSV reader's fast lane; the rest, and every row of a file it can't read, the general path.
            if let layout = parser.plain {
                block.stop = try reader.records(from: start, before: limit, lane: layout.lane, plain: { bytes, fields, line in
                    parser.takePlain(bytes, &fields, line: line, layout: layout, into: &block)
                }) { record in
                    parser.parse(record, into: &block)
                    return true
                }
            } else {
                block.stop = try reader.records(from: start, before: limit) { record in
                    parser.parse(record, into: &block)
                    return true
                }
            }
        } catch {
            block.failure = (error as? CSVError) ?? .unreadable(path: path, reason: "\(error)")
        }
        // On the parsing thread, so the merge only converts each quantity to the panel's units.
        block.decimals = DecimalPlaces.of(block.rows.value)
    }

    /// Just after the first line break at or after `offset - 1`, or `limit` when there is none before it.
    static func guessStart(file: SystemFile, from offset: Int, before limit: Int) -> Int {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var position = offset - 1
        while position < limit {
            let got = (try? file.read(into: &buffer, at: position)) ?? 0
            guard got > 0 else { return limit }
            if let newline = buffer[0..<got].firstIndex(of: UInt8(ascii: "\n")) {
                return min(position + newline + 1, limit)
            }
            position += got
        }
        return limit
    }

    static func error(_ error: CSVError, path: String, firstLine: Int) -> InputError {
        switch error {
        case .unterminatedQuote(let position): return .unterminatedQuote(path: path, line: position.line + firstLine - 1)
        case .unreadable(_, let reason): return .unreadable(path: path, reason: reason)
        case .unsupportedEncoding(let encoding): return .unsupportedEncoding(path: path, encoding: encoding)
        case .recordTooLong(let position, let limit): return .recordTooLong(path: path, line: position.line + firstLine - 1, limit: limit)
        }
    }

    /// Blocks already merged, for the next parses to write into (`ParsedBlock.reuse`): their pages
    /// are faulted in once, and kept from one file to the next when the caller passes the same spares.
    final class Spares: Sendable {
        // Taken by workers and put back by the merge.
        private let blocks = Mutex<[ParsedBlock]>([])

        func take() -> ParsedBlock? {
            blocks.withLock { $0.popLast() }
        }

        func put(_ block: consuming ParsedBlock) {
            let block = block
            blocks.withLock { $0.append(block) }
        }

        /// Lets the blocks go.
        func removeAll() {
            blocks.withLock { $0 = [] }
        }
    }

    /// One result per block, written by a worker and taken once by the merge.
    private final class Slots: Sendable {
        // A slot is written by one worker before its semaphore is signalled and taken by the
        // merge after waiting on it; the lock makes that hand-over visible to the compiler too.
        private let results: Mutex<[ParsedBlock?]>
        private let ready: [DispatchSemaphore]

        init(count: Int) {
            results = Mutex(Array(repeating: nil, count: count))
            ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        }

        func put(_ k: Int, _ block: ParsedBlock) {
            results.withLock { $0[k] = block }
            ready[k].signal()
        }

        func take(_ k: Int) -> ParsedBlock {
            ready[k].wait()
            return results.withLock { slots in
                defer { slots[k] = nil }
                return slots[k] ?? ParsedBlock(start: -1)
            }
        }
    }
}
