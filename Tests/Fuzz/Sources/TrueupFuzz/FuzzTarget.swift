import Foundation

/// Which reader the run fuzzes: `TRUEUP_FUZZ_TARGET=workbook` the .xlsx reader
/// (`WorkbookCheck`), otherwise the CSV reader and the parsers. run.sh gives each half the time.
let fuzzesWorkbooks = ProcessInfo.processInfo.environment["TRUEUP_FUZZ_TARGET"] == "workbook"

/// One fuzzer input: the CSV reader on the whole input, then the period and quantity
/// parsers on every field it found and on the input itself when it is short; or the
/// workbook reader on it.
func checkOne(_ bytes: [UInt8]) {
    if fuzzesWorkbooks {
        WorkbookCheck.run(bytes)
        return
    }
    let reading = ReaderCheck.run(bytes)
    for record in reading.records.prefix(64) {
        for field in record.fields.prefix(16) { ParserCheck.run(field) }
    }
    if bytes.count <= 64 { ParserCheck.run(bytes) }
}

#if FUZZING
/// The callback libFuzzer calls with each input, under the name its own main() looks for.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    checkOne(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
#endif
