import ArgumentParser
import AuditHistory
import ComplianceAudit
@testable import compliance_audit
import Foundation
import Testing

@Suite("The yearly cycle on the command line")
struct HistoryCommandTests {
    @Test("two years audited into one database: the second marks what persists, and diff names what changed")
    func twoYears() async throws {
        let database = scratch("history.sqlite")
        let year2016 = ["--register", sample("register-2016.xml"),
                        "--meldingen", sample("veilig-thuis-2016.xml"), sample("verwijsindex-2016.xml")]
        let year2017 = ["--register", sample("register.xml"),
                        "--meldingen", sample("veilig-thuis-2017.xml"), sample("verwijsindex-2017.xml")]
        let first = scratch("2016.json")
        let second = scratch("2017.json")
        let common = ["--db", database, "--profile", "groningen", "--fail-on", "never", "--format", "json"]
        #expect(await exitStatus(["audit"] + year2016 + common + ["--output", first]) == 0)
        #expect(await exitStatus(["audit"] + year2017 + common + ["--output", second]) == 0)
        let report = try String(contentsOfFile: second, encoding: .utf8)
        #expect(report.contains("\"consecutiveRuns\" : 2"))
        #expect(report.contains("\"escalatedFrom\" : \"indringend-gesprek\""))
        let diff = scratch("diff.json")
        #expect(await exitStatus(["diff", "--db", database, "--format", "json", "--output", diff]) == 0)
        let changes = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: diff))) as? [String: Any]
        let contractors = try #require(changes?["contractors"] as? [[String: Any]])
        let elkerstroom = try #require(contractors.first { $0["kvk"] as? String == "22345678" })
        #expect(elkerstroom["resolved"] as? [String] == ["MELDINGEN-ACHTERSTAND/22345678/veilig-thuis"])
        #expect(elkerstroom["verdictAfter"] as? String == "in-orde")
        let noorderland = try #require(contractors.first { $0["kvk"] as? String == "06789012" })
        #expect(noorderland["verdictAfter"] as? String == "blokkerend")
    }

    @Test("a check, a briefing and an audit not kept read the history as the kept audit does: a finding the profile raised is raised in them too")
    func checkAndBriefReadTheHistory() async throws {
        let database = scratch("history.sqlite")
        let common = ["--db", database, "--profile", "groningen", "--fail-on", "never"]
        #expect(await exitStatus(["audit", "--register", sample("register-2016.xml"), "--meldingen", sample("veilig-thuis-2016.xml"),
                                  sample("verwijsindex-2016.xml")] + common) == 0)
        let year2017 = ["--register", sample("register.xml"), "--meldingen", sample("veilig-thuis-2017.xml"), sample("verwijsindex-2017.xml")]
        let audit = scratch("audit.json")
        #expect(await exitStatus(["audit"] + year2017 + common + ["--format", "json", "--output", audit]) == 0)
        let noorderland = try #require(try JSONDecoder().decode(AuditReport.self, from: Data(contentsOf: URL(fileURLWithPath: audit)))
            .contractors.first { $0.kvk == "06789012" })
        #expect(noorderland.verdict == .severity(.blokkerend))
        // Neither reads as anything but blokkerend, and neither keeps a run of its own.
        let check = scratch("check.json"), brief = scratch("brief.txt")
        #expect(await exitStatus(["check", "--contractor", "06789012"] + year2017 + common + ["--format", "json", "--output", check]) == 0)
        let decision = try JSONDecoder().decode(ContractCheck.self, from: Data(contentsOf: URL(fileURLWithPath: check)))
        #expect(decision.verdict == noorderland.verdict && decision.decision == .nietContracteerbaar)
        #expect(decision.unmet.map(\.severity) == noorderland.findings.filter(\.status.counts).map(\.severity))
        #expect(await exitStatus(["brief", "--contractor", "06789012"] + year2017 + common + ["--output", brief]) == 0)
        let text = try String(contentsOfFile: brief, encoding: .utf8)
        #expect(text.contains("Oordeel: blokkerend — niet contracteerbaar"))
        #expect(text.contains("(herhaald, 2 audits op rij; verhoogd van indringend gesprek)"))
        // An audit that is not kept reads the history too, so it reads as the kept one.
        let preview = scratch("preview.json")
        #expect(await exitStatus(["audit"] + year2017 + common + ["--no-store", "--format", "json", "--output", preview]) == 0)
        let previewed = try JSONDecoder().decode(AuditReport.self, from: Data(contentsOf: URL(fileURLWithPath: preview)))
        #expect(previewed.contractors.first { $0.kvk == "06789012" }?.verdict == .severity(.blokkerend))
        #expect(try AuditStore(path: database).runs().count == 2)
    }

    @Test("a gesprek is recorded for the only municipality stored, or the one named; with none or several stored it is not guessed")
    func gesprekMunicipality() async throws {
        let database = scratch("history.sqlite")
        let record = ["gesprek", "record", "--db", database, "--contractor", "06789012", "--date", "2017-03-01", "--outcome", "Besproken"]
        // Nothing stored: no municipality to take, and no database made for it.
        #expect(await exitStatus(record) == 64)
        #expect(!FileManager.default.fileExists(atPath: database))
        #expect(await exitStatus(["audit"] + samples + ["--db", database, "--fail-on", "never"]) == 0)
        #expect(await exitStatus(record) == 0)
        #expect(try AuditStore(path: database).gesprekken().map(\.municipality) == ["Groningen"])
        #expect(await exitStatus(["audit", "--register", sample("regio/register-ten-boer.xml"), "--db", database, "--fail-on", "never"]) == 0)
        #expect(await exitStatus(record) == 64)
        #expect(await exitStatus(record + ["--municipality", "Ten Boer"]) == 0)
        #expect(try AuditStore(path: database).gesprekken().map(\.municipality) == ["Groningen", "Ten Boer"])
        // A KvK number that is in no latest audit of the municipality is recorded, with a warning.
        let store = try AuditStore(path: database)
        func gesprek(_ kvk: String, _ municipality: String) -> Gesprek {
            Gesprek(municipality: municipality, kvk: kvk, agreementId: nil, date: "2017-03-01", outcome: "o", actions: [])
        }
        #expect(try RecordGesprek.unknownContractor(gesprek("06789012", "Groningen"), in: store) == nil)
        #expect(try RecordGesprek.unknownContractor(gesprek("06789013", "Groningen"), in: store)?
            .hasPrefix("KvK 06789013 is not among the contractors of Groningen's latest audit") == true)
        #expect(try RecordGesprek.unknownContractor(gesprek("06789012", "Ten Boer"), in: store) != nil)
        #expect(try RecordGesprek.unknownContractor(gesprek("06789013", "Utrecht"), in: store) == nil)  // no audit to compare with
    }

    @Test("an audit kept and asked for as JSON writes the report's JSON as stored, once made; kept before, it is made again")
    func storedJSONWritten() async throws {
        let database = scratch("history.sqlite")
        let arguments = ["audit"] + samples + ["--db", database, "--fail-on", "never", "--format", "json", "--output"]
        let first = scratch("first.json")
        #expect(await exitStatus(arguments + [first]) == 0)
        let store = try AuditStore(path: database)
        let run = try #require(try store.runs().first)
        let stored = try #require(try store.report(run: run.id))
        let written = try Data(contentsOf: URL(fileURLWithPath: first))
        #expect(written == (try JSONReporter().render(.audit(stored), RenderSettings())))
        #expect(written.count > 100_000)
        // The same run again is not stored again; its report is then made as any other format is.
        let again = scratch("again.json")
        #expect(await exitStatus(arguments + [again]) == 0)
        #expect(try store.runs().count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: again)) == written)
    }

    @Test("a failure to write the stored JSON comes out as itself, not as a failure to store")
    func reuseFailureIsItsOwn() async throws {
        struct OutputGone: Error {}
        let database = scratch("history.sqlite")
        let command = try AuditCommand.parse(samples + ["--db", database])
        var report = AuditReport(try await command.input.run())
        #expect(throws: OutputGone.self) {
            try command.store.store(&report, escalation: nil, reusingJSON: { _ in throw OutputGone() })
        }
        // The run itself was kept.
        #expect(try AuditStore(path: database).runs().count == 1)
    }
}
