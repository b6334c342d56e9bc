import ComplianceRules
import Foundation

/// Reports as plain text for a terminal or a mail: tables padded to their widest cell, colour
/// only when asked (a terminal without NO_COLOR).
public struct TextReporter: Reporter {
    public let id = "text"
    public let summary = "plain text for the terminal (default)"

    public init() {}

    /// The audit is written section by section, the findings contractor by contractor.
    public func write(_ document: ReportDocument, _ settings: RenderSettings, to sink: ReportSink) throws {
        let writer = TextWriter(t: settings.language, colour: settings.colour)
        switch document {
        case .audit(let report):
            try writer.audit(report) { piece in
                sink.write(piece)
                try sink.flushIfFull()
            }
        case .check(let check): sink.write(writer.check(check))
        case .brief(let briefing): sink.write(writer.brief(briefing))
        case .diff(let diff): sink.write(diff.text(settings.language))
        }
    }
}

/// The text of each document, in one language.
struct TextWriter {
    let t: ReportLanguage
    let colour: Bool

    /// The audit's sections in order, an empty line between them; an empty one is left out. The
    /// findings come contractor by contractor.
    func audit(_ report: AuditReport, _ emit: (String) throws -> Void) throws {
        // Worst first, once: the verdicts, the meldingen and the findings list the contractors in it.
        let order = ReportOrder.worstFirst(report.contractors)
        let sections: [((String) throws -> Void) throws -> Void] = [
            { try $0(header(report)) }, { try $0(warnings(report.warnings, municipality: report.run.municipality)) },
            { try $0(reconciliation(report.run)) }, { try verdicts(report, order, $0) }, { try $0(perMunicipality(report)) },
            { try meldingen(report, order, $0) }, { try $0(indicators(report)) }, { try findings(report, order, $0) },
            { try $0(followUp(report.followUp)) }, { try tasks(report.municipalityTasks, regional: report.isRegional, $0) },
            { try $0(unattributed(report)) }, { try $0(waiverNotices(report)) }, { try $0(rulesBasis(report.run.rules)) },
        ]
        var written = false
        for section in sections {
            var started = false
            try section { piece in
                guard !piece.isEmpty else { return }
                if !started {
                    if written { try emit("\n") }
                    started = true
                    written = true
                }
                try emit(piece)
            }
        }
    }

    /// In a report that is not Dutch: that the rule texts it quotes are Dutch.
    var ruleTextsNote: [String] { t != .nl ? [t(Phrase.ruleTextsDutch)] : [] }

    func header(_ report: AuditReport) -> String {
        let run = report.run
        var lines = [
            "\(t(Phrase.auditTitle)) — \(t.region(run.municipality)), \(t(Phrase.referenceDate)) \(t.date(run.referenceDate))",
            "\(t(Phrase.profile)): \(run.profile) (\(run.profileFile))",
        ]
        if let off = ReportSentences.rulesOff(run.rulesOff, t) { lines.append(off) }
        lines += ruleTextsNote
        lines += ReportSentences.inputs(report, t).map { "\($0.label): \($0.value)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every register and export with its records read, audited and rejected, and each rejected record.
    func reconciliation(_ run: AuditReport.Run) -> String {
        var lines = [t(Phrase.reconciliation)]
        if run.lenient { lines.append("  " + t(Phrase.lenientRun)) }
        for (input, counts, rejections) in ReportSentences.reconciliation(run, t) {
            lines.append("  \(t(input.kind)) \(input.path): \(counts)")
            lines += rejections.map { "    \(t(Phrase.recordsRejectedHeading).lowercased()): \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func warnings(_ warnings: [AuditReport.WarningEntry], municipality: String) -> String {
        let lines = ReportSentences.warnings(warnings, municipality: municipality, t)
        return lines.isEmpty ? "" : t(Phrase.warnings) + "\n" + lines.map { "  ! " + $0 }.joined(separator: "\n") + "\n"
    }

    func verdicts(_ report: AuditReport, _ order: ReportOrder.Ordered, _ emit: (String) throws -> Void) rethrows {
        let regional = report.isRegional
        var table = TextTable(header: [t(Phrase.kvk), t(Phrase.contractor), t(Phrase.agreementsShort), t(Phrase.verdict)]
                                + Severity.allCases.map { t($0) } + (regional ? [t(RegionPhrase.municipalities)] : []),
                              rightAligned: [2, 4, 5, 6, 7])
        let outlines = report.contractors.outlines
        for index in order.order {
            let contractor = outlines[index]
            table.rows.append([contractor.kvk, contractor.name, t.format.number(contractor.agreements), painted(contractor.verdict)]
                + Severity.allCases.map { severity in t.format.number(contractor.counted[severity] ?? 0) }
                + (regional ? [contractor.municipalities.map(\.municipality).joined(separator: ", ")] : []))
        }
        let summary = Verdict.allCases.map { "\(t($0)): \(report.summary.verdicts[$0.rawValue] ?? 0)" }.joined(separator: ", ")
        try emit("\(t(Phrase.verdictPerContractor)) (\(summary))\n")
        try table.render(emit)
    }

    /// The level below the roll-up, in a regional report: each municipality's agreements,
    /// contractors and their verdicts on its own agreements.
    func perMunicipality(_ report: AuditReport) -> String {
        guard report.isRegional, let municipalities = report.municipalities else { return "" }
        var table = TextTable(header: [t(RegionPhrase.municipality), t(Phrase.agreementsShort), t(RegionPhrase.contractors)]
                                + Verdict.allCases.map { t($0) } + [t(RegionPhrase.tasks)],
                              rightAligned: Set(1...(Verdict.allCases.count + 3)))
        for municipality in municipalities {
            table.rows.append([municipality.name, t.format.number(municipality.agreements), t.format.number(municipality.contractors)]
                + Verdict.allCases.map { t.format.number(municipality.verdicts[$0.rawValue] ?? 0) } + [t.format.number(municipality.tasks)])
        }
        return "\(t(RegionPhrase.perMunicipality)) (\(t(RegionPhrase.perMunicipalityNote)))\n" + table.render()
    }

    /// The expected and actual meldingen, with a contractor's name in front of each row when `named`.
    func meldingenTable<Rows: Sequence>(_ rows: Rows, named: Bool) -> TextTable
    where Rows.Element == (name: String?, entry: AuditReport.MeldingenEntry) {
        let header = [t(Phrase.source), t(Phrase.expected), t(Phrase.basis), t(Phrase.actual), t(Phrase.share), t(Phrase.alarmLimit),
                      t(Phrase.outcome)]
        var table = TextTable(header: (named ? [t(Phrase.contractor)] : []) + header,
                              rightAligned: Set((named ? [2, 4, 5, 6] : [1, 3, 4, 5])))
        for (name, entry) in rows {
            let outcome = t(entry.outcome)
            let cells = ReportSentences.meldingenCells(entry, t)
            table.rows.append((named ? [name ?? ""] : []) + cells + [entry.flagged ? ansi(outcome, code: "31;1") : outcome])
        }
        return table
    }

    func meldingen(_ report: AuditReport, _ order: ReportOrder.Ordered, _ emit: (String) throws -> Void) rethrows {
        // Rows read from the outlines as the table is filled: an array of every contractor's entries
        // besides the table's cells was the largest thing an audit of thousands of contractors held.
        let shown: (AuditReport.MeldingenEntry) -> Bool = { $0.expected != nil || ($0.actual ?? 0) > 0 }
        // In the verdict table's order, worst first, so that a contractor has the same place in both.
        let outlines = report.contractors.outlines
        let rows = order.order.lazy.flatMap { index in
            outlines[index].meldingen.lazy.filter(shown).map { (name: Optional(outlines[index].name), entry: $0) }
        }
        let note = t(Phrase.meldingenTableNote) + (report.isRegional ? "; " + t(RegionPhrase.rollUpNote) : "")
        let sources = outlines.lazy.flatMap { $0.meldingen.lazy.filter(shown).map(\.source) }
        try emit("\(t(Phrase.expectedActual(sources))) (\(note))\n")
        try meldingenTable(rows, named: outlines.contains { $0.meldingen.contains(where: shown) }).render(emit)
    }

    func indicators(_ report: AuditReport) -> String {
        let indicators = ReportSentences.indicatorTable(report.indicators, t)
        let table = TextTable(header: indicators.header, rows: indicators.rows, rightAligned: indicators.figures)
        var text = "\(t(Phrase.indicators)) (\(t(Phrase.indicatorsNote)))\n" + table.render()
        if !report.meldingenByCategory.isEmpty {
            var categories = TextTable(header: [t(Phrase.reporterCategory), t(Phrase.meldingen)], rightAligned: [1])
            for count in report.meldingenByCategory {
                categories.rows.append([ReporterCategory(rawValue: count.category).map { t($0) } ?? count.category,
                                        t.format.number(count.meldingen)])
            }
            text += "\n\(t(Phrase.meldingenPerCategory))\n" + categories.render()
        }
        return text
    }

    /// The findings, contractor by contractor, worst first: the heading before the first.
    func findings(_ report: AuditReport, _ order: ReportOrder.Ordered, _ emit: (String) throws -> Void) rethrows {
        let regional = report.isRegional
        var first = true
        for contractor in order where !contractor.findings.isEmpty {
            var lines = ["\(contractor.name) (\(t(Phrase.kvk)) \(contractor.kvk)) — \(painted(contractor.verdict))"
                + (regional ? "; \(t(RegionPhrase.perMunicipality).lowercased()): \(contractor.perMunicipality(t))" : "")]
            lines += contractor.findings.filter { $0.status != .notAgreed }.map { "  - " + findingLine($0, regional: regional) }
            lines += ReportSentences.notAgreed(contractor.findings, t, regional: regional).map { "  - [\(t(ResultStatus.notAgreed))] " + $0 }
            try emit((first ? t(Phrase.findings) + "\n" : "") + lines.joined(separator: "\n") + "\n")
            first = false
        }
    }

    /// One finding in a line: severity and basis, subject, what is wrong and why, and where.
    func findingLine(_ finding: AuditReport.FindingEntry, regional: Bool = false) -> String {
        "[\(t(finding.severity)), \(t(finding.basisKind))] \(finding.line(t, regional: regional))" + (finding.location.map { " (\($0))" } ?? "")
    }

    func followUp(_ followUp: FollowUp?) -> String {
        guard let lines = ReportSentences.followUp(followUp, t) else { return "" }
        return t(Phrase.followUpTitle) + "\n" + lines.map { "  - " + $0 }.joined(separator: "\n") + "\n"
    }

    /// The municipality's tasks, handed to `emit` a line at a time: an audit of thousands of
    /// contractors has thousands of them.
    func tasks(_ tasks: [AuditReport.MunicipalityTaskEntry], regional: Bool, _ emit: (String) throws -> Void) rethrows {
        guard !tasks.isEmpty else { return }
        try emit("\(t(Phrase.municipalityTasks)) (\(t(Phrase.municipalityTasksNote)))\n")
        for task in tasks { try emit("  - " + ReportSentences.task(task, t, regional: regional) + "\n") }
    }

    func unattributed(_ report: AuditReport) -> String {
        var table = TextTable(header: [t(Phrase.kvk), t(Phrase.source), t(Phrase.meldingenOrSignals), t(Phrase.adviesvragen)], rightAligned: [2, 3])
        for entry in report.unattributed {
            table.rows.append([entry.kvk, t(entry.source), t.format.number(entry.meldingen), entry.adviesvragen.map { t.format.number($0) } ?? "–"])
        }
        return table.rows.isEmpty ? "" : t(Phrase.unattributed) + "\n" + table.render()
    }

    func waiverNotices(_ report: AuditReport) -> String {
        guard !report.waiverNotices.isEmpty else { return "" }
        return t(Phrase.waivers) + "\n" + report.waiverNotices.map { "  - " + ReportSentences.waiverNotice($0, t) }.joined(separator: "\n") + "\n"
    }

    /// Every rule in force and what it rests on; nothing when a stored report does not say.
    func rulesBasis(_ rules: [AuditReport.RuleEntry]?) -> String {
        guard let rules, !rules.isEmpty else { return "" }
        return "\(t(Phrase.rulesBasis)) (\(t(Phrase.rulesBasisNote)))\n"
            + rules.map { "  - " + ReportSentences.ruleBasis($0, t) }.joined(separator: "\n") + "\n"
    }

    func check(_ check: ContractCheck) -> String {
        var lines = ["\(t(Phrase.checkTitle)): \(check.name) (\(t(Phrase.kvk)) \(check.kvk))"
                        + (check.agreementId.map { ", \(t(Phrase.agreement).lowercased()) \($0)" } ?? ""),
                     "\(t.region(check.municipality)), \(t(Phrase.referenceDate)) \(t.date(check.referenceDate)), \(t(Phrase.profile).lowercased()) \(check.profile)",
                     "",
                     "\(t(Phrase.decision)): \(t(check.decision).uppercased())"]
        lines.insert(contentsOf: (ReportSentences.rulesOff(check.rulesOff, t).map { [$0] } ?? []) + ruleTextsNote, at: 2)
        if let reason = ReportSentences.decisionReason(check, t) { lines.append(reason) }
        let regional = check.isRegional
        if regional, let municipalities = check.municipalities {
            lines.append("\(t(RegionPhrase.perMunicipality)): \(municipalities.sentence(t))")
        }
        if let gesprek = check.lastGesprek { lines += ReportSentences.lastGesprek(gesprek, t, referenceDate: check.referenceDate, findingsOpen: check.findingsOpen) }
        lines.append("")
        func numbered(_ findings: [AuditReport.FindingEntry]) {
            for (number, finding) in findings.enumerated() {
                lines.append("  \(number + 1). [\(t(finding.severity)), \(t(finding.basisKind))] \(finding.heading(t))")
                lines.append("     " + finding.pointLine(t, regional: regional))
                if let basis = ReportSentences.basedOn(check.basis(of: finding), t) { lines.append("     " + basis) }
                lines.append("     \(t(Phrase.askFor)): \(finding.advice)")
            }
        }
        if check.unmet.isEmpty {
            lines.append(t(check.allMet))
        } else {
            lines.append("\(t(Phrase.conditionsNotMet)):")
            numbered(check.unmet)
        }
        if let unmetIfAgreed = check.unmetIfAgreed, !unmetIfAgreed.isEmpty {
            lines.append("")
            lines.append("\(t(Phrase.unmetIfAgreed)):")
            numbered(unmetIfAgreed)
        }
        if !check.notAgreed.isEmpty {
            lines.append("")
            lines.append("\(t(Phrase.writeIntoContract)): \(t.list(check.notAgreed.map { t($0) })).")
        }
        if !check.waived.isEmpty {
            lines.append("")
            lines.append("\(t(Phrase.waivers)):")
            lines += check.waived.map { "  - \($0.subject(t, regional: regional)): \($0.title) — \($0.why(t))" }
        }
        let warnings = ReportSentences.warnings(check.warnings, municipality: check.municipality, t)
        if !warnings.isEmpty {
            lines.append("")
            lines.append(t(Phrase.warnings) + ":")
            lines += warnings.map { "  ! " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func brief(_ briefing: ContractorBriefing) -> String {
        let contractor = briefing.contractor
        var lines = ["\(t(Phrase.briefTitle)): \(contractor.name) (\(t(Phrase.kvk)) \(contractor.kvk))",
                     "\(t.region(briefing.municipality)), \(t(Phrase.referenceDate)) \(t.date(briefing.referenceDate)), \(t(Phrase.profile).lowercased()) \(briefing.profile)",
                     "\(t(Phrase.verdict)): \(t(contractor.verdict)) — \(t(contractor.decision))"]
        lines.insert(contentsOf: (ReportSentences.rulesOff(briefing.rulesOff, t).map { [$0] } ?? []) + ruleTextsNote, at: 2)
        let regional = briefing.isRegional
        if regional { lines.append("\(t(RegionPhrase.perMunicipality)): \(contractor.perMunicipality(t))") }
        lines.append("")
        if let gesprek = briefing.lastGesprek {
            lines += ReportSentences.lastGesprek(gesprek, t, referenceDate: briefing.referenceDate, findingsOpen: briefing.findingsOpen)
            lines.append("")
        }
        lines.append(t(Phrase.proposedAgenda))
        if briefing.agenda.isEmpty { lines.append("  " + t(Phrase.noAgenda)) }
        for (number, item) in briefing.agenda.enumerated() {
            let findings = briefing.findings(of: item)
            guard let first = findings.first else { continue }
            lines.append("  \(number + 1). [\(t(item.severity)), \(t(first.basisKind))] \(first.heading(t))")
            for finding in findings { lines.append("     " + finding.pointLine(t, regional: regional)) }
            if let basis = ReportSentences.basedOn(briefing.basis(of: item), t) { lines.append("     " + basis) }
            lines.append("     \(t(Phrase.askFor)): \(first.advice)")
        }
        let later = ReportSentences.agreedLater(contractor.findings, t, regional: regional)
        if !later.isEmpty {
            lines.append("")
            lines.append(t(Phrase.laterConditions))
            lines += later.map { "  - " + $0 }
        }
        if !briefing.municipalityTasks.isEmpty {
            lines.append("")
            lines.append("\(t(Phrase.municipalityTasks)) (\(t(Phrase.municipalityTasksNote)))")
            lines += briefing.municipalityTasks.map { "  - " + ReportSentences.task($0, t, regional: regional) }
        }
        lines.append("")
        var agreements = TextTable(header: [t(Phrase.agreement)] + (regional ? [t(RegionPhrase.municipality)] : [])
                                       + [t(Phrase.kind), t(Phrase.sector), t(Phrase.term), t(Phrase.verdict)])
        for agreement in contractor.agreements {
            agreements.rows.append([agreement.id] + (regional ? [agreement.municipality ?? ""] : []) + [t(agreement.type), t(agreement.sector),
                                    "\(t.date(agreement.start)) \(t(Phrase.until)) \(t.date(agreement.end))", t(agreement.verdict)])
        }
        let heading = ReportSentences.agreementsHeading(contractor, t)
        lines.append(heading.heading + (heading.note.map { " (\($0))" } ?? ""))
        lines.append(agreements.render())
        lines.append(t(Phrase.expectedActual(contractor.meldingen.map(\.source))) + (regional ? " (\(t(RegionPhrase.rollUpNote)))" : ""))
        lines.append(meldingenTable(contractor.meldingen.map { (name: nil, entry: $0) }, named: false).render())
        let warnings = ReportSentences.warnings(briefing.warnings, municipality: briefing.municipality, t)
        if !warnings.isEmpty {
            lines.append(t(Phrase.warnings))
            lines += warnings.map { "  ! " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func painted(_ verdict: Verdict) -> String {
        let label = t(verdict)
        switch verdict {
        case .severity(.blokkerend): return ansi(label, code: "31;1")
        case .severity(.indringendGesprek): return ansi(label, code: "33;1")
        case .severity(.agendapunt): return ansi(label, code: "33")
        case .inOrde: return ansi(label, code: "32")
        default: return label
        }
    }

    /// Colour codes count as no width: the table pads by visible characters (see `TextTable`).
    private func ansi(_ text: String, code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

/// The order readers work down a list in: worst verdict first, then by name.
enum ReportOrder {
    /// The contractors in that order, each entry made when it is read.
    static func worstFirst(_ contractors: ContractorEntries) -> Ordered {
        // The keys come from the assessments where the entries are made: no entry is built to sort.
        let keys = contractors.indices.map { index in
            contractors.assessment(at: index).map { ($0.verdict, $0.contractor.name) }
                ?? (contractors[index].verdict, contractors[index].name)
        }
        return Ordered(base: contractors, order: keys.indices.sorted { (keys[$0].0, keys[$0].1, $0) < (keys[$1].0, keys[$1].1, $1) })
    }

    struct Ordered: RandomAccessCollection, Sendable {
        let base: ContractorEntries
        let order: [Int]
        var startIndex: Int { 0 }
        var endIndex: Int { order.count }
        subscript(position: Int) -> AuditReport.ContractorEntry { base[order[position]] }
    }
}
