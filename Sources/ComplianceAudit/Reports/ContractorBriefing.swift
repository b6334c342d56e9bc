import ComplianceRules
import Foundation

/// One contractor as the account manager needs it before an accountgesprek: its agreements,
/// findings and meldingen, and an agenda, most severe first.
public struct ContractorBriefing: Codable, Sendable, Equatable {
    public var schemaVersion: Int
    public var municipality: String
    public var referenceDate: String
    public var profile: String
    /// The rules the profile switched off (see the report's `run`).
    public var rulesOff: [AuditReport.RuleOff]?
    /// The rules the agenda's points rest on, with their basis; null when made from a report
    /// stored before the rules were recorded.
    public var rules: [AuditReport.RuleEntry]?
    public var contractor: AuditReport.ContractorEntry
    /// One talking point per rule (and per source where a meldingen rule words its sources apart),
    /// most severe first.
    public var agenda: [AgendaItem]
    /// The municipality's own tasks for this contractor's agreements: not talking points.
    public var municipalityTasks: [AuditReport.MunicipalityTaskEntry]
    /// The last indringend gesprek recorded with the contractor, when the history was read.
    public var lastGesprek: FollowUp.GesprekEntry?
    public var warnings: [AuditReport.WarningEntry]

    public struct AgendaItem: Codable, Sendable, Equatable {
        public var severity: Severity
        /// The worst status among the point's findings: fail, missing-evidence, error or waived.
        public var status: ResultStatus
        public var ruleId: String
        /// The findings the point is about, by id (see `contractor.findings`).
        public var findingIds: [String]
    }

    /// The briefing for the contractor with `kvk`, or for the contractor holding agreement
    /// `agreementID` (then only that agreement's findings, plus the contractor's meldingen).
    public init?(_ report: AuditReport, kvk: String? = nil, agreementID: String? = nil) {
        guard var entry = report.contractors.first(kvk: kvk, agreementID: agreementID) else { return nil }
        if let agreementID {
            entry.agreements = entry.agreements.filter { $0.id == agreementID }
            entry.findings = entry.findings.filter { $0.agreementId == agreementID || $0.agreementId == nil }
            entry.verdict = Verdict(findings: entry.findings)
            entry.decision = ContractingDecision(entry.verdict)
        }
        // A point per rule, and per wording where a meldingen rule words its sources apart: a shortfall
        // at Veilig Thuis and one in the verwijsindex are two conversations.
        var items: [String: AgendaItem] = [:]
        var order: [(rank: Int, severity: Severity, ruleId: String, position: Int, key: String)] = []
        // Not-agreed conditions are the municipality's to act on, not talking points for the contractor.
        for finding in entry.findings where finding.status != .notAgreed {
            let key = finding.ruleId + "\u{0}" + finding.title
            if var item = items[key] {
                item.findingIds.append(finding.id)
                if finding.status.counts && !item.status.counts { item.status = finding.status }
                items[key] = item
            } else {
                items[key] = AgendaItem(severity: finding.severity, status: finding.status, ruleId: finding.ruleId, findingIds: [finding.id])
                order.append((finding.status.counts ? 0 : 1, finding.severity, finding.ruleId, order.count, key))
            }
        }
        schemaVersion = AuditReport.currentSchemaVersion
        municipality = report.run.municipality
        referenceDate = report.run.referenceDate
        profile = report.run.profile
        rulesOff = report.run.rulesOff
        contractor = entry
        agenda = order.sorted { ($0.rank, $0.severity, $0.ruleId, $0.position) < ($1.rank, $1.severity, $1.ruleId, $1.position) }
            .compactMap { items[$0.key] }
        let agendaRules = Set(agenda.map(\.ruleId))
        rules = report.run.rules?.filter { agendaRules.contains($0.id) }
        let agreementIDs = Set(entry.agreements.map(\.id))
        municipalityTasks = report.municipalityTasks.filter { agreementIDs.contains($0.agreementId) }
        lastGesprek = report.followUp?.gesprekken.last { $0.kvk == entry.kvk }
        warnings = report.warnings.filter { $0.concerns(agreementIDs) }
    }

    public var decision: ContractingDecision { contractor.decision }

    /// Whether the contractor still has open findings (an action agreed and due is then past its term).
    var findingsOpen: Bool { contractor.findings.contains { $0.status.counts } }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(municipality, forKey: .municipality)
        try container.encode(referenceDate, forKey: .referenceDate)
        try container.encode(profile, forKey: .profile)
        try container.encode(rulesOff, forKey: .rulesOff)
        try container.encode(rules, forKey: .rules)
        try container.encode(contractor, forKey: .contractor)
        try container.encode(agenda, forKey: .agenda)
        try container.encode(municipalityTasks, forKey: .municipalityTasks)
        try container.encode(lastGesprek, forKey: .lastGesprek)
        try container.encode(warnings, forKey: .warnings)
    }

    /// What an agenda point's rule rests on; nil when not recorded.
    public func basis(of item: AgendaItem) -> [String]? {
        rules?.first { $0.id == item.ruleId }?.basis
    }

    /// The findings an agenda point is about.
    public func findings(of item: AgendaItem) -> [AuditReport.FindingEntry] {
        contractor.findings.filter { item.findingIds.contains($0.id) }
    }
}

/// `check`: may we contract this organisation, and on what conditions? The decision first, then
/// each condition that is not met with what to ask for, then what is waived.
public struct ContractCheck: Codable, Sendable, Equatable {
    public var schemaVersion: Int
    public var municipality: String
    public var referenceDate: String
    public var profile: String
    /// The rules the profile switched off (see the report's `run`).
    public var rulesOff: [AuditReport.RuleOff]?
    /// The rules the unmet and waived conditions rest on, with their basis; null when made from a
    /// report stored before the rules were recorded.
    public var rules: [AuditReport.RuleEntry]?
    public var kvk: String
    public var name: String
    /// Set when one agreement was checked.
    public var agreementId: String?
    public var decision: ContractingDecision
    /// The roll-up over every municipality that contracts it.
    public var verdict: Verdict
    /// Its verdict per municipality, over the agreements it holds there; null in documents made
    /// from reports stored before regional runs.
    public var municipalities: [AuditReport.ContractorMunicipalityEntry]?
    /// The conditions not met (fail, missing-evidence, error), worst first.
    public var unmet: [AuditReport.FindingEntry]
    /// Conditions not met but covered by a waiver.
    public var waived: [AuditReport.FindingEntry]
    /// Contract conditions the agreements do not contain: to write into the new contract.
    public var notAgreed: [ContractCondition]
    /// Conditions not agreed (or agreed later) that the organisation would not meet if they were
    /// agreed now: each finding as judged then (`status` from its `ifAgreed`), worst first.
    /// Before contract talks these are what to settle first; they do not change the decision,
    /// which judges what is agreed. Null in documents made from reports stored before.
    public var unmetIfAgreed: [AuditReport.FindingEntry]?
    public var meldingen: [AuditReport.MeldingenEntry]
    /// The last indringend gesprek recorded with the contractor, when the history was read.
    public var lastGesprek: FollowUp.GesprekEntry?
    public var warnings: [AuditReport.WarningEntry]

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(municipality, forKey: .municipality)
        try container.encode(referenceDate, forKey: .referenceDate)
        try container.encode(profile, forKey: .profile)
        try container.encode(rulesOff, forKey: .rulesOff)
        try container.encode(rules, forKey: .rules)
        try container.encode(kvk, forKey: .kvk)
        try container.encode(name, forKey: .name)
        try container.encode(agreementId, forKey: .agreementId)
        try container.encode(decision, forKey: .decision)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(municipalities, forKey: .municipalities)
        try container.encode(unmet, forKey: .unmet)
        try container.encode(waived, forKey: .waived)
        try container.encode(notAgreed, forKey: .notAgreed)
        try container.encode(unmetIfAgreed, forKey: .unmetIfAgreed)
        try container.encode(meldingen, forKey: .meldingen)
        try container.encode(lastGesprek, forKey: .lastGesprek)
        try container.encode(warnings, forKey: .warnings)
    }

    public init?(_ report: AuditReport, kvk: String? = nil, agreementID: String? = nil) {
        guard let briefing = ContractorBriefing(report, kvk: kvk, agreementID: agreementID) else { return nil }
        let contractor = briefing.contractor
        schemaVersion = AuditReport.currentSchemaVersion
        municipality = report.run.municipality
        referenceDate = report.run.referenceDate
        profile = report.run.profile
        rulesOff = report.run.rulesOff
        self.kvk = contractor.kvk
        name = contractor.name
        agreementId = agreementID
        decision = contractor.decision
        verdict = contractor.verdict
        municipalities = contractor.municipalities
        unmet = contractor.findings.filter(\.status.counts)
        waived = contractor.findings.filter { $0.status == .waived }
        let notAgreedFindings = contractor.findings.filter { $0.status == .notAgreed }
        unmetIfAgreed = notAgreedFindings.compactMap(\.asIfAgreed).filter(\.status.counts)
            .sorted { ($0.severity, $0.ruleId) < ($1.severity, $1.ruleId) }
        let pointRules = Set((unmet + waived + (unmetIfAgreed ?? [])).map(\.ruleId))
        rules = report.run.rules?.filter { pointRules.contains($0.id) }
        let missing = Set(notAgreedFindings.compactMap(\.contractCondition))
        notAgreed = ContractCondition.allCases.filter(missing.contains)
        meldingen = contractor.meldingen
        lastGesprek = briefing.lastGesprek
        warnings = briefing.warnings
    }

    /// What a finding's rule rests on; nil when not recorded.
    public func basis(of finding: AuditReport.FindingEntry) -> [String]? {
        rules?.first { $0.id == finding.ruleId }?.basis
    }

    /// Whether conditions are still unmet (an action agreed and due is then past its term), as
    /// the briefing's `findingsOpen`.
    var findingsOpen: Bool { !unmet.isEmpty }

    /// The sentence when no agreed condition is unmet: "aan alle voorwaarden", or "aan alle
    /// afgesproken voorwaarden" when some are not agreed (yet).
    var allMet: Phrase {
        let allAgreed = notAgreed.isEmpty
        return waived.isEmpty ? (allAgreed ? .allConditionsMet : .allAgreedConditionsMet)
            : (allAgreed ? .allMetOrWaived : .allAgreedMetOrWaived)
    }
}

extension AuditReport.WarningEntry {
    /// Whether the warning belongs in a document about these agreements: a warning about one
    /// agreement only where it is among them, any other warning always.
    func concerns(_ agreementIDs: Set<String>) -> Bool {
        agreementId.map(agreementIDs.contains) ?? true
    }
}
