import ComplianceRules
import ContractImport
import Foundation
import ZIPFoundation

/// A cell to write: text (always a text cell, so KvK numbers and ids keep their leading zeros),
/// a number with a number format, a date cell, or a yes/no value.
public enum SheetCell: Sendable, Hashable {
    case text(String)
    case integer(Int)
    case decimal(Double)
    /// A share shown as a percentage (0.25 → 25%).
    case percentage(Double)
    case date(Day)
    /// A header cell: bold text.
    case header(String)
    /// A header cell above numbers or dates: bold text, right-aligned as they are, so that it stands
    /// above its own column's figures rather than beside the next column's.
    case figuresHeader(String)
    /// A group's title above its columns.
    case group(String)
}

/// A column of a sheet: its width in characters, the style a cell typed into it later gets, and
/// whether its text wraps within the width (its row is made as high as the longest such text
/// needs) or runs on, cut off by the next cell.
public struct SheetColumn: Sendable, Hashable {
    public var width: Double
    public var style: ColumnStyle
    public var wrapsText: Bool

    public enum ColumnStyle: Sendable, Hashable {
        case general, text, date, integer, decimal
    }

    public init(width: Double, style: ColumnStyle = .general, wrapsText: Bool = false) {
        self.width = width
        self.style = style
        self.wrapsText = wrapsText
    }
}

/// A drop-down list on a range of a column.
public struct ListValidation: Sendable, Hashable {
    public var column: Int
    public var rows: ClosedRange<Int>
    public var choices: [String]
}

/// Writes an .xlsx workbook (ECMA-376 SpreadsheetML, the parts Excel, LibreOffice Calc and openpyxl
/// read) as a stream: each sheet's rows go to a temporary file as they are written, so a workbook of
/// any size needs no more memory than a row; `finish` zips the parts (ZIPFoundation) into the
/// destination. Strings are written inline (no shared-string table to hold), dates as serial
/// numbers in the 1900 date system with a date format.
public final class WorkbookWriter {
    private let directory: URL
    private var sheets: [(name: String, file: URL)] = []
    private var current: SheetStream?

    public init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("compliance-audit-xlsx-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts a sheet; its rows follow with `row`, and `endSheet` closes it.
    /// - Parameters:
    ///   - frozenRows: rows kept in view when scrolling (the header).
    ///   - autoFilter: the row whose cells get filter buttons over the rows below it (1-based).
    ///   - fitToWidth: printed landscape as wide as the page (a report's table); false for a sheet too
    ///     wide for that (a register's 42 columns), which prints page by page.
    public func beginSheet(_ name: String, columns: [SheetColumn], frozenRows: Int = 1, autoFilter: Int? = 1,
                           merged: [String] = [], validations: [ListValidation] = [], fitToWidth: Bool = true) throws {
        try endSheet()
        let file = directory.appendingPathComponent("sheet\(sheets.count + 1).xml")
        sheets.append((name, file))
        current = try SheetStream(file: file, columns: columns, frozenRows: frozenRows, autoFilter: autoFilter,
                                  merged: merged, validations: validations, fitToWidth: fitToWidth)
    }

    /// Writes the next row; nil leaves a cell empty.
    public func row(_ cells: [SheetCell?]) throws {
        try current?.row(cells)
    }

    public func endSheet() throws {
        try current?.close()
        current = nil
    }

    /// Zips the workbook to `destination` (created or replaced).
    public func finish(to destination: URL) throws {
        try endSheet()
        try? FileManager.default.removeItem(at: destination)
        let archive = try Archive(url: destination, accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("[Content_Types].xml", WorkbookPackage.contentTypes(sheets: sheets.count))
        try add("_rels/.rels", WorkbookPackage.rootRelationships)
        try add("docProps/app.xml", WorkbookPackage.application)
        try add("xl/workbook.xml", WorkbookPackage.workbook(sheets: sheets.map(\.name)))
        try add("xl/_rels/workbook.xml.rels", WorkbookPackage.workbookRelationships(sheets: sheets.count))
        try add("xl/styles.xml", WorkbookPackage.styles)
        for (index, sheet) in sheets.enumerated() {
            try archive.addEntry(with: "xl/worksheets/sheet\(index + 1).xml", fileURL: sheet.file, compressionMethod: .deflate)
        }
    }

    /// Zips the workbook and hands its bytes to `deliver` in chunks.
    public func finish(streamingTo deliver: (Data) throws -> Void) throws {
        let zip = directory.appendingPathComponent("workbook.xlsx")
        try finish(to: zip)
        let handle = try FileHandle(forReadingFrom: zip)
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            try deliver(chunk)
        }
    }
}

/// One sheet's XML, written to its file a buffer at a time.
private final class SheetStream {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var rowNumber = 0
    private var widest = 0
    private let autoFilter: Int?
    private let merged: [String]
    private let validations: [ListValidation]

    private let fitToWidth: Bool
    /// Per column, the width its text cells wrap within; nil where they do not wrap.
    private let wrapWidths: [Double?]

    init(file: URL, columns: [SheetColumn], frozenRows: Int, autoFilter: Int?, merged: [String],
         validations: [ListValidation], fitToWidth: Bool) throws {
        _ = FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
        handle = try FileHandle(forWritingTo: file)
        self.autoFilter = autoFilter
        self.merged = merged
        self.validations = validations
        self.fitToWidth = fitToWidth
        wrapWidths = columns.map { $0.wrapsText ? $0.width : nil }
        var head = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + "\n<worksheet xmlns=\"\(WorkbookPackage.mainNamespace)\" xmlns:r=\"\(WorkbookPackage.relationshipNamespace)\">"
            // Printed landscape, as wide as the page: a table an official can print and read.
            + (fitToWidth ? "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>" : "")
            + "<sheetViews><sheetView workbookViewId=\"0\""
        if frozenRows > 0 {
            head += "><pane ySplit=\"\(frozenRows)\" topLeftCell=\"A\(frozenRows + 1)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                + "<selection pane=\"bottomLeft\" activeCell=\"A\(frozenRows + 1)\" sqref=\"A\(frozenRows + 1)\"/></sheetView>"
        } else {
            head += "/>"
        }
        head += "</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        if !columns.isEmpty {
            head += "<cols>"
            for (index, column) in columns.enumerated() {
                let style = column.style == .general ? "" : " style=\"\(CellStyle(column.style).rawValue)\""
                head += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(column.width)\" customWidth=\"1\"\(style)/>"
            }
            head += "</cols>"
        }
        head += "<sheetData>"
        buffer.append(contentsOf: head.utf8)
    }

    func row(_ cells: [SheetCell?]) throws {
        rowNumber += 1
        widest = max(widest, cells.count)
        while columnLetters.count < cells.count {
            columnLetters.append(Array(ColumnLetters.letters(columnLetters.count + 1).utf8))
        }
        // Written into a local buffer: a property would be checked for exclusive access on every
        // append, and a national report has millions of cells.
        var out: [UInt8] = []
        swap(&out, &buffer)
        RowXML.write(cells, row: rowNumber, letters: columnLetters, wrapWidths: wrapWidths, into: &out)
        swap(&out, &buffer)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private var columnLetters: [[UInt8]] = []

    func close() throws {
        var tail = "</sheetData>"
        if let autoFilter, rowNumber >= autoFilter, widest > 0 {
            tail += "<autoFilter ref=\"A\(autoFilter):\(ColumnLetters.letters(widest))\(max(rowNumber, autoFilter))\"/>"
        }
        if !merged.isEmpty {
            tail += "<mergeCells count=\"\(merged.count)\">" + merged.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>"
        }
        if !validations.isEmpty {
            tail += "<dataValidations count=\"\(validations.count)\">"
            for validation in validations {
                let column = ColumnLetters.letters(validation.column)
                tail += "<dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"1\" "
                    + "sqref=\"\(column)\(validation.rows.lowerBound):\(column)\(validation.rows.upperBound)\">"
                    + "<formula1>\"\(XMLText.escaped(validation.choices.joined(separator: ",")))\"</formula1></dataValidation>"
            }
            tail += "</dataValidations>"
        }
        tail += "<pageMargins left=\"0.4\" right=\"0.4\" top=\"0.5\" bottom=\"0.5\" header=\"0.3\" footer=\"0.3\"/>"
            + (fitToWidth ? "<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
                : "<pageSetup paperSize=\"9\" orientation=\"landscape\"/>") + "</worksheet>\n"
        buffer.append(contentsOf: tail.utf8)
        try flush()
        try handle.close()
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The cell formats of `styles.xml`, by their index there.
enum CellStyle: Int {
    case general = 0, header, group, text, integer, decimal, percentage, date
    /// Text that wraps within its column's width.
    case wrappedText
    /// A header above numbers or dates.
    case figuresHeader

    init(_ column: SheetColumn.ColumnStyle) {
        switch column {
        case .general: self = .general
        case .text: self = .text
        case .date: self = .date
        case .integer: self = .integer
        case .decimal: self = .decimal
        }
    }
}

/// One row of a sheet as SpreadsheetML, byte by byte.
private enum RowXML {
    static func write(_ cells: [SheetCell?], row: Int, letters: [[UInt8]], wrapWidths: [Double?],
                      into out: inout [UInt8]) {
        let number = Array(String(row).utf8)
        // A header row is two lines high, or more: its headers wrap rather than spill over their neighbours.
        let isHeader = cells.contains {
            switch $0 {
            case .header?, .figuresHeader?: true
            default: false
            }
        }
        append("<row r=\"", &out)
        out.append(contentsOf: number)
        if isHeader {
            // Two lines at least; more where a header needs them (bold, and a figures header's indent,
            // take about two characters of its column's width).
            var lines = 2
            for (index, cell) in cells.enumerated() where index < wrapWidths.count {
                guard let width = wrapWidths[index] else { continue }
                switch cell {
                case .header(let value)?, .figuresHeader(let value)?:
                    lines = max(lines, WrappedLines.count(value, width: max(1, width - 2)))
                default:
                    break
                }
            }
            append("\" ht=\"\(lines * 16)\" customHeight=\"1\">", &out)
        } else {
            var lines = 1
            for (index, cell) in cells.enumerated() {
                if index < wrapWidths.count, let width = wrapWidths[index], case .text(let value)? = cell {
                    lines = max(lines, WrappedLines.count(value, width: width))
                }
            }
            // The height for the lines the wrapped text needs, not marked as set by hand: Excel fits
            // the row to its text when it opens the file; LibreOffice Calc takes the height given.
            append(lines > 1 ? "\" ht=\"\(lines * 15)\">" : "\">", &out)
        }
        for (index, cell) in cells.enumerated() {
            guard let cell else { continue }
            append("<c r=\"", &out)
            out.append(contentsOf: letters[index])
            out.append(contentsOf: number)
            switch cell {
            case .text(let value): text(value, index < wrapWidths.count && wrapWidths[index] != nil ? .wrappedText : .text, &out)
            case .header(let value): text(value, .header, &out)
            case .figuresHeader(let value): text(value, .figuresHeader, &out)
            case .group(let value): text(value, .group, &out)
            case .integer(let value): self.number(String(value), .integer, &out)
            case .decimal(let value): value.isFinite ? self.number(String(value), .decimal, &out) : text("", .text, &out)
            case .percentage(let value): value.isFinite ? self.number(String(value), .percentage, &out) : text("", .text, &out)
            case .date(let day): self.number(String(day.serial(uses1904Dates: false)), .date, &out)
            }
        }
        append("</row>", &out)
    }

    /// The rest of a cell whose reference is written: its style, and the text inline.
    private static func text(_ value: String, _ style: CellStyle, _ out: inout [UInt8]) {
        append("\" s=\"", &out)
        append(String(style.rawValue), &out)
        append("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">", &out)
        appendEscaped(value, &out)
        append("</t></is></c>", &out)
    }

    private static func number(_ value: String, _ style: CellStyle, _ out: inout [UInt8]) {
        append("\" s=\"", &out)
        append(String(style.rawValue), &out)
        append("\"><v>", &out)
        append(value, &out)
        append("</v></c>", &out)
    }

    private static func append(_ text: String, _ out: inout [UInt8]) {
        out.append(contentsOf: text.utf8)
    }

    /// Text escaped for XML as `XMLText.escaped` does (line breaks and tabs kept as they are, which in
    /// element content is the same).
    private static func appendEscaped(_ text: String, _ out: inout [UInt8]) {
        // U+FFFE and U+FFFF are no XML characters either; text with them takes the slow path.
        if text.unicodeScalars.contains(where: { $0.value == 0xFFFE || $0.value == 0xFFFF }) {
            append(XMLText.escaped(text), &out)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): append("&amp;", &out)
            case UInt8(ascii: "<"): append("&lt;", &out)
            case UInt8(ascii: ">"): append("&gt;", &out)
            case UInt8(ascii: "\""): append("&quot;", &out)
            case 0x09, 0x0A, 0x0D: out.append(byte)
            case ..<0x20: continue // Not a character XML 1.0 can hold.
            default: out.append(byte)
            }
        }
    }
}

/// How many lines a text takes when wrapped at word boundaries within a column `width` characters
/// wide. A column's width counts the widths of a digit, its cell margins included; a text's letters
/// and spaces are mostly narrower than a digit, so one character per unit of width (checked by
/// printing the samples' reports from LibreOffice Calc: no line cut off). A word longer than a line
/// is broken, as spreadsheets break it.
enum WrappedLines {
    static func count(_ text: String, width: Double) -> Int {
        let capacity = max(1, Int(width))
        var lines = 1
        var used = 0
        var word = 0
        func place() {
            guard word > 0 else { return }
            if used > 0 && used + 1 + word <= capacity {
                used += 1 + word
            } else {
                if used > 0 { lines += 1 }
                lines += (word - 1) / capacity
                used = (word - 1) % capacity + 1
            }
            word = 0
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t": place()
            case "\n":
                place()
                lines += 1
                used = 0
            default: word += 1
            }
        }
        place()
        return lines
    }
}
