import ArgumentParser
import Trueup
import TrueupHistory
import TrueupReports

/// A failure the CLI explains in plain words and ends with a sysexits code.
///
/// A message is its lines: a line break inside one (from a file or sheet name, a value) is a
/// stranger's and shown as `\u{0A}`, so no name can start a `trueup: ...` line of its own.
struct Failure: Error {
    var lines: [String]
    var code: Int32

    static let usage: Int32 = 64, data: Int32 = 65, noInput: Int32 = 66, cantCreate: Int32 = 73, ioError: Int32 = 74

    /// A one-line failure.
    init(_ message: String, code: Int32) {
        self.init(lines: [message], code: code)
    }

    init(lines: [String], code: Int32) {
        self.lines = lines
        self.code = code
    }

    /// The message as printed, without the `trueup: ` in front of each line.
    var message: String {
        get { TerminalText.lines(lines).joined(separator: "\n") }
        set { lines = [newValue] }
    }

    init(_ error: ReportError) {
        switch error {
        case .input(let input): self.init(input)
        case .emptyWindow(let from, let to, let lastClosed):
            self.init("The window \(from) to \(to) has no closed period: the last closed period (the latest month with an actual) is \(lastClosed). Choose --from and --to at or before it.", code: Self.usage)
        case .lagNotFound(let lag, let available):
            let lags = available.map(String.init).joined(separator: ", ")
            self.init("There are no forecasts at lag \(lag) in the window; the lags present are \(lags.isEmpty ? "none" : lags).", code: Self.usage)
        case .prices(let error): self.init(error)
        case .lookAlikes(let lookAlikes):
            self.init(lines: LookAlikeMessage.lines(lookAlikes), code: Self.data)
        case .asOfOutsideActuals(let asOf, let firstActual, let latestActual):
            self.init("--as-of \(asOf) is outside the months with actuals (\(firstActual) to \(latestActual)); choose a month in that range.", code: Self.usage)
        case .agreements(let agreements): self.init(agreements)
        case .gapMonths(let months, let firstActual, let lastClosed):
            self.init(AuditText.gapMonthsRefused(months, firstActual: firstActual, lastClosed: lastClosed), code: Self.data)
        case .tooManyBadRows(let bad):
            self.init(lines: BadRowsMessage.tooMany(bad), code: Self.data)
        case .customersLeftOut(let gone):
            self.init(lines: BadRowsMessage.customersLeftOut(gone), code: Self.data)
        case .unitsMismatch(let stop):
            self.init(lines: UnitsText.stopped(stop, quoted: LookAlikeMessage.quoted), code: Self.data)
        case .lowCoverage(let low):
            self.init(lines: AuditText.lowCoverageRefused(low, quoted: LookAlikeMessage.quoted), code: Self.data)
        case .partials(let error): self.init(error)
        }
    }

    init(_ error: PartialError) {
        func list(_ options: [String]) -> String { options.isEmpty ? "(none)" : options.joined(separator: " ") }
        switch error {
        case .notAPartial(let path):
            self.init("\(path): not a partial (written by trueup report --partition K/N --partial FILE).", code: Self.data)
        case .damaged(let path, let reason):
            self.init("\(path): a damaged partial: \(reason). Make it again with the same report --partition.", code: Self.data)
        case .formatVersion(let path, let found, let expected):
            self.init("\(path): a partial of format \(found); this trueup reads format \(expected). Make the partials again with this version.", code: Self.data)
        case .trueupVersion(let path, let found, let first, let firstPath):
            self.init("\(path): made by trueup \(found), \(firstPath) by trueup \(first): make every partial with one version.", code: Self.data)
        case .options(let path, let found, let first, let firstPath):
            self.init(lines: ["\(path): made with other report options than \(firstPath): every partial of a merge is made with the same options.",
                              "\(firstPath): \(list(first))", "\(path): \(list(found))"], code: Self.data)
        case .book(let path, let found, let first, let firstPath):
            self.init(lines: ["\(path): made from other inputs than \(firstPath).", "\(firstPath): \(first)", "\(path): \(found)"], code: Self.data)
        case .partitionCount(let path, let found, let first, let firstPath):
            self.init("\(path): a partition of \(found), \(firstPath) of \(first): every partial of a merge is K/N with one N.", code: Self.data)
        case .repeated(let partition, let paths):
            self.init("Partition \(partition) is given twice: \(paths.joined(separator: ", ")).", code: Self.usage)
        case .missing(let partitions, let count):
            let shown = partitions.prefix(10).map { "\($0)/\(count)" }.joined(separator: ", ")
            let more = partitions.count > 10 ? " and \(partitions.count - 10) more" : ""
            self.init("Partition\(partitions.count == 1 ? "" : "s") \(shown)\(more) \(partitions.count == 1 ? "is" : "are") missing: merge needs every partition of the book.", code: Self.usage)
        case .decimalMarks(let path, let firstPath, let side):
            self.init("\(path) and \(firstPath) read the \(side)' quantities with different decimal marks: make the partials again with --decimal-mark point or comma.", code: Self.data)
        case .none:
            self.init("merge needs the partials to merge.", code: Self.usage)
        case .inexact(let path):
            let whose = path.map { "\($0) holds quantities" } ?? "The book's quantities add up to"
            self.init("\(whose) past what exact sums hold (more than 9 decimal places, or a total past 10^15 units): one run's figures can't be rebuilt from partials. Run the book in one process.", code: Self.data)
        }
    }

    init(_ error: PolicyError) {
        switch error {
        case .unreadable(let path, let reason):
            self.init("\(path): can't open the policy file (\(reason)).", code: Self.noInput)
        case .syntax(let path, let line, let column, let reason):
            self.init("\(path):\(line):\(column): not valid TOML (\(reason)).", code: Self.data)
        case .unknownKey(let path, let key, let known):
            self.init("\(path): unknown key \(key). The policy's keys are: \(known.joined(separator: ", ")).", code: Self.data)
        case .wrongType(let path, let key, let expected, let found):
            self.init("\(path): \(key) must be \(expected), not \(found).", code: Self.data)
        case .outOfRange(let path, let key, let reason):
            self.init("\(path): \(key) \(reason).", code: Self.data)
        }
    }

    init(_ problem: CustomerView.Problem) {
        switch problem {
        case .report(let error): self.init(error)
        case .unknownCustomer(let customer, let lag, let similar):
            let hint = similar.isEmpty ? "" : " Similar names: \(similar.joined(separator: ", "))."
            self.init("No customer \(customer) with forecasts\(lag.map { " at lag \($0)" } ?? "") in the window.\(hint)", code: Self.usage)
        case .neverForecast(let customer, let actual):
            self.init("Customer \(customer) bought \(NumberText.readable(actual, decimals: actual == actual.rounded() ? 0 : 3)) units in the window "
                + "but never forecast at any lag: it is listed as unscored (never-forecast), and there is no forecast to judge.", code: Self.data)
        case .unitsMismatch(let customer, let lag, let factor):
            self.init("Customer \(customer) at lag \(lag): \(factor.clause). It is listed as unscored (units-mismatch): a plan or a "
                + "verdict on figures in different units would be wrong by that factor. Fix the units of one file (or, for a "
                + "misread decimal mark, run with --decimal-mark point|comma) and run again.", code: Self.data)
        case .noForecastAtLag(let customer, let lag, let lags):
            let named = lags.map(String.init).joined(separator: ", ")
            self.init("Customer \(customer) has no forecast at lag \(lag) in the window; it forecasts at lag \(named). Run with --lag \(lags.first ?? 0) to check those forecasts.", code: Self.usage)
        case .unknownItem(let customer, let item, let similar):
            let hint = similar.isEmpty ? "" : " Similar items: \(similar.joined(separator: ", "))."
            self.init("Customer \(customer) has no scored item \(item) at this lag in the window.\(hint)", code: Self.usage)
        }
    }

    init(_ error: InputError) {
        switch error {
        case .missingFile(let path, let reason):
            self.init("\(path): can't open the file (\(reason)). Check the path.", code: Self.noInput)
        case .notRegularFile(let path, let kind):
            self.init("\(path): is \(kind), not a regular file; trueup reads regular files (export the data to a file first).", code: Self.noInput)
        case .unreadable(let path, let reason):
            self.init("\(path): reading failed part way (\(reason)).", code: Self.ioError)
        case .changedWhileRead(let path):
            self.init("\(path): the file changed while it was read (its size or modification time differ from the start); nothing was written. Run again once it is complete.", code: Self.ioError)
        case .recordTooLong(let path, let line, let limit):
            self.init("\(path):\(line): a record starts here and runs past \(limit >> 20) MiB without ending; this is not a CSV export trueup can read (is a quote left open, or is it another kind of file?).", code: Self.data)
        case .temporaryFolder(let path, let what, let reason):
            self.init("TMPDIR \(path): can't create a temporary file there for \(what) (\(reason)); set TMPDIR to a folder you can write, or unset it for /tmp.", code: Self.cantCreate)
        case .standardInputTooLong(let limit):
            self.init("standard input: more than \(limit >> 20) MiB, the most trueup keeps of standard input; save the export to a file and name the file instead of -.", code: Self.data)
        case .emptyFile(let path):
            self.init("\(path): the file is empty; it needs a header line and data rows.", code: Self.data)
        case .unsupportedEncoding(let path, let encoding):
            self.init("\(path): the file is \(encoding); save it as UTF-8 (CSV UTF-8) and run again.", code: Self.data)
        case .unterminatedQuote(let path, let line):
            self.init("\(path):\(line): a quoted field opens here and is never closed; the rest of the file would be one field. Close the quote or remove it.", code: Self.data)
        case .missingColumns(let file, let line, let missing, let header, let hint):
            let names = missing.map(\.rawValue).joined(separator: ", ")
            let example = missing.map { "\($0.rawValue)=HEADER" }.joined(separator: ",")
            // A header that isn't text (a binary file, another encoding) is described, never echoed.
            let shown = header.allSatisfy(TerminalText.isPlainText) && header.joined().count <= 2000
                ? "The header is: \(header.joined(separator: ", "))."
                : "The first line is not a text header (it has control characters or bytes that are not UTF-8, or is very long): is this a CSV export?"
            let way: String
            switch hint {
            case .titleAbove(let headerLine?)?:
                way = "Line \(line) looks like a title above the header (line \(headerLine) has more fields): run with --header-row \(headerLine) "
                    + "to read line \(headerLine) as the header, and name with --columns a column whose header trueup doesn't know."
            case .titleAbove(nil)?:
                way = "Line \(line) looks like a title, not a header, and no line of the first \(HeaderHint.searchedLines) has the columns: "
                    + "run with --header-row N to read line N as the header (and --columns for a column whose header trueup doesn't know)"
                    + (file.lowercased().hasSuffix(".xlsx") || file.lowercased().hasSuffix(".xlsm") ? ", or --sheet NAME if the data is on another sheet." : ".")
            case .nameInFileName(let months, let unread)?:
                let fields = missing.filter { $0 == .customer || $0 == .item }.map { "{\($0.rawValue)}" }.joined(separator: ", ")
                way = "The header has month columns (\(months)): a customer's own sheet, whose \(missing.contains(.customer) ? "customer" : "item") "
                    + "is in its file name. Read \(fields) from the file names with --name-pattern (e.g. '{customer}_forecast_{snapshot}.csv')"
                    + (unread.isEmpty ? "." : ", or name the column with --columns \(example) if one of \(unread.prefix(5).joined(separator: ", ")) holds it.")
            case nil where missing.contains(.customer) && missing.contains(.item):
                // Not one key column: more likely notes above the header than columns under other names.
                way = "If the header is further down (below notes or a title), run with --header-row N to read line N as the header; "
                    + "if these are the columns under other names, name them with --columns \(example)."
            case nil:
                way = "Name the column with --columns \(example)."
            }
            self.init("\(file):\(line): no column for \(names). \(shown) \(way)", code: Self.data)
        case .noHeaderAtLine(let path, let line, let lastLine):
            let past = lastLine.map { $0 < line ? " (the file's last record starts on line \($0))" : "" } ?? ""
            self.init("\(path): --header-row \(line): line \(line) is no header: it is blank, inside a quoted field, or past the end\(past). "
                + "Give the line the header is on.", code: Self.data)
        case .duplicateHeader(let file, let line, let name):
            self.init("\(file):\(line): the header has two columns named \(name); rename one or choose with --columns.", code: Self.data)
        case .unknownColumnOverride(let column, let name):
            self.init("--columns \(column.rawValue)=\(name): neither file has a column named \(name).", code: Self.usage)
        case .badRows(let shown, let total, let cause):
            self.init(lines: BadRowsMessage.stopped(shown: shown, total: total, cause: cause), code: Self.data)
        case .tooManyKeys(let path, let limit):
            self.init("\(path): more than \(limit) distinct customers or items; trueup can't hold that many keys.", code: Self.data)
        case .noActuals(let path, let cause):
            let advice = BadRowsMessage.advice(cause).map { " " + $0 } ?? ""
            self.init("\(path): no actual rows could be read, so no period is closed and nothing can be scored.\(advice)", code: Self.data)
        case .missingColumnsInBoth(let forecasts, let actuals):
            let both = [forecasts, actuals].flatMap { Failure($0).lines }
            self.init(lines: ["Neither file has the columns trueup needs:"] + both, code: Self.data)
        case .emptyFolder(let path):
            self.init("\(path): the folder has no .csv, .tsv, .txt or .xlsx file (subfolders are not read).", code: Self.noInput)
        case .legacyWorkbook(let path):
            self.init("\(path): this is an .xls workbook (the format before Excel 2007), which trueup can't read; save it as .xlsx or CSV and run again.", code: Self.data)
        case .workbookNotSupported(let path):
            self.init("\(path): this build of trueup has no .xlsx reader; save the sheet as CSV UTF-8 and run again.", code: Self.data)
        case .unreadableWorkbook(let path, let reason):
            self.init("\(path): can't read the workbook (\(reason)).", code: Self.data)
        case .nameMismatch(let path, let pattern):
            self.init("\(path): the file name doesn't match --name-pattern '\(pattern)'; rename the file or change the pattern.", code: Self.data)
        case .sameFileTwice(let first, let second):
            self.init("\(first) and \(second) have the same bytes (the same SHA-256): the same export saved twice, whose rows would all count twice. Remove one of them and run again.", code: Self.data)
        case .ambiguousDateOrder(let path, let line, let value):
            let place = line > 0 ? "\(path):\(line)" : path
            self.init("\(place): \(value) could be day/month or month/day, and no date in the file has a day above 12 to settle it; say which with --date-order dmy or --date-order mdy.", code: Self.usage)
        }
    }

    /// The failure a library error stands for; nil for argument-parser errors and exit codes, which it reports itself.
    init?(caught error: any Error) {
        switch error {
        case let failure as Failure: self = failure
        case let error as ReportError: self.init(error)
        case let error as InputError: self.init(error)
        case let error as PolicyError: self.init(error)
        case let error as PriceError: self.init(error)
        case let error as AgreementsError: self.init(error)
        case let error as CustomerView.Problem: self.init(error)
        case let error as HistoryError: self.init(error)
        default: return nil
        }
    }

    /// Prints the message to stderr, every line through `TerminalText.lines` (names in messages come from
    /// the input files), and exits with the code.
    func exit() -> Never {
        StandardStreams.writeNotice(lines)
        TrueupCommand.exit(withError: ExitCode(code))
    }
}
