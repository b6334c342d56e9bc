import Foundation

/// Reports as one self-contained HTML file: no external CSS, script or font, so it can be mailed,
/// archived and printed as it is. The audit has a summary, the indicators, a chart of expected versus
/// actual meldingen and a section per contractor; a briefing fits one A4 page.
public enum HTMLReport {
    public static func audit(_ report: AuditReport, language t: ReportLanguage = .nl) -> String {
        var body = """
            <header><h1>\(e(t("Audit voorwaarden kindermishandeling"))) — \(e(report.run.municipality))</h1>
            <p>\(e(t("peildatum"))) <strong>\(e(report.run.referenceDate))</strong> · \(e(t("Profiel"))) \(e(report.run.profile)) · compliance-audit \(e(report.run.toolVersion))</p></header>
            <section><h2>\(e(t("Samenvatting")))</h2><div class="cards">
            """
        for verdict in ["blokkerend", "indringend-gesprek", "agendapunt", "informatief", "in-orde"] {
            body += "<div class=\"card \(verdict)\"><span>\(report.summary.verdicts[verdict] ?? 0)</span>\(e(t(TextReport.label(verdict))))</div>"
        }
        body += "</div><p>\(report.summary.contractors) \(e(t("opdrachtnemers"))), \(report.summary.agreements) \(e(t("overeenkomsten"))); "
            + "\(report.summary.flaggedMeldingen) × \(e(t("achterstand")))</p></section>\n"
        body += indicators(report, t) + chart(report, t)
        // Worst verdict first, as the reader works down the list; JSON keeps the register's order.
        let order = ["blokkerend", "indringend-gesprek", "agendapunt", "informatief", "in-orde"]
        let sorted = report.contractors.enumerated().sorted {
            ((order.firstIndex(of: $0.element.verdict) ?? 9), $0.offset) < ((order.firstIndex(of: $1.element.verdict) ?? 9), $1.offset)
        }
        for (_, contractor) in sorted { body += contractorSection(contractor, t) }
        if !report.unattributed.isEmpty {
            body += "<section><h2>\(e(t("Niet toe te rekenen: melders met een KvK-nummer zonder overeenkomst")))</h2>"
                + table([t("KvK"), t("Bron"), t("Meldingen/signalen"), t("Adviesvragen")],
                        report.unattributed.map { [$0.kvk, t(sourceLabel($0.source)), String($0.meldingen), String($0.adviesvragen)] },
                        numeric: [2, 3]) + "</section>\n"
        }
        if !report.waiverNotices.isEmpty {
            body += "<section><h2>\(e(t("Ontheffingen")))</h2><ul>" + report.waiverNotices.map {
                "<li>\(e($0.ruleId)) — \(e($0.scope)): \(e(t(noticeLabel($0.kind)))) (\($0.expires))</li>"
            }.joined() + "</ul></section>\n"
        }
        body += "<footer><h2>\(e(t("Invoer")))</h2>" + table(["", "", "SHA-256"], report.run.inputs.map { [$0.kind, $0.path, $0.sha256] })
            + "<p>\(e(t("Gemaakt met compliance-audit"))) \(e(report.run.toolVersion))</p></footer>\n"
        return page(title: "\(t("Audit voorwaarden kindermishandeling")) — \(report.run.municipality) \(report.run.referenceDate)", body: body, language: t)
    }

    public static func brief(_ briefing: ContractorBriefing, language t: ReportLanguage = .nl) -> String {
        let contractor = briefing.contractor
        var body = """
            <article class="brief"><header><h1>\(e(t("Briefing accountgesprek"))): \(e(contractor.name))</h1>
            <p>KvK \(e(contractor.kvk)) · \(e(briefing.municipality)) · \(e(t("peildatum"))) \(e(briefing.referenceDate)) · \(e(t("Profiel"))) \(e(briefing.profile))</p>
            <p class="verdict \(contractor.verdict)">\(e(t("Oordeel"))): \(e(t(TextReport.label(contractor.verdict)))) — \(e(t(ContractorBriefing.decisionLabel(briefing.decision))))</p></header>
            """
        body += "<h2>\(e(t("Voorgestelde agenda")))</h2>"
        if briefing.agenda.isEmpty {
            body += "<p>\(e(t("Geen agendapunten: alle voorwaarden zijn voldaan.")))</p>"
        } else {
            body += "<ol class=\"agenda\">" + briefing.agenda.map { item in
                "<li><span class=\"tag \(item.severity)\">\(e(t(TextReport.label(item.severity))))</span> <strong>\(e(item.title))</strong> "
                    + "<small>(\(e(t("betreft"))) \(e(item.concerns.joined(separator: ", "))))</small><br>\(e(item.advice))</li>"
            }.joined() + "</ol>"
        }
        body += contractorDetails(contractor, t) + "</article>\n"
        return page(title: "\(t("Briefing accountgesprek")) — \(contractor.name)", body: body, language: t)
    }

    static func contractorSection(_ contractor: AuditReport.ContractorEntry, _ t: ReportLanguage) -> String {
        "<section class=\"contractor\" id=\"kvk-\(e(contractor.kvk))\"><h2>\(e(contractor.name)) <small>KvK \(e(contractor.kvk))</small> "
            + "<span class=\"tag \(contractor.verdict)\">\(e(t(TextReport.label(contractor.verdict))))</span></h2>"
            + contractorDetails(contractor, t) + "</section>\n"
    }

    static func contractorDetails(_ contractor: AuditReport.ContractorEntry, _ t: ReportLanguage) -> String {
        var html = "<h3>\(e(t("Overeenkomsten")))</h3>" + table(
            [t("Overeenkomst"), t("Soort"), t("Sector"), t("Looptijd"), t("Oordeel")],
            contractor.agreements.map { [$0.id, t($0.type), $0.sector, "\($0.start) – \($0.end)", t(TextReport.label($0.verdict))] })
        html += "<h3>\(e(t("Meldingen: verwacht en werkelijk")))</h3>" + table(
            [t("Bron"), t("Verwacht"), t("Basis"), t("Werkelijk"), t("Ratio"), "p", t("Uitkomst")],
            contractor.meldingen.map { figures in
                [t(sourceLabel(figures.source)), figures.expected.map { ReportNumber.count($0) } ?? "–", figures.expectedBasis.map(t.callAsFunction) ?? "–",
                 figures.actual.map(String.init) ?? "–", figures.ratio.map(ReportNumber.percent) ?? "–",
                 figures.pValue.map { ReportNumber.probability(NSDecimalNumber(decimal: $0).doubleValue) } ?? "–", t(figures.outcome)]
            }, numeric: [1, 3, 4, 5], flagged: contractor.meldingen.map(\.flagged))
        html += "<h3>\(e(t("Bevindingen")))</h3>"
        if contractor.findings.isEmpty { return html + "<p>\(e(t("Geen bevindingen.")))</p>" }
        html += "<ul class=\"findings\">" + contractor.findings.map { finding in
            "<li class=\"\(finding.status)\"><span class=\"tag \(finding.severity)\">\(e(t(TextReport.label(finding.severity))))</span> "
                + "<strong>\(e(finding.title))</strong> <small>\(e(finding.agreementId ?? t(sourceLabel(finding.source ?? ""))))"
                + " · \(e(finding.ruleId)) · \(e(t(TextReport.statusLabel(finding.status))))</small><br>"
                + "\(e(TextReport.why(finding, t)))<br><em>\(e(t("Advies"))):</em> \(e(finding.advice))</li>"
        }.joined() + "</ul>"
        return html
    }

    static func indicators(_ report: AuditReport, _ t: ReportLanguage) -> String {
        "<section><h2>\(e(t("Indicatoren jaarverslag"))) <small>(\(e(t("telling als Jaarverslag 2017, 4.2.3"))))</small></h2>" + table(
            [t("Indicator"), t("Waarde"), t("Doel"), t("Behaald")],
            report.indicators.map { indicator in
                [t(indicator.label),
                 indicator.value.map { indicator.id == "hermelding-percentage" ? ReportNumber.percent($0) : ReportNumber.count($0) } ?? t("geen gegevens"),
                 indicator.target ?? "", indicator.met.map { $0 ? t("behaald") : t("niet behaald") } ?? ""]
            }, numeric: [1]) + "</section>\n"
    }

    /// Horizontal bars per contractor with a Veilig Thuis expectation: expected as an outline,
    /// actual filled; a shortfall in red with a marker, so it shows in black and white too.
    static func chart(_ report: AuditReport, _ t: ReportLanguage) -> String {
        let rows = report.contractors.compactMap { contractor -> (String, Decimal, Int, Bool)? in
            guard let figures = contractor.meldingen.first(where: { $0.source == "veilig-thuis" }),
                  let expected = figures.expected, let actual = figures.actual else { return nil }
            return (contractor.name, expected, actual, figures.flagged)
        }
        guard !rows.isEmpty else { return "" }
        let maximum = max(1, rows.map { max(NSDecimalNumber(decimal: $0.1).doubleValue, Double($0.2)) }.max() ?? 1)
        let (labelWidth, barWidth, rowHeight) = (260.0, 420.0, 18.0)
        let height = Double(rows.count) * rowHeight + 30
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(Int(labelWidth + barWidth + 170)) \(Int(height))\" "
            + "aria-label=\"\(e(t("Verwacht en werkelijk aantal meldingen per opdrachtnemer")))\">"
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight + 4
            let expected = NSDecimalNumber(decimal: row.1).doubleValue / maximum * barWidth
            let actual = Double(row.2) / maximum * barWidth
            let colour = row.3 ? "#c0392b" : "#2e6da4"
            svg += "<text x=\"\(Int(labelWidth - 6))\" y=\"\(fmt(y + 12))\" text-anchor=\"end\" font-size=\"11\">\(e(row.0))</text>"
            svg += "<rect x=\"\(Int(labelWidth))\" y=\"\(fmt(y + 3))\" width=\"\(fmt(max(actual, 0.5)))\" height=\"10\" fill=\"\(colour)\"/>"
            svg += "<rect x=\"\(Int(labelWidth))\" y=\"\(fmt(y + 1))\" width=\"\(fmt(max(expected, 0.5)))\" height=\"14\" fill=\"none\" stroke=\"#333\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(fmt(labelWidth + max(expected, actual) + 6))\" y=\"\(fmt(y + 12))\" font-size=\"11\">"
                + "\(row.2) / \(ReportNumber.count(row.1))\(row.3 ? " ▲ " + e(t("achterstand")) : "")</text>"
        }
        svg += "</svg>"
        return "<section><h2>\(e(t("Verwacht en werkelijk aantal meldingen per opdrachtnemer")))</h2>"
            + "<p class=\"legend\">\(e(t("Veilig Thuis: verwacht (omlijnd) en werkelijk (gevuld); rood is een achterstand")))</p>\(svg)</section>\n"
    }

    static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = [], flagged: [Bool] = []) -> String {
        var html = "<table><thead><tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>"
        for (index, row) in rows.enumerated() {
            let mark = index < flagged.count && flagged[index] ? " class=\"flagged\"" : ""
            html += "<tr\(mark)>" + row.enumerated().map { column, cell in
                numeric.contains(column) ? "<td class=\"num\">\(e(cell))</td>" : "<td>\(e(cell))</td>"
            }.joined() + "</tr>"
        }
        return html + "</tbody></table>"
    }

    static func page(title: String, body: String, language: ReportLanguage) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title))</title>
        <style>\(style)</style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    static let style = """
        body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;font-size:12px;color:#1b1b1b;margin:24px;max-width:1000px}
        h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:18px 0 6px;border-bottom:1px solid #ccc}h3{font-size:13px;margin:10px 0 4px}
        small{color:#555;font-weight:normal}table{border-collapse:collapse;margin:4px 0 8px;width:100%}
        th,td{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}th{background:#f2f2f2}
        td.num{text-align:right;font-variant-numeric:tabular-nums}tr.flagged td{background:#fbe3e0;font-weight:bold}
        .cards{display:flex;gap:8px;flex-wrap:wrap}.card{border:1px solid #ccc;border-radius:4px;padding:6px 10px;min-width:110px}
        .card span{display:block;font-size:20px;font-weight:bold}
        .tag{display:inline-block;border-radius:3px;padding:0 5px;font-size:11px;color:#fff;background:#777}
        .blokkerend{border-color:#c0392b}.tag.blokkerend{background:#c0392b}.tag.indringend-gesprek{background:#d35400}
        .tag.agendapunt{background:#b7950b}.tag.informatief{background:#5d6d7e}.tag.in-orde{background:#1e8449}
        .verdict{font-size:14px;font-weight:bold}ul.findings{padding-left:18px}ul.findings li{margin-bottom:5px}
        li.waived{color:#555}ol.agenda li{margin-bottom:6px}.legend{color:#555}svg{width:100%;height:auto}
        footer{margin-top:20px;color:#555}footer td{font-family:monospace;font-size:10px}
        @page{size:A4;margin:14mm}
        @media print{body{margin:0;font-size:10px}section.contractor{break-inside:avoid-page}h2{break-after:avoid}
        .brief{break-after:page}}
        """

    static func sourceLabel(_ source: String) -> String { source == "veilig-thuis" ? "Veilig Thuis" : "Verwijsindex" }

    static func noticeLabel(_ kind: String) -> String {
        switch kind {
        case "expired": "verlopen"
        case "waives-nothing": "ontheft niets"
        default: "onbekende overeenkomst of opdrachtnemer"
        }
    }

    private static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Escapes text for HTML.
    static func e(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
