/// What intake hands scoring: the panel of both sides, each side's files and row accounting, the
/// rows that could not be used, and the price list. One run reads it from the files; `merge` puts
/// it together from the partials of a book split across machines.
struct ReadBook {
    var panel: Panel
    var problems: ProblemLog
    var forecasts: InputFile
    var actuals: InputFile
    var priceList: PriceList?
    /// The digests of plain files still being worked out while the book is scored; none after a merge
    /// (the partials carry their inputs' digests).
    var digests: (forecasts: FileDigest?, actuals: FileDigest?) = (nil, nil)
    var stopwatch = Stopwatch()
}
