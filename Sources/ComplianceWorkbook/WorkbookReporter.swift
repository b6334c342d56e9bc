import ComplianceAudit
import ComplianceRules
import Foundation

/// `--format xlsx`: the report's tables (`ReportTables`) as a workbook — KvK numbers and ids as
/// text, counts and figures as numbers with a number format, dates as date cells, the header row
/// frozen and filtered, text wrapped within its column, Dutch headers (English with `--lang en`). Each sheet is streamed to a
/// temporary file as its rows come, then the workbook is zipped and handed to the sink.
public struct WorkbookReporter: Reporter {
    public let id = "xlsx"
    public let summary = "an Excel workbook (.xlsx) with sheets for verdicts, findings, meldingen and indicators"

    public init() {}

    public func write(_ document: ReportDocument, _ settings: RenderSettings, to sink: ReportSink) throws {
        let writer = try WorkbookWriter()
        for table in ReportTables.tables(document, settings.language) {
            // A report's text wraps: an explanation, advice or task is read whole, on screen and on paper.
            try writer.beginSheet(table.name, columns: table.columns.map { SheetColumn(width: $0.width, wrapsText: true) })
            try writer.row(table.columns.map { column in
                let header = column.header.prefix(1).uppercased() + column.header.dropFirst()
                return column.figures ? .figuresHeader(header) : .header(header)
            })
            try table.rows { cells in try writer.row(cells.map { $0.map(Self.sheetCell) }) }
        }
        try writer.finish { data in
            sink.write(data)
            try sink.flushIfFull()
        }
    }

    static func sheetCell(_ cell: ReportTable.Cell) -> SheetCell {
        switch cell {
        case .text(let text): .text(text)
        case .integer(let value): .integer(value)
        // Through the decimal digits, not `doubleValue`, so that 0.130736 stays 0.130736.
        case .decimal(let value): .decimal(Double(value.description) ?? .nan)
        case .percentage(let value): .percentage(Double(value.description) ?? .nan)
        case .date(let day): .date(day)
        }
    }
}
