import Foundation

// SAX handlers for the parts of an .xlsx workbook (ECMA-376 SpreadsheetML). Elements are matched by
// local name: the transitional and the strict namespace name the same elements.

private func attributeValue(_ attributes: AttributeList, _ name: StaticString, anyNamespace: Bool = false) -> String? {
    var found: String?
    attributes.forEach { attribute in
        guard found == nil else { return }
        if anyNamespace ? equalsCString(attribute.localName, name) : attribute.isNamed(name) { found = attribute.text }
    }
    return found
}

/// `xl/workbook.xml`: the sheets in order and the date system.
final class WorkbookIndexHandler: SAXEventHandler {
    private(set) var sheets: [(name: String, relationship: String)] = []
    private(set) var uses1904Dates = false

    func startElement(_ element: ElementName, attributes: AttributeList, parse: SAXParse) {
        if element.isNamed("sheet"), let name = attributeValue(attributes, "name"),
           let relationship = attributeValue(attributes, "id", anyNamespace: true) {
            sheets.append((name, relationship))
        } else if element.isNamed("workbookPr"), let value = attributeValue(attributes, "date1904") {
            uses1904Dates = value == "1" || value == "true"
        }
    }
}

/// `xl/_rels/workbook.xml.rels`: where each sheet and the shared strings are stored.
final class RelationshipsHandler: SAXEventHandler {
    private(set) var targets: [String: String] = [:]
    private(set) var sharedStrings: String?

    func startElement(_ element: ElementName, attributes: AttributeList, parse: SAXParse) {
        guard element.isNamed("Relationship"), let id = attributeValue(attributes, "Id"),
              let target = attributeValue(attributes, "Target") else { return }
        targets[id] = target
        if attributeValue(attributes, "Type")?.hasSuffix("/sharedStrings") == true { sharedStrings = target }
    }
}

/// `xl/sharedStrings.xml`: each `<si>`'s text, its runs joined, phonetic runs left out.
final class SharedStringsHandler: SAXEventHandler {
    private(set) var strings: [String] = []
    private var current: [UInt8] = []
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    func startElement(_ element: ElementName, attributes: AttributeList, parse: SAXParse) {
        if element.isNamed("si") {
            inItem = true
            current.removeAll(keepingCapacity: true)
        } else if element.isNamed("rPh") {
            phoneticDepth += 1
        } else if element.isNamed("t"), inItem, phoneticDepth == 0 {
            inText = true
        }
    }

    func endElement(_ element: ElementName, parse: SAXParse) {
        if element.isNamed("si") {
            strings.append(String(decoding: current, as: UTF8.self))
            inItem = false
        } else if element.isNamed("rPh") {
            phoneticDepth -= 1
        } else if element.isNamed("t") {
            inText = false
        }
    }

    func characters(_ text: UnsafeRawBufferPointer, parse: SAXParse) {
        if inText { current.append(contentsOf: text) }
    }
}

/// A worksheet: the cells that hold a value, row by row. Rows and cells without a reference
/// follow the one before. A sheet of endless empty rows is refused rather than read to its end.
final class SheetHandler: SAXEventHandler {
    /// Rows written without any value, one after another, before the sheet is refused.
    static let emptyRowLimit = 10_000

    private let sheet: String
    private let sharedStrings: [String]
    private(set) var rows: [WorkbookRow] = []
    private(set) var refusal: String?
    private var row: WorkbookRow?
    private var lastRow = 0
    private var emptyRows = 0
    private var column = 0
    private var type = ""
    private var value: [UInt8] = []
    private var collecting = false
    private var hasValue = false

    init(sheet: String, sharedStrings: [String]) {
        self.sheet = sheet
        self.sharedStrings = sharedStrings
    }

    func startElement(_ element: ElementName, attributes: AttributeList, parse: SAXParse) {
        if element.isNamed("row") {
            let number = attributeValue(attributes, "r").flatMap { Int($0) } ?? lastRow + 1
            row = WorkbookRow(number: number, cells: [:])
            lastRow = number
            column = 0
        } else if element.isNamed("c") {
            let reference = attributeValue(attributes, "r")
            column = reference.flatMap(ColumnLetters.column(ofReference:)) ?? column + 1
            type = attributeValue(attributes, "t") ?? "n"
            value.removeAll(keepingCapacity: true)
            hasValue = false
        } else if element.isNamed("v") || (element.isNamed("t") && type == "inlineStr") {
            collecting = true
            hasValue = true
        }
    }

    func endElement(_ element: ElementName, parse: SAXParse) {
        if element.isNamed("v") || element.isNamed("t") {
            collecting = false
        } else if element.isNamed("c") {
            if hasValue, let cell = cell() { row?.cells[column] = cell }
        } else if element.isNamed("row"), let finished = row {
            row = nil
            if finished.cells.isEmpty {
                emptyRows += 1
                if emptyRows > Self.emptyRowLimit {
                    refusal = "sheet '\(sheet)' has more than \(Self.emptyRowLimit) empty rows one after another "
                        + "(up to row \(finished.number)); delete them, or the workbook is not a register"
                    parse.stop()
                }
            } else {
                emptyRows = 0
                rows.append(finished)
            }
        }
    }

    func characters(_ text: UnsafeRawBufferPointer, parse: SAXParse) {
        if collecting { value.append(contentsOf: text) }
    }

    private func cell() -> WorkbookCell? {
        let text = String(decoding: value, as: UTF8.self)
        switch type {
        case "s":
            guard let index = Int(text), sharedStrings.indices.contains(index) else { return .error("#REF!") }
            return sharedStrings[index].isEmpty ? nil : .text(sharedStrings[index])
        case "inlineStr", "str", "d":
            return text.isEmpty ? nil : .text(text)
        case "b":
            return .bool(text == "1" || text == "true")
        case "e":
            return .error(text)
        default:
            let stored = text.trimmingCharacters(in: .whitespaces)
            guard !stored.isEmpty else { return nil }
            return Double(stored).map { .number($0, stored: stored) } ?? .text(stored)
        }
    }
}
