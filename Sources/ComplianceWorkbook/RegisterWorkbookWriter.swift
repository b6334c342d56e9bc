import ComplianceRules
import ContractImport
import Foundation

/// Writes a register as a workbook an officer can fill in or edit (`register template`, `register
/// convert` to .xlsx): the sheet "Overeenkomsten" with a group title above each condition's
/// columns, one header per field and one row per agreement (KvK as text, dates as date cells,
/// drop-down lists for sectors, types and ja/nee), the sheet "Gemeente" with the municipality and
/// the peildatum, and the sheet "Toelichting" with one line per column, all from `RegisterColumn`.
public enum RegisterWorkbookWriter {
    /// Rows below the header that get the drop-down lists, beyond the agreements written.
    static let emptyRowsWithLists = 1_000

    /// Writes the register, or an empty template when `register` is nil.
    public static func write(_ register: Register?, to destination: URL) throws {
        try sheets(register).finish(to: destination)
    }

    /// The workbook's bytes, handed to `deliver` in chunks (for an atomic output file).
    public static func write(_ register: Register?, streamingTo deliver: (Data) throws -> Void) throws {
        try sheets(register).finish(streamingTo: deliver)
    }

    private static func sheets(_ register: Register?) throws -> WorkbookWriter {
        let writer = try WorkbookWriter()
        try writeAgreements(register?.agreements ?? [], to: writer)
        try writeMunicipality(register, to: writer)
        try writeExplanation(to: writer)
        return writer
    }

    private static func writeAgreements(_ agreements: [Agreement], to writer: WorkbookWriter) throws {
        let columns = RegisterColumn.all
        var merged: [String] = []
        var groupRow: [SheetCell?] = []
        var start = 0
        for (index, column) in columns.enumerated() {
            let isLast = index == columns.count - 1 || columns[index + 1].group != column.group
            groupRow.append(index == start ? .group(column.group) : nil)
            if isLast {
                if index > start { merged.append("\(ColumnLetters.letters(start + 1))1:\(ColumnLetters.letters(index + 1))1") }
                start = index + 1
            }
        }
        let lastRow = agreements.count + 2 + emptyRowsWithLists
        let validations = columns.enumerated().compactMap { index, column in
            column.choices.map { ListValidation(column: index + 1, rows: 3...lastRow, choices: $0) }
        }
        try writer.beginSheet(RegisterWorkbookLayout.agreementsSheet, columns: columns.map(sheetColumn), frozenRows: 2,
                              autoFilter: 2, merged: merged, validations: validations, fitToWidth: false)
        try writer.row(groupRow)
        try writer.row(columns.map { .header($0.header) })
        for agreement in agreements {
            try writer.row(columns.map { $0.cell(in: agreement) })
        }
    }

    /// Wide enough for the header and for what the column holds (a sector's longest name, an
    /// organisation's name, an amount in millions).
    private static func sheetColumn(_ column: RegisterColumn) -> SheetColumn {
        let header = Double(column.header.count) + 2
        let content: Double
        switch column.source {
        case .field(.contractorName): content = 36
        case .field(.aandachtsfunctionarisName): content = 22
        case .field(.id): content = 16
        default:
            switch column.kind {
            case .sector: content = 30
            case .text: content = 12
            case .kvk, .date: content = 12
            case .decimal: content = 16
            case .agreementType, .yesNo, .wholeNumber: content = 10
            }
        }
        let width = min(40, max(header, content))
        switch column.kind {
        case .text, .kvk, .sector, .agreementType, .yesNo: return SheetColumn(width: width, style: .text)
        case .date: return SheetColumn(width: width, style: .date)
        case .wholeNumber: return SheetColumn(width: width, style: .integer)
        case .decimal: return SheetColumn(width: width, style: .decimal)
        }
    }

    private static func writeMunicipality(_ register: Register?, to writer: WorkbookWriter) throws {
        try writer.beginSheet(RegisterWorkbookLayout.municipalitySheet,
                              columns: [SheetColumn(width: 14, style: .text), SheetColumn(width: 30)],
                              frozenRows: 0, autoFilter: nil)
        try writer.row([.header(RegisterWorkbookLayout.municipalityLabel), register.map { .text($0.municipality) }])
        try writer.row([.header(RegisterWorkbookLayout.referenceDateLabel), register.map { .date($0.referenceDate) }])
    }

    private static func writeExplanation(to writer: WorkbookWriter) throws {
        try writer.beginSheet(RegisterWorkbookLayout.explanationSheet,
                              columns: [SheetColumn(width: 36), SheetColumn(width: 22), SheetColumn(width: 10),
                                        SheetColumn(width: 110, wrapsText: true)])
        try writer.row([.header("Kolom"), .header("Groep"), .header("Verplicht"), .header("Toelichting")])
        try writer.row([.text("\(RegisterWorkbookLayout.municipalitySheet): \(RegisterWorkbookLayout.municipalityLabel)"),
                        .text("Register"), .text("ja"), .text("De gemeente (of regio) die het register bijhoudt.")])
        try writer.row([.text("\(RegisterWorkbookLayout.municipalitySheet): \(RegisterWorkbookLayout.referenceDateLabel)"),
                        .text("Register"), .text("ja"),
                        .text("De datum waartegen de audit toetst; leeftijden als 'gecontroleerd binnen 12 maanden' tellen terug vanaf hier.")])
        for column in RegisterColumn.all {
            try writer.row([.text(column.header), .text(column.group), .text(column.required ? "ja" : "nee"),
                            .text(column.explanation)])
        }
    }
}

extension RegisterColumn {
    /// The agreement's value in this column; nil when the register does not have it.
    func cell(in agreement: Agreement) -> SheetCell? {
        func yesNo(_ value: Bool?) -> SheetCell? { value.map { .text($0 ? "ja" : "nee") } }
        func number(_ value: Int?) -> SheetCell? { value.map { .integer($0) } }
        func decimal(_ value: Decimal?) -> SheetCell? { value.map { .decimal(NSDecimalNumber(decimal: $0).doubleValue) } }
        func date(_ value: Day?) -> SheetCell? { value.map { .date($0) } }
        switch source {
        case .conditionsSince: return date(agreement.conditions?.since)
        case .condition(let condition): return agreement.conditions.map { .text($0.agreed.contains(condition) ? "ja" : "nee") }
        case .field(let field):
            switch field {
            case .id: return .text(agreement.id)
            case .type: return .text(RegisterColumn.dutchWord(agreement.type))
            case .sector: return .text(agreement.sector.rawValue)
            case .contractorKvK: return .text(agreement.contractor.kvk.description)
            case .contractorName: return .text(agreement.contractor.name)
            case .periodStart: return .date(agreement.period.start)
            case .periodEnd: return .date(agreement.period.end)
            case .amount: return decimal(agreement.amount?.value)
            case .amountCurrency: return agreement.amount.map { .text($0.currency) }
            case .caseloadChildren: return number(agreement.caseload?.children)
            case .caseloadAdults: return number(agreement.caseload?.adults)
            case .meldcodePresent: return yesNo(agreement.meldcode?.present)
            case .meldcodeAdopted: return date(agreement.meldcode?.adopted)
            case .meldcodeAfwegingskader: return yesNo(agreement.meldcode?.afwegingskader)
            case .meldcodeReviewed: return date(agreement.meldcode?.reviewed)
            case .kindcheckApplied: return yesNo(agreement.kindcheck?.applied)
            case .verwijsindexConnected: return yesNo(agreement.verwijsindex?.connected)
            case .aandachtsfunctionarisName: return agreement.aandachtsfunctionaris?.name.map { .text($0) }
            case .aandachtsfunctionarisHours: return decimal(agreement.aandachtsfunctionaris?.hoursPerWeek)
            case .aandachtsfunctionarisTrained: return yesNo(agreement.aandachtsfunctionaris?.trained)
            case .aandachtsfunctionarisVerified: return date(agreement.aandachtsfunctionaris?.verified)
            case .keurmerkScheme: return agreement.keurmerk.map { .text($0.scheme) }
            case .keurmerkValidUntil: return date(agreement.keurmerk?.validUntil)
            case .keurmerkIssued: return date(agreement.keurmerk?.issued)
            case .kwaliteitskaderScheme: return agreement.kwaliteitskader.map { .text($0.scheme) }
            case .kwaliteitskaderCompliant: return yesNo(agreement.kwaliteitskader?.compliant)
            case .kwaliteitskaderAssessed: return date(agreement.kwaliteitskader?.assessed)
            case .trainingStaff: return number(agreement.training?.staff)
            case .trainingTrained: return number(agreement.training?.trained)
            case .trainingIntervisie: return number(agreement.training?.intervisieSessions)
            case .trainingReported: return date(agreement.training?.reported)
            case .expectedVeiligThuis: return number(agreement.expectedMeldingen?.veiligThuis)
            case .expectedVerwijsindex: return number(agreement.expectedMeldingen?.verwijsindex)
            case .meldingenSource, .meldingenExpected, .meldingenActual, .meldingenRatio, .meldingenPValue,
                 .meldingenPValueOfNone, .meldingenAdviesvragen, .meldingenLevel, .meldingenConnected,
                 .meldingenServesChildren, .meldingenZAdjusted, .meldingenLower95, .meldingenLower998,
                 .meldingenContractorKvK, .meldingenContractorName:
                return nil
            }
        }
    }
}
