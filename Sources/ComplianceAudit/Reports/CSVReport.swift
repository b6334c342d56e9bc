import Foundation

/// One row per finding, ready for Excel as Dutch users have it: UTF-8 with a byte-order mark and
/// `;` between fields (Dutch Excel reads `,` as the decimal comma).
public struct CSVReport {
    public var separator: Character = ";"
    public var language: ReportLanguage = .nl

    public init(separator: Character = ";", language: ReportLanguage = .nl) {
        self.separator = separator
        self.language = language
    }

    public func render(_ contractors: [AuditReport.ContractorEntry]) -> Data {
        let t = language
        var lines = [[t("KvK"), t("Opdrachtnemer"), t("Oordeel"), t("Overeenkomst"), t("Bron"), t("Regel"), t("Status"),
                      t("Ernst"), t("Toelichting"), t("Advies"), t("Ontheffing tot")]]
        for contractor in contractors {
            for finding in contractor.findings {
                lines.append([
                    contractor.kvk, contractor.name, t(TextReport.label(contractor.verdict)),
                    finding.agreementId ?? "", finding.source ?? "", finding.ruleId,
                    t(TextReport.statusLabel(finding.status)), t(TextReport.label(finding.severity)),
                    TextReport.why(finding, t), finding.advice, finding.waiver?.expires ?? "",
                ])
            }
        }
        let text = lines.map { $0.map(field).joined(separator: String(separator)) }.joined(separator: "\r\n") + "\r\n"
        return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
    }

    /// Quoted when it holds the separator, a quote or a line break; quotes doubled.
    private func field(_ value: String) -> String {
        guard value.contains(separator) || value.contains("\"") || value.contains("\n") || value.contains("\r") else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
