import ArgumentParser
import Trueup
import TrueupHistory
import TrueupReports

/// A failure the CLI explains in plain words and ends with a sysexits code.
struct Failure: Error {
    var message: String
    var code: Int32

    static let usage: Int32 = 64, data: Int32 = 65, noInput: Int32 = 66, cantCreate: Int32 = 73, ioError: Int32 = 74

    init(_ message: String, code: Int32) {
        self.message = message
        self.code = code
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
            self.init("No customer \(customer) with forecasts at lag \(lag.map(String.init) ?? "-") in the window.\(hint)", code: Self.usage)
        case .unknownItem(let customer, let item, let similar):
            let hint = similar.isEmpty ? "" : " Similar items: \(similar.joined(separator: ", "))."
            self.init("Customer \(customer) has no scored item \(item) at this lag in the window.\(hint)", code: Self.usage)
        }
    }

    init(_ error: InputError) {
        switch error {
        case .missingFile(let path, let reason):
            self.init("\(path): can't open the file (\(reason)). Check the path.", code: Self.noInput)
        case .unreadable(let path, let reason):
            self.init("\(path): reading failed part way (\(reason)).", code: Self.ioError)
        case .emptyFile(let path):
            self.init("\(path): the file is empty; it needs a header line and data rows.", code: Self.data)
        case .unsupportedEncoding(let path, let encoding):
            self.init("\(path): the file is \(encoding); save it as UTF-8 (CSV UTF-8) and run again.", code: Self.data)
        case .unterminatedQuote(let path, let line):
            self.init("\(path):\(line): a quoted field opens here and is never closed; the rest of the file would be one field. Close the quote or remove it.", code: Self.data)
        case .missingColumns(let file, let line, let missing, let header):
            let names = missing.map(\.rawValue).joined(separator: ", ")
            let example = missing.map { "\($0.rawValue)=HEADER" }.joined(separator: ",")
            self.init("\(file):\(line): no column for \(names). The header is: \(header.joined(separator: ", ")). Name the column with --columns \(example).", code: Self.data)
        case .duplicateHeader(let file, let line, let name):
            self.init("\(file):\(line): the header has two columns named \(name); rename one or choose with --columns.", code: Self.data)
        case .unknownColumnOverride(let column, let name):
            self.init("--columns \(column.rawValue)=\(name): neither file has a column named \(name).", code: Self.usage)
        case .badRows(let shown, let total):
            var lines = shown.map(RowProblemText.line)
            if total > shown.count { lines.append("... and \(total - shown.count) more.") }
            lines.append("\(total) row\(total == 1 ? "" : "s") can't be read. Fix them, or run with --skip-bad-rows to leave them out (they are listed in DIR/rejects.csv).")
            self.init(lines.joined(separator: "\n"), code: Self.data)
        case .tooManyKeys(let path, let limit):
            self.init("\(path): more than \(limit) distinct customers or items; trueup can't hold that many keys.", code: Self.data)
        case .noActuals(let path):
            self.init("\(path): no actual rows could be read, so no period is closed and nothing can be scored.", code: Self.data)
        }
    }

    /// The failure a library error stands for; nil for argument-parser errors and exit codes, which it reports itself.
    init?(caught error: any Error) {
        switch error {
        case let failure as Failure: self = failure
        case let error as ReportError: self.init(error)
        case let error as InputError: self.init(error)
        case let error as PolicyError: self.init(error)
        case let error as CustomerView.Problem: self.init(error)
        case let error as HistoryError: self.init(error)
        case let error as Report.RecordingError:
            switch error {
            case .report(let error): self.init(error)
            case .history(let error): self.init(error)
            }
        case let error as GeneratorError:
            switch error {
            case .invalidConfig(let reason): self.init(reason, code: Self.usage)
            case .cannotWrite(let path, let reason): self.init("\(path): can't be written (\(reason)).", code: Self.cantCreate)
            }
        default: return nil
        }
    }

    /// Prints the message to stderr and exits with the code.
    func exit() -> Never {
        var standardError = StandardError()
        print(message.split(separator: "\n", omittingEmptySubsequences: false).map { "trueup: " + $0 }.joined(separator: "\n"), to: &standardError)
        TrueupCommand.exit(withError: ExitCode(code))
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileOutput.writeStandardError(string)
    }
}
