import ComplianceRules
import ContractImport
import Foundation

// A libFuzzer target over both importers. `scripts/fuzz.sh` builds it with `-sanitize=fuzzer,address`
// and `-D FUZZING`; built plainly (as `swift build` does), it replays the files it is given, once
// each, so a finding can be reproduced without the fuzzer.
//
// Each input is written to a file (the importers read files, as the tool does) and read by the
// importer that `FUZZ_IMPORTER` names (`register` or `meldingen`, default both), strictly and
// leniently, and by `validate`. Besides crashes and slow inputs (libFuzzer's -timeout), it checks
// that every problem is reported at `file:line:column` or names the file, and that a meldingen
// export read in pieces (64-byte pieces, so cuts fall everywhere) gives exactly what one pass gives.

/// The importers, run over one file; traps when a message is not placed.
enum ImporterProbe {
    static let which = ProcessInfo.processInfo.environment["FUZZ_IMPORTER"] ?? "both"

    static func run(_ file: String) {
        if which != "meldingen" {
            check(file) { () throws(ImportError) in _ = try RegisterImporter(diagnosticLimit: 20).load(file) }
            check(file) { () throws(ImportError) in _ = try RegisterImporter(diagnosticLimit: 20, lenient: true).read(file) }
        }
        if which != "register" {
            var counter = Counter()
            check(file) { () throws(ImportError) in _ = try MeldingenImporter(diagnosticLimit: 20).read(file, into: &counter) }
            check(file) { () throws(ImportError) in _ = try MeldingenImporter(diagnosticLimit: 20, lenient: true).read(file, into: &counter) }
            comparePieces(file, lenient: false)
            comparePieces(file, lenient: true)
        }
        check(file) { () throws(ImportError) in _ = try DocumentValidator(diagnosticLimit: 20).validate(file) }
    }

    private static func check(_ file: String, _ body: () throws(ImportError) -> Void) {
        do {
            try body()
        } catch {
            for line in error.description.split(separator: "\n") where !line.hasPrefix("\(file):") && !line.hasPrefix("error:") {
                fatalError("a message without its place: \(line)")
            }
        }
    }

    /// Traps when a read in pieces and one pass differ in summary, error or records. Only the
    /// summaries or errors are printed, never a record.
    private static func comparePieces(_ file: String, lenient: Bool) {
        func read(workers: Int) -> (String, Recording) {
            var importer = MeldingenImporter(diagnosticLimit: 20, lenient: lenient)
            importer.workers = workers
            importer.pieceBytes = 64
            var recording = Recording()
            do {
                return ("\(try importer.read(file, into: &recording))", recording)
            } catch {
                return ("\(error)", Recording())
            }
        }
        let (onePass, pieces) = (read(workers: 1), read(workers: 2))
        if onePass.0 != pieces.0 || onePass.1 != pieces.1 {
            fatalError("a read in pieces differs from one pass (lenient: \(lenient)):\n\(pieces.0)\n\(onePass.0)")
        }
    }

    struct Recording: MeldingenConsumer, Equatable {
        var headers: [MeldingenExportHeader] = []
        var meldingen: [Melding] = []
        mutating func begin(_ header: MeldingenExportHeader) { headers.append(header) }
        mutating func consume(_ melding: Melding) { meldingen.append(melding) }
    }

    struct Counter: MeldingenConsumer {
        var records = 0
        mutating func begin(_ header: MeldingenExportHeader) {}
        mutating func consume(_ melding: Melding) { records += 1 }
    }
}

#if FUZZING
/// One file per process, rewritten for every input: in memory where the machine has /dev/shm.
private let scratchFile: String = {
    let directory = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return "\(directory)/compliance-fuzz-\(getpid()).xml"
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    guard FileManager.default.createFile(atPath: scratchFile, contents: data) else { fatalError("cannot write \(scratchFile)") }
    ImporterProbe.run(scratchFile)
    return 0
}

/// libFuzzer's driver, started from the entry point SwiftPM gives an executable target (it links
/// `main` to `compliance_fuzz_main`, so libFuzzer's own `main` is not used).
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("compliance_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments) { bytes, length in fuzzOneInput(bytes, length) }
}
#else
@main
enum Replay {
    static func main() {
        let files = CommandLine.arguments.dropFirst()
        if files.isEmpty {
            print("usage: compliance-fuzz FILE...  (replays inputs; scripts/fuzz.sh runs the fuzzer)")
        }
        for file in files {
            ImporterProbe.run(file)
            print("\(file): ok")
        }
    }
}
#endif
