import ComplianceRules
import Foundation

/// One contractor as the inkoop officer and the account manager need it: the decision, the
/// conditions not met with what to ask, and an agenda for the accountgesprek, most severe first.
public struct ContractorBriefing: Codable, Sendable, Equatable {
    public var schemaVersion: Int
    public var municipality: String
    public var referenceDate: String
    public var profile: String
    public var contractor: AuditReport.ContractorEntry
    /// One talking point per rule, with the agreements or sources it concerns, most severe first.
    public var agenda: [AgendaItem]

    public struct AgendaItem: Codable, Sendable, Equatable {
        public var severity: String
        public var ruleId: String
        public var title: String
        public var advice: String
        /// Agreement ids or meldingen sources the point is about.
        public var concerns: [String]
    }

    /// The briefing for the contractor with `kvk`, or for the contractor holding agreement
    /// `agreementID` (then only that agreement's findings, plus the contractor's meldingen).
    public init?(_ result: AuditResult, kvk: String? = nil, agreementID: String? = nil) {
        guard let assessment = result.assessment.contractors.first(where: { contractor in
            contractor.contractor.kvk.description == kvk || contractor.agreements.contains { $0.agreement.id == agreementID }
        }) else { return nil }
        var entry = AuditReport.contractor(assessment)
        if let agreementID {
            entry.agreements = entry.agreements.filter { $0.id == agreementID }
            entry.findings = entry.findings.filter { $0.agreementId == agreementID || $0.agreementId == nil }
            let verdict = Verdict(assessment.agreements.filter { $0.agreement.id == agreementID }.flatMap(\.results)
                + assessment.meldingen.flatMap(\.results))
            entry.verdict = verdict.id
            entry.decision = ContractingDecision(verdict).rawValue
        }
        var items: [String: AgendaItem] = [:]
        var order: [(Int, Severity, String)] = []
        for finding in entry.findings {
            let counted = finding.status != ResultStatus.waived.rawValue
            let concern = finding.agreementId ?? TextReport.sourceLabel(MeldingSource(rawValue: finding.source ?? "") ?? .veiligThuis)
            if var item = items[finding.ruleId] {
                item.concerns.append(concern)
                items[finding.ruleId] = item
            } else {
                items[finding.ruleId] = AgendaItem(severity: finding.severity, ruleId: finding.ruleId, title: finding.title,
                                                   advice: finding.advice, concerns: [concern])
                order.append((counted ? 0 : 1, Severity(rawValue: finding.severity) ?? .informatief, finding.ruleId))
            }
        }
        schemaVersion = AuditReport.currentSchemaVersion
        municipality = result.register.municipality
        referenceDate = result.register.referenceDate.description
        profile = result.ruleSet.profile.name
        contractor = entry
        agenda = order.sorted { $0 < $1 }.compactMap { items[$0.2] }
    }

    public var decision: ContractingDecision { ContractingDecision(rawValue: contractor.decision) ?? .onderVoorwaarden }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data([0x0A])
    }

    /// `check`: may we contract this organisation, and on what conditions?
    public func checkText(_ t: ReportLanguage = .nl) -> String {
        var lines = ["\(t("Toets vóór contractgesprek")): \(contractor.name) (KvK \(contractor.kvk)) — \(municipality), \(t("peildatum")) \(referenceDate)",
                     "\(t("Besluit")): \(t(Self.decisionLabel(decision)).uppercased())"]
        let counted = contractor.findings.filter { $0.status != ResultStatus.waived.rawValue }
        if counted.isEmpty {
            lines.append(t("Aan alle voorwaarden is voldaan."))
        } else {
            lines.append("\(t("Voorwaarden waaraan niet is voldaan")):")
            for finding in counted {
                lines.append("  - " + TextReport.findingLine(finding, t))
                lines.append("    \(t("Vraag de opdrachtnemer")): \(finding.advice)")
            }
        }
        let waived = contractor.findings.filter { $0.status == ResultStatus.waived.rawValue }
        if !waived.isEmpty {
            lines.append("\(t("Ontheffingen")):")
            lines += waived.map { "  - " + TextReport.findingLine($0, t) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `brief`: one page for the accountgesprek.
    public func briefText(_ t: ReportLanguage = .nl) -> String {
        var lines = ["\(t("Briefing accountgesprek")): \(contractor.name) (KvK \(contractor.kvk))",
                     "\(municipality), \(t("peildatum")) \(referenceDate), \(t("Profiel")) \(profile)",
                     "\(t("Oordeel")): \(t(TextReport.label(contractor.verdict))) — "
                        + t(Self.decisionLabel(decision)), ""]
        var agreements = TextTable(header: [t("Overeenkomst"), t("Soort"), t("Sector"), t("Looptijd"), t("Oordeel")])
        for agreement in contractor.agreements {
            agreements.rows.append([agreement.id, t(agreement.type), agreement.sector, "\(agreement.start) – \(agreement.end)",
                                    t(TextReport.label(agreement.verdict))])
        }
        lines.append(t("Overeenkomsten"))
        lines.append(agreements.render())
        var meldingen = TextTable(header: [t("Bron"), t("Verwacht"), t("Basis"), t("Werkelijk"), t("Ratio"), "p", t("Uitkomst")], rightAligned: [1, 3, 4, 5])
        for figures in contractor.meldingen {
            meldingen.rows.append([t(figures.source == MeldingSource.veiligThuis.rawValue ? "Veilig Thuis" : "Verwijsindex"),
                                   figures.expected.map { ReportNumber.count($0) } ?? "–", figures.expectedBasis.map(t.callAsFunction) ?? "–",
                                   figures.actual.map(String.init) ?? "–", figures.ratio.map(ReportNumber.percent) ?? "–",
                                   figures.pValue.map { ReportNumber.probability(NSDecimalNumber(decimal: $0).doubleValue) } ?? "–",
                                   t(figures.outcome)])
        }
        lines.append(t("Meldingen: verwacht en werkelijk"))
        lines.append(meldingen.render())
        lines.append(t("Bevindingen"))
        lines += contractor.findings.isEmpty ? ["  " + t("Geen bevindingen.")] : contractor.findings.map { "  - " + TextReport.findingLine($0, t) }
        lines.append("")
        lines.append(t("Voorgestelde agenda"))
        if agenda.isEmpty { lines.append("  " + t("Geen agendapunten: alle voorwaarden zijn voldaan.")) }
        for (number, item) in agenda.enumerated() {
            lines.append("  \(number + 1). [\(t(TextReport.label(item.severity)))] \(item.title) (\(t("betreft")) \(item.concerns.joined(separator: ", ")))")
            lines.append("     \(item.advice)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func decisionLabel(_ decision: ContractingDecision) -> String {
        switch decision {
        case .contracteerbaar: "contracteerbaar"
        case .onderVoorwaarden: "contracteerbaar onder voorwaarden"
        case .nietContracteerbaar: "niet contracteerbaar"
        }
    }
}
