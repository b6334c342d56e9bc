import ComplianceRules
import Foundation

/// What changed from one audit to the next: per contractor the findings that are new, resolved and
/// persisting, and its verdict then and now; and the indicators then and now.
public struct RunDiff: Codable, Sendable, Equatable {
    public struct Side: Codable, Sendable, Equatable {
        public let runId: Int64
        public let referenceDate: String
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

    /// Findings a contractor is held to: counted and waived ones (not-agreed conditions are the
    /// municipality's).
    static func findingIDs(_ contractor: AuditReport.ContractorEntry?) -> Set<String> {
        Set((contractor?.findings ?? []).filter { $0.status.counts || $0.status == .waived }.map(\.id))
    }

    public init(before: AuditReport, beforeId: Int64, after: AuditReport, afterId: Int64) {
        schemaVersion = AuditReport.currentSchemaVersion
        municipality = after.run.municipality
        self.before = Side(runId: beforeId, referenceDate: before.run.referenceDate)
        self.after = Side(runId: afterId, referenceDate: after.run.referenceDate)
        let old = Dictionary(before.contractors.map { ($0.kvk, $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.contractors.map { ($0.kvk, $0) }, uniquingKeysWith: { first, _ in first })
        var order = after.contractors.map(\.kvk)
        order += before.contractors.map(\.kvk).filter { new[$0] == nil }
        contractors = order.compactMap { kvk in
            let (a, b) = (old[kvk], new[kvk])
            let (was, now) = (Self.findingIDs(a), Self.findingIDs(b))
            let change = ContractorChange(kvk: kvk, name: b?.name ?? a?.name ?? "", verdictBefore: a?.verdict, verdictAfter: b?.verdict,
                                          new: now.subtracting(was).sorted(), resolved: was.subtracting(now).sorted(),
                                          persisting: was.intersection(now).sorted())
            let unchanged = change.new.isEmpty && change.resolved.isEmpty && change.verdictBefore == change.verdictAfter
            return unchanged && change.persisting.isEmpty ? nil : change
        }
        let oldIndicators = Dictionary(before.indicators.map { ($0.id, $0.value) }, uniquingKeysWith: { first, _ in first })
        indicators = after.indicators.map { IndicatorChange(id: $0.id, before: oldIndicators[$0.id] ?? nil, after: $0.value) }
    }

    /// The diff in words, for a terminal.
    public func text(_ t: ReportLanguage = .nl) -> String {
        var lines = ["\(t(HistoryPhrase.diffTitle)) — \(municipality): \(t.format.date(iso: before.referenceDate)) → \(t.format.date(iso: after.referenceDate))", ""]
        lines.append(t(Phrase.indicators))
        for change in indicators {
            let was = change.before.map { change.id.isPercentage ? t.format.percent($0) : t.format.number($0) } ?? "–"
            let now = change.after.map { change.id.isPercentage ? t.format.percent($0) : t.format.number($0) } ?? "–"
            lines.append("  \(t(change.id)): \(was) → \(now)")
        }
        lines.append("")
        lines.append(t(HistoryPhrase.changesPerContractor))
        if contractors.isEmpty { lines.append("  " + t(HistoryPhrase.noChanges)) }
        for change in contractors {
            let verdicts = "\(change.verdictBefore.map { t($0) } ?? "–") → \(change.verdictAfter.map { t($0) } ?? "–")"
            lines.append("  \(change.name) (\(t(Phrase.kvk)) \(change.kvk)): \(verdicts)")
            if !change.new.isEmpty { lines.append("    \(t(HistoryPhrase.new)): \(change.new.count)") }
            if !change.resolved.isEmpty { lines.append("    \(t(HistoryPhrase.resolved)): \(change.resolved.count)") }
            if !change.persisting.isEmpty { lines.append("    \(t(HistoryPhrase.persisting)): \(change.persisting.count)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The words of the history commands.
enum HistoryPhrase: Worded {
    case diffTitle, changesPerContractor, noChanges, new, resolved, persisting, verdictBefore, verdictAfter

    var words: Words {
        switch self {
        case .diffTitle: Words(nl: "Verschil tussen twee audits", en: "Difference between two audits")
        case .changesPerContractor: Words(nl: "Veranderingen per opdrachtnemer", en: "Changes per contractor")
        case .noChanges: Words(nl: "Geen veranderingen.", en: "No changes.")
        case .new: Words(nl: "nieuwe bevindingen", en: "new findings")
        case .resolved: Words(nl: "opgeloste bevindingen", en: "resolved findings")
        case .persisting: Words(nl: "gebleven bevindingen", en: "persisting findings")
        case .verdictBefore: Words(nl: "Oordeel toen", en: "Verdict then")
        case .verdictAfter: Words(nl: "Oordeel nu", en: "Verdict now")
        }
    }
}
