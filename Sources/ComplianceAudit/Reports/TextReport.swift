import ComplianceRules
import Foundation

/// The yearly audit as a compact Dutch text report for a terminal: verdicts per contractor, the
/// meldingen check, the annual report's indicators, findings and what could not be attributed.
public enum TextReport {
    public static func render(_ result: AuditResult) -> String {
        [header(result), verdicts(result), meldingen(result), indicators(result), findings(result),
         unattributed(result), waivers(result)].filter { !$0.isEmpty }.joined(separator: "\n")
    }

    static func header(_ result: AuditResult) -> String {
        let register = result.register
        var lines = [
            "Audit voorwaarden kindermishandeling — \(register.municipality), peildatum \(register.referenceDate)",
            "Profiel: \(result.ruleSet.profile.name) (\(result.ruleSet.profile.file)), \(result.ruleSet.rules.count) regels",
            "Register: \(result.request.registerFile) — \(register.agreements.count) overeenkomsten, "
                + "\(register.contractors.count) opdrachtnemers",
        ]
        for source in MeldingSource.allCases {
            if let export = result.exports[source] {
                lines.append("\(sourceLabel(source)): \(export.file) — \(export.records) records, \(export.header.period)"
                    + (export.outOfOrder > 0 ? "; \(export.outOfOrder) meldingen niet in datumvolgorde (30-dagenregel benaderd)" : ""))
            } else {
                lines.append("\(sourceLabel(source)): geen export opgegeven — geen gegevens")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func verdicts(_ result: AuditResult) -> String {
        var table = TextTable(header: ["KvK", "Opdrachtnemer", "Overeenk.", "Oordeel", "Blokk.", "Indr.", "Agenda", "Info"],
                              rightAligned: [2, 4, 5, 6, 7])
        var totals: [Verdict: Int] = [:]
        for contractor in result.assessment.contractors.sorted(by: { ($0.verdict, $0.contractor.name) < ($1.verdict, $1.contractor.name) }) {
            totals[contractor.verdict, default: 0] += 1
            let counted = contractor.agreements.flatMap(\.results).filter(\.status.counts)
                + contractor.meldingen.flatMap(\.results).filter(\.status.counts)
            let perSeverity = Severity.allCases.map { severity in String(counted.filter { $0.severity == severity }.count) }
            table.rows.append([contractor.contractor.kvk.description, contractor.contractor.name,
                               String(contractor.agreements.count), verdictLabel(contractor.verdict)] + perSeverity)
        }
        let summary = ([Verdict.severity(.blokkerend), .severity(.indringendGesprek), .severity(.agendapunt), .severity(.informatief), .inOrde])
            .map { "\(totals[$0] ?? 0) \(verdictLabel($0))" }.joined(separator: ", ")
        return "Oordeel per opdrachtnemer (\(summary))\n" + table.render()
    }

    static func meldingen(_ result: AuditResult) -> String {
        var table = TextTable(header: ["Opdrachtnemer", "Bron", "Verwacht", "Basis", "Werkelijk", "Ratio", "p", "Uitkomst"],
                              rightAligned: [2, 4, 5, 6])
        for contractor in result.assessment.contractors {
            for assessment in contractor.meldingen {
                let figures = assessment.figures
                let outcome = MeldingenOutcome(assessment)
                guard figures.expected != nil || (figures.actual ?? 0) > 0 else { continue }
                table.rows.append([
                    contractor.contractor.name, sourceLabel(figures.source),
                    figures.expected.map { ReportNumber.count($0.count) } ?? "–",
                    figures.expected.map { $0.kind.rawValue } ?? "–",
                    figures.actual.map(String.init) ?? "–",
                    figures.ratio.map(ReportNumber.percent) ?? "–",
                    figures.pValue.map(ReportNumber.probability) ?? "–",
                    outcome.isFlagged ? outcome.rawValue.uppercased() : outcome.rawValue,
                ])
            }
        }
        return "Meldingen: verwacht en werkelijk (per opdrachtnemer; de 30-dagenregel toegepast)\n" + table.render()
    }

    static func indicators(_ result: AuditResult) -> String {
        var table = TextTable(header: ["Indicator", "Waarde", "Doel", "Behaald"], rightAligned: [1])
        for value in result.indicators {
            table.rows.append([
                value.indicator.label,
                value.value.map { value.indicator.isPercentage ? ReportNumber.percent($0) : ReportNumber.count($0) } ?? "geen gegevens",
                value.target?.text ?? "",
                value.met.map { $0 ? "behaald" : "niet behaald" } ?? "",
            ])
        }
        var text = "Indicatoren jaarverslag (telling als Jaarverslag 2017, 4.2.3)\n" + table.render()
        if let veiligThuis = result.exports[.veiligThuis] {
            var categories = TextTable(header: ["Categorie melder", "Meldingen"], rightAligned: [1])
            for category in ReporterCategory.allCases {
                if let count = veiligThuis.meldingenByCategory[category] { categories.rows.append([category.rawValue, String(count)]) }
            }
            text += "\nMeldingen per categorie melder (incl. politie-zorgmeldingen)\n" + categories.render()
        }
        return text
    }

    static func findings(_ result: AuditResult) -> String {
        var lines: [String] = []
        for contractor in result.assessment.contractors where contractor.verdict != .inOrde
            || contractor.agreements.contains(where: { !$0.findings.isEmpty }) {
            lines.append("\(contractor.contractor.name) (\(contractor.contractor.kvk)) — \(verdictLabel(contractor.verdict))")
            for assessment in contractor.meldingen {
                for finding in assessment.results where finding.status != .pass && finding.status != .notApplicable {
                    lines.append(findingLine(finding, subject: sourceLabel(assessment.figures.source), details: assessment.details(of: finding)))
                }
            }
            for agreement in contractor.agreements {
                for finding in agreement.findings {
                    lines.append(findingLine(finding, subject: agreement.agreement.id, details: agreement.details(of: finding)))
                }
            }
        }
        return lines.isEmpty ? "" : "Bevindingen\n" + lines.joined(separator: "\n") + "\n"
    }

    private static func findingLine(_ finding: RuleResult, subject: String, details: FindingDetails?) -> String {
        let why: String
        if let waiver = finding.waiver {
            why = "ontheffing tot \(waiver.waiver.expires): \(waiver.waiver.reason)"
        } else if finding.status == .missingEvidence {
            why = "geen bewijs aangeleverd: " + (details?.missing.joined(separator: ", ") ?? "")
        } else {
            why = details?.explanation ?? details?.problem ?? details?.judged.map { "\($0.field) = \($0.value)" }.joined(separator: "; ") ?? ""
        }
        return "  - [\(finding.severity.rawValue)] \(subject) \(finding.rule.id) (\(statusLabel(finding.status))): \(why)"
    }

    static func unattributed(_ result: AuditResult) -> String {
        var table = TextTable(header: ["KvK", "Bron", "Meldingen/signalen", "Adviesvragen"], rightAligned: [2, 3])
        for source in MeldingSource.allCases {
            for entry in result.unattributed[source] ?? [] {
                table.rows.append([entry.kvk.description, sourceLabel(source), String(entry.count.counted),
                                   source == .veiligThuis ? String(entry.count.adviesvragen) : "–"])
            }
        }
        return table.rows.isEmpty ? "" : "Niet toe te rekenen: melders met een KvK-nummer zonder overeenkomst\n" + table.render()
    }

    static func waivers(_ result: AuditResult) -> String {
        guard !result.waiverWarnings.isEmpty else { return "" }
        return "Ontheffingen\n" + result.waiverWarnings.map { "  - \($0.description)" }.joined(separator: "\n") + "\n"
    }

    public static func verdictLabel(_ verdict: Verdict) -> String {
        switch verdict {
        case .inOrde: "in orde"
        case .severity(.indringendGesprek): "indringend gesprek"
        case .severity(let severity): severity.rawValue
        }
    }

    public static func statusLabel(_ status: ResultStatus) -> String {
        switch status {
        case .pass: "voldoet"
        case .fail: "voldoet niet"
        case .notApplicable: "niet van toepassing"
        case .missingEvidence: "bewijs ontbreekt"
        case .waived: "ontheffing"
        case .error: "fout"
        }
    }

    public static func sourceLabel(_ source: MeldingSource) -> String {
        source == .veiligThuis ? "Veilig Thuis" : "Verwijsindex"
    }
}
