import ComplianceRules
import Foundation

/// The yearly audit as a compact text report for a terminal: verdicts per contractor, the meldingen
/// check, the annual report's indicators, findings and what could not be attributed.
public struct TextReport {
    let result: AuditResult
    let t: ReportLanguage
    /// ANSI colour for verdicts: only on a terminal, and never when NO_COLOR is set.
    let colour: Bool

    public init(_ result: AuditResult, language: ReportLanguage = .nl, colour: Bool = false) {
        self.result = result
        t = language
        self.colour = colour
    }

    public func render() -> String {
        [header(), verdicts(), meldingen(), indicators(), findings(), unattributed(), waivers()]
            .filter { !$0.isEmpty }.joined(separator: "\n")
    }

    func header() -> String {
        let register = result.register
        var lines = [
            "\(t("Audit voorwaarden kindermishandeling")) — \(register.municipality), \(t("peildatum")) \(register.referenceDate)",
            "\(t("Profiel")): \(result.ruleSet.profile.name) (\(result.ruleSet.profile.file)), \(result.ruleSet.rules.count) \(t("regels"))",
            "Register: \(result.request.registerFile) — \(register.agreements.count) \(t("overeenkomsten")), "
                + "\(register.contractors.count) \(t("opdrachtnemers"))",
        ]
        for source in MeldingSource.allCases {
            if let export = result.exports[source] {
                lines.append("\(t(Self.sourceLabel(source))): \(export.file) — \(export.records) \(t("records")), \(export.header.period)"
                    + (export.outOfOrder > 0 ? "; \(export.outOfOrder) \(t("meldingen niet in datumvolgorde (30-dagenregel benaderd)"))" : ""))
            } else {
                lines.append("\(t(Self.sourceLabel(source))): \(t("geen export opgegeven — geen gegevens"))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func verdicts() -> String {
        var table = TextTable(header: [t("KvK"), t("Opdrachtnemer"), t("Overeenk."), t("Oordeel"), t("Blokk."), t("Indr."), t("Agenda"), t("Info")],
                              rightAligned: [2, 4, 5, 6, 7])
        var totals: [Verdict: Int] = [:]
        for contractor in result.assessment.contractors.sorted(by: { ($0.verdict, $0.contractor.name) < ($1.verdict, $1.contractor.name) }) {
            totals[contractor.verdict, default: 0] += 1
            let counted = contractor.agreements.flatMap(\.results).filter(\.status.counts)
                + contractor.meldingen.flatMap(\.results).filter(\.status.counts)
            let perSeverity = Severity.allCases.map { severity in String(counted.filter { $0.severity == severity }.count) }
            table.rows.append([contractor.contractor.kvk.description, contractor.contractor.name,
                               String(contractor.agreements.count), painted(contractor.verdict)] + perSeverity)
        }
        let summary = [Verdict.severity(.blokkerend), .severity(.indringendGesprek), .severity(.agendapunt), .severity(.informatief), .inOrde]
            .map { "\(totals[$0] ?? 0) \(t(Self.verdictLabel($0)))" }.joined(separator: ", ")
        return "\(t("Oordeel per opdrachtnemer")) (\(summary))\n" + table.render()
    }

    func meldingen() -> String {
        var table = TextTable(header: [t("Opdrachtnemer"), t("Bron"), t("Verwacht"), t("Basis"), t("Werkelijk"), t("Ratio"), "p", t("Uitkomst")],
                              rightAligned: [2, 4, 5, 6])
        for contractor in result.assessment.contractors {
            for assessment in contractor.meldingen {
                let figures = assessment.figures
                guard figures.expected != nil || (figures.actual ?? 0) > 0 else { continue }
                let outcome = MeldingenOutcome(assessment)
                let said = t(outcome.rawValue)
                table.rows.append([
                    contractor.contractor.name, t(Self.sourceLabel(figures.source)),
                    figures.expected.map { ReportNumber.count($0.count) } ?? "–",
                    figures.expected.map { t($0.kind.rawValue) } ?? "–",
                    figures.actual.map(String.init) ?? "–",
                    figures.ratio.map(ReportNumber.percent) ?? "–",
                    figures.pValue.map(ReportNumber.probability) ?? "–",
                    outcome.isFlagged ? ansi(said.uppercased(), code: "31;1") : said,
                ])
            }
        }
        return "\(t("Meldingen: verwacht en werkelijk")) (\(t("per opdrachtnemer; de 30-dagenregel toegepast")))\n" + table.render()
    }

    func indicators() -> String {
        var table = TextTable(header: [t("Indicator"), t("Waarde"), t("Doel"), t("Behaald")], rightAligned: [1])
        for value in result.indicators {
            table.rows.append([
                t(value.indicator.label),
                value.value.map { value.indicator.isPercentage ? ReportNumber.percent($0) : ReportNumber.count($0) } ?? t("geen gegevens"),
                value.target?.text ?? "",
                value.met.map { $0 ? t("behaald") : t("niet behaald") } ?? "",
            ])
        }
        var text = "\(t("Indicatoren jaarverslag")) (\(t("telling als Jaarverslag 2017, 4.2.3")))\n" + table.render()
        if let veiligThuis = result.exports[.veiligThuis] {
            var categories = TextTable(header: [t("Categorie melder"), t("Meldingen")], rightAligned: [1])
            for category in ReporterCategory.allCases {
                if let count = veiligThuis.meldingenByCategory[category] { categories.rows.append([category.rawValue, String(count)]) }
            }
            text += "\n\(t("Meldingen per categorie melder (incl. politie-zorgmeldingen)"))\n" + categories.render()
        }
        return text
    }

    func findings() -> String {
        var lines: [String] = []
        for contractor in result.assessment.contractors {
            let entry = AuditReport.contractor(contractor)
            guard !entry.findings.isEmpty else { continue }
            lines.append("\(contractor.contractor.name) (\(contractor.contractor.kvk)) — \(painted(contractor.verdict))")
            lines += entry.findings.map { "  - " + Self.findingLine($0, t) }
        }
        return lines.isEmpty ? "" : t("Bevindingen") + "\n" + lines.joined(separator: "\n") + "\n"
    }

    /// One finding in a line: severity, subject, rule, status and why.
    static func findingLine(_ finding: AuditReport.FindingEntry, _ t: ReportLanguage) -> String {
        let subject = finding.agreementId ?? finding.source.map { t($0 == MeldingSource.veiligThuis.rawValue ? "Veilig Thuis" : "Verwijsindex") } ?? ""
        return "[\(t(label(finding.severity)))] \(subject) \(finding.ruleId) (\(t(statusLabel(finding.status)))): \(why(finding, t))"
    }

    static func why(_ finding: AuditReport.FindingEntry, _ t: ReportLanguage) -> String {
        if let waiver = finding.waiver { return "\(t("ontheffing tot")) \(waiver.expires): \(waiver.reason)" }
        if finding.status == ResultStatus.missingEvidence.rawValue {
            return "\(t("geen bewijs aangeleverd")): " + finding.missing.joined(separator: ", ")
        }
        return finding.explanation ?? finding.evidence.map { "\($0.field) = \($0.value)" }.joined(separator: "; ")
    }

    func unattributed() -> String {
        var table = TextTable(header: [t("KvK"), t("Bron"), t("Meldingen/signalen"), t("Adviesvragen")], rightAligned: [2, 3])
        for source in MeldingSource.allCases {
            for entry in result.unattributed[source] ?? [] {
                table.rows.append([entry.kvk.description, t(Self.sourceLabel(source)), String(entry.count.counted),
                                   source == .veiligThuis ? String(entry.count.adviesvragen) : "–"])
            }
        }
        return table.rows.isEmpty ? "" : t("Niet toe te rekenen: melders met een KvK-nummer zonder overeenkomst") + "\n" + table.render()
    }

    func waivers() -> String {
        guard !result.waiverWarnings.isEmpty else { return "" }
        return t("Ontheffingen") + "\n" + result.waiverWarnings.map { "  - \($0.description)" }.joined(separator: "\n") + "\n"
    }

    private func painted(_ verdict: Verdict) -> String {
        let label = t(Self.verdictLabel(verdict))
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

    public static func verdictLabel(_ verdict: Verdict) -> String { label(verdict.id) }

    /// The Dutch words for a verdict or severity id (`in-orde`, `indringend-gesprek`, `blokkerend`, …),
    /// for every report format.
    static func label(_ id: String) -> String {
        switch id {
        case Verdict.inOrde.id: "in orde"
        case Severity.indringendGesprek.rawValue: "indringend gesprek"
        default: id
        }
    }

    public static func statusLabel(_ status: String) -> String {
        switch ResultStatus(rawValue: status) {
        case .pass: "voldoet"
        case .fail: "voldoet niet"
        case .notApplicable: "niet van toepassing"
        case .missingEvidence: "bewijs ontbreekt"
        case .waived: "ontheffing"
        case .error, nil: "fout"
        }
    }

    public static func sourceLabel(_ source: MeldingSource) -> String {
        source == .veiligThuis ? "Veilig Thuis" : "Verwijsindex"
    }
}
