import ComplianceRules
import Foundation

extension AuditReport {
    /// What earlier runs of the same municipality add to this one (`previous` oldest first, each
    /// with an earlier reference date): which findings are repeated and for how many runs, the
    /// profile's escalation of persisting findings (verdicts follow), and last year's indicators.
    public mutating func applyHistory(_ previous: [AuditReport], escalation: Profile.Escalation?) {
        guard let last = previous.last else { return }
        func held(_ report: AuditReport) -> Set<String> {
            Set(report.contractors.flatMap(\.findings).filter { $0.status.counts || $0.status == .waived }.map(\.id))
        }
        let newestFirst = previous.reversed().map(held)
        for contractor in contractors.indices {
            for index in contractors[contractor].findings.indices {
                var finding = contractors[contractor].findings[index]
                guard finding.status.counts || finding.status == .waived else { continue }
                let runs = 1 + newestFirst.prefix { $0.contains(finding.id) }.count
                finding.repeated = runs > 1
                finding.consecutiveRuns = runs
                if let escalation, finding.status.counts, runs >= escalation.afterRuns, escalation.rules?.contains(finding.ruleId) ?? true,
                   let position = Severity.allCases.firstIndex(of: finding.severity), position > 0 {
                    finding.escalatedFrom = finding.severity
                    finding.severity = Severity.allCases[position - 1]
                }
                contractors[contractor].findings[index] = finding
            }
            // Worst first again, now that a severity may have been raised.
            contractors[contractor].findings = contractors[contractor].findings.enumerated().sorted {
                ($0.element.status.listOrder, $0.element.severity, $0.offset) < ($1.element.status.listOrder, $1.element.severity, $1.offset)
            }.map(\.element)
            let entry = contractors[contractor]
            for agreement in entry.agreements.indices {
                let id = entry.agreements[agreement].id
                contractors[contractor].agreements[agreement].verdict = Verdict(findings: entry.findings.filter { $0.agreementId == id })
            }
            contractors[contractor].verdict = Verdict(findings: entry.findings)
            contractors[contractor].decision = ContractingDecision(contractors[contractor].verdict)
        }
        summary.verdicts = Self.verdictCounts(contractors.map(\.verdict))
        // Each contractor's meldingen over the years.
        for contractor in contractors.indices {
            let kvk = contractors[contractor].kvk
            for index in contractors[contractor].meldingen.indices {
                let source = contractors[contractor].meldingen[index].source
                contractors[contractor].meldingen[index].history = previous.compactMap { report in
                    report.contractors.first { $0.kvk == kvk }?.meldingen.first { $0.source == source }.map {
                        MeldingenHistoryEntry(referenceDate: report.run.referenceDate, expected: $0.expected, actual: $0.actual)
                    }
                }
            }
        }
        // The municipality's tasks still open, and expired waivers whose finding persists.
        let openBefore = Set(last.municipalityTasks.map(\.id))
        for index in municipalityTasks.indices { municipalityTasks[index].repeated = openBefore.contains(municipalityTasks[index].id) }
        let findings = contractors.flatMap { contractor in contractor.findings.map { (contractor.kvk, $0) } }
        for index in waiverNotices.indices where waiverNotices[index].kind == .expired {
            let notice = waiverNotices[index]
            waiverNotices[index].findingPersists = findings.contains { kvk, finding in
                finding.ruleId == notice.ruleId && finding.repeated == true
                    && (notice.agreementId.map { $0 == finding.agreementId } ?? (notice.kvk == kvk))
            }
        }
        let before = Dictionary(last.indicators.map { ($0.id, $0.value) }, uniquingKeysWith: { first, _ in first })
        for index in indicators.indices { indicators[index].previous = before[indicators[index].id] ?? nil }
    }
}
