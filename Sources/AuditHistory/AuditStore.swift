import ComplianceAudit
import ComplianceRules
import Crypto
import Foundation
import GRDB
import GRDBSQLite

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every audit kept in one SQLite database (GRDB), so the handhaving cycle can be followed from
/// year to year: runs, their contractors, findings, meldingen, indicators and the municipality's
/// tasks, and the indringend gesprekken with what was agreed. Only the report model is stored:
/// never a case key or any melding-level record.
///
/// ```swift
/// let store = try AuditStore(path: AuditStore.defaultPath)
/// let outcome = try store.save(report)
/// ```
public final class AuditStore: Sendable {
    public let path: String
    private let pool: DatabasePool

    /// Where the database lives by default: `$COMPLIANCE_AUDIT_DB`, or `history.sqlite` under the
    /// user's data directory (`$XDG_DATA_HOME` or `~/.local/share` on Linux, Application Support on macOS).
    public static var defaultPath: String {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["COMPLIANCE_AUDIT_DB"], !path.isEmpty { return path }
        #if os(macOS)
        let base = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent("Library/Application Support").path
        #else
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share").path
        #endif
        return base + "/compliance-audit/history.sqlite"
    }

    /// Opens the database, creating it (owner-only: the file 0600, a new directory 0700) and
    /// migrating it to the current schema. A second writer waits up to ten seconds.
    public init(path: String) throws {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: directory) {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        if !FileManager.default.fileExists(atPath: path) {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            if descriptor >= 0 { close(descriptor) }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
    }

    /// The schema, one migration a version, each with a string id and never edited once released.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-runs") { db in
            try db.create(table: "run") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("identity", .text).notNull().unique()
                table.column("municipality", .text).notNull()
                table.column("referenceDate", .text).notNull()
                table.column("profile", .text).notNull()
                table.column("ruleSetVersion", .text).notNull()
                table.column("toolVersion", .text).notNull()
                table.column("storedAt", .text).notNull()
                table.column("report", .blob).notNull()
            }
            try db.create(table: "contractor") { table in
                table.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                table.column("kvk", .text).notNull()
                table.column("name", .text).notNull()
                table.column("verdict", .text).notNull()
                table.column("decision", .text).notNull()
                table.primaryKey(["runId", "kvk"])
            }
            try db.create(table: "finding") { table in
                table.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                table.column("findingId", .text).notNull()
                table.column("kvk", .text).notNull()
                table.column("agreementId", .text)
                table.column("source", .text)
                table.column("ruleId", .text).notNull()
                table.column("status", .text).notNull()
                table.column("severity", .text).notNull()
                table.primaryKey(["runId", "findingId"])
            }
            try db.create(table: "meldingen") { table in
                table.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                table.column("kvk", .text).notNull()
                table.column("source", .text).notNull()
                table.column("expected", .double)
                table.column("actual", .integer)
                table.column("level", .text).notNull()
                table.column("outcome", .text).notNull()
                table.primaryKey(["runId", "kvk", "source"])
            }
            try db.create(table: "indicator") { table in
                table.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                table.column("indicatorId", .text).notNull()
                table.column("value", .double)
                table.column("target", .text)
                table.column("met", .boolean)
                table.primaryKey(["runId", "indicatorId"])
            }
            try db.create(table: "task") { table in
                table.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                table.column("taskId", .text).notNull()
                table.column("kind", .text).notNull()
                table.column("agreementId", .text).notNull()
                table.column("kvk", .text).notNull()
                table.column("due", .text).notNull()
                table.primaryKey(["runId", "taskId"])
            }
            try db.create(table: "gesprek") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("municipality", .text).notNull()
                table.column("kvk", .text).notNull()
                table.column("agreementId", .text)
                table.column("date", .text).notNull()
                table.column("outcome", .text).notNull()
            }
            try db.create(table: "gesprekAction") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("gesprekId", .integer).notNull().references("gesprek", onDelete: .cascade)
                table.column("action", .text).notNull()
                table.column("due", .text).notNull()
            }
        }
        migrator.registerMigration("v2-lenient") { db in
            // A lenient run left invalid records out; earlier runs were all strict.
            try db.alter(table: "run") { table in
                table.add(column: "lenient", .boolean).notNull().defaults(to: false)
            }
        }
        migrator.registerMigration("v3-finding-words") { db in
            // A finding's rule title and problem as its report had them, so that a diff names what
            // is new and resolved; earlier runs have none (a diff gives their counts only).
            try db.alter(table: "finding") { table in
                table.add(column: "title", .text)
                table.add(column: "problem", .text)
            }
        }
        return migrator
    }

    /// What saving a report did.
    public enum SaveOutcome: Equatable, Sendable {
        case stored(runId: Int64)
        /// The same inputs and rules were stored before: nothing new was recorded.
        case alreadyStored(runId: Int64)
    }

    /// A run's identity: its inputs' digests and the rule set's version. Auditing the same files
    /// with the same rules again is the same run.
    static func identity(of report: AuditReport) -> String {
        let inputs = report.run.inputs.filter { $0.kind == .register || $0.kind == .meldingen }
            .map { "\($0.kind.rawValue) \($0.sha256)" }.sorted()
        let text = (inputs + ["rules \(report.run.ruleSetVersion)"]).joined(separator: "\n")
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// What takes over the JSON a save made: it calls the function it is given with a sink.
    public typealias JSONReuse = (_ writeJSON: (ReportSink) throws -> Void) throws -> Void

    /// Stores a report, in one transaction: a process killed while writing leaves nothing half-stored.
    ///
    /// `reusingJSON`, when given, is handed the JSON made for the database once the transaction
    /// is over — the bytes `JSONReporter` writes for `report`, the same in every language — to
    /// write wherever the caller writes its report, so that an audit asked for as JSON is not
    /// made twice. It is not called when the run
    /// was found stored before its JSON was made; the caller then writes its report itself.
    @discardableResult
    public func save(_ report: AuditReport, storedAt: Date = Date(),
                     reusingJSON: JSONReuse? = nil) throws -> SaveOutcome {
        let identity = Self.identity(of: report)
        let storedBefore = { (db: Database) in try Int64.fetchOne(db, sql: "SELECT id FROM run WHERE identity = ?", arguments: [identity]) }
        if let existing = try pool.read(storedBefore) { return .alreadyStored(runId: existing) }
        // The report's own JSON writer (the same document as JSONEncoder's) writes it to a file of
        // no name, which is then copied into the database a piece at a time: a national report,
        // hundreds of megabytes, is never held in memory whole.
        let json = try ReportScratchFile(beside: path)
        try ReportFile.stream(to: json.descriptor, path: json.path) { try JSONReporter().write(.audit(report), RenderSettings(), to: $0) }
        let outcome = try pool.write { db -> SaveOutcome in
            if let existing = try storedBefore(db) { return .alreadyStored(runId: existing) }
            try db.execute(sql: """
                INSERT INTO run (identity, municipality, referenceDate, profile, ruleSetVersion, toolVersion, storedAt, report, lenient)
                VALUES (?, ?, ?, ?, ?, ?, ?, zeroblob(?), ?)
                """, arguments: [identity, report.run.municipality, report.run.referenceDate, report.run.profile,
                                 report.run.ruleSetVersion, report.run.toolVersion, ISO8601DateFormatter().string(from: storedAt),
                                 try json.size(), report.run.lenient])
            let runId = db.lastInsertedRowID
            try json.copy(into: db, table: "run", column: "report", row: runId)
            // One prepared statement per table, run once per row.
            let contractorRow = try db.cachedStatement(sql: "INSERT INTO contractor (runId, kvk, name, verdict, decision) VALUES (?, ?, ?, ?, ?)")
            let findingRow = try db.cachedStatement(sql: """
                INSERT INTO finding (runId, findingId, kvk, agreementId, source, ruleId, status, severity, title, problem)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let meldingenRow = try db.cachedStatement(sql: """
                INSERT INTO meldingen (runId, kvk, source, expected, actual, level, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            // The entries a batch at a time, made on worker threads a few batches ahead of these inserts.
            try report.contractors.inBatches { batch in
                for contractor in batch {
                    try contractorRow.execute(arguments: [runId, contractor.kvk, contractor.name, contractor.verdict.rawValue,
                                                          contractor.decision.rawValue])
                    for finding in contractor.findings {
                        try findingRow.execute(arguments: [runId, finding.id, contractor.kvk, finding.agreementId, finding.source?.rawValue,
                                                           finding.ruleId, finding.status.rawValue, finding.severity.rawValue,
                                                           finding.title, finding.problem])
                    }
                    for entry in contractor.meldingen {
                        try meldingenRow.execute(arguments: [runId, contractor.kvk, entry.source.rawValue,
                                                             entry.expected.map { NSDecimalNumber(decimal: $0).doubleValue },
                                                             entry.actual, entry.level.rawValue, entry.outcome.rawValue])
                    }
                }
            }
            for indicator in report.indicators {
                try db.execute(sql: "INSERT INTO indicator (runId, indicatorId, value, target, met) VALUES (?, ?, ?, ?, ?)",
                               arguments: [runId, indicator.id.rawValue, indicator.value.map { NSDecimalNumber(decimal: $0).doubleValue },
                                           indicator.target, indicator.met])
            }
            let taskRow = try db.cachedStatement(sql: "INSERT INTO task (runId, taskId, kind, agreementId, kvk, due) VALUES (?, ?, ?, ?, ?, ?)")
            for task in report.municipalityTasks {
                try taskRow.execute(arguments: [runId, task.id, task.kind.rawValue, task.agreementId, task.kvk, task.due])
            }
            return .stored(runId: runId)
        }
        try reusingJSON?(json.write(to:))
        return outcome
    }

    /// One stored run, as `history` lists it.
    public struct RunSummary: Sendable, Equatable {
        public let id: Int64
        public let municipality: String
        public let referenceDate: String
        public let profile: String
        public let ruleSetVersion: String
        public let storedAt: String
        /// Contractors per verdict id.
        public let verdicts: [String: Int]
    }

    /// The runs, oldest reference date first; one municipality's when named.
    public func runs(municipality: String? = nil) throws -> [RunSummary] {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, municipality, referenceDate, profile, ruleSetVersion, storedAt FROM run
                WHERE ? IS NULL OR municipality = ? ORDER BY municipality, referenceDate, id
                """, arguments: [municipality, municipality])
            return try rows.map { row in
                let id: Int64 = row["id"]
                var verdicts: [String: Int] = [:]
                for verdictRow in try Row.fetchAll(db, sql: "SELECT verdict, COUNT(*) AS n FROM contractor WHERE runId = ? GROUP BY verdict",
                                                   arguments: [id]) {
                    verdicts[verdictRow["verdict"]] = verdictRow["n"]
                }
                return RunSummary(id: id, municipality: row["municipality"], referenceDate: row["referenceDate"], profile: row["profile"],
                                  ruleSetVersion: row["ruleSetVersion"], storedAt: row["storedAt"], verdicts: verdicts)
            }
        }
    }

    /// The stored report of a run.
    public func report(run id: Int64) throws -> AuditReport? {
        let data = try pool.read { db in try Data.fetchOne(db, sql: "SELECT report FROM run WHERE id = ?", arguments: [id]) }
        return try data.map { try JSONDecoder().decode(AuditReport.self, from: $0) }
    }

    /// Whether the run judged the contractor with this KvK number.
    public func contains(contractor kvk: String, run id: Int64) throws -> Bool {
        try pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM contractor WHERE runId = ? AND kvk = ?)", arguments: [id, kvk]) ?? false
        }
    }

    /// A stored run as a diff reads it, from the tables (its report is not decoded): its
    /// contractors in report order with their verdicts and the findings they are held to, and its
    /// indicators. Nil when there is no such run.
    public func snapshot(run id: Int64) throws -> RunDiff.Snapshot? {
        try pool.read { db in
            guard let run = try Row.fetchOne(db, sql: "SELECT municipality, referenceDate FROM run WHERE id = ?", arguments: [id]) else {
                return nil
            }
            var held: [String: Set<String>] = [:]
            var waived: [String: Set<String>] = [:]
            var names: [String: [String: RunDiff.FindingName]] = [:]
            var severities: [String: [String: Severity]] = [:]
            let findings = try Row.fetchCursor(db, sql: """
                SELECT kvk, findingId, agreementId, source, status, severity, title, problem FROM finding WHERE runId = ?
                """, arguments: [id])
            while let row = try findings.next() {
                if let status = ResultStatus(rawValue: row["status"]), PriorAudits.isHeld(status) {
                    let (kvk, findingId): (String, String) = (row["kvk"], row["findingId"])
                    held[kvk, default: []].insert(findingId)
                    if status == .waived { waived[kvk, default: []].insert(findingId) }
                    severities[kvk, default: [:]][findingId] = Severity(rawValue: row["severity"])
                    if let title: String = row["title"] {
                        names[kvk, default: [:]][findingId] = RunDiff.FindingName(
                            id: findingId, agreementId: row["agreementId"], source: (row["source"] as String?).flatMap(MeldingSource.init(rawValue:)),
                            status: status, title: title, problem: row["problem"])
                    }
                }
            }
            let contractors = try Row.fetchAll(db, sql: "SELECT kvk, name, verdict FROM contractor WHERE runId = ? ORDER BY rowid",
                                               arguments: [id]).compactMap { row -> RunDiff.Snapshot.Contractor? in
                guard let verdict = Verdict(rawValue: row["verdict"]) else { return nil }
                let kvk: String = row["kvk"]
                return RunDiff.Snapshot.Contractor(kvk: kvk, name: row["name"], verdict: verdict, held: held[kvk] ?? [],
                                                   waived: waived[kvk] ?? [], names: names[kvk] ?? [:], severities: severities[kvk] ?? [:])
            }
            let indicators = try Row.fetchAll(db, sql: "SELECT indicatorId, value FROM indicator WHERE runId = ? ORDER BY rowid",
                                              arguments: [id]).compactMap { row -> (id: Indicator, value: Decimal?)? in
                guard let indicator = Indicator(rawValue: row["indicatorId"]) else { return nil }
                let value: Double? = row["value"]
                return (indicator, value.map { PriorAudits.indicatorValue(indicator, stored: $0) })
            }
            return RunDiff.Snapshot(runId: id, municipality: run["municipality"], referenceDate: run["referenceDate"],
                                    contractors: contractors, indicators: indicators)
        }
    }

    /// The earlier audits of a municipality (a reference date before `referenceDate`; of several
    /// runs for one date, the last stored), newest first, as an audit's history needs them: read
    /// from the tables a row at a time, without decoding their reports.
    public func priorAudits(municipality: String, before referenceDate: String) throws -> PriorAudits {
        try pool.read { db in
            var lastOfDate: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT id, referenceDate FROM run WHERE municipality = ? AND referenceDate < ? ORDER BY referenceDate, id
                """, arguments: [municipality, referenceDate]) {
                lastOfDate[row["referenceDate"]] = row["id"]
            }
            var prior = PriorAudits()
            for date in lastOfDate.keys.sorted(by: >) {
                let runId = lastOfDate[date]!
                prior.beginEarlierAudit(referenceDate: date)
                let findings = try Row.fetchCursor(db, sql: "SELECT findingId, status FROM finding WHERE runId = ?", arguments: [runId])
                while let row = try findings.next() {
                    if let status = ResultStatus(rawValue: row["status"]), PriorAudits.isHeld(status) { prior.held(row["findingId"]) }
                }
                let meldingen = try Row.fetchCursor(db, sql: "SELECT kvk, source, expected, actual FROM meldingen WHERE runId = ?",
                                                    arguments: [runId])
                while let row = try meldingen.next() {
                    guard let source = MeldingSource(rawValue: row["source"]) else { continue }
                    prior.meldingen(kvk: row["kvk"], source: source, storedExpected: row["expected"], actual: row["actual"])
                }
                guard prior.count == 1 else { continue }
                for taskId in try String.fetchAll(db, sql: "SELECT taskId FROM task WHERE runId = ?", arguments: [runId]) {
                    prior.openTask(taskId)
                }
                for row in try Row.fetchAll(db, sql: "SELECT indicatorId, value FROM indicator WHERE runId = ?", arguments: [runId]) {
                    if let id = Indicator(rawValue: row["indicatorId"]) { prior.indicator(id, storedValue: row["value"]) }
                }
            }
            return prior
        }
    }

    /// Records an indringend gesprek, with what was agreed and by when.
    @discardableResult
    public func record(_ gesprek: Gesprek) throws -> Int64 {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO gesprek (municipality, kvk, agreementId, date, outcome) VALUES (?, ?, ?, ?, ?)",
                           arguments: [gesprek.municipality, gesprek.kvk, gesprek.agreementId, gesprek.date, gesprek.outcome])
            let id = db.lastInsertedRowID
            for action in gesprek.actions {
                try db.execute(sql: "INSERT INTO gesprekAction (gesprekId, action, due) VALUES (?, ?, ?)",
                               arguments: [id, action.text, action.due])
            }
            return id
        }
    }

    /// The gesprekken recorded, oldest first; one contractor's when named.
    public func gesprekken(kvk: String? = nil) throws -> [Gesprek] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM gesprek WHERE ? IS NULL OR kvk = ? ORDER BY date, id", arguments: [kvk, kvk]).map { row in
                let id: Int64 = row["id"]
                let actions = try Row.fetchAll(db, sql: "SELECT action, due FROM gesprekAction WHERE gesprekId = ? ORDER BY id", arguments: [id])
                    .map { Gesprek.Action(text: $0["action"], due: $0["due"]) }
                return Gesprek(municipality: row["municipality"], kvk: row["kvk"], agreementId: row["agreementId"], date: row["date"],
                               outcome: row["outcome"], actions: actions)
            }
        }
    }

    /// The gesprekken of one municipality as the report's follow-up takes them.
    /// The gesprekken recorded for any of `municipalities`: a regional run asks for the region's
    /// name and for each of its municipalities, so that a gesprek Groningen recorded with a
    /// contractor is on the region's briefing too.
    public func followUpEntries(municipalities: [String]) throws -> [FollowUp.GesprekEntry] {
        let wanted = Set(municipalities)
        return try gesprekken().filter { wanted.contains($0.municipality) }.map { gesprek in
            FollowUp.GesprekEntry(kvk: gesprek.kvk, agreementId: gesprek.agreementId, date: gesprek.date, outcome: gesprek.outcome,
                                  actions: gesprek.actions.map { FollowUp.ActionEntry(text: $0.text, due: $0.due) })
        }
    }

    /// Runs a read-only SQL query, for tests and inspection.
    func rows(_ sql: String) throws -> [Row] {
        try pool.read { db in try Row.fetchAll(db, sql: sql) }
    }
}

/// An indringend gesprek and what was agreed in it. The outcome is the officer's own words: no
/// personal data, no melding-level data.
public struct Gesprek: Sendable, Equatable {
    public struct Action: Sendable, Equatable {
        public let text: String
        /// ISO date.
        public let due: String

        public init(text: String, due: String) {
            self.text = text
            self.due = due
        }
    }

    public let municipality: String
    public let kvk: String
    public let agreementId: String?
    /// ISO date.
    public let date: String
    public let outcome: String
    public let actions: [Action]

    public init(municipality: String, kvk: String, agreementId: String?, date: String, outcome: String, actions: [Action]) {
        self.municipality = municipality
        self.kvk = kvk
        self.agreementId = agreementId
        self.date = date
        self.outcome = outcome
        self.actions = actions
    }
}
