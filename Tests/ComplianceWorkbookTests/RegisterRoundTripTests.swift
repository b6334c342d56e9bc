import ComplianceAudit
import ComplianceRules
import ComplianceWorkbook
import ContractImport
import Foundation
import TestSupport
import Testing

@Suite("A register through a workbook and back")
struct RegisterRoundTripTests {
    static let exports = [TestWorkbook.sample("veilig-thuis-2017.xml"), TestWorkbook.sample("verwijsindex-2017.xml")]

    /// The audit's JSON without what names the input files: where an agreement was read, paths and digests.
    static func auditJSON(register: String) async throws -> String {
        let report = AuditReport(try await Audit.run(AuditRequest(registerFile: register, meldingenFiles: exports)))
        let json = String(decoding: try JSONReporter().render(.audit(report), RenderSettings()), as: UTF8.self)
        return json.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            !line.contains("\"location\"") && !line.contains("\"sha256\"") && !line.contains("\"path\"")
                && !line.contains(register)
        }.joined(separator: "\n")
    }

    @Test("the sample register, written as a workbook and converted back to XML, is the same register and audits the same")
    func sampleRoundTrip() async throws {
        let original = TestWorkbook.sample("register.xml")
        let workbook = Scratch.file("register.xlsx")
        try RegisterWorkbookWriter.write(try RegisterImporter().load(original), to: workbook)
        let (xml, warnings) = try RegisterWorkbookReader(file: workbook.path).convert()
        #expect(warnings.isEmpty)
        let back = Scratch.file("register.xml")
        try Data(xml.utf8).write(to: back)

        let before = try RegisterImporter().load(original)
        #expect(try RegisterImporter().load(workbook.path).withoutLocations == before.withoutLocations)
        #expect(try RegisterImporter().load(back.path).withoutLocations == before.withoutLocations)
        let expected = try await Self.auditJSON(register: original)
        #expect(try await Self.auditJSON(register: back.path) == expected)
        #expect(try await Self.auditJSON(register: workbook.path) == expected)
    }

    @Test("text with XML's own characters survives the workbook both ways")
    func markupInText() throws {
        var register = try RegisterImporter().load(TestWorkbook.sample("register.xml"))
        register.agreements = [register.agreements[0]]
        register.agreements[0].contractor.name = "De \"Zon\" & <Maan>\nB.V."
        let workbook = Scratch.file("register.xlsx")
        try RegisterWorkbookWriter.write(register, to: workbook)
        let (xml, _) = try RegisterWorkbookReader(file: workbook.path).convert()
        let back = Scratch.file("register.xml")
        try Data(xml.utf8).write(to: back)
        let name = try RegisterImporter().load(back.path).agreements.first?.contractor.name
        // A name is an xs:token: the line break becomes a space, as in an XML register.
        #expect(name == "De \"Zon\" & <Maan> B.V.")
    }

    @Test("samples/register.xlsx is the sample register")
    func sampleWorkbook() throws {
        #expect(try RegisterImporter().load(TestWorkbook.sample("register.xlsx")).withoutLocations
            == RegisterImporter().load(TestWorkbook.sample("register.xml")).withoutLocations)
    }

    @Test("the committed LibreOffice workbook audits like the XML it was made from")
    func libreOfficeAudit() async throws {
        let expected = try await Self.auditJSON(register: TestWorkbook.fixture("libreoffice-register-source.xml"))
        #expect(try await Self.auditJSON(register: TestWorkbook.fixture("libreoffice-register.xlsx")) == expected)
    }

    @Test("a finding from a workbook register points at the agreement's row")
    func findingLocation() async throws {
        let workbook = Scratch.file("register.xlsx")
        try RegisterWorkbookWriter.write(try RegisterImporter().load(TestWorkbook.sample("register.xml")), to: workbook)
        let result = try await Audit.run(AuditRequest(registerFile: workbook.path, meldingenFiles: Self.exports))
        let locations = result.assessment.register.agreements.compactMap { $0.location?.cell }
        #expect(locations.first == "Overeenkomsten!A3")
        #expect(locations.count == result.assessment.register.agreements.count)
    }

    @Test("the template has every column of the register, one line of explanation each, and reads as an empty register")
    func template() throws {
        let workbook = Scratch.file("template.xlsx")
        try RegisterWorkbookWriter.write(nil, to: workbook)
        let book = try Workbook(file: workbook.path)
        #expect(book.sheets.map(\.name) == ["Overeenkomsten", "Gemeente", "Toelichting"])
        let header = try #require(try book.rows(of: "Overeenkomsten")?.first { $0.number == 2 })
        #expect(header.cells.sorted { $0.key < $1.key }.map(\.value) == RegisterColumn.all.map { .text($0.header) })
        let explained = try #require(try book.rows(of: "Toelichting")).dropFirst(3).compactMap { row -> String? in
            if case .text(let header) = row.cells[1] { header } else { nil }
        }
        #expect(explained == RegisterColumn.all.map(\.header))
    }

    @Test("every agreement field of the register format has a column, and docs/FORMATS.md lists every column")
    func columnsCoverTheFormat() throws {
        let fields = EvidenceField.allCases.filter { $0.scope == .agreement }
        let covered = RegisterColumn.all.compactMap { if case .field(let field) = $0.source { field } else { nil } }
        #expect(covered == fields)
        #expect(Set(RegisterColumn.all.map(\.header)).count == RegisterColumn.all.count)
        let formats = try String(contentsOf: TestWorkbook.repository.appendingPathComponent("docs/FORMATS.md"), encoding: .utf8)
        for column in RegisterColumn.all {
            let line = "| \(column.header) | \(column.group) | \(column.required ? "ja" : "nee") | \(column.explanation) |"
            #expect(formats.contains(line), "docs/FORMATS.md lacks the column \(column.header) as the sheet explains it")
        }
    }

    @Test("every column that may stay empty says, once, what an empty cell means")
    func emptyCellsExplained() {
        for column in RegisterColumn.all where !column.required {
            let explanation = column.explanation.lowercased()
            #expect(explanation.contains("leeg"), "\(column.header): \(column.explanation)")
            #expect(explanation.components(separatedBy: "leeg:").count <= 2, "\(column.header): \(column.explanation)")
        }
    }
}
