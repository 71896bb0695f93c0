import Foundation
import Testing

/// One file of datasets/malformed and what `trueup report` does with it.
///
/// The file is run with the valid partner file of the other side (`forecasts.csv`
/// or `actuals.csv` in the same folder) twice: as it is, and with `--skip-bad-rows`.
/// Each run has an exact outcome: an exit code and the whole of stderr, or a
/// successful read with its row accounting and the leading columns of metrics.csv.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    /// What a run gives.
    enum Outcome: Sendable {
        /// Stops with this exit code and exactly these stderr lines (without the `trueup: ` prefix).
        case fails(Int32, [String])
        /// Exits 0; run.json counts these rows; metrics.csv starts as given.
        case reads(Rows, Metrics)
    }

    /// run.json's `rows`: forecasts read, used, open, outside window, rejected;
    /// actuals read, used, outside window, unmatched, rejected.
    struct Rows: Sendable, Equatable, CustomStringConvertible {
        var forecasts: [Int]
        var actuals: [Int]

        init(forecasts: [Int] = [13, 12, 1, 0, 0], actuals: [Int] = [12, 12, 0, 0, 0]) {
            self.forecasts = forecasts
            self.actuals = actuals
        }

        var description: String { "forecasts \(forecasts), actuals \(actuals)" }
    }

    /// The rows of metrics.csv: `customer,lag,periods,items,cells,actual,forecast` of each, in order.
    enum Metrics: Sendable {
        /// Byte for byte the metrics.csv of the valid pair.
        case sameAsValid
        case leading([String])
    }

    /// A row rejects.csv must list; its raw text is read from the corpus file itself.
    struct Reject: Sendable, Equatable {
        var line: Int
        var column: String
        var reason: String
        /// rejects.csv's `kind` column.
        var kind: String
    }

    var file: String
    var plain: Outcome
    var skipping: Outcome
    var rejects: [Reject] = []
    /// Set when `plain`, `skipping` and `rejects` say what trueup should do and does not yet.
    var knownIssue: String?
    /// What a run that reads the file says on stderr (without the `trueup: ` prefix), when it reads it with a notice.
    var notice: String? = nil

    var isForecasts: Bool { file.hasPrefix("forecasts") }
    var testDescription: String { file }
}

extension MalformedCase {
    /// The valid pair's metrics, as leading columns.
    static let valid = ["ACME,1,3,2,6,480,495", "BOLT,1,3,1,3,74,75", "Müller GmbH,1,3,1,3,36,36"]
    static let stopHint = "Fix them, or run with --skip-bad-rows to leave them out (they are listed in DIR/rejects.csv)."
    static let stopHintForOne = "Fix it, or run with --skip-bad-rows to leave it out (it is listed in DIR/rejects.csv)."

    /// The bad-row stop: one message per row, then the count.
    static func badRows(_ lines: [String], hint: String? = nil) -> Outcome {
        .fails(65, lines + ["\(lines.count) row\(lines.count == 1 ? "" : "s") can't be read. \(hint ?? (lines.count == 1 ? stopHintForOne : stopHint))"])
    }

    /// What a stop on bytes that are not UTF-8 advises: the file's encoding, never --skip-bad-rows.
    static let encodingHint = "Most of them have bytes that are not UTF-8: the file is in another encoding (an Excel or SAP export on Windows?). "
        + "Run with --encoding windows-1252; leaving the rows out would drop every row with such a name."

    /// The valid metrics with the rows of some customers replaced.
    static func valid(_ replaced: [String]) -> Metrics {
        .leading(valid.map { row in
            replaced.first { $0.split(separator: ",")[0] == row.split(separator: ",")[0] } ?? row
        })
    }

    /// The month forms a period may take, as the message about one that is none lists them.
    static let periodForms = "expected a month such as 2024-01, 202401, 2024-01-15, 01.2024, 15.01.2024, 01/2024, Jan-24 or Jan 2024"

    static let utf8Hint = "is not UTF-8; save the file as UTF-8 (CSV UTF-8), or name its encoding with --encoding windows-1252"

    static let all: [MalformedCase] = [
        MalformedCase(
            file: "actuals-unterminated-quote.csv",
            plain: .fails(65, ["actuals-unterminated-quote.csv:13: a quoted field opens here and is never closed; the rest of the file would be one field. Close the quote or remove it."]),
            skipping: .fails(65, ["actuals-unterminated-quote.csv:13: a quoted field opens here and is never closed; the rest of the file would be one field. Close the quote or remove it."])),
        MalformedCase(
            file: "actuals-quote-mid-field.csv",
            plain: .reads(Rows(actuals: [13, 13, 0, 0, 0]), valid(["ACME,1,3,3,7,488,495"])),
            skipping: .reads(Rows(actuals: [13, 13, 0, 0, 0]), valid(["ACME,1,3,3,7,488,495"]))),
        MalformedCase(
            file: "actuals-too-few-fields.csv",
            plain: badRows(["actuals-too-few-fields.csv:6: expected 4 fields as in the header, found 3"]),
            skipping: .reads(Rows(actuals: [12, 11, 0, 0, 1]), valid(["ACME,1,3,2,6,440,495"])),
            rejects: [Reject(line: 6, column: "", reason: "expected 4 fields as in the header, found 3", kind: "field_count")]),
        MalformedCase(
            file: "actuals-too-many-fields.csv",
            plain: badRows(["actuals-too-many-fields.csv:6: expected 4 fields as in the header, found 5"]),
            skipping: .reads(Rows(actuals: [12, 11, 0, 0, 1]), valid(["ACME,1,3,2,6,440,495"])),
            rejects: [Reject(line: 6, column: "", reason: "expected 4 fields as in the header, found 5", kind: "field_count")]),
        MalformedCase(
            file: "actuals-blank-lines.csv",
            plain: .reads(Rows(), .sameAsValid),
            skipping: .reads(Rows(), .sameAsValid)),
        MalformedCase(
            file: "actuals-whitespace-lines.csv",
            plain: .reads(Rows(), .sameAsValid),
            skipping: .reads(Rows(), .sameAsValid)),
        MalformedCase(
            file: "actuals-excel-empty-rows.csv",
            plain: .reads(Rows(), .sameAsValid),
            skipping: .reads(Rows(), .sameAsValid)),
        MalformedCase(
            file: "actuals-totals-row.csv",
            // The Total row is a totals row, counted on its own; "ACME all items" is a row without an item.
            plain: badRows(["actuals-totals-row.csv:8: column item: item is empty"]),
            skipping: .reads(Rows(actuals: [14, 12, 0, 0, 1]), .sameAsValid),
            rejects: [Reject(line: 8, column: "item", reason: "item is empty", kind: "empty_name")]),
        MalformedCase(
            file: "actuals-header-only.csv",
            plain: .fails(65, ["actuals-header-only.csv: no actual rows could be read, so no period is closed and nothing can be scored."]),
            skipping: .fails(65, ["actuals-header-only.csv: no actual rows could be read, so no period is closed and nothing can be scored."])),
        MalformedCase(
            file: "forecasts-header-only.csv",
            plain: .reads(Rows(forecasts: [0, 0, 0, 0, 0], actuals: [12, 0, 0, 12, 0]), .leading([])),
            skipping: .reads(Rows(forecasts: [0, 0, 0, 0, 0], actuals: [12, 0, 0, 12, 0]), .leading([]))),
        MalformedCase(
            file: "actuals-zero-bytes.csv",
            plain: .fails(65, ["actuals-zero-bytes.csv: the file is empty; it needs a header line and data rows."]),
            skipping: .fails(65, ["actuals-zero-bytes.csv: the file is empty; it needs a header line and data rows."])),
        MalformedCase(
            file: "actuals-title-row.csv",
            plain: .reads(Rows(), .sameAsValid),
            skipping: .reads(Rows(), .sameAsValid),
            notice: "actuals-title-row.csv: line 2 is read as the header; line 1 above it (\"Actuals export 2024 (all plants)\") lacks the columns trueup needs and is not read, as a title. If another line is the header, run with --actuals-header-row N."),
        MalformedCase(
            file: "actuals-no-trailing-newline.csv",
            plain: .reads(Rows(), .sameAsValid),
            skipping: .reads(Rows(), .sameAsValid)),
        MalformedCase(
            file: "actuals-cr-line-ends.csv",
            plain: .reads(Rows(), .sameAsValid),
            skipping: .reads(Rows(), .sameAsValid)),
        MalformedCase(
            file: "actuals-invalid-utf8.csv",
            plain: badRows(["actuals-invalid-utf8.csv:8: column customer: byte 0xFF \(utf8Hint)"], hint: encodingHint),
            skipping: .reads(Rows(actuals: [12, 11, 0, 0, 1]), valid(["BOLT,1,3,1,3,52,75"])),
            rejects: [Reject(line: 8, column: "customer", reason: "byte 0xFF \(utf8Hint)", kind: "not_utf8")]),
        MalformedCase(
            file: "actuals-latin1.csv",
            plain: badRows((11...13).map { "actuals-latin1.csv:\($0): column customer: byte 0xFC \(utf8Hint)" }, hint: encodingHint),
            skipping: .reads(Rows(actuals: [12, 9, 0, 0, 3]), valid(["Müller GmbH,1,3,1,3,0,36"])),
            rejects: (11...13).map { Reject(line: $0, column: "customer", reason: "byte 0xFC \(utf8Hint)", kind: "not_utf8") }),
        MalformedCase(
            file: "actuals-utf16-bom.csv",
            plain: .reads(Rows(), .sameAsValid),
            skipping: .reads(Rows(), .sameAsValid)),
        MalformedCase(
            file: "actuals-utf16-no-bom.csv",
            plain: .fails(65, ["actuals-utf16-no-bom.csv: the file is UTF-16; save it as UTF-8 (CSV UTF-8) and run again."]),
            skipping: .fails(65, ["actuals-utf16-no-bom.csv: the file is UTF-16; save it as UTF-8 (CSV UTF-8) and run again."])),
        MalformedCase(
            file: "actuals-thousands-comma.csv",
            plain: .reads(Rows(), valid(["ACME,1,3,2,6,1480.5,495"])),
            skipping: .reads(Rows(), valid(["ACME,1,3,2,6,1480.5,495"]))),
        MalformedCase(
            file: "actuals-thousands-dot.csv",
            plain: .reads(Rows(), valid(["ACME,1,3,2,6,1480.5,495"])),
            skipping: .reads(Rows(), valid(["ACME,1,3,2,6,1480.5,495"]))),
        MalformedCase(
            file: "actuals-decimal-comma.csv",
            plain: .reads(Rows(), .sameAsValid),
            skipping: .reads(Rows(), .sameAsValid)),
        MalformedCase(
            file: "actuals-negative-returns.csv",
            plain: .reads(Rows(actuals: [13, 13, 0, 0, 0]), valid(["ACME,1,3,2,6,465,495"])),
            skipping: .reads(Rows(actuals: [13, 13, 0, 0, 0]), valid(["ACME,1,3,2,6,465,495"]))),
        MalformedCase(
            file: "actuals-nan-inf.csv",
            plain: badRows(["actuals-nan-inf.csv:3: column actual: \"NaN\" is not a number",
                            "actuals-nan-inf.csv:6: column actual: \"inf\" is not a number"]),
            skipping: .reads(Rows(actuals: [12, 10, 0, 0, 2]), valid(["ACME,1,3,2,6,320,495"])),
            rejects: [Reject(line: 3, column: "actual", reason: "\"NaN\" is not a number", kind: "number"),
                      Reject(line: 6, column: "actual", reason: "\"inf\" is not a number", kind: "number")]),
        MalformedCase(
            file: "actuals-huge-number.csv",
            plain: badRows(["actuals-huge-number.csv:4: column actual: \"1e308\" is too large for a quantity (at most 1e15)"]),
            skipping: .reads(Rows(actuals: [12, 11, 0, 0, 1]), valid(["ACME,1,3,2,6,365,495"])),
            rejects: [Reject(line: 4, column: "actual", reason: "\"1e308\" is too large for a quantity (at most 1e15)", kind: "too_large")]),
        MalformedCase(
            file: "actuals-tiny-number.csv",
            plain: .reads(Rows(), valid(["BOLT,1,3,1,3,49,75"])),
            skipping: .reads(Rows(), valid(["BOLT,1,3,1,3,49,75"]))),
        MalformedCase(
            file: "actuals-duplicate-header.csv",
            plain: .fails(65, ["actuals-duplicate-header.csv:1: the header has two columns named actual; rename one or choose with --columns."]),
            skipping: .fails(65, ["actuals-duplicate-header.csv:1: the header has two columns named actual; rename one or choose with --columns."])),
        MalformedCase(
            file: "actuals-weekly-dates.csv",
            plain: .reads(Rows(actuals: [24, 24, 0, 0, 0]), .sameAsValid),
            skipping: .reads(Rows(actuals: [24, 24, 0, 0, 0]), .sameAsValid)),
        MalformedCase(
            file: "actuals-iso-weeks.csv",
            plain: badRows(["actuals-iso-weeks.csv:2: column period: \"2024-W02\" is not a period (\(periodForms))"]),
            skipping: .reads(Rows(actuals: [12, 11, 0, 0, 1]), valid(["ACME,1,3,2,6,390,495"])),
            rejects: [Reject(line: 2, column: "period", reason: "\"2024-W02\" is not a period (\(periodForms))", kind: "period")]),
        MalformedCase(
            file: "forecasts-customer-not-in-actuals.csv",
            plain: .reads(Rows(forecasts: [15, 14, 1, 0, 0]),
                          .leading(["ACME,1,3,2,6,480,495", "BOLT,1,3,1,3,74,75", "CRUX,1,2,1,2,0,85", "Müller GmbH,1,3,1,3,36,36"])),
            skipping: .reads(Rows(forecasts: [15, 14, 1, 0, 0]),
                             .leading(["ACME,1,3,2,6,480,495", "BOLT,1,3,1,3,74,75", "CRUX,1,2,1,2,0,85", "Müller GmbH,1,3,1,3,36,36"]))),
        MalformedCase(
            file: "actuals-customer-not-in-forecasts.csv",
            plain: .reads(Rows(actuals: [14, 12, 0, 2, 0]), .sameAsValid),
            skipping: .reads(Rows(actuals: [14, 12, 0, 2, 0]), .sameAsValid)),
    ]
}

/// Every file of datasets/malformed through the built `trueup report`: never a crash, never a
/// silent drop, and exactly the outcome its case states.
@Suite struct MalformedCorpusTests {
    static let corpus = CLI.packageRoot.appendingPathComponent("datasets/malformed")

    @Test("every corpus file has a case and a row in datasets/README.md")
    func everyFileHasACase() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter { $0.hasSuffix(".csv") }
        let covered = MalformedCase.all.map(\.file) + ["forecasts.csv", "actuals.csv"]
        #expect(Set(files) == Set(covered))
        #expect(covered.count == Set(covered).count, "a file has two cases")
        let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("datasets/README.md"), encoding: .utf8)
        for file in covered {
            #expect(readme.contains("| `\(file)` |"), "datasets/README.md has no row for \(file)")
        }
    }

    @Test("the valid pair reads cleanly")
    func validPair() throws {
        let run = try Self.report(forecasts: "forecasts.csv", actuals: "actuals.csv", skipping: false)
        try Self.check(run, .reads(MalformedCase.Rows(), .leading(MalformedCase.valid)), rejects: [], file: nil)
    }

    @Test(arguments: MalformedCase.all)
    func corpusFile(_ c: MalformedCase) throws {
        let forecasts = c.isForecasts ? c.file : "forecasts.csv"
        let actuals = c.isForecasts ? "actuals.csv" : c.file
        let plain = try Self.report(forecasts: forecasts, actuals: actuals, skipping: false)
        let skipping = try Self.report(forecasts: forecasts, actuals: actuals, skipping: true)
        for run in [plain, skipping] {
            Self.checkNoCrash(run)
            Self.checkAccountingAddsUp(run)
        }
        let expectations = {
            try Self.check(plain, c.plain, rejects: [], file: c.file, notice: c.notice)
            try Self.check(skipping, c.skipping, rejects: c.rejects, file: c.file, notice: c.notice)
        }
        if let issue = c.knownIssue {
            withKnownIssue(Comment(rawValue: issue)) { try expectations() }
        } else {
            try expectations()
        }
    }

    /// Generated rather than committed: a 1 MiB quoted note with commas, doubled quotes and
    /// line breaks in an extra column is read whole and ignored, and the lines after it keep their numbers.
    @Test("a 1 MiB field")
    func oneMegabyteField() throws {
        let space = Workspace()
        let valid = try String(contentsOf: Self.corpus.appendingPathComponent("actuals.csv"), encoding: .utf8)
        var lines = valid.split(separator: "\n").map(String.init)
        let breaks = 1 << 15
        let note = String(repeating: "pallet, \"wrapped\"\nrecount on arrival ", count: breaks)
        let quoted = "\"" + note.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        #expect(quoted.utf8.count > 1 << 20)
        lines[0] += ",note"
        for k in 1..<lines.count { lines[k] += k == 7 ? "," + quoted : "," }
        lines.append("BOLT,W1,2024-03")  // a bad row after the field: line 14 + the field's line breaks
        let path = space.file("actuals-big-field.csv", lines.joined(separator: "\n") + "\n")
        let forecasts = Self.corpus.appendingPathComponent("forecasts.csv").path
        let plain = try CLI.run(["report", "--wide", "--forecasts", forecasts, "--actuals", path, "--format", "csv"])
        Self.checkNoCrash(Run(outcome: plain, out: nil))
        #expect(plain.status == 65)
        #expect(plain.stderr == "trueup: \(path):\(14 + breaks): expected 5 fields as in the header, found 3\n"
                 + "trueup: 1 row can't be read. \(MalformedCase.stopHintForOne)\n")
        let out = space.url.appendingPathComponent("out").path
        let skipping = try CLI.run(["report", "--wide", "--forecasts", forecasts, "--actuals", path, "--format", "csv",
                                    "--skip-bad-rows", "--max-bad-rows", "100", "--out", out])
        let run = Run(outcome: skipping, out: URL(fileURLWithPath: out))
        Self.checkNoCrash(run)
        Self.checkAccountingAddsUp(run)
        #expect(skipping.status == 0)
        #expect(try Self.rows(run) == MalformedCase.Rows(actuals: [13, 12, 0, 0, 1]))
        #expect(skipping.stdout == (try Self.validMetrics()))
        let rejects = try #require(run.file("rejects.csv"))
        #expect(Self.records(rejects) == [["file", "line", "column", "reason", "raw", "kind"],
                                          [path, String(14 + breaks), "", "expected 5 fields as in the header, found 3", "BOLT,W1,2024-03",
                                           "field_count"]])
    }

    @Test("two Latin-1 files declared with --encoding latin1 read like the UTF-8 pair")
    func latin1Declared() throws {
        let space = Workspace()
        for name in ["forecasts.csv", "actuals.csv"] {
            let text = try String(contentsOf: Self.corpus.appendingPathComponent(name), encoding: .utf8)
            let latin1 = try #require(text.data(using: .isoLatin1))
            #expect(latin1.contains(0xFC))
            FileManager.default.createFile(atPath: space.url.appendingPathComponent(name).path, contents: latin1)
        }
        let out = space.url.appendingPathComponent("out")
        let outcome = try CLI.run(["report", "--wide", "--forecasts", "forecasts.csv", "--actuals", "actuals.csv", "--format", "csv",
                                   "--encoding", "latin1", "--out", out.path, "--no-history"], in: space.url)
        let run = Run(outcome: outcome, out: out)
        Self.checkNoCrash(run)
        try Self.check(run, .reads(MalformedCase.Rows(), .sameAsValid), rejects: [], file: nil)
    }

    /// `--encoding latin1` reads as Latin-1 only the names that are not valid UTF-8, so the UTF-8
    /// forecasts' `Müller` (bytes C3 BC) and the Latin-1 actuals' `Müller` (byte FC) are one customer.
    @Test("Latin-1 actuals declared with --encoding latin1 beside UTF-8 forecasts")
    func latin1BesideUTF8() throws {
        let run = try Self.report(forecasts: "forecasts.csv", actuals: "actuals-latin1.csv", skipping: false,
                                  extra: ["--encoding", "latin1"])
        Self.checkNoCrash(run)
        Self.checkAccountingAddsUp(run)
        try Self.check(run, .reads(MalformedCase.Rows(), .sameAsValid), rejects: [], file: nil)
    }

    // MARK: - Running and checking

    struct Run {
        var outcome: CLI.Outcome
        var out: URL?
        var workspace: Workspace?

        func file(_ name: String) -> String? {
            out.flatMap { try? String(contentsOf: $0.appendingPathComponent(name), encoding: .utf8) }
        }
    }

    /// `trueup report` in the corpus folder, so messages name the files as the cases do.
    static func report(forecasts: String, actuals: String, skipping: Bool, extra: [String] = []) throws -> Run {
        let space = Workspace()
        let out = space.url.appendingPathComponent("out")
        let outcome = try CLI.run(["report", "--wide", "--forecasts", forecasts, "--actuals", actuals, "--format", "csv",
                                   "--out", out.path, "--no-history"] + (skipping ? ["--skip-bad-rows", "--max-bad-rows", "100"] : []) + extra, in: corpus)
        return Run(outcome: outcome, out: out, workspace: space)
    }

    static func checkNoCrash(_ run: Run) {
        // A signal would show as its number (4, 5, 6, 11, ...), and the runtime says "Fatal error".
        #expect([0, 64, 65, 66, 73, 74].contains(run.outcome.status), "exit \(run.outcome.status): \(run.outcome.stderr)")
        #expect(!run.outcome.stderr.contains("Fatal error"))
        #expect(!run.outcome.stderr.contains("Stack dump"))
    }

    static func checkAccountingAddsUp(_ run: Run) {
        guard run.outcome.status == 0 else { return }
        guard let text = run.file("run.json"),
              let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let rows = json["rows"] as? [String: [String: Any]] else {
            Issue.record("no readable run.json")
            return
        }
        #expect(rows["forecasts"]?["adds_up"] as? Bool == true)
        #expect(rows["actuals"]?["adds_up"] as? Bool == true)
    }

    static func rows(_ run: Run) throws -> MalformedCase.Rows {
        let text = try #require(run.file("run.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let rows = try #require(json["rows"] as? [String: [String: Any]])
        let f = try #require(rows["forecasts"]), a = try #require(rows["actuals"])
        return MalformedCase.Rows(
            forecasts: ["read", "used", "open", "outside_window", "rejected"].map { f[$0] as? Int ?? -1 },
            actuals: ["read", "used", "outside_window", "unmatched", "rejected"].map { a[$0] as? Int ?? -1 })
    }

    static func validMetrics() throws -> String {
        let run = try report(forecasts: "forecasts.csv", actuals: "actuals.csv", skipping: false)
        return run.outcome.stdout
    }

    /// Checks a run against its expected outcome; `file` is the corpus file whose lines rejects.csv must quote.
    static func check(_ run: Run, _ expected: MalformedCase.Outcome, rejects: [MalformedCase.Reject], file: String?,
                      notice: String? = nil) throws {
        let outcome = run.outcome
        switch expected {
        case .fails(let status, let lines):
            #expect(outcome.status == status)
            #expect(outcome.stderr == lines.map { "trueup: " + $0 + "\n" }.joined())
            #expect(outcome.stdout.isEmpty)
        case .reads(let rows, let metrics):
            #expect(outcome.status == 0, "\(outcome.stderr)")
            guard outcome.status == 0 else { return }
            // `--format csv` says the join's matched shares first; the rest is what the case expects.
            var outcome = outcome
            outcome.stderr = CLI.withoutMatched(outcome.stderr)
            if rejects.isEmpty {
                #expect(outcome.stderr == (notice.map { "trueup: " + $0 + "\n" } ?? ""))
            } else {
                // Rows left out are said on stderr: how many, of which file, and the first three with their lines.
                let count = rejects.count
                #expect(outcome.stderr.hasPrefix("trueup: \(count) \(count == 1 ? "row was" : "rows were") left out (--skip-bad-rows): \(count) of \(file ?? "")."))
                for reject in rejects.prefix(3) {
                    let column = reject.column.isEmpty ? "" : "column \(reject.column): "
                    #expect(outcome.stderr.contains("trueup:   \(file ?? ""):\(reject.line): \(column)\(reject.reason)\n"))
                }
            }
            #expect(try Self.rows(run) == rows)
            #expect(run.file("metrics.csv") == outcome.stdout)
            let table = records(outcome.stdout)
            #expect(table.first?.first == "customer")
            // Every field after the customer is a number or empty, but the benchmark's name.
            let benchmark = table.first?.firstIndex(of: "benchmark")
            for row in table.dropFirst() {
                for (k, field) in row.enumerated().dropFirst() where k != benchmark {
                    #expect(field.isEmpty || Double(field)?.isFinite == true, "metrics.csv has \(field) in \(row)")
                }
                if let benchmark { #expect(["", "naive", "seasonal-naive"].contains(row[benchmark])) }
            }
            switch metrics {
            case .sameAsValid:
                #expect(outcome.stdout == (try validMetrics()))
            case .leading(let prefixes):
                #expect(table.dropFirst().map { $0.prefix(7).joined(separator: ",") } == prefixes)
            }
            try checkRejects(run, rejects, file: file)
        }
    }

    /// With --skip-bad-rows, rejects.csv lists exactly the expected rows, each with the text of its line.
    static func checkRejects(_ run: Run, _ expected: [MalformedCase.Reject], file: String?) throws {
        guard let text = run.file("rejects.csv") else {
            #expect(expected.isEmpty, "no rejects.csv")
            return
        }
        let table = records(text)
        #expect(table.first == ["file", "line", "column", "reason", "raw", "kind"])
        let found = table.dropFirst().map { MalformedCase.Reject(line: Int($0[1]) ?? -1, column: $0[2], reason: $0[3], kind: $0[5]) }
        #expect(found == expected)
        guard let file else { return }
        let lines = try physicalLines(corpus.appendingPathComponent(file))
        for row in table.dropFirst() {
            #expect(row[0] == file)
            let line = Int(row[1]) ?? 0
            #expect(line >= 1 && line <= lines.count && row[4] == lines[line - 1], "line \(line) is quoted as \(row[4].debugDescription)")
        }
    }

    /// The file's lines as an editor numbers them: ended by LF, CRLF or CR; invalid UTF-8 shown as U+FFFD.
    static func physicalLines(_ url: URL) throws -> [String] {
        let bytes = [UInt8](try Data(contentsOf: url))
        var lines: [String] = []
        var start = 0, i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A || bytes[i] == 0x0D {
                lines.append(String(decoding: bytes[start..<i], as: UTF8.self))
                if bytes[i] == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        if start < bytes.count { lines.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return lines
    }

    /// The records of CSV as trueup writes it: comma, double quotes doubled inside quoted fields, LF.
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            if quoted {
                if scalar == "\"" {
                    if pending == "\"" { field.unicodeScalars.append("\""); pending = scalars.next() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                quoted = true
            } else if scalar == "," {
                record.append(field)
                field = ""
            } else if scalar == "\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !record.isEmpty { records.append(record + [field]) }
        return records
    }
}
