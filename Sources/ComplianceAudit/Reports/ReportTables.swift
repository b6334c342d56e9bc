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
        /// Whether it holds numbers or dates, which stand at the right of their cells, and so its header.
        public var figures = false
    }

    public let name: String
    public let columns: [Column]
    /// Hands the rows to `emit` one at a time, so a national report is never a table in memory.
    public let rows: @Sendable (_ emit: ([Cell?]) throws -> Void) throws -> Void
}

/// The tables of each kind of report: for an audit "Over dit rapport" (what was audited, against
/// which peildatum and profile, the inputs' records and the warnings), "Oordelen" (one row per
/// contractor), "Bevindingen" (one row per finding), "Meldingen" (per contractor and source),
/// "Indicatoren", "Taken gemeente" when there are any, and "Voorwaarden" (what each rests on); a
/// check and a briefing have the first four for their contractor (a briefing also the tasks) and
/// the conditions; a diff has Over dit rapport, "Wijzigingen" (one row per contractor that changed)
/// and "Indicatoren" (each indicator in the two audits).
public enum ReportTables {
    public static func tables(_ document: ReportDocument, _ t: ReportLanguage) -> [ReportTable] {
        switch document {
        case .audit(let report):
            let regional = report.isRegional
            let contractors = report.contractors
            var tables = [
                about(document, t),
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
                about(document, t),
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
                about(document, t),
                verdicts(t, regional: regional) { [counted] emit in
                    try emit(verdictRow(kvk: check.kvk, name: check.name, verdict: check.verdict,
                                        municipalities: check.municipalities ?? [], agreements: nil, counted: counted,
                                        meldingen: check.meldingen, t, regional: regional))
                },
                findings(t, regional: regional) { emit in
                    for finding in check.unmet + check.waived + (check.unmetIfAgreed ?? []) {
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
                           column(t(HistoryPhrase.verdictAfter), 20), figures(t(HistoryPhrase.new), 10),
                           figures(t(HistoryPhrase.resolved), 10), figures(t(HistoryPhrase.persisting), 10),
                           figures(t(HistoryPhrase.waivedOfThem), 10), column(t(HistoryPhrase.newNamed), 60),
                           column(t(HistoryPhrase.resolvedNamed), 60), column(t(HistoryPhrase.severityChangedNamed), 60)]
            return [
                about(document, t),
                ReportTable(name: t(SheetName.changes), columns: columns) { emit in
                    for change in diff.contractors {
                        try emit([.text(change.kvk), .text(change.name), change.verdictBefore.map { .text(t($0)) },
                                  change.verdictAfter.map { .text(t($0)) }, .integer(change.new.count),
                                  .integer(change.resolved.count), .integer(change.persisting.count), .integer(change.waived.count),
                                  .text(change.newFindings.map { $0.line(t) }.joined(separator: "\n")),
                                  .text(change.resolvedFindings.map { $0.line(t) }.joined(separator: "\n")),
                                  .text(change.severityChanged.compactMap { $0.line(t) }.joined(separator: "\n"))])
                    }
                },
                ReportTable(name: t(SheetName.indicators),
                            columns: [column(t(Phrase.indicator), 44), figures(t.date(diff.before.referenceDate), 14),
                                      figures(t.date(diff.after.referenceDate), 14)]) { emit in
                    for change in diff.indicators {
                        try emit([.text(t(change.id)), indicatorCell(change.before, change.id), indicatorCell(change.after, change.id)])
                    }
                },
            ]
        }
    }

    // MARK: - The sheets

    private static func column(_ header: String, _ width: Double) -> ReportTable.Column {
        ReportTable.Column(header: header, width: width)
    }

    /// A column of numbers or dates.
    private static func figures(_ header: String, _ width: Double) -> ReportTable.Column {
        ReportTable.Column(header: header, width: width, figures: true)
    }

    /// The sheet a reader opens first, Over dit rapport: a row per item, from the `heading`; for an
    /// audit what it read, each input with its records read, audited and rejected, and each rejected
    /// record; the warnings.
    private static func about(_ document: ReportDocument, _ t: ReportLanguage) -> ReportTable {
        ReportTable(name: t(SheetName.about), columns: [column(t(SheetName.item), 30), column(t(SheetName.details), 110)]) { emit in
            func row(_ item: String, _ details: String) throws { try emit([.text(item), .text(details)]) }
            for line in heading(document, t) { try row(line.label, line.value) }
            let warnings: [String]
            switch document {
            case .audit(let report):
                for line in ReportSentences.inputs(report, t) { try row(line.label, line.value) }
                if report.run.lenient { try row(t(Phrase.reconciliation), t(Phrase.lenientRun)) }
                for (input, counts, rejections) in ReportSentences.reconciliation(report.run, t) {
                    try row(t(Phrase.reconciliation), "\(t(input.kind)) \(input.path): \(counts)")
                    for rejection in rejections { try row(t(Phrase.recordsRejectedHeading), rejection) }
                }
                warnings = ReportSentences.warnings(report.warnings, municipality: report.run.municipality, t)
            case .brief(let briefing): warnings = ReportSentences.warnings(briefing.warnings, municipality: briefing.municipality, t)
            case .check(let check): warnings = ReportSentences.warnings(check.warnings, municipality: check.municipality, t)
            case .diff: warnings = []
            }
            for warning in warnings { try row(t(Phrase.warnings), warning) }
            if case .audit(let report) = document { try row(t(Phrase.madeWith), report.run.toolVersion) }
        }
    }

    /// What a report is, a line per item: its title (and for a check or a briefing, the
    /// municipality), the peildatum, the profile and the rules it switched off; for a diff, the two
    /// audits' peildata. The first lines of the sheet Over dit rapport, and of the block under a CSV
    /// report's table.
    static func heading(_ document: ReportDocument, _ t: ReportLanguage) -> [(label: String, value: String)] {
        let title: String, municipality: String?, referenceDate: String, profile: String, rulesOff: [AuditReport.RuleOff]?
        var regional = false
        switch document {
        case .audit(let report):
            title = "\(t(Phrase.auditTitle)) — \(t.region(report.run.municipality))"
            (municipality, referenceDate) = (nil, report.run.referenceDate)
            (profile, rulesOff) = ("\(report.run.profile) (\(report.run.profileFile))", report.run.rulesOff)
        case .brief(let briefing):
            title = "\(t(Phrase.briefTitle)): \(briefing.contractor.name) (\(t(Phrase.kvk)) \(briefing.contractor.kvk))"
            (municipality, referenceDate, regional) = (briefing.municipality, briefing.referenceDate, briefing.isRegional)
            (profile, rulesOff) = (briefing.profile, briefing.rulesOff)
        case .check(let check):
            title = "\(t(Phrase.checkTitle)): \(check.name) (\(t(Phrase.kvk)) \(check.kvk))"
                + (check.agreementId.map { ", \(t(Phrase.agreement).lowercased()) \($0)" } ?? "")
            (municipality, referenceDate, regional) = (check.municipality, check.referenceDate, check.isRegional)
            (profile, rulesOff) = (check.profile, check.rulesOff)
        case .diff(let diff):
            return [(t(SheetName.report), "\(t(HistoryPhrase.diffTitle)) — \(t.region(diff.municipality))"),
                    (t(SheetName.referenceDate), "\(t.date(diff.before.referenceDate)) → \(t.date(diff.after.referenceDate))")]
        }
        var lines = [(label: t(SheetName.report), value: title)]
        if let municipality {
            lines.append((t(regional ? RegionPhrase.municipalities : RegionPhrase.municipality), t.region(municipality)))
        }
        // As text: a date cell would stand at the far right of the sheet's wide column.
        lines += [(t(SheetName.referenceDate), t.date(referenceDate)), (t(Phrase.profile), profile)]
        if let rulesOff, !rulesOff.isEmpty { lines.append((t(Phrase.rulesOff), rulesOff.map(\.title).joined(separator: "; "))) }
        if t != .nl { lines.append(("", t(Phrase.ruleTextsDutch))) }
        return lines
    }

    private static func verdicts(_ t: ReportLanguage, regional: Bool,
                                 rows: @escaping @Sendable (([ReportTable.Cell?]) throws -> Void) throws -> Void) -> ReportTable {
        var columns = [column(t(Phrase.kvk), 11), column(t(Phrase.contractor), 44), column(t(Phrase.verdict), 20),
                       column(t(Phrase.decision), 34)]
        if regional { columns.append(column(t(RegionPhrase.perMunicipality), 40)) }
        columns.append(figures(t(Phrase.agreements), 18))
        columns += Severity.allCases.map { figures(t($0), 14) }
        for source in MeldingSource.allCases {
            columns += [figures("\(t(Phrase.expected)) \(t(source))", 14), figures("\(t(Phrase.actual)) \(t(source))", 14),
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
                    figures(t(Phrase.waivedUntilHeading), 14), column(t(Phrase.location), 28)]
        return ReportTable(name: t(SheetName.findings), columns: columns, rows: rows)
    }

    private static func findingRow(kvk: String, name: String, _ finding: AuditReport.FindingEntry, _ t: ReportLanguage,
                                   regional: Bool) -> [ReportTable.Cell?] {
        let judged = finding.severityAndAdvice(t)
        var row: [ReportTable.Cell?] = [.text(kvk), .text(name), .text(finding.subject(t))]
        if regional { row.append(finding.municipality.map { .text($0) }) }
        row += [.text(finding.title), .text(t(finding.basisKind)), .text(finding.statusWords(t)), judged.map { .text($0.severity) },
                .text(finding.whyAndHistory(t)), judged.map { .text($0.advice) }, finding.waiver.flatMap { Day(iso: $0.expires) }.map { .date($0) },
                finding.location.map { .text($0) }]
        return row
    }

    private static func meldingen(_ t: ReportLanguage,
                                  rows: @escaping @Sendable (([ReportTable.Cell?]) throws -> Void) throws -> Void) -> ReportTable {
        let columns = [column(t(Phrase.kvk), 11), column(t(Phrase.contractor), 30), column(t(Phrase.source), 14),
                       figures(t(Phrase.expected), 12), column(t(Phrase.basis), 24), figures(t(Phrase.actual), 12),
                       figures(t(Phrase.share), 10), figures(t(EvidenceField.meldingenZAdjusted), 22),
                       figures(t(EvidenceField.meldingenLower95), 14), figures(t(EvidenceField.meldingenLower998), 14),
                       column(t(EvidenceField.meldingenLevel), 22), column(t(Phrase.outcome), 36), figures(t(Phrase.adviesvragen), 14)]
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
        if history { columns.append(figures(t(Phrase.previousYear), 14)) }
        columns += [figures(t(Phrase.value), 14), column(t(Phrase.target), 12), column(t(Phrase.met), 12)]
        return ReportTable(name: t(SheetName.indicators), columns: columns) { emit in
            for indicator in indicators {
                var row: [ReportTable.Cell?] = [.text(t(indicator.id))]
                if history { row.append(indicatorCell(indicator.previous, indicator.id)) }
                row += [indicatorCell(indicator.value, indicator.id), indicator.target.map { .text($0) },
                        indicator.met.map { .text(t($0 ? Phrase.targetMet : Phrase.targetNotMet)) }]
                try emit(row)
            }
        }
    }

    /// An indicator's value: a percentage, a whole number or a decimal.
    private static func indicatorCell(_ number: Decimal?, _ id: Indicator) -> ReportTable.Cell? {
        number.map { value in
            if id.isPercentage { return .percentage(value) }
            return value == AuditReport.rounded(value, 0) ? .integer(NSDecimalNumber(decimal: value).intValue) : .decimal(value)
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
                    figures(t(Phrase.runsUntil), 14), column(t(SheetName.task), 80), figures(t(Phrase.dueByDate), 14)]
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
    case about, report, item, details, referenceDate, verdicts, findings, meldingen, indicators, tasks, rules, changes, task

    var words: Words {
        switch self {
        case .about: Words(nl: "Over dit rapport", en: "About this report")
        case .report: Words(nl: "Rapport", en: "Report")
        case .item: Words(nl: "Onderdeel", en: "Item")
        case .details: Words(nl: "Gegevens", en: "Details")
        case .referenceDate: Words(nl: "Peildatum", en: "Reference date")
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
