import ArgumentParser
import ComplianceAudit
import ComplianceRules
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What to audit. With neither --register nor --meldingen, the samples: so the tool shows what it
/// does on a fresh clone. Naming either means auditing exactly what is named.
struct AuditInputOptions: ParsableArguments {
    static let sampleRegister = "samples/register.xml"
    static let sampleExports = ["samples/veilig-thuis-2017.xml", "samples/verwijsindex-2017.xml"]
    static let sampleWaivers = "samples/waivers.yml"

    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "Registers of agreements (XML or .xlsx), or directories of them: one municipality's, or every municipality's of a "
            + "region, rolled up per contractor. Without --register and --meldingen, the samples are audited with their waivers.",
        valueName: "file|dir"))
    var register: [String] = []

    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "Meldingen exports of Veilig Thuis and the Verwijsindex, one or more per source (per region or period: counted together, "
            + "the 30-day rule across them in date order); a source without an export is reported as geen gegevens.",
        valueName: "file"))
    var meldingen: [String] = []

    @OptionGroup var rules: RuleOptions

    @Flag(help: ArgumentHelp(
        "Audit the valid records and list each rejected one (position and reason) in the report, instead of stopping "
            + "at an invalid file. Problems of a file as a whole (not well-formed, a DTD, a BSN, case keys that are no "
            + "pseudonyms) still stop the run."))
    var lenient = false

    @Option(help: ArgumentHelp("Problems listed per input file; more are counted.", valueName: "n"))
    var maxProblems = 50

    @Option(help: ArgumentHelp(
        "Judge against this date (YYYY-MM-DD) instead of the register's peildatum: ages such as 'verified within 12 "
            + "months' count back from it. The report names both.", valueName: "date"))
    var peildatum: String?

    /// Whether the samples are being audited: nothing named.
    var auditsSamples: Bool { register.isEmpty && meldingen.isEmpty }

    func validate() throws {
        guard maxProblems > 0 else { throw ValidationError("--max-problems must be at least 1.") }
        if let peildatum, Day(iso: peildatum) == nil {
            throw ValidationError("--peildatum \(peildatum): not a date; write it as YYYY-MM-DD, such as 2026-11-29.")
        }
        if register.isEmpty && !meldingen.isEmpty {
            throw ValidationError("--meldingen needs --register: name the register the exports are audited against.")
        }
    }

    /// The rules, with the samples' waivers when the samples are audited and no waivers are named.
    /// `rules lint --register` and every audit command choose waivers by this one rule.
    static func loader(_ rules: RuleOptions, auditsSamples: Bool) -> RuleSetLoader {
        var loader = rules.loader
        if auditsSamples, rules.waivers == nil, FileManager.default.fileExists(atPath: sampleWaivers) {
            loader.waiversFile = sampleWaivers
        }
        return loader
    }

    /// The register files: each named file, and each directory's `.xml` files by name.
    func registerFiles() throws -> [String] {
        guard !auditsSamples else { return [Self.sampleRegister] }
        var files: [String] = []
        for path in register {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            // XML registers and workbooks; not hidden files, nor the lock files a spreadsheet leaves (~$name.xlsx).
            let registers = names.filter {
                ($0.hasSuffix(".xml") || $0.hasSuffix(".xlsx")) && !$0.hasPrefix(".") && !$0.hasPrefix("~$")
            }.sorted()
            guard !registers.isEmpty else {
                printToStandardError("\(path): error: a directory without .xml or .xlsx files; name register files or a directory that holds them")
                throw ExitCode(2)
            }
            files += registers.map { (path as NSString).appendingPathComponent($0) }
        }
        return files
    }

    /// Runs the audit, or prints the input problem and exits with 2.
    func run() async throws -> AuditResult {
        let progress: ProgressLine? = isatty(STDERR_FILENO) != 0 ? ProgressLine() : nil
        defer { progress?.clear() }
        var request = AuditRequest(registerFiles: try registerFiles(),
                                   meldingenFiles: auditsSamples ? Self.sampleExports : meldingen,
                                   rules: Self.loader(rules, auditsSamples: auditsSamples),
                                   diagnosticLimit: maxProblems, lenient: lenient)
        request.referenceDate = peildatum.flatMap { Day(iso: $0) }
        if let progress {
            request.progress = { @Sendable text in progress.show(text) }
        }
        do throws(AuditError) {
            return try await Audit.run(request)
        } catch {
            progress?.clear()
            printToStandardError(error.description)
            throw ExitCode(2)
        }
    }
}

/// How to write the report.
struct ReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        ReportFormats.all.map { "\($0.id): \($0.summary)" }.joined(separator: "; ") + ".", valueName: "format"))
    var format: String = "text"

    @Option(help: ArgumentHelp(
        "Write the report to this file (atomically) instead of standard output; - for standard output.", valueName: "file"))
    var output: String?

    @Option(help: "Report language: nl (Dutch, default) or en. The rule files' own texts stay as written (Dutch).")
    var lang: ReportLanguage = .nl

    @Option(help: ArgumentHelp(
        "Exit with status 1 when a finding is at or above this severity: blokkerend, indringend-gesprek, agendapunt, informatief, or never.",
        valueName: "severity"))
    var failOn: FailOn = .severity(.blokkerend)

    @Option(help: ArgumentHelp("Field separator for csv.", valueName: "character"))
    var csvSeparator: String = ";"

    func validate() throws {
        guard ReportFormats.named(format) != nil else {
            throw ValidationError("--format \(format): unknown; choose \(ReportFormats.all.map(\.id).joined(separator: ", ")).")
        }
        if format == "xlsx", toStandardOutput, isatty(STDOUT_FILENO) != 0 {
            throw ValidationError("--format xlsx writes a workbook: name the file with --output report.xlsx.")
        }
        guard csvSeparator.count == 1 else { throw ValidationError("--csv-separator takes one character, such as ';' or ','.") }
    }

    var toStandardOutput: Bool { output == nil || output == "-" }

    /// Colour only for text on a terminal, and never when NO_COLOR is set (no-color.org).
    var colour: Bool {
        format == "text" && toStandardOutput && isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    /// Writes the document in the chosen format as it is made (unless it was `written` already);
    /// then sets the exit status.
    func emit(_ document: ReportDocument, worst: Verdict, written: Bool = false) throws {
        if !written {
            let reporter = ReportFormats.named(format)!
            let settings = RenderSettings(language: lang, colour: colour, csvSeparator: Character(csvSeparator))
            try write { sink in try reporter.write(document, settings, to: sink) }
        }
        if case .severity(let threshold) = failOn, case .severity(let severity) = worst, severity <= threshold {
            throw ExitCode(1)
        }
    }

    /// Writes to `--output` (atomically for a regular file), or to standard output.
    func write(_ produce: (ReportSink) throws -> Void) throws {
        guard let output, output != "-" else {
            try ReportFile.stream(to: STDOUT_FILENO, path: "standard output", produce)
            return
        }
        do {
            try ReportFile.write(to: output, produce)
        } catch {
            printToStandardError("\(output): error: cannot write the report: \(error)")
            throw ExitCode(2)
        }
    }
}

enum FailOn: ExpressibleByArgument, Equatable {
    case severity(Severity)
    case never

    init?(argument: String) {
        if argument == "never" { self = .never } else if let severity = Severity(rawValue: argument) { self = .severity(severity) } else { return nil }
    }

    var defaultValueDescription: String {
        switch self {
        case .never: "never"
        case .severity(let severity): severity.rawValue
        }
    }

    static var allValueStrings: [String] { Severity.allCases.map(\.rawValue) + ["never"] }
}

extension ReportLanguage: ExpressibleByArgument {}

/// One line on standard error that is rewritten as the audit goes, then cleared.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()

    func show(_ text: String) {
        lock.withLock { FileHandle.standardError.write(Data("\r\u{1B}[K\(text)…".utf8)) }
    }

    func clear() {
        lock.withLock { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
