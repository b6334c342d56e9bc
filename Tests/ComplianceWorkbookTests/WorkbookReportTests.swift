import ComplianceAudit
import ComplianceRules
@testable import ComplianceWorkbook
import ContractImport
import Foundation
import TestSupport
import Testing
import ZIPFoundation

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

    /// The parts of the workbook of `document`, by their path in the zip: the SpreadsheetML as written.
    static func parts(_ document: ReportDocument) throws -> (String) throws -> String {
        let file = Scratch.file("report.xlsx")
        try WorkbookReporter().render(document, RenderSettings(language: .nl)).write(to: file)
        let archive = try Archive(url: file, accessMode: .read)
        return { path in
            var xml = Data()
            _ = try archive.extract(try #require(archive[path])) { xml.append($0) }
            return try #require(String(data: xml, encoding: .utf8))
        }
    }

    static func table(_ book: Workbook, _ sheet: String) throws -> (header: [String], rows: [[Int: WorkbookCell]]) {
        let rows = try #require(try book.rows(of: sheet))
        let header = rows[0].cells.sorted { $0.key < $1.key }.map { cell -> String in
            if case .text(let text) = cell.value { text } else { "" }
        }
        return (header, rows.dropFirst().map(\.cells))
    }

    @Test("an audit has the sheets Over dit rapport, Oordelen, Bevindingen, Meldingen, Indicatoren, Taken gemeente and Voorwaarden, Dutch by default")
    func sheets() async throws {
        let report = try await Self.report()
        #expect(try Self.workbook(.audit(report)).sheets.map(\.name)
            == ["Over dit rapport", "Oordelen", "Bevindingen", "Meldingen", "Indicatoren", "Taken gemeente", "Voorwaarden"])
        #expect(try Self.workbook(.audit(report), .en).sheets.map(\.name)
            == ["About this report", "Verdicts", "Findings", "Meldingen", "Indicators", "Municipality tasks", "Conditions"])
        // Every rule in force with what it rests on, a citation to a line.
        let (header, rules) = try Self.table(try Self.workbook(.audit(report)), "Voorwaarden")
        #expect(header == ["Voorwaarde", "Grondslag", "Op grond van"])
        #expect(rules.count == report.run.rules?.count)
        let law = "Wet verplichte meldcode huiselijk geweld en kindermishandeling (in werking sinds 1 juli 2013)\n"
            + "Besluit verplichte meldcode huiselijk geweld en kindermishandeling"
        #expect(rules.contains { row in
            row[1] == .text("De organisatie heeft een meldcode huiselijk geweld en kindermishandeling")
                && row[2] == .text("wettelijke plicht") && row[3] == .text(law)
        })
        let (verdicts, _) = try Self.table(try Self.workbook(.audit(report), .en), "Verdicts")
        #expect(verdicts.prefix(4) == ["KvK", "Contractor", "Verdict", "Decision"])
    }

    @Test("the workbook opens on what it is about: the peildatum, the profile, every input's records, the warnings")
    func about() async throws {
        var report = try await Self.report()
        report.warnings.append(try JSONDecoder().decode(AuditReport.WarningEntry.self,
                                                        from: Data(#"{"kind": "out-of-order", "source": "veilig-thuis", "count": 2}"#.utf8)))
        let (header, rows) = try Self.table(try Self.workbook(.audit(report)), "Over dit rapport")
        #expect(header == ["Onderdeel", "Gegevens"])
        let items = rows.map { row -> (String, WorkbookCell?) in
            if case .text(let item) = row[1] { (item, row[2]) } else { ("", row[2]) }
        }
        #expect(items.first?.1 == .text("Audit voorwaarden kindermishandeling — \(report.run.municipality)"))
        #expect(report.run.referenceDate == "2017-12-31")
        #expect(items.first { $0.0 == "Peildatum" }?.1 == .text("31-12-2017"))
        #expect(items.contains { $0.0 == "Uitgeschakeld in dit profiel, dus niet beoordeeld" })
        // A line per register and export with its records read, audited and rejected.
        let reconciled = items.filter { $0.0 == "Verantwoording van de invoer" }
        #expect(reconciled.count == report.run.inputs.filter { $0.records != nil }.count)
        #expect(reconciled.allSatisfy { if case .text(let line) = $0.1 { line.contains("ingelezen") } else { false } })
        #expect(items.filter { $0.0 == "Let op" }.map(\.1) == [
            .text("2 meldingen in de export van Veilig Thuis stonden niet in datumvolgorde; voor hen is de 30-dagenregel benaderd."),
        ])
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
        #expect(try Self.workbook(.check(check)).sheets.map(\.name) == ["Over dit rapport", "Oordelen", "Bevindingen", "Meldingen", "Voorwaarden"])
        let about = try Self.table(try Self.workbook(.check(check)), "Over dit rapport").rows
        #expect(about.first?[2] == .text("Toets voor contractering: \(contractor.name) (KvK 07890123)"))
        let briefing = try #require(ContractorBriefing(report, kvk: contractor.kvk))
        let brief = try Self.table(try Self.workbook(.brief(briefing)), "Over dit rapport").rows
        #expect(brief.first?[2] == .text("Briefing accountgesprek: \(contractor.name) (KvK 07890123)"))
        let verdicts = try Self.table(try Self.workbook(.check(check)), "Oordelen")
        #expect(verdicts.rows.count == 1)
        #expect(verdicts.rows.first?[1] == .text("07890123"))
    }

    @Test("a report's text wraps within its column, and each row is as high as its longest text needs")
    func longTextWraps() async throws {
        let report = try await Self.report()
        let sheet = try Self.parts(.audit(report))("xl/worksheets/sheet3.xml")
        let widths = sheet.matches(of: /<col min="\d+" max="\d+" width="([\d.]+)"/).map { Double($0.1)! }
        let rows = sheet.matches(of: /<row r="(\d+)"( ht="(\d+)")?[^>]*>(.*?)<\/row>/)
        #expect(rows.count == 1 + report.contractors.reduce(0) { $0 + $1.findings.count })
        var tall = 0
        for row in rows.dropFirst() {
            let cells = row.4.matches(of: /<c r="([A-Z]+)\d+" s="(\d+)" t="inlineStr"><is><t xml:space="preserve">(.*?)<\/t>/)
            #expect(!cells.isEmpty)
            #expect(cells.allSatisfy { $0.2 == "\(CellStyle.wrappedText.rawValue)" }, "every text cell of row \(row.1) wraps")
            // At the least the characters over the width, whatever the words: a row never cuts its text off.
            let needed = cells.map { cell -> Int in
                let column = Int(cell.1.unicodeScalars.first!.value - 64) - 1
                let perLine = Int(widths[column])
                return (cell.3.count + perLine - 1) / perLine
            }.max() ?? 1
            let height = row.3.map { Int($0)! } ?? 15
            #expect(height >= 15 * needed, "row \(row.1): \(needed) lines in \(height) points")
            if needed > 1 { tall += 1 }
        }
        #expect(tall > 10, "the samples' advice runs over several lines")
    }

    @Test("a header above numbers or dates stands at the right, as they do; a header row is as high as its headers need")
    func figuresHeaders() async throws {
        let part = try Self.parts(.audit(try await Self.report()))
        let sheet = try part("xl/worksheets/sheet2.xml")
        let header = try #require(sheet.firstMatch(of: /<row r="1".*?<\/row>/)).0
        let styles = Dictionary(uniqueKeysWithValues: header.matches(of: /<c r="([A-Z]+)1" s="(\d+)" t="inlineStr"><is><t xml:space="preserve">(.*?)<\/t>/)
            .map { (String($0.3), Int($0.2)!) })
        #expect(styles["Opdrachtnemer"] == CellStyle.header.rawValue)
        #expect(styles["Overeenkomsten"] == CellStyle.figuresHeader.rawValue)
        #expect(styles["Werkelijk Veilig Thuis"] == CellStyle.figuresHeader.rawValue)
        #expect(styles["Uitkomst Veilig Thuis"] == CellStyle.header.rawValue)
        #expect(try part("xl/styles.xml").contains(##"formatCode="#,##0_-""##), "whole numbers keep a space at their right")
        // A header row is two lines high, or as many as its longest header needs.
        #expect(sheet.contains(#"<row r="1" ht="32" customHeight="1">"#))
        let meldingenSheet = try part("xl/worksheets/sheet4.xml")
        #expect(meldingenSheet.contains("Afstand tot de verwachting (z, gecorrigeerd)"))
        #expect(meldingenSheet.contains(#"<row r="1" ht="48" customHeight="1">"#))
    }

    @Test("wrapping counts a line per width's worth of words, breaks a word longer than a line, and keeps line breaks",
          arguments: [
              ("", 10.0, 1), ("kindcheck", 10.0, 1), ("aaaa bbbbb", 10.0, 1), ("aaaa bbbb c", 10.0, 2),
              ("aaaa  bbbb cccc", 10.0, 2), ("abcdefghijklmnopqrstu", 10.0, 3), ("ab abcdefghijklmnopq", 10.0, 3),
              ("meldcode\nkindcheck", 40.0, 2), ("één twee", 8.0, 1), ("één twee", 7.9, 2), ("x", 0.5, 1),
          ])
    func wrappedLines(text: String, width: Double, lines: Int) {
        #expect(WrappedLines.count(text, width: width) == lines)
    }
}
