// Times one piece of the tool's work and prints its figures. Run one mode per process (see
// scripts/benchmark.sh), so each peak-memory figure is that mode's own.
import CLibXML2
import ComplianceAudit
import ComplianceRules
import ContractImport
import Foundation

struct CountingConsumer: MeldingenConsumer {
    var records = 0
    var repeats = 0
    mutating func begin(_ header: MeldingenExportHeader) {}
    mutating func consume(_ melding: Melding) {
        records += 1
        if melding.isRepeat { repeats += 1 }
    }
}

/// A bare SAX2 parse through the project's own CLibXML2: counts start tags and does nothing else.
func bareSAX2(_ file: String) -> Int {
    var handler = xmlSAXHandler()
    handler.initialized = UInt32(XML_SAX2_MAGIC)
    handler.startElementNs = { context, _, _, _, _, _, _, _, _ in
        context!.assumingMemoryBound(to: Int.self).pointee += 1
    }
    var count = 0
    withUnsafeMutablePointer(to: &count) { pointer in
        _ = xmlSAXUserParseFile(&handler, pointer, file)
    }
    return count - 1  // the root element
}

func peakMegabytes() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func report(_ label: String, _ count: Int, _ unit: String, _ duration: Duration) {
    print(label.padding(toLength: 10, withPad: " ", startingAt: 0)
        + String(format: "%9d %@ %7.3f s %7.1f MB peak", count, unit.padding(toLength: 10, withPad: " ", startingAt: 0),
                 seconds(duration), peakMegabytes()))
}

let modes = ["sax2", "import", "validate", "rules", "meldingen", "phases"]
let arguments = CommandLine.arguments
if arguments.count >= 2, arguments[1] == "funnel" {
    printFunnelTable(replicates: arguments.count > 2 ? Int(arguments[2]) ?? 200 : 200)
    exit(0)
}
let fileCount = arguments.count - 2
guard fileCount >= 1, modes.contains(arguments[1]),
      arguments[1] == "meldingen" ? fileCount == 2 : ["sax2", "phases"].contains(arguments[1]) || fileCount == 1 else {
    FileHandle.standardError.write(Data("""
        usage: compliance-benchmark sax2 XML-FILE...   (one after another, on one thread)
               compliance-benchmark import|validate MELDINGEN-FILE
               compliance-benchmark rules REGISTER-FILE
               compliance-benchmark meldingen REGISTER-FILE MELDINGEN-FILE
               compliance-benchmark phases REGISTER-FILE... -- MELDINGEN-FILE...   (JSON to /dev/null)
               compliance-benchmark funnel [REPLICATES]

        """.utf8))
    exit(64)
}
let (mode, file) = (arguments[1], arguments[2])
let clock = ContinuousClock()
// A file that cannot be read, or is of the wrong kind, ends the run with its message (not a crash).
do {
    switch mode {
    case "sax2":
        var records = 0
        let files = Array(arguments.dropFirst(2))
        let elapsed = clock.measure { records = files.reduce(0) { $0 + bareSAX2($1) } }
        report(mode, records, files.count == 1 ? "records" : "elements", elapsed)
    case "import":
        // In pieces on every core (as an audit of one source reads), then in one pass.
        for workers in [ProcessInfo.processInfo.activeProcessorCount, 1] {
            var records = 0
            var importer = MeldingenImporter()
            importer.workers = workers
            let elapsed = try clock.measure {
                var consumer = CountingConsumer()
                records = try importer.read(file, into: &consumer).recordCount
            }
            report(workers > 1 ? "import" : "one pass", records, "records", elapsed)
        }
    case "validate":
        var records = 0
        let elapsed = try clock.measure { records = try DocumentValidator().validate(file).recordCount }
        report(mode, records, "records", elapsed)
    case "meldingen":
        // Side by side in one process: the bare parse first, then the whole count-and-flag (register,
        // rules, the streaming tally with the 30-day rule, expectations, the meldingen rule).
        let export = arguments[3]
        var records = 0
        let bare = clock.measure { records = bareSAX2(export) }
        report("sax2", records, "records", bare)
        var result: AuditResult?
        let start = clock.now
        result = try await Audit.run(AuditRequest(registerFile: file, meldingenFiles: [export]))
        let audit = start.duration(to: clock.now)
        report("count+flag", result!.exports[.veiligThuis]?.records ?? 0, "records", audit)
        let flagged = result!.assessment.contractors.flatMap(\.meldingen).filter { MeldingenOutcome($0).isFlagged }.count
        print("          ratio \(String(format: "%.2f", seconds(audit) / seconds(bare))) (goal ≤ 2), "
            + "\(result!.register.contractors.count) contractors, \(flagged) flagged; peak memory is the process's, both steps")
    case "phases":
        // Where a full audit's time goes, one phase after another in one process: reading and judging
        // (Audit.run), building the report model, and writing it as JSON (to /dev/null).
        let inputs = Array(arguments.dropFirst(2))
        let split = inputs.firstIndex(of: "--") ?? inputs.count
        let request = AuditRequest(registerFiles: Array(inputs[..<split]), meldingenFiles: Array(inputs.dropFirst(split + 1)))
        var start = clock.now
        let result = try await Audit.run(request)
        let read = start.duration(to: clock.now)
        report("Audit.run", result.register.agreements.count, "agreements", read)
        start = clock.now
        let model = AuditReport(result)
        report("model", model.contractors.count, "contractors", start.duration(to: clock.now))
        start = clock.now
        try ReportFile.write(to: "/dev/null") { try JSONReporter().write(.audit(model), RenderSettings(), to: $0) }
        let written = start.duration(to: clock.now)
        // Counted after the clock stops: each contractor's entry is made again when read.
        report("json", model.contractors.reduce(0) { $0 + $1.findings.count }, "findings", written)
    default:
        var register: Register?
        let loading = try clock.measure { register = try RegisterImporter().load(file) }
        report("register", register!.agreements.count, "agreements", loading)
        let rules = try RuleSetLoader().load()
        var assessment: RegisterAssessment?
        let evaluation = clock.measure { assessment = rules.assess(register!) }
        let results = assessment!.agreements.reduce(0) { $0 + $1.results.count }
        report("rules", register!.agreements.count, "agreements", evaluation)
        print("          \(rules.rules.count) rules, \(results) results, "
            + String(format: "%.2f µs per result", seconds(evaluation) * 1e6 / Double(max(results, 1))))
    }
} catch {
    FileHandle.standardError.write(Data("compliance-benchmark: \(error)\n".utf8))
    exit(1)
}
