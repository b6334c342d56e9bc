import ArgumentParser
import AuditHistory
import ComplianceAudit
import ComplianceRules
import Foundation

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The yearly audit: every agreement against every rule, the meldingen check and the indicators.",
        discussion: """
            Without --register and --meldingen it audits the samples (samples/register.xml, both 2017 \
            exports, and samples/waivers.yml) under the default profile. Naming a register audits \
            exactly what is named: without --meldingen the meldingen check says geen gegevens.

            Exit status: 0 when no finding reaches --fail-on (default blokkerend), 1 when one does, \
            2 on an input error (a file missing, unreadable or invalid, a broken rule file), 64 on a \
            mistake in the arguments.

            Examples:
              compliance-audit audit
              compliance-audit audit --register r.xml --meldingen vt.xml vi.xml
              compliance-audit audit --register registers/ --meldingen vt-*.xml vi-*.xml
              compliance-audit audit --profile groningen --format html --output a.html
            """
    )

    @OptionGroup var input: AuditInputOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let result = try await input.run()
        var audit = AuditReport(result)
        defer { UntilExit.keep((result, audit)) }
        // Asked for as JSON, the report is the one made for the history database: it is made once.
        var written = false
        let reuse: AuditStore.JSONReuse = { writeJSON in
            try report.write(writeJSON)
            written = true
        }
        try store.store(&audit, escalation: result.ruleSet.profile.escalation, reusingJSON: report.format == JSONReporter().id ? reuse : nil)
        try report.emit(.audit(audit), worst: audit.worstVerdict, written: written)
    }
}

/// Chooses one contractor, by KvK number or by one of its agreements.
struct ContractorSelection: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The contractor's KvK number: 8 digits, spaces allowed; 7 digits (a leading zero lost in a spreadsheet) are read with the zero.",
        valueName: "kvk"))
    var contractor: String?

    @Option(help: ArgumentHelp("An agreement id; the contractor holding it is judged on that agreement and its meldingen.", valueName: "id"))
    var agreement: String?

    func validate() throws {
        guard (contractor == nil) != (agreement == nil) else {
            throw ValidationError("Name a contractor with --contractor KVK, or an agreement with --agreement ID.")
        }
        if let contractor, KvKInput.digits(contractor) == nil {
            throw ValidationError("--contractor takes a KvK number of 8 digits, such as 01234567 or 0123 4567.")
        }
    }

    /// The contractor's KvK number as the report has it; a 7-digit number is read with its leading
    /// zero when a contractor has that number, and the user is told.
    func kvk(in report: AuditReport) -> String? {
        guard let contractor, let digits = KvKInput.digits(contractor) else { return nil }
        if digits.count == 8 { return digits }
        let padded = "0" + digits
        if report.contractors.first(kvk: padded, agreementID: nil) != nil {
            printToStandardError("note: KvK \(digits) has 7 digits; using \(padded) (a leading zero is often lost in spreadsheets)")
        }
        return padded
    }

    func check(_ report: AuditReport, registerFiles: [String]) throws -> ContractCheck {
        guard let check = ContractCheck(report, kvk: kvk(in: report), agreementID: agreement) else { throw notFound(registerFiles) }
        return check
    }

    func briefing(_ report: AuditReport, registerFiles: [String]) throws -> ContractorBriefing {
        guard let briefing = ContractorBriefing(report, kvk: kvk(in: report), agreementID: agreement) else { throw notFound(registerFiles) }
        return briefing
    }

    private func notFound(_ registerFiles: [String]) -> Error {
        notFoundMessages(registerFiles).forEach(printToStandardError)
        return ExitCode(2)
    }

    /// The error when no contractor or agreement matches, and for a contractor how an organisation
    /// that is not contracted yet is checked: from a register that holds the agreement intended.
    func notFoundMessages(_ registerFiles: [String]) -> [String] {
        let registers = registerFiles.count == 1 ? registerFiles[0] : "\(registerFiles.count) registers"
        guard let contractor else { return ["\(registers): error: no agreement \(agreement ?? "")"] }
        return ["\(registers): error: no contractor with KvK \(contractor)",
                "note: to check an organisation that is not contracted yet, enter the agreement intended, with the evidence "
                    + "it supplies, in a register (compliance-audit register template --out candidate.xlsx) and name it with --register"]
    }
}

/// A KvK number as people type it.
enum KvKInput {
    /// The digits of `text` without spaces, dots or dashes, when they are 7 or 8 digits.
    static func digits(_ text: String) -> String? {
        let digits = text.filter { !" .-".contains($0) }
        guard (7...8).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return digits
    }
}

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Before contract talks: may we contract this organisation, and on what conditions?",
        discussion: """
            Writes a decision document (Toets voor contractering): contracteerbaar, contracteerbaar \
            onder voorwaarden or niet contracteerbaar first, then every condition not met with what \
            to ask the contractor for; then the conditions the agreement does not contain yet that \
            the organisation would not meet if it did (they do not change the decision, which \
            judges what is agreed). To check an organisation not contracted yet, enter the agreement \
            intended in a register (register template). Input, waivers and exit status as for audit; the history \
            database is read as the audit reads it (repeated findings, raised as the profile says), \
            never written.

            Examples:
              compliance-audit check --contractor 03456789
              compliance-audit check --agreement INK-2017-0015 --format html --output c.html
            """
    )

    @OptionGroup var selection: ContractorSelection
    @OptionGroup var input: AuditInputOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let result = try await input.run()
        var audit = AuditReport(result)
        defer { UntilExit.keep((result, audit)) }
        try database.applyHistoryIfPresent(to: &audit, escalation: result.ruleSet.profile.escalation)
        let check = try selection.check(audit, registerFiles: result.request.registerFiles)
        try report.emit(.check(check), worst: check.verdict)
    }
}

struct BriefCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "Before an accountgesprek: a one-page briefing with a proposed agenda.",
        discussion: """
            The last indringend gesprek recorded in the history database and what was agreed; an \
            agenda of what is wrong and what to ask, most severe first, each point saying whether it was \
            found in earlier audits (and raised, as the profile says); the municipality's own tasks; \
            then the contractor's agreements and its expected versus actual meldingen. --format html \
            prints on one A4 page. Input, waivers and exit status as for audit.

            Examples:
              compliance-audit brief --contractor 07890123
              compliance-audit brief --contractor 07890123 --format html --output b.html
            """
    )

    @OptionGroup var selection: ContractorSelection
    @OptionGroup var input: AuditInputOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let result = try await input.run()
        var audit = AuditReport(result)
        defer { UntilExit.keep((result, audit)) }
        try database.applyHistoryIfPresent(to: &audit, escalation: result.ruleSet.profile.escalation)
        let briefing = try selection.briefing(audit, registerFiles: result.request.registerFiles)
        try report.emit(.brief(briefing), worst: briefing.contractor.verdict)
    }
}
