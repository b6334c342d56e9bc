import ComplianceRules
import Foundation

/// Reads a register kept in a workbook (.xlsx, the layout of `RegisterColumn`): the workbook is
/// written out as a register document of formats.md §1, one element per line, and that document
/// goes through the very import an XML register does (its XSD and `RegisterBuilder`), so a value is
/// judged by the same checks and in the same words. Each problem is then placed at its cell
/// (`register.xlsx: Overeenkomsten!F12`) and worded with the column's header instead of the element.
///
/// An empty cell is absent evidence, never false: an element is written only when one of its
/// cells holds a value. A KvK number that the spreadsheet turned into a number (7 digits, or
/// `3456789.0`) is read back as the 8-digit text, with a warning.
public struct RegisterWorkbookReader {
    public let file: String

    public init(file: String) {
        self.file = file
    }

    /// The register document the workbook holds, checked by the same import as an XML register.
    /// Throws with every problem placed at its cell; returns the document and the warnings.
    public func convert(diagnosticLimit: Int = 50) throws(ImportError) -> (xml: String, warnings: [Diagnostic]) {
        let conversion = try WorkbookConversion(workbook: Workbook(file: file))
        let (_, records, slips) = try conversion.importRegister(diagnosticLimit: diagnosticLimit, lenient: false)
        return (String(decoding: conversion.xml, as: UTF8.self), records.warnings + slips)
    }

    /// The register, what became of each agreement, and the warnings of `RegisterBuilder.warnings`
    /// placed at their cells.
    func read(diagnosticLimit: Int, lenient: Bool) throws(ImportError)
        -> (register: Register, records: RecordReconciliation, slips: [Diagnostic]) {
        try WorkbookConversion(workbook: Workbook(file: file)).importRegister(diagnosticLimit: diagnosticLimit, lenient: lenient)
    }
}

/// The workbook as a register document, with where each line of it came from.
private struct WorkbookConversion {
    let file: String
    private let uses1904Dates: Bool
    private(set) var xml: [UInt8] = []
    /// Per line of `xml` (1-based): the sheet row and element it was written from.
    private var places: [Int: (sheet: String, row: Int, element: String)] = [:]
    /// Per column of the agreements sheet: its number there.
    private var columnNumbers: [RegisterColumn: Int] = [:]
    /// The cells of the sheet "Gemeente", by register attribute.
    private var registerCells: [String: (row: Int, column: Int)] = [:]
    /// Problems of single cells that the workbook has before it is a register document: a yes/no or
    /// a type that says neither, a cell with a formula error.
    private var problems: [Diagnostic] = []
    /// Problems of the workbook as a whole (its header, the sheet "Gemeente"): `--lenient` cannot
    /// pass over them.
    private var fileProblems: [Diagnostic] = []
    private var warnings: [Diagnostic] = []
    private var line = 1

    init(workbook: Workbook) throws(ImportError) {
        file = workbook.file
        uses1904Dates = workbook.uses1904Dates
        let municipality = try Self.sheet(RegisterWorkbookLayout.municipalitySheet, of: workbook)
        let agreements = try Self.sheet(RegisterWorkbookLayout.agreementsSheet, of: workbook)
        write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        var registerAttributes: [(String, String)] = []
        for (label, attribute) in [(RegisterWorkbookLayout.municipalityLabel, "municipality"),
                                   (RegisterWorkbookLayout.referenceDateLabel, "reference-date")] {
            guard let row = municipality.first(where: { Self.label($0.cells[1]) == label.lowercased() }) else {
                fileProblems.append(problem(RegisterWorkbookLayout.municipalitySheet, row: 1, column: 1,
                                        "the sheet has no row '\(label)' (the label in column A, the value in column B)"))
                continue
            }
            registerCells[attribute] = (row.number, 2)
            let kind: RegisterColumn.Kind = attribute == "reference-date" ? .date : .text
            if let cell = row.cells[2] {
                registerAttributes.append((attribute, text(cell, kind, header: label,
                                                           sheet: RegisterWorkbookLayout.municipalitySheet,
                                                           row: row.number, column: 2)))
            }
        }
        places[line] = (RegisterWorkbookLayout.municipalitySheet, registerCells["municipality"]?.row ?? 1, "register")
        write("<register xmlns=\"urn:kindveilig:register:1\"" + Self.attributes(registerAttributes) + ">")
        // The header row is the one of the first few that names the most columns: a row of group
        // titles (some of which are also a column's header) may stand above it.
        func namedColumns(_ row: WorkbookRow) -> Int {
            row.cells.values.filter { if case .text(let words) = $0 { RegisterColumn.named(words) != nil } else { false } }.count
        }
        let candidates = agreements.indices.prefix(10).filter { namedColumns(agreements[$0]) > 0 }
        if let headerIndex = candidates.max(by: { namedColumns(agreements[$0]) < namedColumns(agreements[$1]) }) {
            readHeader(agreements[headerIndex])
            for row in agreements[(headerIndex + 1)...] { writeAgreement(row) }
        } else {
            fileProblems.append(problem(RegisterWorkbookLayout.agreementsSheet, row: 1, column: 1,
                                    "the sheet has no header row naming the columns (Kenmerk, Soort, KvK-nummer, …)"))
        }
        write("</register>")
    }

    private static func sheet(_ name: String, of workbook: Workbook) throws(ImportError) -> [WorkbookRow] {
        guard let rows = try workbook.rows(of: name) else {
            throw .unreadable(file: workbook.file, reason: "the workbook has no sheet '\(name)'; a register workbook has "
                + "the sheets '\(RegisterWorkbookLayout.municipalitySheet)' and '\(RegisterWorkbookLayout.agreementsSheet)' "
                + "(`compliance-audit register template` writes one)")
        }
        return rows
    }

    private static func label(_ cell: WorkbookCell?) -> String? {
        guard case .text(let text) = cell else { return nil }
        return text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    // MARK: - The agreements sheet

    private mutating func readHeader(_ header: WorkbookRow) {
        let sheet = RegisterWorkbookLayout.agreementsSheet
        for (number, cell) in header.cells.sorted(by: { $0.key < $1.key }) {
            guard case .text(let words) = cell, let column = RegisterColumn.named(words) else {
                let shown = Self.label(cell).map { "'\($0)'" } ?? "this cell"
                let closest = Self.label(cell).flatMap { words in
                    RegisterColumn.all.map(\.header).min { editDistance($0.lowercased(), words) < editDistance($1.lowercased(), words) }
                        .flatMap { editDistance($0.lowercased(), words) <= 4 ? " (did you mean '\($0)'?)" : nil }
                } ?? ""
                fileProblems.append(problem(sheet, row: header.number, column: number,
                                        "column \(shown) is not a column of the register\(closest)"))
                continue
            }
            if let first = columnNumbers[column] {
                fileProblems.append(problem(sheet, row: header.number, column: number,
                                        "column '\(column.header)' occurs twice (first in column \(ColumnLetters.letters(first)))"))
                continue
            }
            columnNumbers[column] = number
        }
        for column in RegisterColumn.all where column.required && columnNumbers[column] == nil {
            fileProblems.append(problem(sheet, row: header.number, column: (header.cells.keys.max() ?? 0) + 1,
                                    "the required column '\(column.header)' is missing"))
        }
    }

    private mutating func writeAgreement(_ row: WorkbookRow) {
        let sheet = RegisterWorkbookLayout.agreementsSheet
        var values: [RegisterColumn: String] = [:]
        for (column, number) in columnNumbers {
            guard let cell = row.cells[number] else { continue }
            values[column] = text(cell, column.kind, header: column.header, sheet: sheet, row: row.number, column: number)
        }
        func attributes(_ element: String) -> [(String, String)] {
            RegisterColumn.all.compactMap { column in
                guard column.element == element, let attribute = column.attribute, let value = values[column] else { return nil }
                return (attribute, value)
            }
        }
        func emit(_ element: String, _ text: String) {
            places[line] = (sheet, row.number, element)
            write("    " + text)
        }
        places[line] = (sheet, row.number, "agreement")
        write("  <agreement" + Self.attributes(attributes("agreement")) + ">")
        var emitted = Set<String>(["agreement"])
        for column in RegisterColumn.all where !emitted.contains(column.element) {
            let element = column.element
            if element == "conditions" {
                emitted.insert(element)
                let conditions = RegisterColumn.all.filter { if case .condition = $0.source { true } else { false } }
                let stated = conditions.filter { values[$0] != nil }
                guard !stated.isEmpty || values[column] != nil || attributes(element).contains(where: { $0.0 == "since" }) else {
                    continue
                }
                let agreed = stated.filter { values[$0] == "true" }.compactMap { column -> String? in
                    if case .condition(let condition) = column.source { condition.rawValue } else { nil }
                }
                // A yes/no cell that says neither is written as it stands, for the XSD to refuse.
                let unreadable = stated.compactMap { values[$0] }.filter { $0 != "true" && $0 != "false" }
                emit(element, "<conditions" + Self.attributes([("agreed", (agreed + unreadable).joined(separator: " "))]
                    + attributes(element)) + "/>")
                continue
            }
            let own = RegisterColumn.all.filter { $0.element == element }
            guard own.contains(where: { values[$0] != nil }) else { continue }
            emitted.insert(element)
            if let textColumn = own.first(where: { $0.attribute == nil }) {
                emit(element, "<\(element)" + Self.attributes(attributes(element)) + ">"
                    + XMLText.escaped(values[textColumn] ?? "") + "</\(element)>")
            } else {
                emit(element, "<\(element)" + Self.attributes(attributes(element)) + "/>")
            }
        }
        places[line] = (sheet, row.number, "agreement")
        write("  </agreement>")
    }

    /// A cell's value as the register document writes it; a problem is noted and the cell written
    /// as it stands (or empty), so that the import rejects the agreement as it would in XML.
    private mutating func text(_ cell: WorkbookCell, _ kind: RegisterColumn.Kind, header: String, sheet: String,
                               row: Int, column: Int) -> String {
        switch cell {
        case .error(let error):
            problems.append(problem(sheet, row: row, column: column, "\(header): the cell holds the error \(error)"))
            return ""
        case .bool(let value):
            return value ? "true" : "false"
        case .number(let number, let stored):
            switch kind {
            case .date:
                if let day = Day.fromSerial(number, uses1904Dates: uses1904Dates) { return day.description }
                return stored
            case .kvk:
                return kvk(Self.plainNumber(number, stored: stored), stored: stored, header: header, sheet: sheet, row: row,
                           column: column)
            default:
                return Self.plainNumber(number, stored: stored)
            }
        case .text(let raw):
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            switch kind {
            case .yesNo:
                switch text.lowercased() {
                case "ja", "true", "waar": return "true"
                case "nee", "false", "onwaar": return "false"
                default:
                    problems.append(problem(sheet, row: row, column: column, "\(header): '\(text)' must be ja or nee"))
                    return text
                }
            case .agreementType:
                switch text.lowercased() {
                case "inkoop", "contract": return AgreementType.contract.rawValue
                case "subsidie", "subsidy": return AgreementType.subsidy.rawValue
                default:
                    problems.append(problem(sheet, row: row, column: column, "\(header): '\(text)' must be inkoop or subsidie"))
                    return text
                }
            case .kvk:
                // Text such as "3456789.0": a number turned into text on its way into the sheet.
                guard let match = text.firstMatch(of: /^([0-9]+)\.0+$/) else { return text }
                return kvk(String(match.1), stored: text, header: header, sheet: sheet, row: row, column: column)
            case .date:
                // A date cell of type "d" is stored as an ISO date and time.
                if text.count > 10, text.dropFirst(10).first == "T", Day(iso: text.prefix(10)) != nil {
                    return String(text.prefix(10))
                }
                return text
            case .decimal:
                // A Dutch decimal comma typed as text: 2,5.
                if text.firstMatch(of: /^[0-9]+,[0-9]+$/) != nil { return text.replacingOccurrences(of: ",", with: ".") }
                return text
            default:
                return text
            }
        }
    }

    /// A KvK number that a spreadsheet stored as a number, losing its leading zero (7 digits) or
    /// written as `3456789.0`, read back as its 8 digits with a warning. Other values are left as
    /// they are, for the import to judge.
    private mutating func kvk(_ digits: String, stored: String, header: String, sheet: String, row: Int, column: Int) -> String {
        guard digits.count == 7 || (digits.count == 8 && digits != stored),
              digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return digits }
        let repaired = String(repeating: "0", count: 8 - digits.count) + digits
        warnings.append(Diagnostic(
            location: location(sheet, row: row, column: column), severity: .warning,
            message: "\(header): '\(stored)' was stored as a number; read as \(repaired) (store KvK numbers as text)",
            origin: .content))
        return repaired
    }

    private static func plainNumber(_ number: Double, stored: String) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        if stored.contains("E") || stored.contains("e") { return "\(Decimal(number))" }
        return stored
    }

    // MARK: - The import, and its problems placed at cells

    func importRegister(diagnosticLimit: Int, lenient: Bool) throws(ImportError)
        -> (register: Register, records: RecordReconciliation, slips: [Diagnostic]) {
        let importer = RegisterImporter(diagnosticLimit: diagnosticLimit, lenient: lenient)
        let outcome: (register: Register, records: RecordReconciliation)
        let own = fileProblems + problems
        let ownCells = Set(own.map(\.location))
        do {
            outcome = try importer.readDocument(named: file, bytes: xml)
        } catch {
            guard case .invalid(_, let diagnostics, let omitted) = error else { throw error }
            // Where the workbook's own words said it already: the same cell, or another cell of the
            // same element in the same row (a yes/no of the conditions, which are one attribute in XML).
            let elementByColumn = Dictionary(uniqueKeysWithValues: columnNumbers.map { ($0.value, $0.key.element) })
            let ownElements = Set(problems.compactMap { problem in
                elementByColumn[problem.location.column].flatMap { $0 == "conditions" ? "\(problem.location.line) \($0)" : nil }
            })
            let placed = diagnostics.map(placed).filter { diagnostic in
                let element = elementByColumn[diagnostic.location.column].map { "\(diagnostic.location.line) \($0)" }
                return !ownCells.contains(diagnostic.location) && !(element.map(ownElements.contains) ?? false)
            }
            throw .invalid(file: file, diagnostics: Array((own + placed).prefix(diagnosticLimit)),
                           omitted: omitted + max(0, own.count + placed.count - diagnosticLimit))
        }
        // A lenient read passes over a cell's problem (the import has rejected its agreement too),
        // never over one of the workbook as a whole.
        if !(lenient ? fileProblems : own).isEmpty {
            throw .invalid(file: file, diagnostics: Array(own.prefix(diagnosticLimit)),
                           omitted: max(0, own.count - diagnosticLimit))
        }
        var register = outcome.register
        // At the cell of the column that says it, before the agreements are placed at their rows.
        let slips = RegisterBuilder.warnings(register).map(placed)
        for index in register.agreements.indices {
            register.agreements[index].location = register.agreements[index].location.map { rowStart($0) }
            // What a warning about the conditions names: the cell that dates them.
            register.agreements[index].conditionsLocation = register.agreements[index].conditionsLocation.map {
                places[$0.line].map { place in cell(place, column(element: "conditions", attribute: "since")) } ?? $0
            }
        }
        var records = outcome.records
        records.rejections = records.rejections.map { rejection in
            var rejection = rejection
            rejection.location = rowStart(rejection.location)
            return rejection
        }
        records.warnings = warnings
        return (register, records, slips)
    }

    /// The agreement's row, at its first column.
    private func rowStart(_ location: SourceLocation) -> SourceLocation {
        guard let place = places[location.line] else { return location }
        return self.location(place.sheet, row: place.row, column: columnNumbers.values.min() ?? 1)
    }

    /// A problem of the register document, placed at the cell it came from and worded with the
    /// column's header: `<sector>: 'x' is not one of: …` becomes `Sector: 'x' is not one of: …`.
    private func placed(_ diagnostic: Diagnostic) -> Diagnostic {
        guard let place = places[diagnostic.location.line] else {
            return Diagnostic(location: location(RegisterWorkbookLayout.agreementsSheet, row: 1, column: 1),
                              severity: diagnostic.severity, message: diagnostic.message, origin: diagnostic.origin,
                              record: diagnostic.record, reason: diagnostic.reason)
        }
        var message = diagnostic.message
        var element = place.element
        var attribute: String?
        if let match = message.firstMatch(of: #/^<([a-z-]+)>(?: ([a-z-]+))?: /#) {
            element = String(match.1)
            attribute = match.2.map(String.init)
            message = String(message[match.range.upperBound...])
        }
        if element == "agreement", message.hasPrefix("required element(s) missing: ") {
            // Name the columns left empty rather than the elements.
            let elements = message.matches(of: #/<([a-z-]+)>/#).map { String($0.1) }
            element = elements.first ?? element
            let headers = elements.flatMap { name in
                RegisterColumn.all.filter { $0.element == name && $0.required }.map(\.header)
            }
            message = headers.count == 1 ? "required, but the cell is empty"
                : "required, but these cells are empty: " + headers.joined(separator: ", ")
        }
        if let match = message.firstMatch(of: #/^required attribute ([a-z-]+) is missing$/#) {
            attribute = String(match.1)
            message = "required, but the cell is empty"
        }
        if element == "agreement", message.contains("is used twice") { attribute = "id" }
        if let match = message.firstMatch(of: /first at line ([0-9]+)/), let first = places[Int(match.1)!] {
            message.replaceSubrange(match.range, with: "first in row \(first.row)")
        }
        if element == "register" {
            let registerCell = registerCells[attribute ?? "municipality"] ?? (1, 2)
            let label = attribute == "reference-date" ? RegisterWorkbookLayout.referenceDateLabel : RegisterWorkbookLayout.municipalityLabel
            return Diagnostic(location: location(RegisterWorkbookLayout.municipalitySheet, row: registerCell.row, column: registerCell.column),
                              severity: diagnostic.severity, message: "\(label): \(message)", origin: diagnostic.origin,
                              record: diagnostic.record, reason: diagnostic.reason)
        }
        let header = column(element: element, attribute: attribute)
        return Diagnostic(location: cell(place, header), severity: diagnostic.severity,
                          message: header.map { "\($0.header): \(message)" } ?? message, origin: diagnostic.origin,
                          record: diagnostic.record, reason: diagnostic.reason)
    }

    /// The workbook's column for an XML element's attribute, or for the element when the attribute
    /// has none of its own; nil when the sheet has no column for it.
    private func column(element: String, attribute: String?) -> RegisterColumn? {
        if let exact = RegisterColumn.of(element: element, attribute: attribute), columnNumbers[exact] != nil { return exact }
        return RegisterColumn.all.first { $0.element == element && columnNumbers[$0] != nil }
    }

    /// The cell of `column` in the row of `place`; the row's first cell without a column.
    private func cell(_ place: (sheet: String, row: Int, element: String), _ column: RegisterColumn?) -> SourceLocation {
        location(place.sheet, row: place.row, column: column.flatMap { columnNumbers[$0] } ?? (columnNumbers.values.min() ?? 1))
    }

    // MARK: - Writing

    private mutating func write(_ text: String) {
        xml.append(contentsOf: text.utf8)
        xml.append(UInt8(ascii: "\n"))
        line += 1
    }

    private static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(XMLText.escaped($0.1))\"" }.joined()
    }

    private func location(_ sheet: String, row: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: row, column: column, cell: "\(sheet)!\(ColumnLetters.letters(column))\(row)")
    }

    private func problem(_ sheet: String, row: Int, column: Int, _ message: String) -> Diagnostic {
        Diagnostic(location: location(sheet, row: row, column: column), message: message, origin: .content)
    }
}
