@testable import AuditHistory
@testable import ComplianceAudit
import ComplianceRules
import Foundation
import GRDB
import TestSupport
import Testing

private let repository: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url
}()

private func path(_ relative: String) -> String { repository.appendingPathComponent(relative).path }

private func scratchStore() throws -> (AuditStore, String) {
    let file = Scratch.directory("history").appendingPathComponent("db/history.sqlite").path
    return (try AuditStore(path: file), file)
}

private func sampleReport(register: String = "samples/register.xml", meldingen: [String]? = nil) async throws -> AuditReport {
    let exports = meldingen ?? ["samples/veilig-thuis-2017.xml", "samples/verwijsindex-2017.xml"]
    return AuditReport(try await Audit.run(AuditRequest(registerFile: path(register), meldingenFiles: exports.map(path),
                                                  rules: RuleSetLoader(waiversFile: path("samples/waivers.yml")))))
}

extension AuditStore {
    /// The stored reports of a municipality before a reference date, oldest first (the last stored
    /// for each date), decoded whole: what the tables read by `priorAudits` are checked against.
    func previousReports(municipality: String, before referenceDate: String) throws -> [AuditReport] {
        var lastOfDate: [String: Int64] = [:]
        for run in try runs(municipality: municipality) where run.referenceDate < referenceDate { lastOfDate[run.referenceDate] = run.id }
        return try lastOfDate.keys.sorted().compactMap { try report(run: lastOfDate[$0]!) }
    }
}

@Suite("The history database")
struct AuditStoreTests {
    @Test("an audit is stored once: the same inputs and rules again record nothing new")
    func idempotent() async throws {
        let (store, _) = try scratchStore()
        let report = try await sampleReport()
        guard case .stored(let id) = try store.save(report) else { Issue.record("not stored"); return }
        #expect(try store.save(report) == .alreadyStored(runId: id))
        #expect(try store.runs().count == 1)
        #expect(try store.report(run: id) == report)
    }

    @Test("a lenient run is marked as such in the history, a strict one not")
    func lenientIsStored() async throws {
        let (store, file) = try scratchStore()
        var report = try await sampleReport()
        try store.save(report)
        report.run.lenient = true
        report.run.inputs[0] = InputFile(kind: .register, path: "other.xml", sha256: String(repeating: "0", count: 64))
        guard case .stored(let id) = try store.save(report) else { Issue.record("not stored"); return }
        #expect(try store.report(run: id)?.run.lenient == true)
        let flags = try await DatabaseQueue(path: file).read { db in try Bool.fetchAll(db, sql: "SELECT lenient FROM run ORDER BY id") }
        #expect(flags == [false, true])
    }

    @Test("history lists runs with their verdict counts, per municipality")
    func history() async throws {
        let (store, _) = try scratchStore()
        try await store.save(try sampleReport())
        try await store.save(try sampleReport(meldingen: ["samples/veilig-thuis-2017.xml"]))
        let runs = try store.runs(municipality: "Groningen")
        #expect(runs.count == 2)
        #expect(runs.first?.verdicts.values.reduce(0, +) == 34)
        #expect(try store.runs(municipality: "Utrecht").isEmpty)
    }

    @Test("the database file is owner-only, its new directory too")
    func permissions() throws {
        let (_, file) = try scratchStore()
        let fileMode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        let directoryMode = try FileManager.default.attributesOfItem(atPath: URL(fileURLWithPath: file).deletingLastPathComponent().path)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(directoryMode == 0o700)
    }

    @Test("a diff names new, resolved and persisting findings and the verdict change")
    func diff() async throws {
        let (store, _) = try scratchStore()
        let withVerwijsindex = try await sampleReport()
        let withoutVerwijsindex = try await sampleReport(meldingen: ["samples/veilig-thuis-2017.xml"])
        guard case .stored(let first) = try store.save(withVerwijsindex), case .stored(let second) = try store.save(withoutVerwijsindex)
        else { Issue.record("not stored"); return }
        let diff = RunDiff(before: try #require(try store.report(run: first)), beforeId: first,
                           after: try #require(try store.report(run: second)), afterId: second)
        let noorderland = try #require(diff.contractors.first { $0.kvk == "06789012" })
        #expect(noorderland.resolved == ["MELDINGEN-ACHTERSTAND/06789012/verwijsindex"])
        #expect(noorderland.persisting == ["VERWIJSINDEX-AANGESLOTEN/SUB-2017-0006"])
        #expect(noorderland.new.isEmpty)
        #expect(diff.indicators.first { $0.id == .signalen }?.after == nil)
        #expect(diff.text().contains("Noorderland College (KvK 06789012): indringend gesprek → indringend gesprek"))
    }

    @Test("gesprekken are kept with their actions")
    func gesprekken() throws {
        let (store, _) = try scratchStore()
        try store.record(Gesprek(municipality: "Groningen", kvk: "07890123", agreementId: nil, date: "2018-03-14",
                                 outcome: "Meldcode besproken", actions: [.init(text: "Scholing plannen", due: "2018-06-01")]))
        let kept = try store.gesprekken(kvk: "07890123")
        #expect(kept.count == 1)
        #expect(kept.first?.actions == [Gesprek.Action(text: "Scholing plannen", due: "2018-06-01")])
        #expect(try store.gesprekken(kvk: "01234567").isEmpty)
    }

    @Test("a regional run finds the gesprekken each of its municipalities recorded, and no other municipality's")
    func regionalFollowUp() async throws {
        let (store, _) = try scratchStore()
        let report = AuditReport(try await Audit.run(AuditRequest(
            registerFiles: [path("samples/register.xml"), path("samples/regio/register-ten-boer.xml")],
            meldingenFiles: [path("samples/veilig-thuis-2017.xml")])))
        #expect(report.followUpMunicipalities == ["Groningen, Ten Boer", "Groningen", "Ten Boer"])
        for municipality in ["Groningen", "Ten Boer", "Haren"] {
            try store.record(Gesprek(municipality: municipality, kvk: "07890123", agreementId: nil, date: "2017-11-14",
                                     outcome: "Gesprek in \(municipality)", actions: []))
        }
        let found = try store.followUpEntries(municipalities: report.followUpMunicipalities).map(\.outcome)
        #expect(found.sorted() == ["Gesprek in Groningen", "Gesprek in Ten Boer"])
        let single = try await sampleReport()
        #expect(single.followUpMunicipalities == ["Groningen"])
    }

    @Test("a database written by the first schema opens with the current code, its data intact")
    func firstSchema() throws {
        let fixture = try #require(Bundle.module.url(forResource: "v1-runs", withExtension: "sqlite", subdirectory: "Fixtures"))
        let copy = Scratch.file("v1-runs.sqlite")
        try FileManager.default.copyItem(at: fixture, to: copy)
        let store = try AuditStore(path: copy.path)
        let runs = try store.runs()
        #expect(runs.count == 1)
        #expect(try store.report(run: runs[0].id)?.run.municipality == "Groningen")
        #expect(try store.gesprekken().count == 1)
        // Its findings were stored without their words: a diff gives their counts, and names none.
        let snapshot = try #require(try store.snapshot(run: runs[0].id))
        #expect(snapshot.contractors.contains { !$0.held.isEmpty })
        #expect(snapshot.contractors.allSatisfy { $0.names.isEmpty })
    }

    @Test("no case key or melding id is stored in any table")
    func privacy() async throws {
        var keys = Set<String>()
        for file in ["samples/veilig-thuis-2017.xml", "samples/verwijsindex-2017.xml"] {
            let export = try String(contentsOfFile: path(file), encoding: .utf8)
            keys.formUnion(export.matches(of: #/case="([0-9a-f]+)"/#).map { String($0.1) })
        }
        let (store, file) = try scratchStore()
        try await store.save(try sampleReport())
        let queue = try DatabaseQueue(path: file)
        let tables = try await queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        var text = ""
        for table in tables {
            for row in try queue.read({ db in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"") }) {
                for value in row.databaseValues {
                    if let data = Data.fromDatabaseValue(value) { text += String(decoding: data, as: UTF8.self) } else { text += "\(value) " }
                }
            }
        }
        #expect(text.count > 10_000)
        #expect(!keys.contains { text.contains($0) })
        #expect(!text.contains("VT-2017-") && !text.contains("VI-2017-"))
    }
}

@Suite("The history database under a killed writer")
struct KilledWriterTests {
    @Test("a process killed while auditing and storing leaves the database consistent")
    func killedMidWrite() throws {
        let binary = repository.appendingPathComponent(".build/debug/compliance-audit").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the tool first (swift build)")
        let file = Scratch.directory("killed").appendingPathComponent("history.sqlite").path
        let variants: [[String]] = [[], ["--profile", "groningen"], ["--profile", "rotterdam"]].flatMap { profile in
            [["--meldingen", path("samples/veilig-thuis-2017.xml"), path("samples/verwijsindex-2017.xml")],
             ["--meldingen", path("samples/veilig-thuis-2017.xml")], []].map { profile + $0 }
        }
        func audit(into database: String, _ variant: [String]) throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["audit", "--register", path("samples/register.xml"), "--db", database, "--output", "/dev/null",
                                 "--fail-on", "never"] + variant
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        // The kills fall anywhere in a run or just after it, by how long an audit that stores takes
        // on this machine now (about 0.2 s here, where a fixed range of delays killed too few).
        let start = Date()
        let probe = try audit(into: Scratch.directory("killed-probe").appendingPathComponent("history.sqlite").path, variants[0])
        probe.waitUntilExit()
        try #require(probe.terminationStatus == 0, "an uninterrupted audit fails")
        let runTime = Date().timeIntervalSince(start)
        var random = SystemRandomNumberGenerator()
        var killed = 0
        for round in 0..<18 {
            let process = try audit(into: file, variants[round % variants.count])
            usleep(UInt32(Double.random(in: 0.02...1.3, using: &random) * runTime * 1_000_000))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
            let store = try AuditStore(path: file)
            let check = try store.rows("PRAGMA integrity_check").first.map { String(describing: $0[0] as DatabaseValue) }
            #expect(check == "\"ok\"" || check == "ok", "round \(round): \(check ?? "nothing")")
            // Every stored run is whole: its contractors were written with it.
            for run in try store.runs() { #expect(run.verdicts.values.reduce(0, +) == 34, "round \(round): run \(run.id) is partial") }
        }
        #expect(killed > 0, "no process was killed: the delays are too long for this machine")
    }
}

@Suite("Two years of the samples")
struct TwoYearTests {
    @Test("2016 to 2017: Elkerstroom improved after its gesprek, Noorderland's alarm persists and is raised to blokkerend")
    func story() async throws {
        let (store, _) = try scratchStore()
        let groningen = RuleSetLoader(profile: "groningen")
        var first = AuditReport(try await Audit.run(AuditRequest(
            registerFile: path("samples/register-2016.xml"),
            meldingenFiles: [path("samples/veilig-thuis-2016.xml"), path("samples/verwijsindex-2016.xml")], rules: groningen)))
        first.applyHistory(try store.previousReports(municipality: "Groningen", before: first.run.referenceDate), escalation: nil)
        guard case .stored(let firstId) = try store.save(first) else { Issue.record("not stored"); return }
        let profile = try groningen.load().profile
        var second = AuditReport(try await Audit.run(AuditRequest(
            registerFile: path("samples/register.xml"),
            meldingenFiles: [path("samples/veilig-thuis-2017.xml"), path("samples/verwijsindex-2017.xml")], rules: groningen)))
        second.applyHistory(try store.previousReports(municipality: "Groningen", before: second.run.referenceDate),
                            escalation: profile.escalation)
        guard case .stored(let secondId) = try store.save(second) else { Issue.record("not stored"); return }
        let diff = RunDiff(before: first, beforeId: firstId, after: second, afterId: secondId)
        let elkerstroom = try #require(diff.contractors.first { $0.kvk == "22345678" })
        #expect(elkerstroom.verdictBefore == .severity(.indringendGesprek) && elkerstroom.verdictAfter == .inOrde)
        #expect(elkerstroom.resolved == ["MELDINGEN-ACHTERSTAND/22345678/veilig-thuis"])
        // Named in words, and the same read from the tables as made from the reports.
        #expect(elkerstroom.resolvedFindings.map { $0.line(.nl) } == ["Veilig Thuis: Het aantal meldingen blijft wezenlijk achter bij wat is verwacht"])
        let stored = RunDiff(before: try #require(try store.snapshot(run: firstId)), after: try #require(try store.snapshot(run: secondId)))
        #expect(stored == diff)
        #expect(diff.contractors.allSatisfy { $0.newFindings.map(\.id) == $0.new && $0.resolvedFindings.map(\.id) == $0.resolved })
        #expect(diff.text().contains("    nieuwe bevindingen: 1\n      - Verwijsindex: De organisatie is aangesloten en werkt met kinderen"))
        // Noorderland has nothing new, yet its verdict rose: the diff says which finding was raised.
        let raised = try #require(diff.contractors.first { $0.kvk == "06789012" })
        #expect(raised.new.isEmpty && raised.resolved.isEmpty)
        #expect(raised.severityChanged.map { [$0.id, $0.before.rawValue, $0.after.rawValue] }
                == [["MELDINGEN-ACHTERSTAND/06789012/verwijsindex", "indringend-gesprek", "blokkerend"]])
        #expect(diff.text().contains("    andere ernst: 1\n      - Verwijsindex: Het aantal signalen in de verwijsindex blijft wezenlijk achter"
                                     + " bij wat is verwacht (indringend gesprek → blokkerend)"))
        #expect(diff.contractors.filter { $0.kvk != "06789012" }.allSatisfy { $0.severityChanged.isEmpty })
        let noorderland = try #require(second.contractors.first { $0.kvk == "06789012" })
        #expect(noorderland.verdict == .severity(.blokkerend))
        #expect(noorderland.findings.first?.escalatedFrom == .indringendGesprek)
        // Every format says why its severity was raised, tables in the explanation's cell.
        for format in ["text", "csv", "html"] {
            let rendered = try #require(Reporters.named(format)).render(.audit(second), RenderSettings())
            #expect(String(decoding: rendered, as: UTF8.self).contains("herhaald, 2 audits op rij; verhoogd van indringend gesprek"), "\(format)")
        }
        #expect(second.indicators.first { $0.id == .meldingen }?.previous == 773)
        // With history in it, the report streams the same bytes as JSONEncoder writes.
        #expect(try JSONReporter().render(.audit(second), RenderSettings()) == ReportJSON.encode(second))
    }
}

@Suite("The history read from the tables")
struct PriorAuditsTests {
    private static let groningen = RuleSetLoader(profile: "groningen", waiversFile: path("samples/waivers.yml"))

    private static func audit(register: String, year: Int) async throws -> AuditReport {
        AuditReport(try await Audit.run(AuditRequest(
            registerFile: register,
            meldingenFiles: [path("samples/veilig-thuis-\(year).xml"), path("samples/verwijsindex-\(year).xml")], rules: groningen)))
    }

    /// The report marked by the earlier audits as the tables give them, and as their decoded
    /// reports give them: the same bytes, in JSON.
    private static func marked(_ makeReport: () async throws -> AuditReport, _ store: AuditStore,
                               escalation: Profile.Escalation?) async throws -> AuditReport {
        var fromTables = try await makeReport()
        var fromReports = try await makeReport()
        let (municipality, date) = (fromTables.run.municipality, fromTables.run.referenceDate)
        fromTables.applyHistory(try store.priorAudits(municipality: municipality, before: date), escalation: escalation)
        fromReports.applyHistory(try store.previousReports(municipality: municipality, before: date), escalation: escalation)
        #expect(try JSONReporter().render(.audit(fromTables), RenderSettings())
            == JSONReporter().render(.audit(fromReports), RenderSettings()))
        for reporter in Reporters.all where reporter.id != "json" {
            #expect(try reporter.render(.audit(fromTables), RenderSettings()) == reporter.render(.audit(fromReports), RenderSettings()),
                    "\(reporter.id)")
        }
        return fromTables
    }

    @Test("three years: the tables mark a report as the stored reports do, with findings three audits in a row")
    func sameAsTheReports() async throws {
        let (store, file) = try scratchStore()
        let escalation = try Self.groningen.load().profile.escalation
        try store.save(try await Self.audit(register: path("samples/register-2016.xml"), year: 2016))
        let second = try await Self.marked({ try await Self.audit(register: path("samples/register.xml"), year: 2017) },
                                           store, escalation: escalation)
        try store.save(second)
        // The 2017 register judged a year on: a third audit, with the 2016 and 2017 ones before it.
        let later = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("register-2018.xml").path
        let text = try String(contentsOfFile: path("samples/register.xml"), encoding: .utf8)
        try text.replacingOccurrences(of: "reference-date=\"2017-12-31\"", with: "reference-date=\"2018-12-31\"")
            .write(toFile: later, atomically: true, encoding: .utf8)
        let third = try await Self.marked({ try await Self.audit(register: later, year: 2017) }, store, escalation: escalation)
        let findings = third.contractors.flatMap(\.findings)
        #expect(findings.contains { $0.consecutiveRuns == 3 })
        #expect(findings.contains { $0.consecutiveRuns == 2 })
        #expect(third.contractors.flatMap(\.meldingen).contains { $0.history?.count == 2 })
        #expect(third.indicators.contains { $0.previous != nil })
        // A diff from the tables is the diff of the stored reports.
        try store.save(third)
        let runs = try store.runs().map(\.id)
        #expect(runs.count == 3)
        for (a, b) in [(runs[0], runs[1]), (runs[1], runs[2]), (runs[0], runs[2]), (runs[2], runs[0])] {
            let fromTables = RunDiff(before: try #require(try store.snapshot(run: a)), after: try #require(try store.snapshot(run: b)))
            let fromReports = RunDiff(before: try #require(try store.report(run: a)), beforeId: a,
                                      after: try #require(try store.report(run: b)), afterId: b)
            #expect(fromTables == fromReports, "runs \(a) and \(b)")
        }
        let yearOnYear = RunDiff(before: try #require(try store.snapshot(run: runs[0])), after: try #require(try store.snapshot(run: runs[1])))
        #expect(yearOnYear.contractors.contains { !$0.new.isEmpty } && yearOnYear.contractors.contains { !$0.resolved.isEmpty }
            && yearOnYear.contractors.contains { !$0.persisting.isEmpty })
        // Be Quick Zuid's keurmerk finding is held both years, and covered by a waiver in 2017: the diff says so.
        let beQuick = try #require(yearOnYear.contractors.first { $0.kvk == "13456789" })
        #expect(beQuick.persisting == ["LVAK-KEURMERK/SUB-2017-0012"])
        #expect(beQuick.waived == ["LVAK-KEURMERK/SUB-2017-0012"])
        #expect(yearOnYear.text().contains("gebleven bevindingen: 1\n    daarvan met ontheffing: 1"))
        #expect(yearOnYear.contractors.allSatisfy { Set($0.waived).isSubset(of: Set($0.new + $0.persisting)) })
        #expect(try store.snapshot(run: 99) == nil)
    }
}
