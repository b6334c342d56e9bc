import ArgumentParser
import AuditHistory
import ComplianceAudit
import ComplianceRules
import Foundation

/// Where the history database is; shared by every command that reads or writes it.
struct DatabaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The history database (default: $COMPLIANCE_AUDIT_DB, or compliance-audit/history.sqlite in the user's data directory).",
        valueName: "file"))
    var db: String?

    var path: String { db ?? AuditStore.defaultPath }

    /// Reads the history into the report when a history database exists (it is never created just
    /// to be read), as an audit that stores itself does: so a check or a briefing judges a
    /// contractor as the year's audit did, repeated findings raised by the profile's escalation.
    func applyHistoryIfPresent(to report: inout AuditReport, escalation: Profile.Escalation?) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let store = try open()
        do {
            try Self.applyHistory(from: store, to: &report, escalation: escalation)
        } catch {
            printToStandardError("\(path): error: cannot read the history database: \(error)")
            throw ExitCode(2)
        }
    }

    /// Marks the findings found in earlier audits of the municipality (raised where the profile's
    /// escalation says so) and adds the follow-up of the gesprekken recorded for it (in a regional
    /// run: for the region or any of its municipalities).
    static func applyHistory(from store: AuditStore, to report: inout AuditReport, escalation: Profile.Escalation?) throws {
        report.applyHistory(try store.priorAudits(municipality: report.run.municipality, before: report.run.referenceDate),
                            escalation: escalation)
        report.followUp = FollowUp(report, gesprekken: try store.followUpEntries(municipalities: report.followUpMunicipalities))
    }

    /// Opens the store, or says why not and exits with 2.
    func open() throws -> AuditStore {
        do {
            return try AuditStore(path: path)
        } catch {
            printToStandardError("\(path): error: cannot open the history database: \(error)")
            throw ExitCode(2)
        }
    }
}

/// Whether and where `audit` keeps its report.
struct StoreOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Do not keep this audit in the history database (an existing one is still read, as check and brief read it).")
    var noStore = false

    /// Marks the report with the history and adds the follow-up of recorded gesprekken, then keeps
    /// the report, telling on standard error what was stored. With --no-store an existing history
    /// is read, never written, so that the report reads as the stored one would. `reusingJSON`
    /// goes to `AuditStore.save`: it is handed the stored JSON, if any was made; what it throws
    /// (writing the report) comes out as it is, not as a failure to store.
    func store(_ report: inout AuditReport, escalation: Profile.Escalation?, reusingJSON: AuditStore.JSONReuse? = nil) throws {
        guard !noStore else { return try database.applyHistoryIfPresent(to: &report, escalation: escalation) }
        var reuseError: (any Error)?
        let reuse = reusingJSON.map { reusingJSON -> AuditStore.JSONReuse in
            { writeJSON in
                do { try reusingJSON(writeJSON) } catch {
                    reuseError = error
                    throw error
                }
            }
        }
        do {
            let store = try database.open()
            try DatabaseOptions.applyHistory(from: store, to: &report, escalation: escalation)
            // A run judged against another date than the register's is a what-if, not the year's audit.
            if report.warnings.contains(where: { $0.kind == .referenceDateGiven }) {
                printToStandardError("not stored: --peildatum differs from the register's peildatum; the history keeps audits "
                    + "judged on their register's own date")
                return
            }
            switch try store.save(report, reusingJSON: reuse) {
            case .stored(let id): printToStandardError("stored as run \(id) in \(database.path)")
            case .alreadyStored(let id): printToStandardError("already stored as run \(id) (same inputs and rules): nothing new recorded")
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            if let reuseError { throw reuseError }
            printToStandardError("\(database.path): error: cannot store the audit: \(error)")
            throw ExitCode(2)
        }
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "The audits kept in the history database, oldest reference date first.",
        discussion: """
            Every audit is kept unless --no-store is given; auditing the same files with the same rules \
            again records nothing new.

            Example:
              compliance-audit history --municipality Groningen
            """)

    @Option(help: ArgumentHelp("Only this municipality's runs.", valueName: "name"))
    var municipality: String?

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let runs = try database.open().runs(municipality: municipality)
        if runs.isEmpty { print("no audits stored in \(database.path)") }
        for run in runs {
            // Verdicts in their Dutch words, domain words in every language: "indringend gesprek 6".
            let verdicts = Verdict.allCases.map { "\(ReportLanguage.nl($0)) \(run.verdicts[$0.rawValue] ?? 0)" }.joined(separator: ", ")
            print("run \(run.id): \(run.municipality), peildatum \(run.referenceDate), profile \(run.profile), rules \(run.ruleSetVersion), "
                + "stored \(run.storedAt); \(verdicts)")
        }
    }
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two stored audits: findings new, resolved and persisting, verdicts, indicators.",
        discussion: """
            Without run ids: the two latest runs of --municipality (or of the only municipality stored).

            Examples:
              compliance-audit diff
              compliance-audit diff 3 5 --format html --output diff.html
            """)

    @Argument(help: "The earlier run and the later one (see history).")
    var runs: [Int64] = []

    @Option(help: ArgumentHelp("The municipality whose two latest runs to compare.", valueName: "name"))
    var municipality: String?

    @OptionGroup var report: ReportOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard runs.isEmpty || runs.count == 2 else { throw ValidationError("Name two runs, or none for the two latest.") }
    }

    func run() throws {
        let store = try database.open()
        var pair = runs
        if pair.isEmpty {
            let all = try store.runs(municipality: municipality)
            let municipalities = Set(all.map(\.municipality))
            guard municipalities.count <= 1 else {
                throw ValidationError("The database holds several municipalities (\(municipalities.sorted().joined(separator: ", "))): name one with --municipality.")
            }
            guard all.count >= 2 else {
                printToStandardError("error: fewer than two audits stored\(municipality.map { " for \($0)" } ?? "") in \(database.path)")
                throw ExitCode(2)
            }
            pair = all.suffix(2).map(\.id)
        }
        guard let before = try store.snapshot(run: pair[0]), let after = try store.snapshot(run: pair[1]) else {
            printToStandardError("error: no run \(pair[0]) or \(pair[1]) in \(database.path)")
            throw ExitCode(2)
        }
        let diff = RunDiff(before: before, after: after)
        try report.emit(.diff(diff), worst: .inOrde)
    }
}

struct GesprekCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gesprek",
        abstract: "Records an indringend gesprek and what was agreed, or lists them.",
        discussion: """
            The outcome and actions are the officer's own words: put no personal data and nothing about \
            a child in them.

            Examples:
              compliance-audit gesprek record --contractor 07890123 --date 2018-03-14 --outcome "Meldcode besproken"
              compliance-audit gesprek list --contractor 07890123
            """,
        subcommands: [RecordGesprek.self, ListGesprekken.self])
}

struct RecordGesprek: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "record", abstract: "Records that a gesprek took place.")

    @Option(help: ArgumentHelp("The contractor's KvK number.", valueName: "kvk")) var contractor: String
    @Option(help: ArgumentHelp("The municipality whose gesprek it was (default: the only municipality whose audits are stored).",
                               valueName: "name"))
    var municipality: String?
    @Option(help: ArgumentHelp("The agreement it concerned, if one.", valueName: "id")) var agreement: String?
    @Option(help: ArgumentHelp("The day it took place (YYYY-MM-DD).", valueName: "date")) var date: String
    @Option(help: ArgumentHelp("What was concluded, in a sentence.", valueName: "text")) var outcome: String
    @Option(help: ArgumentHelp("An action agreed (repeat with --due for each).", valueName: "text")) var action: [String] = []
    @Option(help: ArgumentHelp("The due date of each --action, in the same order.", valueName: "date")) var due: [String] = []
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard let digits = KvKInput.digits(contractor), digits.count == 8 else { throw ValidationError("--contractor takes an 8-digit KvK number.") }
        guard Day(iso: date) != nil else { throw ValidationError("--date takes a date written YYYY-MM-DD.") }
        guard action.count == due.count, due.allSatisfy({ Day(iso: $0) != nil }) else {
            throw ValidationError("Give each --action a --due date (YYYY-MM-DD), in the same order.")
        }
    }

    func run() throws {
        // The database is not made for a gesprek whose municipality cannot be known.
        let stored = FileManager.default.fileExists(atPath: database.path) ? Set(try database.open().runs().map(\.municipality)) : []
        guard let municipality = municipality ?? (stored.count == 1 ? stored.first : nil) else {
            throw ValidationError(stored.isEmpty ? "No audit is stored yet: name the municipality with --municipality."
                : "The database holds several municipalities (\(stored.sorted().joined(separator: ", "))): name one with --municipality.")
        }
        let store = try database.open()
        let gesprek = Gesprek(municipality: municipality, kvk: KvKInput.digits(contractor)!, agreementId: agreement, date: date,
                              outcome: outcome, actions: zip(action, due).map { Gesprek.Action(text: $0, due: $1) })
        let id = try store.record(gesprek)
        print("gesprek \(id) recorded for \(gesprek.kvk) in \(municipality) on \(date)")
        if let warning = try Self.unknownContractor(gesprek, in: store) { printToStandardError("warning: " + warning) }
    }

    /// A mistyped KvK number would never meet its contractor's findings: says so while it can be put
    /// right, when the number is not among the contractors of the municipality's latest stored audit.
    static func unknownContractor(_ gesprek: Gesprek, in store: AuditStore) throws -> String? {
        guard let latest = try store.runs(municipality: gesprek.municipality).last,
              try !store.contains(contractor: gesprek.kvk, run: latest.id) else { return nil }
        return "KvK \(gesprek.kvk) is not among the contractors of \(gesprek.municipality)'s latest audit "
            + "(run \(latest.id), peildatum \(latest.referenceDate)); check the number"
    }
}

struct ListGesprekken: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Lists the gesprekken recorded.")

    @Option(help: ArgumentHelp("Only this contractor's.", valueName: "kvk")) var contractor: String?
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let gesprekken = try database.open().gesprekken(kvk: contractor.flatMap(KvKInput.digits))
        if gesprekken.isEmpty { print("no gesprekken recorded") }
        for gesprek in gesprekken {
            print("\(gesprek.date) \(gesprek.municipality) \(gesprek.kvk)\(gesprek.agreementId.map { " \($0)" } ?? ""): \(gesprek.outcome)")
            for action in gesprek.actions { print("  - \(action.text) (due \(action.due))") }
        }
    }
}
