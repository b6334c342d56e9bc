import ComplianceRules
import Foundation

/// A report as tables for a spreadsheet: named sheets of typed cells — text, whole numbers,
/// decimals, shares, dates — with headers in the report's language. A format that writes a
/// workbook (`--format xlsx`) lays these out; the words and figures are those of every other format.
public struct ReportTable: Sendable {
    public enum Cell: Sendable, Hashable {
        case text(String)
        case integer(Int)
        case decimal(Decimal)
        /// A share (0.25), shown as a percentage.
        case percentage(Decimal)
        case date(Day)
    }

    public struct Column: Sendable, Hashable {
        public let header: String
        /// Width in characters.
        public let width: Double
    }

    public let name: String
    public let columns: [Column]
    /// Hands the rows to `emit` one at a time, so a national report is never a table in memory.
    public let rows: @Sendable (_ emit: ([Cell?]) throws -> Void) throws -> Void
}

/// The tables of each kind of report: for an audit "Oordelen" (one row per contractor),
/// "Bevindingen" (one row per finding), "Meldingen" (per contractor and source), "Indicatoren" and,
/// when there are any, "Taken gemeente"; a check and a briefing have the first three for their
/// contractor (a briefing also the tasks); a diff has one row per contractor that changed.
public enum ReportTables {
    public static func tables(_ document: ReportDocument, _ t: ReportLanguage) -> [ReportTable] {
        switch document {
        case .audit(let report):
            let regional = report.isRegional
            let contractors = report.contractors
            var tables = [
                verdicts(t, regional: regional) { emit in
                    for outline in contractors.outlines {
                        try emit(verdictRow(kvk: outline.kvk, name: outline.name, verdict: outline.verdict,
                                            municipalities: outline.municipalities, agreements: outline.agreements,
                                            counted: outline.counted, meldingen: outline.meldingen, t, regional: regional))
                    }
                },
                findings(t, regional: regional) { emit in
                    for contractor in contractors {
                        for finding in contractor.findings {
                            try emit(findingRow(kvk: contractor.kvk, name: contractor.name, finding, t, regional: regional))
                        }
                    }
                },
                meldingen(t) { emit in
                    for outline in contractors.outlines {
                        for entry in outline.meldingen { try emit(meldingenRow(kvk: outline.kvk, name: outline.name, entry, t)) }
                    }
                },
                indicators(report.indicators, t),
            ]
            if !report.municipalityTasks.isEmpty { tables.append(tasks(report.municipalityTasks, t, regional: regional)) }
            if let rules = report.run.rules, !rules.isEmpty { tables.append(self.rules(rules, t)) }
            return tables
        case .brief(let briefing):
            let contractor = briefing.contractor
            let regional = briefing.isRegional
            let outline = ContractorOutline(contractor)
            var tables = [
                verdicts(t, regional: regional) { emit in
                    try emit(verdictRow(kvk: outline.kvk, name: outline.name, verdict: outline.verdict,
                                        municipalities: outline.municipalities, agreements: outline.agreements,
                                        counted: outline.counted, meldingen: outline.meldingen, t, regional: regional))
                },
                findings(t, regional: regional) { emit in
                    for finding in contractor.findings {
                        try emit(findingRow(kvk: contractor.kvk, name: contractor.name, finding, t, regional: regional))
                    }
                },
                meldingen(t) { emit in
                    for entry in contractor.meldingen { try emit(meldingenRow(kvk: contractor.kvk, name: contractor.name, entry, t)) }
                },
            ]
            if !briefing.municipalityTasks.isEmpty { tables.append(tasks(briefing.municipalityTasks, t, regional: regional)) }
            if let rules = briefing.rules, !rules.isEmpty { tables.append(self.rules(rules, t)) }
            return tables
        case .check(let check):
            let regional = check.isRegional
            var counted: [Severity: Int] = [:]
            for finding in check.unmet where finding.status.counts { counted[finding.severity, default: 0] += 1 }
            var tables = [
                verdicts(t, regional: regional) { [counted] emit in
                    try emit(verdictRow(kvk: check.kvk, name: check.name, verdict: check.verdict,
                                        municipalities: check.municipalities ?? [], agreements: nil, counted: counted,
                                        meldingen: check.meldingen, t, regional: regional))
                },
                findings(t, regional: regional) { emit in
                    for finding in check.unmet + check.waived {
                        try emit(findingRow(kvk: check.kvk, name: check.name, finding, t, regional: regional))
                    }
                },
                meldingen(t) { emit in
                    for entry in check.meldingen { try emit(meldingenRow(kvk: check.kvk, name: check.name, entry, t)) }
                },
            ]
            if let rules = check.rules, !rules.isEmpty { tables.append(self.rules(rules, t)) }
            return tables
        case .diff(let diff):
            let columns = [column(t(Phrase.kvk), 11), column(t(Phrase.contractor), 36), column(t(HistoryPhrase.verdictBefore), 20),
                           column(t(HistoryPhrase.verdictAfter), 20), column(t(HistoryPhrase.new), 10),
                           column(t(HistoryPhrase.resolved), 10), column(t(HistoryPhrase.persisting), 10),
                           column(t(HistoryPhrase.waivedOfThem), 10)]
            return [ReportTable(name: t(SheetName.changes), columns: columns) { emit in
                for change in diff.contractors {
                    try emit([.text(change.kvk), .text(change.name), change.verdictBefore.map { .text(t($0)) },
                              change.verdictAfter.map { .text(t($0)) }, .integer(change.new.count),
                              .integer(change.resolved.count), .integer(change.persisting.count), .integer(change.waived.count)])
                }
            }]
        }
    }

    // MARK: - The sheets

    private static func column(_ header: String, _ width: Double) -> ReportTable.Column {
        ReportTable.Column(header: header, width: width)
    }

    private static func verdicts(_ t: ReportLanguage, regional: Bool,
                                 rows: @escaping @Sendable (([ReportTable.Cell?]) throws -> Void) throws -> Void) -> ReportTable {
        var columns = [column(t(Phrase.kvk), 11), column(t(Phrase.contractor), 44), column(t(Phrase.verdict), 20),
                       column(t(Phrase.decision), 34)]
        if regional { columns.append(column(t(RegionPhrase.perMunicipality), 40)) }
        columns.append(column(t(Phrase.agreements), 16))
        columns += Severity.allCases.map { column(t($0), 14) }
        for source in MeldingSource.allCases {
            columns += [column("\(t(Phrase.expected)) \(t(source))", 14), column("\(t(Phrase.actual)) \(t(source))", 14),
                        column("\(t(Phrase.outcome)) \(t(source))", 36)]
        }
        return ReportTable(name: t(SheetName.verdicts), columns: columns, rows: rows)
    }

    private static func verdictRow(
        kvk: String, name: String, verdict: Verdict, municipalities: [AuditReport.ContractorMunicipalityEntry],
        agreements: Int?, counted: [Severity: Int], meldingen: [AuditReport.MeldingenEntry], _ t: ReportLanguage, regional: Bool
    ) -> [ReportTable.Cell?] {
        var row: [ReportTable.Cell?] = [.text(kvk), .text(name), .text(t(verdict)), .text(t(ContractingDecision(verdict)))]
        if regional { row.append(.text(municipalities.sentence(t))) }
        row.append(agreements.map { .integer($0) })
        row += Severity.allCases.map { .integer(counted[$0] ?? 0) }
        for source in MeldingSource.allCases {
            let entry = meldingen.first { $0.source == source }
            row += [entry?.expected.map { .decimal($0) }, entry?.actual.map { .integer($0) }, entry.map { .text(t($0.outcome)) }]
        }
        return row
    }

    private static func findings(_ t: ReportLanguage, regional: Bool,
                                 rows: @escaping @Sendable (([ReportTable.Cell?]) throws -> Void) throws -> Void) -> ReportTable {
        var columns = [column(t(Phrase.kvk), 11), column(t(Phrase.contractor), 30), column(t(Phrase.agreement), 24)]
        if regional { columns.append(column(t(RegionPhrase.municipality), 16)) }
        columns += [column(t(Phrase.rule), 48), column(t(Phrase.basisKind), 22), column(t(Phrase.status), 20),
                    column(t(Phrase.severity), 18), column(t(Phrase.explanation), 60), column(t(Phrase.advice), 60),
                    column(t(Phrase.waivedUntilHeading), 14), column(t(Phrase.location), 28)]
        return ReportTable(name: t(SheetName.findings), columns: columns, rows: rows)
    }

    private static func findingRow(kvk: String, name: String, _ finding: AuditReport.FindingEntry, _ t: ReportLanguage,
                                   regional: Bool) -> [ReportTable.Cell?] {
        let judged = finding.severityAndAdvice(t)
        var row: [ReportTable.Cell?] = [.text(kvk), .text(name), .text(finding.subject(t))]
        if regional { row.append(finding.municipality.map { .text($0) }) }
        row += [.text(finding.title), .text(t(finding.basisKind)), .text(t(finding.status)), judged.map { .text($0.severity) },
                .text(finding.why(t)), judged.map { .text($0.advice) }, finding.waiver.flatMap { Day(iso: $0.expires) }.map { .date($0) },
                finding.location.map { .text($0) }]
        return row
    }

    private static func meldingen(_ t: ReportLanguage,
                                  rows: @escaping @Sendable (([ReportTable.Cell?]) throws -> Void) throws -> Void) -> ReportTable {
        let columns = [column(t(Phrase.kvk), 11), column(t(Phrase.contractor), 30), column(t(Phrase.source), 14),
                       column(t(Phrase.expected), 12), column(t(Phrase.basis), 24), column(t(Phrase.actual), 12),
                       column(t(Phrase.share), 10), column(t(EvidenceField.meldingenZAdjusted), 16),
                       column(t(EvidenceField.meldingenLower95), 14), column(t(EvidenceField.meldingenLower998), 14),
                       column(t(EvidenceField.meldingenLevel), 22), column(t(Phrase.outcome), 36), column(t(Phrase.adviesvragen), 14)]
        return ReportTable(name: t(SheetName.meldingen), columns: columns, rows: rows)
    }

    private static func meldingenRow(kvk: String, name: String, _ entry: AuditReport.MeldingenEntry,
                                     _ t: ReportLanguage) -> [ReportTable.Cell?] {
        [.text(kvk), .text(name), .text(t(entry.source)), entry.expected.map { .decimal($0) },
         entry.expectedBasis.map { .text(t($0)) }, entry.actual.map { .integer($0) }, entry.ratio.map { .percentage($0) },
         entry.zAdjusted.map { .decimal($0) }, entry.limits.map { .decimal($0.lower95) }, entry.limits.map { .decimal($0.lower998) },
         .text(t(entry.level)), .text(t(entry.outcome)), entry.adviesvragen.map { .integer($0) }]
    }

    private static func indicators(_ indicators: [AuditReport.IndicatorEntry], _ t: ReportLanguage) -> ReportTable {
        let history = indicators.contains { $0.previous != nil }
        var columns = [column(t(Phrase.indicator), 44)]
        if history { columns.append(column(t(Phrase.previousYear), 14)) }
        columns += [column(t(Phrase.value), 14), column(t(Phrase.target), 12), column(t(Phrase.met), 12)]
        return ReportTable(name: t(SheetName.indicators), columns: columns) { emit in
            func value(_ number: Decimal?, _ indicator: AuditReport.IndicatorEntry) -> ReportTable.Cell? {
                number.map { value in
                    if indicator.id.isPercentage { return .percentage(value) }
                    return value == AuditReport.rounded(value, 0) ? .integer(NSDecimalNumber(decimal: value).intValue) : .decimal(value)
                }
            }
            for indicator in indicators {
                var row: [ReportTable.Cell?] = [.text(t(indicator.id))]
                if history { row.append(value(indicator.previous, indicator)) }
                row += [value(indicator.value, indicator), indicator.target.map { .text($0) },
                        indicator.met.map { .text(t($0 ? Phrase.targetMet : Phrase.targetNotMet)) }]
                try emit(row)
            }
        }
    }

    /// The rules and what each rests on, a citation to a line.
    private static func rules(_ rules: [AuditReport.RuleEntry], _ t: ReportLanguage) -> ReportTable {
        let columns = [column(t(Phrase.rule), 60), column(t(Phrase.basisKind), 22), column(t(Phrase.basedOn), 80)]
        return ReportTable(name: t(SheetName.rules), columns: columns) { emit in
            for rule in rules {
                try emit([.text(rule.title), .text(t(rule.basisKind)), .text(rule.basis.joined(separator: "\n"))])
            }
        }
    }

    private static func tasks(_ tasks: [AuditReport.MunicipalityTaskEntry], _ t: ReportLanguage, regional: Bool) -> ReportTable {
        var columns: [ReportTable.Column] = regional ? [column(t(RegionPhrase.municipality), 16)] : []
        columns += [column(t(Phrase.agreement), 18), column(t(Phrase.kvk), 11), column(t(Phrase.contractor), 30),
                    column(t(Phrase.runsUntil), 14), column(t(SheetName.task), 80), column(t(Phrase.dueByDate), 14)]
        return ReportTable(name: t(SheetName.tasks), columns: columns) { emit in
            for task in tasks {
                var row: [ReportTable.Cell?] = regional ? [task.municipality.map { .text($0) }] : []
                row += [.text(task.agreementId), .text(task.kvk), .text(task.name), Day(iso: task.agreementEnd).map { .date($0) },
                        .text(t(Phrase.task(task.kind, conditions: t.list(task.conditions.map { t($0) })))
                            + (task.repeated == true ? " — \(t(Phrase.stillOpen))" : "")),
                        Day(iso: task.due).map { .date($0) }]
                try emit(row)
            }
        }
    }
}

/// The names of a workbook report's sheets, and the one header only a sheet has.
enum SheetName: Worded {
    case verdicts, findings, meldingen, indicators, tasks, rules, changes, task

    var words: Words {
        switch self {
        case .verdicts: Words(nl: "Oordelen", en: "Verdicts")
        case .findings: Words(nl: "Bevindingen", en: "Findings")
        case .meldingen: Words(both: "Meldingen")
        case .indicators: Words(nl: "Indicatoren", en: "Indicators")
        case .tasks: Words(nl: "Taken gemeente", en: "Municipality tasks")
        case .rules: Words(nl: "Voorwaarden", en: "Conditions")
        case .changes: Words(nl: "Wijzigingen", en: "Changes")
        case .task: Words(nl: "Taak", en: "Task")
        }
    }
}
