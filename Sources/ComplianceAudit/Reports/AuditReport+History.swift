import ComplianceRules
import Foundation

extension AuditReport {
    /// What earlier runs of the same municipality add to this one (`previous` oldest first, each
    /// with an earlier reference date): which findings are repeated and for how many runs, the
    /// profile's escalation of persisting findings (verdicts follow), and last year's indicators.
    public mutating func applyHistory(_ previous: [AuditReport], escalation: Profile.Escalation?) {
        applyHistory(PriorAudits(previous), escalation: escalation)
    }

    /// The same, from the earlier audits as the history database gives them. Contractors made
    /// from the audit stay unbuilt: each entry is marked when it is made.
    public mutating func applyHistory(_ prior: PriorAudits, escalation: Profile.Escalation?) {
        guard !prior.isEmpty else { return }
        contractors.apply(prior, escalation: escalation)
        // Only an escalation changes a verdict.
        if escalation != nil { summary.verdicts = Self.verdictCounts(contractors.verdicts) }
        for index in municipalityTasks.indices { municipalityTasks[index].repeated = prior.openTasks.contains(municipalityTasks[index].id) }
        // An expired waiver whose finding persists: the finding is the waived agreement's, or the
        // waived contractor's.
        for index in waiverNotices.indices where waiverNotices[index].kind == .expired {
            let notice = waiverNotices[index]
            let holder = notice.agreementId != nil ? contractors.first(kvk: nil, agreementID: notice.agreementId)
                : contractors.first(kvk: notice.kvk, agreementID: nil)
            waiverNotices[index].findingPersists = holder?.findings.contains { finding in
                finding.ruleId == notice.ruleId && finding.repeated == true
                    && (notice.agreementId.map { $0 == finding.agreementId } ?? (notice.kvk == holder?.kvk))
            } ?? false
        }
        for index in indicators.indices { indicators[index].previous = prior.indicators[indicators[index].id] ?? nil }
    }
}
