import ComplianceAudit
import ComplianceRules
import ComplianceWorkbook
import ContractImport
import Foundation
import TestSupport
import Testing

@Suite("The report as a workbook")
struct WorkbookReportTests {
    static func report() async throws -> AuditReport {
        AuditReport(try await Audit.run(AuditRequest(registerFile: TestWorkbook.sample("register.xml"),
                                                     meldingenFiles: RegisterRoundTripTests.exports)))
    }

    static func workbook(_ document: ReportDocument, _ language: ReportLanguage = .nl) throws -> Workbook {
        let file = Scratch.file("report.xlsx")
        try WorkbookReporter().render(document, RenderSettings(language: language)).write(to: file)
        return try Workbook(file: file.path)
    }

    static func table(_ book: Workbook, _ sheet: String) throws -> (header: [String], rows: [[Int: WorkbookCell]]) {
        let rows = try #require(try book.rows(of: sheet))
        let header = rows[0].cells.sorted { $0.key < $1.key }.map { cell -> String in
            if case .text(let text) = cell.value { text } else { "" }
        }
        return (header, rows.dropFirst().map(\.cells))
    }

    @Test("an audit has the sheets Oordelen, Bevindingen, Meldingen, Indicatoren and Taken gemeente, Dutch by default")
    func sheets() async throws {
        let report = try await Self.report()
        #expect(try Self.workbook(.audit(report)).sheets.map(\.name)
            == ["Oordelen", "Bevindingen", "Meldingen", "Indicatoren", "Taken gemeente"])
        #expect(try Self.workbook(.audit(report), .en).sheets.map(\.name)
            == ["Verdicts", "Findings", "Meldingen", "Indicators", "Municipality tasks"])
        let (header, _) = try Self.table(try Self.workbook(.audit(report), .en), "Verdicts")
        #expect(header.prefix(4) == ["KvK", "Contractor", "Verdict", "Decision"])
    }

    @Test("one row per contractor, finding and meldingen entry; KvK as text with its leading zero, counts as numbers")
    func rowsMatchTheReport() async throws {
        let report = try await Self.report()
        let book = try Self.workbook(.audit(report))
        let verdicts = try Self.table(book, "Oordelen")
        #expect(verdicts.rows.map { $0[1] } == report.contractors.map { .text($0.kvk) })
        #expect(verdicts.rows.contains { $0[1] == .text("02345678") })
        let agreements = try #require(verdicts.header.firstIndex(of: "Overeenkomsten")) + 1
        #expect(verdicts.rows.map { $0[agreements] } == report.contractors.map { .number(Double($0.agreements.count), stored: "\($0.agreements.count)") })

        let findings = try Self.table(book, "Bevindingen")
        #expect(findings.rows.count == report.contractors.reduce(0) { $0 + $1.findings.count })

        let meldingen = try Self.table(book, "Meldingen")
        let actual = try #require(meldingen.header.firstIndex(of: "Werkelijk")) + 1
        let expected = report.contractors.flatMap { contractor in contractor.meldingen.map { $0.actual } }
        #expect(meldingen.rows.map { row -> Int? in
            if case .number(let value, _) = row[actual] { Int(value) } else { nil }
        } == expected)
    }

    @Test("dates are date serials, the same day as the report's")
    func dates() async throws {
        let report = try await Self.report()
        let tasks = try Self.table(try Self.workbook(.audit(report)), "Taken gemeente")
        let due = try #require(tasks.header.firstIndex(of: "Uiterlijk")) + 1
        #expect(tasks.rows.map { row -> String? in
            if case .number(let serial, _) = row[due] { Day.fromSerial(serial, uses1904Dates: false)?.description } else { nil }
        } == report.municipalityTasks.map(\.due))
    }

    @Test("a check and a briefing have their contractor's sheets")
    func checkAndBrief() async throws {
        let report = try await Self.report()
        let contractor = try #require(report.contractors.first { $0.kvk == "07890123" })
        let check = try #require(ContractCheck(report, kvk: contractor.kvk))
        #expect(try Self.workbook(.check(check)).sheets.map(\.name) == ["Oordelen", "Bevindingen", "Meldingen"])
        let verdicts = try Self.table(try Self.workbook(.check(check)), "Oordelen")
        #expect(verdicts.rows.count == 1)
        #expect(verdicts.rows.first?[1] == .text("07890123"))
    }
}
