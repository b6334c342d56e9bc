import ComplianceRules
import Foundation

/// One cell's value as the workbook stores it.
public enum WorkbookCell: Sendable, Hashable {
    case text(String)
    /// A number with the digits as stored (`3456789`, `2.5`, `3456789.0`).
    case number(Double, stored: String)
    case bool(Bool)
    /// A formula error such as `#N/A`.
    case error(String)
}

/// The cells of one row that hold a value, by column number (1 = A).
public struct WorkbookRow: Sendable, Hashable {
    public var number: Int
    public var cells: [Int: WorkbookCell]
}

/// A workbook (.xlsx) opened for reading: its sheets by name, their rows, and the date system.
/// The archive is read by ZIPFoundation with `WorkbookArchive`'s limits; each XML part by libxml2
/// through `SAXParse`, with the same safety as every other input, and a DOCTYPE is refused outright.
public struct Workbook {
    public let file: String
    private let archive: WorkbookArchive
    /// The sheets in workbook order, with the archive path of each.
    public let sheets: [(name: String, path: String)]
    /// Whether serial dates count from 1904-01-01 (the 1904 date system) rather than 1900.
    public let uses1904Dates: Bool
    private let sharedStrings: [String]

    public init(file: String) throws(ImportError) {
        self.file = file
        archive = try WorkbookArchive(file: file)
        let index = WorkbookIndexHandler()
        try Self.parse("xl/workbook.xml", of: archive, with: index, required: true)
        let relationships = RelationshipsHandler()
        try Self.parse("xl/_rels/workbook.xml.rels", of: archive, with: relationships, required: true)
        func resolve(_ target: String) -> String {
            target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        var sheets: [(name: String, path: String)] = []
        for sheet in index.sheets {
            guard let target = relationships.targets[sheet.relationship] else {
                throw .unreadable(file: file, reason: "the workbook names sheet '\(sheet.name)' but not where it is stored")
            }
            sheets.append((sheet.name, resolve(target)))
        }
        self.sheets = sheets
        uses1904Dates = index.uses1904Dates
        let strings = SharedStringsHandler()
        if let path = relationships.sharedStrings.map(resolve) ?? (archive.contains("xl/sharedStrings.xml") ? "xl/sharedStrings.xml" : nil) {
            try Self.parse(path, of: archive, with: strings, required: true)
        }
        sharedStrings = strings.strings
    }

    /// The rows of the named sheet that hold a value, in order; nil when there is no such sheet.
    public func rows(of sheetName: String) throws(ImportError) -> [WorkbookRow]? {
        guard let sheet = sheets.first(where: { $0.name == sheetName }) else { return nil }
        let handler = SheetHandler(sheet: sheetName, sharedStrings: sharedStrings)
        try Self.parse(sheet.path, of: archive, with: handler, required: true)
        if let refusal = handler.refusal { throw .unreadable(file: file, reason: refusal) }
        return handler.rows
    }

    /// Whether `<!DOCTYPE` occurs anywhere in the part: one pass over its bytes.
    static func containsDoctype(_ bytes: [UInt8]) -> Bool {
        let doctype: [UInt8] = Array("<!DOCTYPE".utf8)
        return bytes.withUnsafeBufferPointer { part in
            guard part.count >= doctype.count else { return false }
            var index = 0
            let last = part.count - doctype.count
            while index <= last {
                if part[index] == 0x3C, part[index + 1] == 0x21, part[index + 2] == 0x44,
                   doctype.indices.allSatisfy({ part[index + $0] == doctype[$0] }) {
                    return true
                }
                index += 1
            }
            return false
        }
    }

    private static func parse(_ path: String, of archive: WorkbookArchive, with handler: SAXEventHandler,
                              required: Bool) throws(ImportError) {
        guard let bytes = try archive.part(path) else {
            if required { throw .unreadable(file: archive.file, reason: "not an .xlsx workbook: it has no \(path)") }
            return
        }
        if Self.containsDoctype(bytes) {
            throw .unreadable(file: archive.file, reason: "the workbook part \(path) has a DOCTYPE; workbooks never need "
                + "one and DTDs are refused for safety")
        }
        let parse = SAXParse(file: "\(archive.file) (\(path))", handler: handler, schema: nil, diagnosticLimit: 5,
                             bytes: bytes)
        try parse.run()
        if let error = parse.log.error() { throw error }
    }
}

/// A column's letters (`A`, `AB`) and its number (1, 28).
public enum ColumnLetters {
    public static func letters(_ number: Int) -> String {
        var number = number
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.insert(Character(UnicodeScalar(UInt8(65 + remainder))), at: 0)
            number = (number - 1) / 26
        }
        return String(letters)
    }

    /// The column of a cell reference such as `AB12`; nil when it has no letters or is beyond XFD.
    public static func column(ofReference reference: some StringProtocol) -> Int? {
        var number = 0
        for character in reference.utf8 {
            guard (65...90).contains(character) else { break }
            number = number * 26 + Int(character) - 64
            if number > 16_384 { return nil }
        }
        return number > 0 ? number : nil
    }
}

extension Workbook {
    /// Whether the file is a zip archive, as a workbook is, rather than XML.
    public static func isWorkbook(_ file: String) -> Bool { WorkbookArchive.isArchive(file) }
}
