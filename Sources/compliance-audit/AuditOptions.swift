import ArgumentParser
import ComplianceAudit
import ComplianceRules
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What to audit; by default the samples, so the tool shows what it does on a fresh clone.
struct AuditInputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The register of agreements.", valueName: "file"))
    var register = "samples/register.xml"

    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "Meldingen exports, one per source (Veilig Thuis, Verwijsindex); a source without an export is reported as geen gegevens.",
        valueName: "file"))
    var meldingen: [String] = ["samples/veilig-thuis-2017.xml", "samples/verwijsindex-2017.xml"]

    @OptionGroup var rules: RuleOptions

    /// Runs the audit, or prints the input problem and exits with 2.
    func run() throws -> AuditResult {
        var loader = rules.loader
        // The samples come with their waivers; anywhere else, waivers are named or found in the rules.
        if rules.waivers == nil, register == "samples/register.xml", FileManager.default.fileExists(atPath: "samples/waivers.yml") {
            loader.waiversFile = "samples/waivers.yml"
        }
        let progress: ProgressLine? = isatty(STDERR_FILENO) != 0 ? ProgressLine() : nil
        defer { progress?.clear() }
        var request = AuditRequest(registerFile: register, meldingenFiles: meldingen, rules: loader)
        if let progress {
            request.progress = { @Sendable text in progress.show(text) }
        }
        do throws(AuditError) {
            return try Audit.run(request)
        } catch {
            progress?.clear()
            printToStandardError(error.description)
            throw ExitCode(2)
        }
    }
}

/// How to write the report.
struct ReportOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv, html }

    @Option(help: "text (a table for the terminal), json (docs/report-schema.md), csv (one row per finding) or html (one self-contained page).")
    var format: Format = .text

    @Option(help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: "Report language: nl (Dutch, default) or en. Rule texts stay Dutch.")
    var lang: ReportLanguage = .nl

    @Option(help: ArgumentHelp(
        "Exit with status 1 when a finding is at or above this severity: blokkerend, indringend-gesprek, agendapunt, informatief, or never.",
        valueName: "severity"))
    var failOn: FailOn = .severity(.blokkerend)

    @Option(help: ArgumentHelp("Field separator for csv.", valueName: "character"))
    var csvSeparator: String = ";"

    func validate() throws {
        guard csvSeparator.count == 1 else { throw ValidationError("--csv-separator takes one character, such as ';' or ','.") }
    }

    /// Colour only for text on a terminal, and never when NO_COLOR is set (no-color.org).
    var colour: Bool {
        format == .text && output == nil && isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    /// Writes to `--output` atomically, or to standard output.
    func emit(_ data: Data) throws {
        if let output {
            do {
                try AtomicFile.write(data, to: output)
            } catch {
                printToStandardError("\(output): error: cannot write the report: \(error.localizedDescription)")
                throw ExitCode(2)
            }
        } else {
            FileHandle.standardOutput.write(data)
        }
    }

    /// Exit status 1 when a counted finding reaches `--fail-on`.
    func exitStatus(worst: Verdict) throws {
        if case .severity(let threshold) = failOn, case .severity(let severity) = worst, severity <= threshold {
            throw ExitCode(1)
        }
    }
}

enum FailOn: ExpressibleByArgument, Equatable {
    case severity(Severity)
    case never

    init?(argument: String) {
        if argument == "never" { self = .never } else if let severity = Severity(rawValue: argument) { self = .severity(severity) } else { return nil }
    }
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
