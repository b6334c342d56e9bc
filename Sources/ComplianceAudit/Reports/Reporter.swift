import Foundation

/// What a report is about: the whole audit, the check before contract talks, or the briefing
/// for an accountgesprek.
public enum ReportDocument: Sendable {
    case audit(AuditReport)
    case check(ContractCheck)
    case brief(ContractorBriefing)
    /// What changed between two stored audits (`compliance-audit diff`).
    case diff(RunDiff)
}

/// How to render: the language, and the few choices a format has.
public struct RenderSettings: Sendable {
    public var language: ReportLanguage
    /// ANSI colour in text, for a terminal.
    public var colour: Bool
    /// The CSV field separator.
    public var csvSeparator: Character

    public init(language: ReportLanguage = .nl, colour: Bool = false, csvSeparator: Character = ";") {
        self.language = language
        self.colour = colour
        self.csvSeparator = csvSeparator
    }
}

/// A report format: an identifier for `--format`, a line for the help, and a document written in
/// a language to a sink as it is made. Every format is listed once, in `Reporters.all` (the CLI adds
/// the workbook, which lives in a target above this one).
public protocol Reporter: Sendable {
    /// The `--format` value: `text`, `json`, `csv`, `html`.
    var id: String { get }
    /// One line for `--help`.
    var summary: String { get }
    /// Writes the document to `sink` part by part; the caller flushes it.
    func write(_ document: ReportDocument, _ settings: RenderSettings, to sink: ReportSink) throws
}

extension Reporter {
    /// The document's bytes, collected in memory.
    public func render(_ document: ReportDocument, _ settings: RenderSettings) throws -> Data {
        let (sink, bytes) = ReportSink.collecting()
        try write(document, settings, to: sink)
        try sink.flush()
        return bytes()
    }
}

/// The registry of report formats: `--format` takes its values and help from here, and nothing
/// else switches over formats.
public enum Reporters {
    public static let all: [any Reporter] = [TextReporter(), JSONReporter(), CSVReporter(), HTMLReporter()]

    public static func named(_ id: String) -> (any Reporter)? { all.first { $0.id == id } }
}

/// The report as JSON (`docs/report-schema.md`): identifiers, plain numbers and ISO dates; the
/// same in every language.
public struct JSONReporter: Reporter {
    public let id = "json"
    public let summary = "JSON for other programs, the same in every language (docs/report-schema.md)"

    public init() {}

    /// The audit is written contractor by contractor; the smaller documents whole. The bytes are
    /// those of `ReportJSON.encode`.
    public func write(_ document: ReportDocument, _ settings: RenderSettings, to sink: ReportSink) throws {
        let stream = JSONStream(sink: sink)
        switch document {
        case .audit(let report):
            try report.writeJSON(to: stream)
            return
        case .check(let check): try stream.value(check, depth: 0)
        case .brief(let briefing): try stream.value(briefing, depth: 0)
        case .diff(let diff): try stream.value(diff, depth: 0)
        }
        sink.write("\n")
    }
}
