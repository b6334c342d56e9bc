@testable import ComplianceAudit
import ComplianceRules
import Foundation
import Testing

@Suite("The reports of the samples")
struct ReportTests {
    static let result = Result { () throws(AuditError) in try Audit.run(Repository.sampleRequest()) }

    @Test("the text report is pinned")
    func text() throws {
        try expectSnapshot(Data(TextReport(try Self.result.get()).render().utf8), named: "audit.txt")
    }

    @Test("the JSON report is pinned")
    func json() throws {
        try expectSnapshot(try AuditReport(try Self.result.get()).json(), named: "audit.json")
    }

    @Test("the CSV report is pinned: UTF-8 with BOM, ';' between fields")
    func csv() throws {
        let data = CSVReport().render(AuditReport(try Self.result.get()).contractors)
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        try expectSnapshot(data, named: "audit.csv")
    }

    @Test("the same inputs and rules give byte-identical JSON")
    func deterministic() throws {
        let first = try AuditReport(try Audit.run(Repository.sampleRequest())).json()
        let second = try AuditReport(try Audit.run(Repository.sampleRequest())).json()
        #expect(first == second)
    }

    @Test("the JSON has the documented shape, with every input fingerprinted")
    func jsonShape() throws {
        let report = AuditReport(try Self.result.get())
        let object = try #require(try JSONSerialization.jsonObject(with: report.json()) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        let run = try #require(object["run"] as? [String: Any])
        #expect(run["referenceDate"] as? String == "2017-12-31")
        let inputs = try #require(run["inputs"] as? [[String: Any]])
        #expect(Set(inputs.compactMap { $0["kind"] as? String }) == ["register", "meldingen", "rules", "profile", "waivers", "rates"])
        #expect(inputs.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
        let contractors = try #require(object["contractors"] as? [[String: Any]])
        let meldingen = try #require(contractors.first?["meldingen"] as? [[String: Any]])
        for key in ["expected", "expectedBasis", "actual", "ratio", "pValue", "flagged"] {
            #expect(meldingen.first?.keys.contains(key) == true, "meldingen lacks \(key)")
        }
        let finding = try #require(contractors.flatMap { ($0["findings"] as? [[String: Any]]) ?? [] }.first)
        for key in ["agreementId", "ruleId", "status", "severity", "evidence", "advice"] {
            #expect(finding.keys.contains(key), "a finding lacks \(key)")
        }
    }

    @Test("geen gegevens is null in JSON, never 0")
    func nullForNoData() throws {
        let result = try Audit.run(Repository.sampleRequest(meldingen: ["samples/veilig-thuis-2017.xml"]))
        let text = String(decoding: try AuditReport(result).json(), as: UTF8.self)
        #expect(text.contains("\"actual\" : null"))
        #expect(text.contains("\"outcome\" : \"geen gegevens\""))
    }

    @Test("the HTML report needs nothing from outside: no external style, script, font or image")
    func selfContained() throws {
        let html = HTMLReport.audit(AuditReport(try Self.result.get()))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg"))
        for forbidden in ["<script", "<link", "src=", "@import", "url("] {
            #expect(!html.contains(forbidden), "the page contains \(forbidden)")
        }
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").count - 1 == html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1)
    }

    @Test("an English report leaves none of the report's own Dutch words")
    func english() throws {
        let result = try Self.result.get()
        let text = TextReport(result, language: .en).render() + HTMLReport.audit(AuditReport(result), language: .en)
        for (dutch, english) in ReportLanguage.english where dutch != english && dutch.count > 12 {
            #expect(!text.contains(dutch), "'\(dutch)' was left untranslated")
        }
        #expect(text.contains("Verdict per contractor"))
    }
}

@Suite("check and brief")
struct BriefingTests {
    @Test("a contractor failing a blokkerend rule is niet contracteerbaar, and the check says why")
    func blocked() throws {
        let briefing = try #require(ContractorBriefing(try ReportTests.result.get(), kvk: "03456789"))
        #expect(briefing.decision == .nietContracteerbaar)
        #expect(briefing.contractor.agreements.count == 2)
        let text = briefing.checkText()
        #expect(text.contains("Besluit: NIET CONTRACTEERBAAR"))
        #expect(text.contains("MELDCODE-AANWEZIG"))
        #expect(text.contains("Vraag de opdrachtnemer: Vraag de vastgestelde meldcode op"))
    }

    @Test("a contractor with only lesser findings may be contracted on conditions; one without, freely")
    func decisions() throws {
        let result = try ReportTests.result.get()
        #expect(ContractorBriefing(result, kvk: "07890123")?.decision == .onderVoorwaarden)
        #expect(ContractorBriefing(result, kvk: "02345678")?.decision == .contracteerbaar)
        #expect(ContractorBriefing(result, kvk: "02345678")?.checkText().contains("Aan alle voorwaarden is voldaan.") == true)
        #expect(ContractorBriefing(result, kvk: "99999999") == nil)
    }

    @Test("the brief's agenda comes from the findings' advice, most severe first, one point per rule")
    func agenda() throws {
        let briefing = try #require(ContractorBriefing(try ReportTests.result.get(), kvk: "07890123"))
        #expect(briefing.agenda.map(\.ruleId) == ["MELDINGEN-ACHTERSTAND", "ROUVOET-KWALITEITSKADER"])
        #expect(briefing.agenda.last?.concerns == ["INK-2017-0015", "INK-2017-0016"])
        #expect(briefing.briefText().contains("Voorgestelde agenda\n  1. [indringend gesprek]"))
    }

    @Test("checking one agreement judges that agreement and the contractor's meldingen")
    func oneAgreement() throws {
        let briefing = try #require(ContractorBriefing(try ReportTests.result.get(), agreementID: "INK-2017-0015"))
        #expect(briefing.contractor.agreements.map(\.id) == ["INK-2017-0015"])
        #expect(Set(briefing.contractor.findings.compactMap(\.agreementId)) == ["INK-2017-0015"])
        #expect(briefing.contractor.findings.contains { $0.ruleId == "MELDINGEN-ACHTERSTAND" })
    }

    @Test("a waived finding stays visible in the check, marked as waived")
    func waived() throws {
        let briefing = try #require(ContractorBriefing(try ReportTests.result.get(), kvk: "13456789"))
        #expect(briefing.decision == .contracteerbaar)
        #expect(briefing.checkText().contains("LVAK-KEURMERK (ontheffing): ontheffing tot 2018-03-31"))
    }
}

@Suite("Writing reports")
struct AtomicFileTests {
    @Test("a report file appears whole, and a failed write leaves nothing behind")
    func atomic() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let target = directory.appendingPathComponent("report.json").path
        try AtomicFile.write(Data("first".utf8), to: target)
        try AtomicFile.write(Data("second".utf8), to: target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "second")
        #expect(throws: (any Error).self) { try AtomicFile.write(Data("x".utf8), to: directory.appendingPathComponent("missing/report.json").path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.json"])
    }
}
