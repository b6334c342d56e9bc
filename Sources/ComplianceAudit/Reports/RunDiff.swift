import ComplianceRules
import Foundation

/// What changed from one audit to the next: per contractor the findings that are new, resolved and
/// persisting, and its verdict then and now; and the indicators then and now.
public struct RunDiff: Codable, Sendable, Equatable {
    public struct Side: Codable, Sendable, Equatable {
        public let runId: Int64
        public let referenceDate: String
    }

    /// A finding as the diff names it: what it concerns and what is wrong, in the rule's words as
    /// the run that found it (or, resolved, the run before) had them.
    public struct FindingName: Codable, Sendable, Equatable {
        public let id: String
        public let agreementId: String?
        public let source: MeldingSource?
        public let status: ResultStatus
        public let title: String
        public let problem: String?

        public init(id: String, agreementId: String?, source: MeldingSource?, status: ResultStatus, title: String, problem: String?) {
            self.id = id
            self.agreementId = agreementId
            self.source = source
            self.status = status
            self.title = title
            self.problem = problem
        }

        /// "INK-2017-0016: De jeugdhulpaanbieder voldoet niet aan …".
        public func line(_ t: ReportLanguage) -> String {
            "\(AuditReport.FindingEntry.subject(agreementId: agreementId, source: source, t)): "
                + AuditReport.FindingEntry.heading(status: status, title: title, problem: problem, t)
        }
    }

    /// A finding in both audits whose severity changed (raised by the profile's escalation, say).
    public struct SeverityChange: Codable, Sendable, Equatable {
        public let id: String
        public let before: Severity
        public let after: Severity
        /// In words, where the later run keeps them.
        public let finding: FindingName?

        /// "Verwijsindex: Het aantal signalen … (indringend gesprek → blokkerend)"; nil without words.
        public func line(_ t: ReportLanguage) -> String? {
            finding.map { "\($0.line(t)) (\(t(before)) → \(t(after)))" }
        }
    }

    public struct ContractorChange: Codable, Sendable, Equatable {
        public let kvk: String
        public let name: String
        /// null: not in that run.
        public let verdictBefore: Verdict?
        public let verdictAfter: Verdict?
        /// Finding ids.
        public let new: [String]
        public let resolved: [String]
        public let persisting: [String]
        /// Of the new and persisting findings, those a waiver covers in the later run: held, but
        /// not counted in its verdict.
        public let waived: [String]
        /// The new and the resolved findings in words, where the stored runs keep them (runs
        /// stored before the words were kept give ids only).
        public let newFindings: [FindingName]
        public let resolvedFindings: [FindingName]
        /// Of the persisting findings, those whose severity changed: what can change a verdict
        /// without a finding new or resolved.
        public let severityChanged: [SeverityChange]
    }

    public struct IndicatorChange: Codable, Sendable, Equatable {
        public let id: Indicator
        public let before: Decimal?
        public let after: Decimal?
    }

    public let schemaVersion: Int
    public let municipality: String
    public let before: Side
    public let after: Side
    public let contractors: [ContractorChange]
    public let indicators: [IndicatorChange]

    /// One audit as a diff reads it: its contractors in report order, each with its verdict and the
    /// findings it is held to, and its indicators. Made from a report, or from the history
    /// database's tables without decoding the stored report.
    public struct Snapshot: Sendable {
        public struct Contractor: Sendable {
            public let kvk: String
            public let name: String
            public let verdict: Verdict
            /// Ids of the findings it is held to: counted and waived ones (not-agreed conditions
            /// are the municipality's).
            public let held: Set<String>
            /// Those of `held` a waiver covers.
            public let waived: Set<String>
            /// The held findings in words, by id, where the run keeps them.
            public let names: [String: FindingName]
            /// The held findings' severities, by id.
            public let severities: [String: Severity]

            public init(kvk: String, name: String, verdict: Verdict, held: Set<String>, waived: Set<String> = [],
                        names: [String: FindingName] = [:], severities: [String: Severity] = [:]) {
                self.kvk = kvk
                self.name = name
                self.verdict = verdict
                self.held = held
                self.waived = waived
                self.names = names
                self.severities = severities
            }
        }

        public let runId: Int64
        public let municipality: String
        public let referenceDate: String
        public let contractors: [Contractor]
        public let indicators: [(id: Indicator, value: Decimal?)]

        public init(runId: Int64, municipality: String, referenceDate: String, contractors: [Contractor],
                    indicators: [(id: Indicator, value: Decimal?)]) {
            self.runId = runId
            self.municipality = municipality
            self.referenceDate = referenceDate
            self.contractors = contractors
            self.indicators = indicators
        }

        public init(_ report: AuditReport, runId: Int64) {
            self.init(runId: runId, municipality: report.run.municipality, referenceDate: report.run.referenceDate,
                      contractors: report.contractors.map { contractor in
                          let held = contractor.findings.filter { PriorAudits.isHeld($0.status) }
                          return Contractor(kvk: contractor.kvk, name: contractor.name, verdict: contractor.verdict,
                                            held: Set(held.map(\.id)), waived: Set(contractor.findings.filter { $0.status == .waived }.map(\.id)),
                                            names: Dictionary(held.map { ($0.id, FindingName($0)) }, uniquingKeysWith: { first, _ in first }),
                                            severities: Dictionary(held.map { ($0.id, $0.severity) }, uniquingKeysWith: { first, _ in first }))
                      },
                      indicators: report.indicators.map { ($0.id, $0.value) })
        }
    }

    public init(before: AuditReport, beforeId: Int64, after: AuditReport, afterId: Int64) {
        self.init(before: Snapshot(before, runId: beforeId), after: Snapshot(after, runId: afterId))
    }

    public init(before: Snapshot, after: Snapshot) {
        schemaVersion = AuditReport.currentSchemaVersion
        municipality = after.municipality
        self.before = Side(runId: before.runId, referenceDate: before.referenceDate)
        self.after = Side(runId: after.runId, referenceDate: after.referenceDate)
        let old = Dictionary(before.contractors.map { ($0.kvk, $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.contractors.map { ($0.kvk, $0) }, uniquingKeysWith: { first, _ in first })
        var order = after.contractors.map(\.kvk)
        order += before.contractors.map(\.kvk).filter { new[$0] == nil }
        contractors = order.compactMap { kvk in
            let (a, b) = (old[kvk], new[kvk])
            let (was, now) = (a?.held ?? [], b?.held ?? [])
            let (appeared, gone, kept) = (now.subtracting(was).sorted(), was.subtracting(now).sorted(), was.intersection(now).sorted())
            let changed = kept.compactMap { id -> SeverityChange? in
                guard let before = a?.severities[id], let after = b?.severities[id], before != after else { return nil }
                return SeverityChange(id: id, before: before, after: after, finding: b?.names[id])
            }
            let change = ContractorChange(kvk: kvk, name: b?.name ?? a?.name ?? "", verdictBefore: a?.verdict, verdictAfter: b?.verdict,
                                          new: appeared, resolved: gone, persisting: kept, waived: (b?.waived ?? []).sorted(),
                                          newFindings: appeared.compactMap { b?.names[$0] }, resolvedFindings: gone.compactMap { a?.names[$0] },
                                          severityChanged: changed)
            let unchanged = change.new.isEmpty && change.resolved.isEmpty && change.verdictBefore == change.verdictAfter
            return unchanged && change.persisting.isEmpty ? nil : change
        }
        let oldIndicators = Dictionary(before.indicators.map { ($0.id, $0.value) }, uniquingKeysWith: { first, _ in first })
        indicators = after.indicators.map { IndicatorChange(id: $0.id, before: oldIndicators[$0.id] ?? nil, after: $0.value) }
    }

    /// The diff in words, for a terminal.
    public func text(_ t: ReportLanguage = .nl) -> String {
        var lines = ["\(t(HistoryPhrase.diffTitle)) — \(t.region(municipality)): \(t.format.date(iso: before.referenceDate)) → \(t.format.date(iso: after.referenceDate))", ""]
        lines.append(t(Phrase.indicators))
        for change in indicators {
            let was = ReportSentences.indicatorNumber(change.before, change.id, t) ?? "–"
            let now = ReportSentences.indicatorNumber(change.after, change.id, t) ?? "–"
            lines.append("  \(t(change.id)): \(was) → \(now)")
        }
        lines.append("")
        lines.append(t(HistoryPhrase.changesPerContractor))
        if contractors.isEmpty { lines.append("  " + t(HistoryPhrase.noChanges)) }
        for change in contractors {
            let verdicts = "\(change.verdictBefore.map { t($0) } ?? "–") → \(change.verdictAfter.map { t($0) } ?? "–")"
            lines.append("  \(change.name) (\(t(Phrase.kvk)) \(change.kvk)): \(verdicts)")
            if !change.new.isEmpty { lines.append("    \(t(HistoryPhrase.new)): \(change.new.count)") }
            lines += change.newFindings.map { "      - " + $0.line(t) }
            if !change.resolved.isEmpty { lines.append("    \(t(HistoryPhrase.resolved)): \(change.resolved.count)") }
            lines += change.resolvedFindings.map { "      - " + $0.line(t) }
            if !change.persisting.isEmpty { lines.append("    \(t(HistoryPhrase.persisting)): \(change.persisting.count)") }
            if !change.severityChanged.isEmpty { lines.append("    \(t(HistoryPhrase.severityChanged)): \(change.severityChanged.count)") }
            lines += change.severityChanged.compactMap { $0.line(t) }.map { "      - " + $0 }
            if !change.waived.isEmpty { lines.append("    \(t(HistoryPhrase.waivedOfThem)): \(change.waived.count)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension RunDiff.FindingName {
    init(_ finding: AuditReport.FindingEntry) {
        self.init(id: finding.id, agreementId: finding.agreementId, source: finding.source, status: finding.status,
                  title: finding.title, problem: finding.problem)
    }
}

/// The words of the history commands.
enum HistoryPhrase: Worded {
    case diffTitle, changesPerContractor, noChanges, new, resolved, persisting, waivedOfThem, verdictBefore, verdictAfter
    case newNamed, resolvedNamed, severityChangedNamed, namedChanges, severityChanged

    var words: Words {
        switch self {
        case .diffTitle: Words(nl: "Verschil tussen twee audits", en: "Difference between two audits")
        case .changesPerContractor: Words(nl: "Veranderingen per opdrachtnemer", en: "Changes per contractor")
        case .noChanges: Words(nl: "Geen veranderingen.", en: "No changes.")
        case .new: Words(nl: "nieuwe bevindingen", en: "new findings")
        case .resolved: Words(nl: "opgeloste bevindingen", en: "resolved findings")
        case .persisting: Words(nl: "gebleven bevindingen", en: "persisting findings")
        case .waivedOfThem: Words(nl: "daarvan met ontheffing", en: "of these, waived")
        case .verdictBefore: Words(nl: "Oordeel toen", en: "Verdict then")
        case .verdictAfter: Words(nl: "Oordeel nu", en: "Verdict now")
        case .newNamed: Words(nl: "Nieuw", en: "New")
        case .resolvedNamed: Words(nl: "Opgelost", en: "Resolved")
        case .namedChanges: Words(nl: "Welke bevindingen veranderden", en: "Which findings changed")
        case .severityChanged: Words(nl: "andere ernst", en: "severity changed")
        case .severityChangedNamed: Words(nl: "Andere ernst", en: "Severity changed")
        }
    }
}
