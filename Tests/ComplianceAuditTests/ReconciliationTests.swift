@testable import ComplianceAudit
import ComplianceRules
import ContractImport
import Foundation
import TestSupport
import Testing

@Suite("Records read, audited and rejected")
struct ReconciliationTests {
    static let caseKey = "2c26b46b68ffc68f"

    /// An export of 10 meldingen of which 3 are invalid, each in its own way.
    static func exportWithBadRecords() throws -> String {
        var records = (1...7).map {
            #"<melding id="VT-\#($0)" date="2017-03-0\#($0)" reporter-kvk="01234567" category="jeugdhulp" type="melding" case="\#(String(format: "%016llx", UInt64($0) &* 0x9E3779B97F4A7C15))"/>"#
        }
        records.append(#"<melding id="VT-8" date="2018-01-05" category="burger" type="melding" case="\#(caseKey)"/>"#)
        records.append(#"<melding id="VT-9" date="2017-02-30" category="buurman" type="melding" case="\#(caseKey)"/>"#)
        records.append(#"<melding id="VT-1" date="2017-04-01" category="burger" type="melding" case="\#(caseKey)"/>"#)
        let file = Scratch.file("veilig-thuis.xml")
        try Data(("""
            <?xml version="1.0" encoding="UTF-8"?>
            <meldingen xmlns="urn:kindveilig:meldingen:1" source="veilig-thuis" region="Groningen" from="2017-01-01" to="2017-12-31">

            """ + records.map { "  \($0)\n" }.joined() + "</meldingen>\n").utf8).write(to: file)
        return file.path
    }

    static func request(_ export: String, lenient: Bool) -> AuditRequest {
        var request = Repository.sampleRequest(meldingen: [])
        request.meldingenFiles = [export]
        request.lenient = lenient
        return request
    }

    @Test("a strict run stops at an invalid export and names every problem")
    func strictStops() async throws {
        let export = try Self.exportWithBadRecords()
        await #expect(throws: AuditError.self) { try await Audit.run(Self.request(export, lenient: false)) }
    }

    @Test("a lenient run audits the valid records and lists each rejected one, and the counts add up")
    func lenientLists() async throws {
        let export = try Self.exportWithBadRecords()
        let report = AuditReport(try await Audit.run(Self.request(export, lenient: true)))
        #expect(report.run.lenient)
        let records = try #require(report.run.inputs.first { $0.kind == .meldingen }?.records)
        #expect(records.read == 10 && records.audited == 7 && records.rejected == 3)
        #expect(records.read == records.audited + records.rejected)
        #expect(records.rejections.map(\.location) == (10...12).map { "\(export):\($0):3" })
        #expect(records.rejections.map(\.reasons) == [[.dateOutsidePeriod], [.invalidValue], [.duplicateId]])
        #expect(report.exports.first?.records == 7)
        #expect(report.warnings.contains { $0.kind == .recordsRejected && $0.count == 3 && $0.location == export })
        let register = try #require(report.run.inputs.first { $0.kind == .register }?.records)
        #expect(register.read == 39 && register.audited == 39 && register.rejected == 0)
    }

    @Test("every format states the counts and each rejected record with its place and reason, never a value",
          arguments: ["text", "json", "csv", "html"], [ReportLanguage.nl, .en])
    func everyFormat(format: String, language: ReportLanguage) async throws {
        let export = try Self.exportWithBadRecords()
        let report = AuditReport(try await Audit.run(Self.request(export, lenient: true)))
        let text = try rendered(.audit(report), format, language)
        for line in 10...12 { #expect(text.contains("\(export):\(line):3"), "line \(line) is not listed") }
        #expect(text.contains(format == "json" ? "\"rejected\" : 3" : "3"))
        if format != "json" {
            let reason = language == .nl ? "de datum valt buiten de periode van het bestand" : "date lies outside the export's period"
            #expect(text.contains(reason), "the reason is not given")
        }
        for value in [Self.caseKey, "buurman", "2017-02-30", "2018-01-05"] {
            #expect(!text.contains(value), "the report repeats \(value)")
        }
    }

    @Test("the check and the briefing say that records were left out", arguments: ["text", "html", "csv"])
    func checkAndBriefSayIt(format: String) async throws {
        let export = try Self.exportWithBadRecords()
        let report = AuditReport(try await Audit.run(Self.request(export, lenient: true)))
        let sentence = "Ruime controle: 3 records in \(export) zijn afgewezen en niet beoordeeld"
        #expect(try rendered(.check(try #require(ContractCheck(report, kvk: "07890123"))), format).contains(sentence))
        #expect(try rendered(.brief(try #require(ContractorBriefing(report, kvk: "12345678"))), format).contains(sentence))
    }

    @Test("one record left out is said in the singular")
    func oneRecord() async throws {
        let export = Repository.path("samples/invalid/meldingen-date-outside-period.xml")
        let report = AuditReport(try await Audit.run(Self.request(export, lenient: true)))
        #expect(try rendered(.audit(report), "text").contains(
            "Ruime controle: 1 record in \(export) is afgewezen en niet beoordeeld; de audit noemt het met de reden."))
        #expect(try rendered(.audit(report), "text", .en).contains(
            "Lenient run: 1 record in \(export) was rejected and not audited; the audit lists it with its reason."))
    }

    @Test("a lenient run leaves out the agreement with a problem and audits the others")
    func lenientRegister() async throws {
        let register = try String(contentsOfFile: Repository.path("samples/register.xml"), encoding: .utf8)
        let broken = register.replacingOccurrences(of: "<sector>jeugdhulp</sector>", with: "<sector>jeugdzorg</sector>")
        let file = Scratch.file("register.xml")
        try Data(broken.utf8).write(to: file)
        let changed = register.components(separatedBy: "<sector>jeugdhulp</sector>").count - 1
        var request = Repository.sampleRequest()
        request.registerFiles = [file.path]
        request.rules.waiversFile = nil
        await #expect(throws: AuditError.self) { try await Audit.run(request) }
        request.lenient = true
        let report = AuditReport(try await Audit.run(request))
        let records = try #require(report.run.inputs.first { $0.kind == .register }?.records)
        #expect(records.read == 39 && records.rejected == changed && records.audited == 39 - changed)
        #expect(report.summary.agreements == 39 - changed)
        #expect(records.rejections.allSatisfy { $0.reasons == [.invalidValue] && $0.messages.contains { $0.contains("jeugdzorg") } })
    }

    @Test("a problem of the file as a whole stops a lenient run too", arguments: [
        "meldingen-bsn-in-id.xml", "meldingen-case-key-padded-bsn.xml", "meldingen-doctype-attlist.xml",
        "meldingen-child-element.xml", "not-well-formed.xml", "meldingen-text-content.xml",
    ])
    func fileLevelStops(file: String) async {
        await #expect(throws: AuditError.self) {
            try await Audit.run(Self.request(Repository.path("samples/invalid/\(file)"), lenient: true))
        }
    }
}
