import Foundation
import TestSupport
import ZIPFoundation

/// Builds .xlsx files for tests part by part, so a test can write exactly the cells (and the
/// hostile parts) it needs: raw SpreadsheetML, zipped with ZIPFoundation.
enum TestWorkbook {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }

    static func sample(_ name: String) -> String {
        repository.appendingPathComponent("samples/\(name)").path
    }

    /// A cell holding text, written inline.
    static func text(_ value: String) -> String {
        "<c t=\"inlineStr\"><is><t>\(value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;"))</t></is></c>"
    }

    static func number(_ value: String) -> String { "<c><v>\(value)</v></c>" }
    static func bool(_ value: Bool) -> String { "<c t=\"b\"><v>\(value ? 1 : 0)</v></c>" }
    static func error(_ value: String) -> String { "<c t=\"e\"><v>\(value)</v></c>" }
    static let empty = "<c/>"

    /// A sheet's XML from rows of cells (each cell follows the one before it, from column A).
    static func sheet(_ rows: [[String]]) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            + rows.map { "<row>" + $0.joined() + "</row>" }.joined() + "</sheetData></worksheet>"
    }

    /// The headers of a minimal register and one agreement's cells under them.
    static let headers = ["Kenmerk", "Soort", "KvK-nummer", "Naam opdrachtnemer", "Sector", "Begindatum", "Einddatum",
                          "Meldcode aanwezig", "Kindcheck toegepast"]
    static func agreement(id: String = "INK-1", type: String = "contract", kvk: String = text("01234567"),
                          sector: String = "jeugdhulp", start: String = number("42736"), end: String = number("43100"),
                          meldcode: String = text("ja"), kindcheck: String = empty) -> [String] {
        [text(id), text(type), kvk, text("Jeugdhulp Noord B.V."), text(sector), start, end, meldcode, kindcheck]
    }

    /// A register workbook: the sheet "Gemeente" and the sheet "Overeenkomsten" with these rows
    /// under the header row.
    static func register(_ agreements: [[String]], headers: [String] = headers, date1904: Bool = false,
                         extraParts: [(String, String)] = []) throws -> String {
        let gemeente = sheet([[text("Gemeente"), text("Groningen")], [text("Peildatum"), number(date1904 ? "41638" : "43100")]])
        let overeenkomsten = sheet([headers.map(text)] + agreements)
        return try make(sheets: [("Overeenkomsten", overeenkomsten), ("Gemeente", gemeente)], date1904: date1904,
                        extraParts: extraParts)
    }

    /// A workbook of the given sheets, and any other parts.
    static func make(sheets: [(name: String, xml: String)], date1904: Bool = false,
                     extraParts: [(String, String)] = []) throws -> String {
        let url = Scratch.file("workbook.xlsx")
        let archive = try Archive(url: url, accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                data.subdata(in: Int($0)..<Int($0) + $1)
            }
        }
        try add("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><workbookPr date1904=\"\(date1904 ? 1 : 0)\"/><sheets>"
            + sheets.enumerated().map { "<sheet name=\"\($0.element.name)\" sheetId=\"\($0.offset + 1)\" r:id=\"rId\($0.offset + 1)\"/>" }.joined()
            + "</sheets></workbook>")
        try add("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + sheets.indices.map {
                "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
                    + "Target=\"worksheets/sheet\($0 + 1).xml\"/>"
            }.joined() + "</Relationships>")
        for (index, sheet) in sheets.enumerated() { try add("xl/worksheets/sheet\(index + 1).xml", sheet.xml) }
        for (path, text) in extraParts { try add(path, text) }
        return url.path
    }
}
