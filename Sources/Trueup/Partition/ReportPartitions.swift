/// `report --partition K/N --partial FILE` and `merge`: one book scored on many machines.
extension Report {
    /// The partial of `request.partition`: the partition's cells and what it saw of the book.
    /// `trueup` and `options` (the version and the report options) must be the same in every partial
    /// of a merge; `bookID` names the book instead of the inputs' digests (a runner that hands each
    /// partition only its own rows gives every partition the same one).
    public static func partial(_ request: ReportRequest, trueup: String, options: [String], bookID: String?)
        throws(ReportError) -> Partial {
        guard let partition = request.partition else { preconditionFailure("a partial needs a partition") }
        var book = try read(request)
        do {
            if let digest = book.digests.forecasts {
                book.forecasts.sha256 = try digest.hex(matching: book.forecasts.readStatus)
                book.forecasts.files[0].sha256 = book.forecasts.sha256
            }
            if let digest = book.digests.actuals {
                book.actuals.sha256 = try digest.hex(matching: book.actuals.readStatus)
                book.actuals.files[0].sha256 = book.actuals.sha256
            }
        } catch {
            throw .input(error)
        }
        return Partial(book, partition: partition, trueup: trueup, options: options, bookID: bookID,
                       keepsAllProblems: request.skipBadRows)
    }

    /// Checks that `partials` are one complete split of one book, made by one version with one set of options.
    public static func checkPartials(_ partials: [(path: String, partial: Partial)]) throws(PartialError) {
        try PartialMerge.checkSet(partials)
    }

    /// The report of the book the partials were cut from: the same as one run of `request` over it.
    /// The partials are consumed: their cells are let go once the book is put together.
    public static func merged(_ partials: consuming [(path: String, partial: Partial)], request: ReportRequest) throws(ReportError) -> ReportResult {
        let stopwatch = Stopwatch()
        var book: ReadBook
        do {
            try PartialMerge.checkSet(partials)
            book = try PartialMerge.book(partials)
        } catch {
            throw .partials(error)
        }
        _ = consume partials
        do {
            book.priceList = try request.prices.map { path throws(PriceError) in
                try PriceList.read(path: path, overrides: request.columns, encoding: request.encoding)
            }
        } catch {
            throw .prices(error)
        }
        book.stopwatch = stopwatch
        book.stopwatch.lap("merge partials")
        return try score(book, request).result
    }
}

extension Report {
    /// The partition of every data row of both sides, by trueup's own reading of them (the codes
    /// after `--normalize-keys`, the item's with `--by item`): what a runner that hands each
    /// partition only its own rows (spark/trueup_spark.py) shuffles them by. A row that can't be
    /// read, or a totals row, is the first partition's, as partials account for them.
    public static func routes(_ request: ReportRequest, count: Int) throws(ReportError) -> (forecasts: [Int32], actuals: [Int32]) {
        let files = InputFiles()
        var ingest = Ingest(overrides: request.columns, keepAllProblems: true, threads: request.threads,
                            blockSize: request.readBlockSize, encoding: request.encoding, files: files)
        ingest.normalization = request.normalizeKeys
        func route(_ kind: RowParser.Kind) throws(ReportError) -> [Int32] {
            // A plain file straight through the fast reader (its lines are the file's); anything else,
            // or a file the straight read hands back, through intake, whose lines are mapped back to the source's.
            var side = request.side(kind)
            while true {
                ingest.partition = PartitionFilter(Partition(index: 1, count: count)!, byItem: request.grouping == .item, routing: true)
                let file: InputFile?
                do {
                    file = try ingest.readSide(side)
                } catch {
                    throw .input(error)
                }
                if file != nil || side.throughIntake { break }
                side.throughIntake = true
                ingest = Ingest(overrides: request.columns, keepAllProblems: true, threads: request.threads,
                                blockSize: request.readBlockSize, encoding: request.encoding, files: files)
                ingest.normalization = request.normalizeKeys
            }
            var owner: [Int32] = []
            for (line, partition) in ingest.partition?.routes ?? [] {
                let k = Int(line)
                guard k >= 1 else { continue }
                if k > owner.count { owner.append(contentsOf: repeatElement(1, count: k - owner.count)) }
                owner[k - 1] = partition
            }
            return owner
        }
        return (try route(.forecasts), try route(.actuals))
    }
}
