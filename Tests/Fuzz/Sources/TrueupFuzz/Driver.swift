import Foundation

/// Runs libFuzzer over `checkOne` when built with `-sanitize=fuzzer` and `-D FUZZING`;
/// otherwise replays files through the same checks.
///
/// Fuzzing, the arguments are libFuzzer's (`-max_total_time=60 CORPUS`). Replaying,
/// `TrueupFuzz FILE|DIR ...` runs every file given and every file in every folder
/// given (a crash libFuzzer saved, a corpus) and prints how many it ran; a failed
/// check stops it with the message.
@main
struct Driver {
    static func main() throws {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOne))
        #else
        var files: [String] = []
        for argument in CommandLine.arguments.dropFirst() {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else {
                FileHandle.standardError.write(Data("TrueupFuzz: \(argument): no such file\n".utf8))
                exit(66)
            }
            if isFolder.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: argument).sorted()
                files += names.map { argument + "/" + $0 }
            } else {
                files.append(argument)
            }
        }
        for file in files {
            checkOne(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
        }
        print("replayed \(files.count) inputs, no failure")
        #endif
    }
}

#if FUZZING
/// libFuzzer's entry point for programs that keep their own main().
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt
#endif
