import ArgumentParser
import ComplianceAudit
import ComplianceRules
import Foundation

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The yearly audit: every agreement against every rule, the meldingen check and the indicators.",
        discussion: """
            Without arguments it audits the samples (samples/register.xml with both 2017 exports and \
            samples/waivers.yml) under the default profile.

            Exit status: 0 when no finding reaches --fail-on (default blokkerend), 1 when one does, \
            2 on an input error (a file missing, unreadable or invalid, a broken rule file), 64 on a \
            mistake in the arguments.

            Examples:
              compliance-audit audit
              compliance-audit audit --register r.xml --meldingen vt.xml vi.xml --profile groningen
              compliance-audit audit --format html --output audit-2017.html
            """
    )

    @OptionGroup var input: AuditInputOptions
    @OptionGroup var report: ReportOptions

    func run() throws {
        let result = try input.run()
        switch report.format {
        case .text:
            try report.emit(Data(TextReport(result, language: report.lang, colour: report.colour).render().utf8))
        case .json:
            try report.emit(try AuditReport(result).json())
        case .csv:
            try report.emit(CSVReport(separator: Character(report.csvSeparator), language: report.lang).render(AuditReport(result).contractors))
        case .html:
            try report.emit(Data(HTMLReport.audit(AuditReport(result), language: report.lang).utf8))
        }
        try report.exitStatus(worst: result.assessment.contractors.map(\.verdict).min() ?? .inOrde)
    }
}

/// Chooses one contractor, by KvK number or by one of its agreements.
struct ContractorSelection: ParsableArguments {
    @Option(help: ArgumentHelp("The contractor's KvK number (8 digits).", valueName: "kvk"))
    var contractor: String?

    @Option(help: ArgumentHelp("An agreement id; the contractor holding it is judged on that agreement and its meldingen.", valueName: "id"))
    var agreement: String?

    func validate() throws {
        guard (contractor == nil) != (agreement == nil) else {
            throw ValidationError("Name a contractor with --contractor KVK, or an agreement with --agreement ID.")
        }
        if let contractor, KvKNumber(contractor) == nil {
            throw ValidationError("--contractor takes a KvK number of exactly 8 digits, such as 01234567.")
        }
    }

    func briefing(_ result: AuditResult) throws -> ContractorBriefing {
        guard let briefing = ContractorBriefing(result, kvk: contractor, agreementID: agreement) else {
            printToStandardError("error: \(contractor.map { "no contractor with KvK \($0)" } ?? "no agreement \(agreement ?? "")") in \(result.request.registerFile)")
            throw ExitCode(2)
        }
        return briefing
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Before contract talks: may we contract this organisation, and on what conditions?",
        discussion: """
            Says contracteerbaar, contracteerbaar onder voorwaarden or niet contracteerbaar, with every \
            condition not met and what to ask the contractor for. Exit status as for audit.

            Examples:
              compliance-audit check --contractor 03456789
              compliance-audit check --agreement INK-2017-0015 --profile rotterdam
            """
    )

    @OptionGroup var selection: ContractorSelection
    @OptionGroup var input: AuditInputOptions
    @OptionGroup var report: ReportOptions

    func run() throws {
        let briefing = try selection.briefing(try input.run())
        try report.emit(briefing, text: briefing.checkText(report.lang))
    }
}

struct BriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "Before an accountgesprek: a one-page briefing with a proposed agenda.",
        discussion: """
            The contractor's agreements, findings, expected versus actual meldingen, and an agenda of \
            talking points built from the findings' advice, most severe first. --format html prints \
            on one A4 page. Exit status as for audit.

            Example:
              compliance-audit brief --contractor 07890123
              compliance-audit brief --contractor 07890123 --format html --output brief.html
            """
    )

    @OptionGroup var selection: ContractorSelection
    @OptionGroup var input: AuditInputOptions
    @OptionGroup var report: ReportOptions

    func run() throws {
        let briefing = try selection.briefing(try input.run())
        try report.emit(briefing, text: briefing.briefText(report.lang))
    }
}

extension ReportOptions {
    /// Writes one contractor's briefing in the chosen format (`text` as given) and sets the exit status.
    func emit(_ briefing: ContractorBriefing, text: String) throws {
        switch format {
        case .text: try emit(Data(text.utf8))
        case .json: try emit(try briefing.json())
        case .csv: try emit(CSVReport(separator: Character(csvSeparator), language: lang).render([briefing.contractor]))
        case .html: try emit(Data(HTMLReport.brief(briefing, language: lang).utf8))
        }
        try exitStatus(worst: Verdict(id: briefing.contractor.verdict))
    }
}

extension Verdict {
    init(id: String) {
        self = Severity(rawValue: id).map(Verdict.severity) ?? .inOrde
    }
}
