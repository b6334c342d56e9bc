import Foundation
import Testing

@Suite("The spreadsheet route on the command line")
struct WorkbookCommandTests {
    @Test("template, convert both ways, audit from the workbook, report as xlsx")
    func spreadsheetRoute() async throws {
        let template = scratch("template.xlsx")
        #expect(await exitStatus(["register", "template", "--out", template]) == 0)
        #expect(await exitStatus(["validate", template]) == 1, "an empty template is no register yet")

        let workbook = scratch("register.xlsx")
        let xml = scratch("register.xml")
        #expect(await exitStatus(["register", "convert", sample("register.xml"), "--out", workbook]) == 0)
        #expect(await exitStatus(["register", "convert", workbook, "--out", xml]) == 0)
        #expect(await exitStatus(["validate", workbook, xml]) == 0)

        let report = scratch("report.xlsx")
        #expect(await exitStatus(["audit", "--no-store", "--register", workbook, "--meldingen", sample("veilig-thuis-2017.xml"),
                                  "--format", "xlsx", "--output", report, "--fail-on", "never"]) == 0)
        #expect(await exitStatus(["audit", "--no-store", "--register", sample("register.xml"), "--meldingen", workbook]) == 2,
                "a meldingen export is XML, never a workbook")
        let head = try FileHandle(forReadingFrom: URL(fileURLWithPath: report)).read(upToCount: 4)
        #expect(head == Data([0x50, 0x4B, 0x03, 0x04]), "a zip archive")
    }

    @Test("convert refuses a register with problems, exits 1 and writes nothing; a wrong direction is an argument mistake")
    func convertRefuses() async {
        let out = scratch("register.xlsx")
        #expect(await exitStatus(["register", "convert", sample("invalid/register-trained-exceeds-staff.xml"), "--out", out]) == 1)
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(await exitStatus(["register", "convert", sample("register.xml"), "--out", scratch("register.xml")]) == 64)
        #expect(await exitStatus(["register", "template", "--out", scratch("template.xml")]) == 64)
    }

    @Test("--peildatum must be a date, and the report names it and the register's own")
    func peildatum() async throws {
        #expect(await exitStatus(["audit", "--peildatum", "2018-02-30"]) == 64)
        let output = scratch("report.json")
        #expect(await exitStatus(["check", "--contractor", "07890123", "--peildatum", "2026-11-29", "--format", "json",
                                  "--output", output, "--fail-on", "never"]) == 0)
        let json = try String(contentsOfFile: output, encoding: .utf8)
        #expect(json.contains("\"referenceDate\" : \"2026-11-29\""))
        #expect(json.contains("\"registerReferenceDate\" : \"2017-12-31\""))
    }
}
