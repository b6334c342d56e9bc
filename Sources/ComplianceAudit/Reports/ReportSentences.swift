import ComplianceRules
import Foundation

/// Sentences every format shares, built from the vocabulary: warnings, waiver notices, the
/// reason for a decision, an indicator's value.
enum ReportSentences {
    static func warning(_ warning: AuditReport.WarningEntry, municipality: String, _ t: ReportLanguage) -> String? {
        switch warning.kind {
        case .regionMismatch:
            return t(Phrase.regionMismatch(source: warning.source.map { t($0) } ?? "", region: warning.region ?? "",
                                           municipality: municipality))
        case .outOfOrder:
            return t(Phrase.outOfOrder(source: warning.source.map { t($0) } ?? "", count: t.format.number(warning.count ?? 0)))
        case .waiverExpired:
            // Said under the waivers, with the rule's title.
            return nil
        case .recordsRejected:
            let count = warning.count ?? 0
            return t(Phrase.recordsRejected(file: warning.location ?? "", records: t.count(count, .record), one: count == 1))
        case .kvkStoredAsNumber:
            return t(Phrase.kvkStoredAsNumber(cell: warning.location ?? ""))
        case .referenceDateGiven:
            return t(Phrase.referenceDateGiven(registers: t.date(warning.registerReferenceDate ?? "")))
        case .conditionsAfterEnd:
            return t(Phrase.conditionsAfterEnd(
                agreement: warning.agreementId ?? "", contractor: warning.contractor ?? "",
                since: t.date(warning.conditionsSince ?? ""), end: t.date(warning.agreementEnd ?? ""),
                location: warning.location ?? ""))
        }
    }

    /// What the audit read, a line per register (per municipality and then the region, in a
    /// regional run) and per export, or a source without one: the header of a report.
    static func inputs(_ report: AuditReport, _ t: ReportLanguage) -> [(label: String, value: String)] {
        var lines: [(label: String, value: String)] = []
        let counts = { (agreements: Int, contractors: Int) in "\(t.count(agreements, .agreement)), \(t.count(contractors, .contractor))" }
        if report.isRegional, let municipalities = report.municipalities {
            for municipality in municipalities {
                lines.append(("\(t(Phrase.register)) \(municipality.name)", "\(municipality.registers.joined(separator: ", ")) — "
                    + counts(municipality.agreements, municipality.contractors)))
            }
            lines.append(("\(t(RegionPhrase.municipalities)) \(t.list(municipalities.map(\.name)))",
                          counts(report.summary.agreements, report.summary.contractors)))
        } else if let register = report.run.inputs.first(where: { $0.kind == .register }) {
            lines.append((t(Phrase.register), "\(register.path) — " + counts(report.summary.agreements, report.summary.contractors)))
        }
        for source in MeldingSource.allCases {
            let exports = report.exports.filter { $0.source == source }
            for export in exports {
                lines.append((t(source), "\(export.file) — \(t.count(export.records, .record)), "
                    + "\(t.date(export.periodStart)) \(t(Phrase.until)) \(t.date(export.periodEnd)), \(t(Phrase.region)) \(export.region)"))
            }
            if exports.isEmpty { lines.append((t(source), t(Phrase.noExportGiven))) }
        }
        return lines
    }

    /// Per register and export: the records read, audited and rejected, then each rejected record.
    static func reconciliation(_ run: AuditReport.Run, _ t: ReportLanguage) -> [(input: InputFile, counts: String, rejections: [String])] {
        run.inputs.compactMap { input in
            guard let records = input.records else { return nil }
            var rejections = records.rejections.map { rejection($0, t) }
            if records.unlisted > 0 { rejections.append(t(Phrase.unlistedRejections(t.format.number(records.unlisted)))) }
            return (input, t(Phrase.recordCounts(read: t.format.number(records.read), audited: t.format.number(records.audited),
                                                 rejected: t.format.number(records.rejected))), rejections)
        }
    }

    /// A rejected record: its place and why, in the report's words (in English, the tool's own detailed messages).
    static func rejection(_ record: RejectedRecord, _ t: ReportLanguage) -> String {
        let why = t == .nl ? record.reasons.map { t($0) } : record.messages
        return "\(record.location): \(why.joined(separator: "; "))"
    }

    /// The warnings a reader must see, in words; an expired waiver is said under the waivers instead.
    static func warnings(_ warnings: [AuditReport.WarningEntry], municipality: String, _ t: ReportLanguage) -> [String] {
        warnings.compactMap { warning($0, municipality: t.region(municipality), t) }
    }

    static func waiverNotice(_ notice: AuditReport.WaiverNoticeEntry, _ t: ReportLanguage) -> String {
        let scope = notice.agreementId.map { "\(t(Phrase.agreement).lowercased()) \($0)" }
            ?? notice.kvk.map { "\(t(Phrase.contractor).lowercased()) \(t(Phrase.kvk)) \($0)" } ?? ""
        return "\(notice.ruleTitle ?? notice.ruleId) (\(scope)), \(t(Phrase.until)) \(t.date(notice.expires)): \(t(notice.kind))"
            + (notice.findingPersists == true ? "; \(t(Phrase.findingPersists))" : "") + " (\(notice.location))"
    }

    /// Why the decision is what it is, and that it leaves out the conditions not agreed yet that
    /// the organisation would not meet; nil when there is nothing to add to "contracteerbaar".
    static func decisionReason(_ check: ContractCheck, _ t: ReportLanguage) -> String? {
        var reason: String?
        switch check.decision {
        case .contracteerbaar: break
        case .onderVoorwaarden: reason = t(Phrase.reasonConditions(count: check.unmet.count, counted: t.count(check.unmet.count, .finding)))
        case .nietContracteerbaar:
            let blocking = check.unmet.filter { $0.severity == .blokkerend }.count
            reason = t(Phrase.reasonBlocked(count: blocking, counted: t.format.number(blocking)))
        }
        let notAgreed = check.unmetIfAgreed?.count ?? 0
        guard notAgreed > 0 else { return reason }
        let sentence = t(Phrase.reasonNotAgreed(count: notAgreed, counted: t.count(notAgreed, .condition)))
        return reason.map { "\($0) \(sentence)" } ?? sentence
    }

    /// A meldingen row's figures: source, expected, its basis, actual, share, and the count below
    /// which the funnel's 99.8% limit lies (the alarm limit).
    /// The heading of a contractor's agreements, with a note when the contractor's verdict is worse
    /// than every agreement's (a meldingen finding, judged per contractor, made it so), so that
    /// "in orde" beside an agreement is not read as the contractor's verdict.
    static func agreementsHeading(_ contractor: AuditReport.ContractorEntry, _ t: ReportLanguage) -> (heading: String, note: String?) {
        let best = contractor.agreements.map(\.verdict).min() ?? .inOrde
        return (t(Phrase.agreements), contractor.verdict < best ? t(Phrase.agreementVerdictsNote) : nil)
    }

    static func meldingenCells(_ entry: AuditReport.MeldingenEntry, _ t: ReportLanguage) -> [String] {
        let limit: String = {
            guard let limits = entry.limits, let expected = entry.expected else { return "–" }
            return t.format.count(limits.lower998 * expected)
        }()
        return [t(entry.source), t.number(entry.expected), entry.expectedBasis.map { t($0) } ?? "–",
                entry.actual.map { t.format.number($0) } ?? "–", entry.ratio.map(t.format.percent) ?? "–", limit]
    }

    /// One task of the municipality: "SUB-2017-0039, Stichting Kunstwerkplaats, loopt t/m 31-12-2017: neem … op".
    static func task(_ task: AuditReport.MunicipalityTaskEntry, _ t: ReportLanguage, regional: Bool = false) -> String {
        let overdue = task.kind == .checkAandachtsfunctionaris || task.kind == .requestTrainingAccount
        let municipality = regional ? task.municipality.map { "\($0): " } ?? "" : ""
        return "\(municipality)\(task.agreementId), \(task.name), \(t(Phrase.runsUntil)) \(t.date(task.agreementEnd)): "
            + t(Phrase.task(task.kind, conditions: t.list(task.conditions.map { t($0) })))
            + (!overdue ? "" : task.lastDone == nil ? "; \(t(Phrase.noneOnRecord(task.kind)))" : "; \(t(Phrase.overdueSince)) \(t.date(task.due))")
            + (task.repeated == true ? " — \(t(Phrase.stillOpen))" : "")
    }

    /// The conditions not agreed for one subject, in one line; those it contains from a later day
    /// in a line of their own.
    static func notAgreed(_ findings: [AuditReport.FindingEntry], _ t: ReportLanguage, regional: Bool = false) -> [String] {
        var bySubject: [(subject: String, why: String, conditions: [ContractCondition])] = []
        for finding in findings where finding.status == .notAgreed {
            guard let condition = finding.contractCondition else { continue }
            let subject = finding.subject(t, regional: regional)
            let why = finding.why(t)
            if let index = bySubject.firstIndex(where: { $0.subject == subject && $0.why == why }) {
                if !bySubject[index].conditions.contains(condition) { bySubject[index].conditions.append(condition) }
            } else {
                bySubject.append((subject, why, [condition]))
            }
        }
        return bySubject.map { "\($0.subject): \(t.list($0.conditions.map { t($0) })) — \($0.why)" }
    }

    /// What a rule rests on, in one line: "Op grond van: Jeugdwet, …; Handreiking …"; nil when not
    /// recorded.
    static func basedOn(_ basis: [String]?, _ t: ReportLanguage) -> String? {
        guard let basis, !basis.isEmpty else { return nil }
        return "\(t(Phrase.basedOn)): " + basis.joined(separator: "; ")
    }

    /// One rule and what it rests on: "De organisatie heeft een meldcode … (wettelijke plicht):
    /// Wet verplichte meldcode …; Besluit …".
    static func ruleBasis(_ rule: AuditReport.RuleEntry, _ t: ReportLanguage) -> String {
        "\(rule.title) (\(t(rule.basisKind))): " + rule.basis.joined(separator: "; ")
    }

    /// The rules the profile switched off, in one sentence; nil when it switched none off (or a
    /// stored report does not say).
    static func rulesOff(_ rules: [AuditReport.RuleOff]?, _ t: ReportLanguage) -> String? {
        guard let rules, !rules.isEmpty else { return nil }
        return "\(t(Phrase.rulesOff)): " + rules.map(\.title).joined(separator: "; ")
    }

    /// The conditions a contractor's agreements contain only from after the peildatum, a line per
    /// agreement (and per meldingen source): what the next accountgesprek can hold them to.
    static func agreedLater(_ findings: [AuditReport.FindingEntry], _ t: ReportLanguage, regional: Bool = false) -> [String] {
        notAgreed(findings.filter { $0.agreedFrom != nil }, t, regional: regional)
    }

    /// The follow-up section's lines; nil when the history was not read.
    static func followUp(_ followUp: FollowUp?, _ t: ReportLanguage) -> [String]? {
        guard let followUp else { return nil }
        var lines = followUp.alarmsWithoutGesprek.map { "\($0.name) (\(t(Phrase.kvk)) \($0.kvk)), \(t($0.source)): \(t(Phrase.alarmWithoutGesprek($0.source)))" }
        lines += followUp.overdueActions.map {
            "\($0.name) (\(t(Phrase.kvk)) \($0.kvk)): \($0.text), \(t(Phrase.dueByDate)) \(t.date($0.due)) "
                + "(\(t(Phrase.gesprekOn)) \(t.date($0.gesprekDate))): \(t(Phrase.overdueAction))"
        }
        return lines.isEmpty ? [t(Phrase.nothingToFollowUp)] : lines
    }

    /// The briefing's line on the last gesprek, with what was agreed; an action past its term at
    /// the peildatum marked as the audit's follow-up marks it.
    static func lastGesprek(_ gesprek: FollowUp.GesprekEntry, _ t: ReportLanguage, referenceDate: String, findingsOpen: Bool) -> [String] {
        ["\(t(Phrase.lastGesprek)): \(t.date(gesprek.date)) — \(gesprek.outcome)"]
            + gesprek.actions.map { action in
                "\(t(Phrase.agreedActions)): \(action.text), \(t(Phrase.dueByDate)) \(t.date(action.due))"
                    + (FollowUp.isOverdue(action, referenceDate: referenceDate, findingsOpen: findingsOpen) ? " — \(t(Phrase.overdueAction))" : "")
            }
    }

    /// The indicator table as the text and HTML reports lay it out: the previous audit's value
    /// beside this year's when history exists (the annual report's layout), and the target columns
    /// only when the profile sets a target; with the columns that hold figures.
    static func indicatorTable(_ indicators: [AuditReport.IndicatorEntry], _ t: ReportLanguage)
        -> (header: [String], rows: [[String]], figures: Set<Int>) {
        let history = indicators.contains { $0.previous != nil }
        let targets = indicators.contains { $0.target != nil }
        let header = [t(Phrase.indicator)] + (history ? [t(Phrase.previousYear)] : []) + [t(Phrase.value)]
            + (targets ? [t(Phrase.target), t(Phrase.met)] : [])
        let rows = indicators.map { indicator in
            var previous = indicator
            previous.value = indicator.previous
            return [t(indicator.id)] + (history ? [indicatorValue(previous, t)] : []) + [indicatorValue(indicator, t)]
                + (targets ? [indicator.target ?? "", indicator.met.map { t($0 ? Phrase.targetMet : Phrase.targetNotMet) } ?? ""] : [])
        }
        return (header, rows, history ? [1, 2] : [1])
    }

    static func indicatorValue(_ indicator: AuditReport.IndicatorEntry, _ t: ReportLanguage) -> String {
        indicatorNumber(indicator.value, indicator.id, t) ?? t(MeldingenOutcome.noData)
    }

    /// An indicator's figure in the report's language: a percentage or a number; nil without one.
    static func indicatorNumber(_ value: Decimal?, _ id: Indicator, _ t: ReportLanguage) -> String? {
        value.map { id.isPercentage ? t.format.percent($0) : t.format.number($0) }
    }
}
