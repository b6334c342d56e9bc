import ComplianceRules
import Foundation

/// Reports for a spreadsheet: UTF-8 with a byte-order mark, `;` between fields (Dutch Excel reads
/// `,` as the decimal comma), numbers with the language's decimal separator. Every contractor has
/// a row, with its meldingen figures, also when it has no findings; each further finding adds a row.
public struct CSVReporter: Reporter {
    public let id = "csv"
    public let summary = "a table for Excel or LibreOffice, a row per finding and every contractor"

    public init() {}

    /// Written row by row: a national report never stands whole in memory.
    public func write(_ document: ReportDocument, _ settings: RenderSettings, to sink: ReportSink) throws {
        let t = settings.language
        sink.write([0xEF, 0xBB, 0xBF])
        func emit(_ row: [String]) throws {
            sink.write(line(row, separator: settings.csvSeparator))
            try sink.flushIfFull()
        }
        // Under the table, what the report is: its peildatum and profile. A CSV file is often read on its own.
        let heading = ReportTables.heading(document, t)
        func emitHeading() throws {
            if !heading.isEmpty { try ([[]] + heading.map { [$0.label, $0.value] }).forEach(emit) }
        }
        let warnings: [String]
        switch document {
        case .audit(let report):
            try contractorRows(report.contractors, t, regional: report.isRegional, separator: settings.csvSeparator, to: sink)
            try emitHeading()
            warnings = ReportSentences.warnings(report.warnings, municipality: report.run.municipality, t)
            if report.isRegional { try ([[]] + municipalityRows(report.municipalities ?? [], t)).forEach(emit) }
            try ([[]] + reconciliationRows(report.run, t)).forEach(emit)
        case .brief(let briefing):
            try contractorRows([briefing.contractor], t, regional: briefing.isRegional, separator: settings.csvSeparator, to: sink)
            try emitHeading()
            warnings = ReportSentences.warnings(briefing.warnings, municipality: briefing.municipality, t)
        case .check(let check):
            try checkRows(check, t).forEach(emit)
            try emitHeading()
            warnings = ReportSentences.warnings(check.warnings, municipality: check.municipality, t)
        case .diff(let diff):
            try diffRows(diff, t).forEach(emit)
            try emitHeading()
            try ([[]] + diffIndicatorRows(diff, t)).forEach(emit)
            warnings = []
        }
        // What the reader must know before trusting the figures, under the table.
        if !warnings.isEmpty { try ([[]] + warnings.map { [t(Phrase.warnings), $0] }).forEach(emit) }
    }

    /// Under the table: each register and export with its records read, audited and rejected, then
    /// each rejected record with its place and reason.
    func reconciliationRows(_ run: AuditReport.Run, _ t: ReportLanguage) -> [[String]] {
        var rows = [[t(Phrase.reconciliation), "", t(Phrase.recordsRead), t(Phrase.recordsAudited), t(Phrase.recordsRejectedHeading)]]
        if run.lenient { rows.append([t(Phrase.lenientRun)]) }
        for input in run.inputs {
            guard let records = input.records else { continue }
            rows.append([t(input.kind), input.path, t.format.number(records.read), t.format.number(records.audited),
                         t.format.number(records.rejected)])
            rows += records.rejections.map { [t(Phrase.recordsRejectedHeading), ReportSentences.rejection($0, t)] }
            if records.unlisted > 0 {
                rows.append([t(Phrase.recordsRejectedHeading), t(Phrase.unlistedRejections(t.format.number(records.unlisted)))])
            }
        }
        return rows
    }

    /// A regional report's level below the roll-up: a row per municipality.
    func municipalityRows(_ municipalities: [AuditReport.MunicipalityEntry], _ t: ReportLanguage) -> [[String]] {
        var rows = [[t(RegionPhrase.perMunicipality), t(RegionPhrase.registers), t(Phrase.agreements), t(RegionPhrase.contractors)]
                        + Verdict.allCases.map { t($0) } + [t(RegionPhrase.tasks)]]
        for municipality in municipalities {
            rows.append([municipality.name, municipality.registers.joined(separator: ", "), t.format.number(municipality.agreements),
                         t.format.number(municipality.contractors)]
                        + Verdict.allCases.map { t.format.number(municipality.verdicts[$0.rawValue] ?? 0) } + [t.format.number(municipality.tasks)])
        }
        return rows
    }

    /// In a regional report each contractor's verdict per municipality follows its roll-up verdict,
    /// and each finding names its agreement's municipality.
    /// The header, then each contractor's rows, rendered on every core and written in order.
    func contractorRows<Contractors: RandomAccessCollection & Sendable>(
        _ contractors: Contractors, _ t: ReportLanguage, regional: Bool = false, separator: Character, to sink: ReportSink
    ) throws where Contractors.Index == Int, Contractors.Element == AuditReport.ContractorEntry {
        var header = [t(Phrase.kvk), t(Phrase.contractor), t(Phrase.verdict), t(Phrase.decision)]
            + (regional ? [t(RegionPhrase.perMunicipality)] : [])
        for source in MeldingSource.allCases {
            header += [t(Phrase.expected), t(Phrase.actual), t(Phrase.outcome)].map { "\($0) \(t(source))" }
        }
        header += [t(Phrase.agreement)] + (regional ? [t(RegionPhrase.municipality)] : []) + [t(Phrase.rule), t(Phrase.basisKind), t(Phrase.status), t(Phrase.severity), t(Phrase.explanation),
                   t(Phrase.advice), t(Phrase.waivedUntilHeading), t(Phrase.location)]
        sink.write(line(header, separator: separator))
        try ParallelRender.forEach(contractors, render: { contractor, _, out in
            for row in rows(contractor, t, regional: regional) { out.append(contentsOf: line(row, separator: separator).utf8) }
        }, emit: { part in
            sink.write(part)
            try sink.flushIfFull()
        })
    }

    /// A contractor's rows: one per finding, or one without a finding.
    func rows(_ contractor: AuditReport.ContractorEntry, _ t: ReportLanguage, regional: Bool) -> [[String]] {
        var lead = [contractor.kvk, contractor.name, t(contractor.verdict), t(contractor.decision)]
            + (regional ? [contractor.perMunicipality(t)] : [])
        for source in MeldingSource.allCases {
            let entry = contractor.meldingen.first { $0.source == source }
            lead += [entry?.expected.map { t.format.count($0) } ?? "", entry?.actual.map { t.format.number($0) } ?? "",
                     entry.map { t($0.outcome) } ?? ""]
        }
        if contractor.findings.isEmpty { return [lead + Array(repeating: "", count: regional ? 10 : 9)] }
        return contractor.findings.map { finding in
            let judged = finding.severityAndAdvice(t)
            return lead + [finding.subject(t)] + (regional ? [finding.municipality ?? ""] : [])
                + [finding.title, t(finding.basisKind), t(finding.status), judged?.severity ?? "", finding.whyAndHistory(t),
                   judged?.advice ?? "", finding.waiver.map { t.date($0.expires) } ?? "", finding.location ?? ""]
        }
    }

    /// One row: its fields, the separator between them, and CR LF.
    func line(_ row: [String], separator: Character) -> String {
        row.map { field($0, separator: separator) }.joined(separator: String(separator)) + "\r\n"
    }

    func checkRows(_ check: ContractCheck, _ t: ReportLanguage) -> [[String]] {
        var rows = [[t(Phrase.kvk), t(Phrase.contractor), t(Phrase.decision), t(Phrase.agreement), t(Phrase.rule), t(Phrase.status),
                     t(Phrase.severity), t(Phrase.explanation), t(Phrase.advice)]]
        let lead = [check.kvk, check.name, t(check.decision)]
        if check.unmet.isEmpty && check.waived.isEmpty { rows.append(lead + ["", t(check.allMet), "", "", "", ""]) }
        for finding in check.unmet + check.waived + (check.unmetIfAgreed ?? []) {
            rows.append(lead + [finding.subject(t), finding.title, finding.statusWords(t), t(finding.severity), finding.whyAndHistory(t), finding.advice])
        }
        return rows
    }

    /// One row per contractor that changed: its verdicts then and now, and how many findings are
    /// new, resolved and persisting.
    func diffRows(_ diff: RunDiff, _ t: ReportLanguage) -> [[String]] {
        var rows = [[t(Phrase.kvk), t(Phrase.contractor), t(HistoryPhrase.verdictBefore), t(HistoryPhrase.verdictAfter),
                     t(HistoryPhrase.new), t(HistoryPhrase.resolved), t(HistoryPhrase.persisting), t(HistoryPhrase.waivedOfThem),
                     t(HistoryPhrase.newNamed), t(HistoryPhrase.resolvedNamed), t(HistoryPhrase.severityChangedNamed)]]
        for change in diff.contractors {
            rows.append([change.kvk, change.name, change.verdictBefore.map { t($0) } ?? "", change.verdictAfter.map { t($0) } ?? "",
                         t.format.number(change.new.count), t.format.number(change.resolved.count), t.format.number(change.persisting.count),
                         t.format.number(change.waived.count), change.newFindings.map { $0.line(t) }.joined(separator: "\n"),
                         change.resolvedFindings.map { $0.line(t) }.joined(separator: "\n"),
                         change.severityChanged.compactMap { $0.line(t) }.joined(separator: "\n")])
        }
        return rows
    }

    /// Under a diff's table: each indicator in the earlier and the later audit.
    func diffIndicatorRows(_ diff: RunDiff, _ t: ReportLanguage) -> [[String]] {
        let value = { (number: Decimal?, id: Indicator) in ReportSentences.indicatorNumber(number, id, t) ?? "" }
        return [[t(Phrase.indicator), t.date(diff.before.referenceDate), t.date(diff.after.referenceDate)]]
            + diff.indicators.map { [t($0.id), value($0.before, $0.id), value($0.after, $0.id)] }
    }

    /// Quoted when it holds the separator, a quote or a line break; quotes doubled. A cell that a
    /// spreadsheet would take for a formula (`=`, `+`, `-`, `@`, a tab or carriage return first)
    /// gets a leading apostrophe, so a name from the register is never run.
    func field(_ value: String, separator: Character) -> String {
        var value = value
        if let first = value.utf8.first, Self.formulaStarts.contains(first) { value = "'" + value }
        // One pass over the bytes: Foundation's `contains` and `replacingOccurrences` cost a
        // search each, a national report has millions of cells.
        let separatorByte = separator.asciiValue
        var needsQuotes = false
        var hasQuote = false
        for byte in value.utf8 {
            if byte == 0x22 {
                hasQuote = true
                needsQuotes = true
            } else if byte == 0x0A || byte == 0x0D || byte == separatorByte {
                needsQuotes = true
            }
        }
        if separatorByte == nil, value.contains(separator) { needsQuotes = true }
        guard needsQuotes else { return value }
        guard hasQuote else { return "\"" + value + "\"" }
        var quoted = "\""
        for character in value {
            quoted.append(character)
            if character == "\"" { quoted.append("\"") }
        }
        return quoted + "\""
    }

    /// `=`, `+`, `-`, `@`, tab and carriage return: what starts a formula in a spreadsheet.
    private static let formulaStarts: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]
}
