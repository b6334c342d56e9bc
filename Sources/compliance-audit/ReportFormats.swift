import ComplianceAudit
import ComplianceWorkbook

/// The formats `--format` offers: the library's (`Reporters.all`) and the workbook, which lives in
/// a target of its own above the audit.
enum ReportFormats {
    static let all: [any Reporter] = Reporters.all + [WorkbookReporter()]

    static func named(_ id: String) -> (any Reporter)? { all.first { $0.id == id } }
}
