// CSVBench: TrueupCSV's hand-written reader against the Swift CSV packages, on the same file.
//
//   swift run -c release CSVBench [--runs N] [--readers trueup,yaslab,swiftcsv] [--work fields,parse,number]
//                                 [--column N] [--markdown] FILE...
//
// Every reader does the same work per record (see `Tally`): count records and
// fields and add up the byte length of column N (0-based, default 4, the
// forecast), and with `parse` also parse that column with Double(String).
// `number` (TrueupCSV only) parses it with trueup's own parser instead, for
// the reader's speed on the report's own path.
// Each timed read runs in a child process of its own, so that its peak memory
// (getrusage's ru_maxrss) is its own; the rounds alternate the readers, the
// file is read once first so that every run reads it from the page cache, and
// the figures are medians over the runs (time from opening the file to the last
// record, process start not included).

import Foundation

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

let readers: [(key: String, name: String, read: (String, Int, Work) throws -> Tally)] = [
    ("trueup", "TrueupCSV", readWithTrueupCSV),
    ("yaslab", "yaslab/CSV.swift 2.5.2", readWithYaslabCSV),
    ("swiftcsv", "SwiftCSV 0.10.0", readWithSwiftCSV),
]

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

func peakMemoryKB() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return usage.ru_maxrss
}

func fail(_ message: String, code: Int32 = 64) -> Never {
    FileHandle.standardError.write((message + "\n").data(using: .utf8)!)
    exit(code)
}

// MARK: - One timed read (the child)

var args = Array(CommandLine.arguments.dropFirst())
if args.first == "--one" {
    guard args.count == 5, let work = Work(rawValue: args[2]), let column = Int(args[3]) else {
        fail("usage: CSVBench --one READER WORK COLUMN FILE")
    }
    if args[1] == "none" {  // the process with nothing read: the baseline of peak memory
        print("0 0 0 0 0 \(peakMemoryKB())")
        exit(0)
    }
    guard let reader = readers.first(where: { $0.key == args[1] }) else { fail("unknown reader \(args[1])") }
    let start = now()
    do {
        let tally = try reader.read(args[4], column, work)
        let seconds = now() - start
        print("\(tally.rows) \(tally.fields) \(tally.bytes) \(tally.sum.bitPattern) \(seconds) \(peakMemoryKB())")
    } catch {
        fail("\(reader.name): \(error)", code: 65)
    }
    exit(0)
}

// MARK: - Options (the driver)

var runs = 3
var chosen = readers.map(\.key)
var works: [Work] = Work.allCases
var column = 4
var markdown = false
var files: [String] = []
while !args.isEmpty {
    let arg = args.removeFirst()
    switch arg {
    case "--runs": runs = Int(args.isEmpty ? "" : args.removeFirst()) ?? 0
    case "--readers": chosen = (args.isEmpty ? "" : args.removeFirst()).split(separator: ",").map(String.init)
    case "--work": works = (args.isEmpty ? "" : args.removeFirst()).split(separator: ",").compactMap { Work(rawValue: String($0)) }
    case "--column": column = Int(args.isEmpty ? "" : args.removeFirst()) ?? -1
    case "--markdown": markdown = true
    default:
        if arg.hasPrefix("-") { fail("unknown option \(arg)") }
        files.append(arg)
    }
}
guard runs > 0, column >= 0, !works.isEmpty, !files.isEmpty,
      chosen.allSatisfy({ key in readers.contains { $0.key == key } }) else {
    fail("usage: CSVBench [--runs N] [--readers trueup,yaslab,swiftcsv] [--work fields,parse,number] [--column N] [--markdown] FILE...")
}

// MARK: - Running the children

let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]

struct Measurement {
    var tally: Tally
    var seconds: Double
    var peakKB: Int
}

func runChild(_ reader: String, _ work: Work, column: Int, _ file: String) -> Measurement {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["--one", reader, work.rawValue, String(column), file]
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { fail("cannot run \(executable): \(error)", code: 70) }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let parts = output.split(whereSeparator: \.isWhitespace)
    guard process.terminationStatus == 0, parts.count == 6,
          let rows = Int(parts[0]), let fields = Int(parts[1]), let bytes = Int(parts[2]), let sum = UInt64(parts[3]),
          let seconds = Double(parts[4]), let peak = Int(parts[5]) else {
        fail("\(reader) on \(file) failed (status \(process.terminationStatus)): \(output)", code: 70)
    }
    return Measurement(tally: Tally(rows: rows, fields: fields, bytes: bytes, sum: Double(bitPattern: sum)),
                       seconds: seconds, peakKB: peak)
}

/// Reads the file once so that every timed run finds it in the page cache.
func warm(_ file: String) -> Int {
    guard let handle = FileHandle(forReadingAtPath: file) else { fail("cannot open \(file)", code: 66) }
    var total = 0
    while let chunk = try? handle.read(upToCount: 16 << 20), !chunk.isEmpty { total += chunk.count }
    try? handle.close()
    return total
}

func text(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
func loadAverage() -> String { text("/proc/loadavg").split(separator: " ").prefix(3).joined(separator: " ") }

let model = text("/proc/cpuinfo").split(separator: "\n").first { $0.hasPrefix("model name") }
    .map { $0.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
let memory = text("/proc/meminfo").split(separator: "\n").first { $0.hasPrefix("MemTotal") }
    .flatMap { Double($0.split(separator: " ")[1]) }.map { String(format: "%.1f GiB", $0 / 1024 / 1024) } ?? "?"
let loadBefore = loadAverage()
let baseline = runChild("none", .fields, column: column, files[0]).peakKB

struct Row {
    var file: String, size: Int, reader: String, work: Work
    var seconds: Double, rows: Int, peakKB: Int
}
var results: [Row] = []
var agree = true
for file in files {
    let size = warm(file)
    var measured: [String: [Work: [Measurement]]] = [:]
    for round in 0..<runs {
        // Alternate the order: each round starts one reader later.
        let order = (0..<chosen.count).map { chosen[($0 + round) % chosen.count] }
        for key in order {
            for work in works where work.applies(to: key) {
                FileHandle.standardError.write("\(file): \(key) \(work.rawValue) run \(round + 1)/\(runs)\n".data(using: .utf8)!)
                measured[key, default: [:]][work, default: []].append(runChild(key, work, column: column, file))
            }
        }
    }
    for work in works {
        // `number` must find what `parse` finds.
        let compared = work == .number ? [Work.parse, .number] : [work]
        let tallies = compared.flatMap { w in chosen.flatMap { measured[$0]?[w]?.map(\.tally) ?? [] } }
        agree = agree && tallies.allSatisfy { $0 == tallies[0] }
        for key in chosen where work.applies(to: key) {
            let runs = measured[key]![work]!
            let times = runs.map(\.seconds).sorted()
            let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
            results.append(Row(file: file, size: size, reader: readers.first { $0.key == key }!.name, work: work,
                               seconds: median, rows: runs[0].tally.rows, peakKB: runs.map(\.peakKB).max()!))
        }
    }
}

// MARK: - The table

let header = ["file", "reader", "work", "time s", "MB/s", "M rows/s", "peak MB", "time / TrueupCSV"]
var table: [[String]] = []
for row in results {
    let reference = results.first { $0.file == row.file && $0.work == row.work && $0.reader == "TrueupCSV" && row.work != .number }
    let name = (row.file as NSString).lastPathComponent
    let folder = ((row.file as NSString).deletingLastPathComponent as NSString).lastPathComponent
    table.append([
        "\(folder)/\(name) (\(String(format: "%.0f", Double(row.size) / 1e6)) MB)", row.reader, row.work.rawValue,
        String(format: "%.2f", row.seconds),
        String(format: "%.1f", Double(row.size) / row.seconds / 1e6),
        String(format: "%.2f", Double(row.rows) / row.seconds / 1e6),
        String(format: "%.0f", Double(row.peakKB) / 1024),
        reference.map { String(format: "%.1fx", row.seconds / $0.seconds) } ?? "-",
    ])
}

print("machine: \(model), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(memory) memory" + (markdown ? "  " : ""))
print("runs:    median of \(runs), readers alternating, file in the page cache; load average before \(loadBefore), after \(loadAverage())" + (markdown ? "  " : ""))
print("work:    fields = count records and fields, add up column \(column + 1)'s byte length; parse = also Double(String) of it, summed;" + (markdown ? "  " : ""))
print("         number = TrueupCSV only, the column's bytes parsed by trueup's own QuantityText as the report does" + (markdown ? "  " : ""))
print("memory:  peak MB is the child process's maximum RSS; a child that reads nothing peaks at \(String(format: "%.0f", Double(baseline) / 1024)) MB" + (markdown ? "  " : ""))
print("")
if markdown {
    print("| " + header.joined(separator: " | ") + " |")
    print("| --- | --- | --- |" + String(repeating: " ---: |", count: header.count - 3))
    for row in table { print("| " + row.joined(separator: " | ") + " |") }
} else {
    let widths = header.indices.map { c in ([header] + table).map { $0[c].count }.max()! }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { c, cell in
            let pad = String(repeating: " ", count: widths[c] - cell.count)
            return c < 3 ? cell + pad : pad + cell
        }.joined(separator: "  ")
    }
    print(line(header))
    print(line(widths.map { String(repeating: "-", count: $0) }))
    for row in table { print(line(row)) }
}
print("")
print("all readers agree on rows, fields, column bytes and column sum: \(agree ? "yes" : "NO")")
if !agree { exit(1) }
