import ComplianceRules
import Foundation

/// Reports as one self-contained HTML page: no external style, script, font or image, so it can
/// be mailed, archived and printed as it is. The audit has a summary, the indicators, a chart per
/// meldingen source and a section per contractor; a check and a briefing each fit one A4 page.
public struct HTMLReporter: Reporter {
    public let id = "html"
    public let summary = "one self-contained page to read, mail or print (A4)"

    public init() {}

    /// The audit is written part by part, each contractor's section as it is made.
    public func write(_ document: ReportDocument, _ settings: RenderSettings, to sink: ReportSink) throws {
        let page = HTMLPage(t: settings.language)
        switch document {
        case .audit(let report):
            try page.audit(report) { part in
                sink.write(part)
                try sink.flushIfFull()
            }
        case .check(let check): sink.write(page.check(check))
        case .brief(let briefing): sink.write(page.brief(briefing))
        case .diff(let diff): sink.write(page.diff(diff))
        }
    }
}

/// The HTML of each document, in one language.
struct HTMLPage {
    let t: ReportLanguage

    /// The audit page in parts, in order: the page's head and summary, each contractor's section,
    /// then the rest and the page's end.
    func audit(_ report: AuditReport, _ emit: (String) throws -> Void) throws {
        let run = report.run
        var body = """
            <header><h1>\(e(t(Phrase.auditTitle))) — \(e(t.region(run.municipality)))</h1>
            <p>\(e(t(Phrase.referenceDate))) <strong>\(e(t.date(run.referenceDate)))</strong> · \(e(t(Phrase.profile))) \(e(run.profile)) · compliance-audit \(e(run.toolVersion))</p>\(rulesOff(run.rulesOff))</header>
            """
        body += warnings(report.warnings, municipality: run.municipality)
        body += "<section><h2>\(e(t(Phrase.summary)))</h2><div class=\"cards\">"
        for verdict in Verdict.allCases {
            body += "<div class=\"card \(verdict.rawValue)\"><span>\(report.summary.verdicts[verdict.rawValue] ?? 0)</span>\(e(t(verdict)))</div>"
        }
        let flagged = report.summary.flaggedMeldingen.values.reduce(0, +)
        body += "</div><p>\(e(t.count(report.summary.contractors, .contractor))), \(e(t.count(report.summary.agreements, .agreement))); "
            + "\(e(t(Phrase.flaggedShortfalls(t.format.number(flagged)))))</p></section>\n"
        body += perMunicipality(report) + indicators(report)
        let (head, tail) = page(title: "\(t(Phrase.auditTitle)) — \(t.region(run.municipality)) \(t.date(run.referenceDate))")
        try emit(head + body)
        // The charts and the tasks in pieces: with thousands of contractors they are megabytes long.
        try charts(report, emit)
        let regional = report.isRegional
        try ParallelRender.forEach(ReportOrder.worstFirst(report.contractors), render: { contractor, _, out in
            out.append(contentsOf: contractorSection(contractor, regional: regional).utf8)
        }, emit: { try emit(String(decoding: $0, as: UTF8.self)) })
        body = ""
        if let lines = ReportSentences.followUp(report.followUp, t) {
            body += "<section class=\"follow-up\"><h2>\(e(t(Phrase.followUpTitle)))</h2><ul>" + lines.map { "<li>\(e($0))</li>" }.joined()
                + "</ul></section>\n"
        }
        try emit(body)
        try tasks(report.municipalityTasks, heading: "h2", regional: report.isRegional, emit)
        body = ""
        if !report.unattributed.isEmpty {
            body += "<section><h2>\(e(t(Phrase.unattributed)))</h2>"
                + table([t(Phrase.kvk), t(Phrase.source), t(Phrase.meldingenOrSignals), t(Phrase.adviesvragen)],
                        report.unattributed.map { [$0.kvk, t($0.source), t.format.number($0.meldingen), $0.adviesvragen.map { t.format.number($0) } ?? "–"] },
                        numeric: [2, 3]) + "</section>\n"
        }
        if !report.waiverNotices.isEmpty {
            body += "<section><h2>\(e(t(Phrase.waivers)))</h2><ul>"
                + report.waiverNotices.map { "<li>\(e(ReportSentences.waiverNotice($0, t)))</li>" }.joined() + "</ul></section>\n"
        }
        if let rules = report.run.rules, !rules.isEmpty {
            body += "<section class=\"rules-basis\"><h2>\(e(t(Phrase.rulesBasis))) <small>(\(e(t(Phrase.rulesBasisNote))))</small></h2>"
                + table([t(Phrase.rule), t(Phrase.basisKind), t(Phrase.basedOn)],
                        rules.map { [$0.title, t($0.basisKind), $0.basis.joined(separator: "; ")] }) + "</section>\n"
        }
        body += "<section><h2>\(e(t(Phrase.reconciliation)))</h2>"
            + (run.lenient ? "<p>\(e(t(Phrase.lenientRun)))</p>" : "")
            + table(["", "", t(Phrase.recordsRead), t(Phrase.recordsAudited), t(Phrase.recordsRejectedHeading)],
                    run.inputs.compactMap { input in
                        input.records.map { [t(input.kind), input.path, t.format.number($0.read), t.format.number($0.audited),
                                             t.format.number($0.rejected)] }
                    }, numeric: [2, 3, 4])
        let rejections = ReportSentences.reconciliation(run, t).flatMap(\.rejections)
        if !rejections.isEmpty {
            body += "<ul class=\"rejections\">" + rejections.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
        }
        body += "</section>\n"
        body += "<footer><h2>\(e(t(Phrase.inputs)))</h2>" + table(["", "", "SHA-256"], run.inputs.map { [t($0.kind), $0.path, $0.sha256] })
        body += ruleTextsNote
        body += "<p>\(e(t(Phrase.madeWith))) \(e(run.toolVersion))</p></footer>\n"
        try emit(body + tail)
    }

    /// In a page that is not Dutch: that the rule texts it quotes are Dutch.
    var ruleTextsNote: String { t != .nl ? "<p>\(e(t(Phrase.ruleTextsDutch)))</p>" : "" }

    func check(_ check: ContractCheck) -> String {
        var body = """
            <article class="brief"><header><h1>\(e(t(Phrase.checkTitle))): \(e(check.name))</h1>
            <p>\(e(t(Phrase.kvk))) \(e(check.kvk))\(check.agreementId.map { " · \(e(t(Phrase.agreement))) \(e($0))" } ?? "") · \(e(t.region(check.municipality))) · \(e(t(Phrase.referenceDate))) \(e(t.date(check.referenceDate))) · \(e(t(Phrase.profile))) \(e(check.profile))</p>\(rulesOff(check.rulesOff))\(ruleTextsNote)</header>
            <p class="decision \(check.verdict.rawValue)">\(e(t(Phrase.decision))): \(e(t(check.decision)))</p>
            """
        if let reason = ReportSentences.decisionReason(check, t) { body += "<p>\(e(reason))</p>" }
        let regional = check.isRegional
        if regional, let municipalities = check.municipalities {
            body += "<p>\(e(t(RegionPhrase.perMunicipality))): \(e(municipalities.sentence(t)))</p>"
        }
        if let gesprek = check.lastGesprek {
            body += "<p class=\"last-gesprek\">" + ReportSentences.lastGesprek(gesprek, t, referenceDate: check.referenceDate, findingsOpen: check.findingsOpen).map(e).joined(separator: "<br>") + "</p>"
        }
        func numbered(_ findings: [AuditReport.FindingEntry]) -> String {
            "<ol class=\"agenda\">" + findings.map { finding in
                "<li><span class=\"tag \(finding.severity.rawValue)\">\(e(t(finding.severity)))</span> <strong>\(e(finding.heading(t)))</strong> "
                    + "<small>\(e(t(finding.basisKind)))</small><br>"
                    + "\(e(finding.pointLine(t, regional: regional)))<br>"
                    + (ReportSentences.basedOn(check.basis(of: finding), t).map { "<small>\(e($0))</small><br>" } ?? "")
                    + "<em>\(e(t(Phrase.askFor))):</em> \(e(finding.advice))</li>"
            }.joined() + "</ol>"
        }
        if check.unmet.isEmpty {
            body += "<p>\(e(t(check.allMet)))</p>"
        } else {
            body += "<h2>\(e(t(Phrase.conditionsNotMet)))</h2>" + numbered(check.unmet)
        }
        if let unmetIfAgreed = check.unmetIfAgreed, !unmetIfAgreed.isEmpty {
            body += "<h2>\(e(t(Phrase.unmetIfAgreed)))</h2>" + numbered(unmetIfAgreed)
        }
        if !check.notAgreed.isEmpty {
            body += "<p><strong>\(e(t(Phrase.writeIntoContract))):</strong> \(e(t.list(check.notAgreed.map { t($0) })))</p>"
        }
        if !check.waived.isEmpty {
            body += "<h2>\(e(t(Phrase.waivers)))</h2><ul class=\"findings\">" + check.waived.map { finding in
                "<li class=\"waived\">\(e(finding.subject(t, regional: regional))): \(e(finding.title)) — \(e(finding.why(t)))</li>"
            }.joined() + "</ul>"
        }
        body += "<h2>\(e(t(Phrase.expectedActual(check.meldingen.map(\.source)))))</h2>" + meldingenTable(check.meldingen)
        body += warnings(check.warnings, municipality: check.municipality) + "</article>\n"
        return page(title: "\(t(Phrase.checkTitle)) — \(check.name)", body: body)
    }

    func brief(_ briefing: ContractorBriefing) -> String {
        let contractor = briefing.contractor
        var body = """
            <article class="brief"><header><h1>\(e(t(Phrase.briefTitle))): \(e(contractor.name))</h1>
            <p>\(e(t(Phrase.kvk))) \(e(contractor.kvk)) · \(e(t.region(briefing.municipality))) · \(e(t(Phrase.referenceDate))) \(e(t.date(briefing.referenceDate))) · \(e(t(Phrase.profile))) \(e(briefing.profile))</p>\(rulesOff(briefing.rulesOff))\(ruleTextsNote)
            <p class="verdict \(contractor.verdict.rawValue)">\(e(t(Phrase.verdict))): \(e(t(contractor.verdict))) — \(e(t(contractor.decision)))</p></header>
            """
        let regional = briefing.isRegional
        if regional { body += "<p>\(e(t(RegionPhrase.perMunicipality))): \(e(contractor.perMunicipality(t)))</p>" }
        if let gesprek = briefing.lastGesprek {
            body += "<p class=\"last-gesprek\">" + ReportSentences.lastGesprek(gesprek, t, referenceDate: briefing.referenceDate, findingsOpen: briefing.findingsOpen).map(e).joined(separator: "<br>") + "</p>"
        }
        body += "<h2>\(e(t(Phrase.proposedAgenda)))</h2>"
        if briefing.agenda.isEmpty {
            body += "<p>\(e(t(Phrase.noAgenda)))</p>"
        } else {
            body += "<ol class=\"agenda\">" + briefing.agenda.compactMap { item -> String? in
                let findings = briefing.findings(of: item)
                guard let first = findings.first else { return nil }
                return "<li><span class=\"tag \(item.severity.rawValue)\">\(e(t(item.severity)))</span> <strong>\(e(first.heading(t)))</strong> "
                    + "<small>\(e(t(first.basisKind)))</small><br>"
                    + findings.map { e($0.pointLine(t, regional: regional)) }.joined(separator: "<br>")
                    + (ReportSentences.basedOn(briefing.basis(of: item), t).map { "<br><small>\(e($0))</small>" } ?? "")
                    + "<br><em>\(e(t(Phrase.askFor))):</em> \(e(first.advice))</li>"
            }.joined() + "</ol>"
        }
        let later = ReportSentences.agreedLater(contractor.findings, t, regional: regional)
        if !later.isEmpty {
            body += "<h3>\(e(t(Phrase.laterConditions)))</h3><ul>" + later.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
        }
        body += tasks(briefing.municipalityTasks, heading: "h3", regional: regional)
        body += agreementsTable(contractor, regional: regional) + "<h3>\(e(t(Phrase.expectedActual(contractor.meldingen.map(\.source)))))</h3>" + meldingenTable(contractor.meldingen)
        body += warnings(briefing.warnings, municipality: briefing.municipality) + "</article>\n"
        return page(title: "\(t(Phrase.briefTitle)) — \(contractor.name)", body: body)
    }

    /// The rules the profile switched off, as a paragraph of the header; nothing when none.
    func rulesOff(_ rules: [AuditReport.RuleOff]?) -> String {
        ReportSentences.rulesOff(rules, t).map { "<p class=\"rules-off\">\(e($0))</p>" } ?? ""
    }

    func tasks(_ tasks: [AuditReport.MunicipalityTaskEntry], heading: String, regional: Bool) -> String {
        var html = ""
        self.tasks(tasks, heading: heading, regional: regional) { html += $0 }
        return html
    }

    /// The municipality's tasks, handed to `emit` in pieces as they are made: an audit of
    /// thousands of contractors has thousands of them.
    func tasks(_ tasks: [AuditReport.MunicipalityTaskEntry], heading: String, regional: Bool,
               _ emit: (String) throws -> Void) rethrows {
        guard !tasks.isEmpty else { return }
        var html = "<section class=\"tasks\"><\(heading)>\(e(t(Phrase.municipalityTasks))) <small>(\(e(t(Phrase.municipalityTasksNote))))</small></\(heading)><ul>"
        for task in tasks {
            html += "<li>\(e(ReportSentences.task(task, t, regional: regional)))</li>"
            try ReportPiece.handOn(&html, emit)
        }
        try emit(html + "</ul></section>\n")
    }

    /// The level below the roll-up, in a regional report: each municipality's registers,
    /// agreements, contractors and their verdicts on its own agreements.
    func perMunicipality(_ report: AuditReport) -> String {
        guard report.isRegional, let municipalities = report.municipalities else { return "" }
        return "<section class=\"municipalities\"><h2>\(e(t(RegionPhrase.perMunicipality)))</h2>"
            + "<p><small>\(e(t(RegionPhrase.perMunicipalityNote)))</small></p>"
            + table([t(RegionPhrase.municipality), t(RegionPhrase.registers), t(Phrase.agreements), t(RegionPhrase.contractors)]
                        + Verdict.allCases.map { t($0) } + [t(RegionPhrase.tasks)],
                    municipalities.map { municipality in
                        [municipality.name, municipality.registers.joined(separator: ", "), t.format.number(municipality.agreements),
                         t.format.number(municipality.contractors)]
                            + Verdict.allCases.map { t.format.number(municipality.verdicts[$0.rawValue] ?? 0) } + [t.format.number(municipality.tasks)]
                    }, numeric: Set(2...(Verdict.allCases.count + 4))) + "</section>\n"
    }

    func diff(_ diff: RunDiff) -> String {
        var body = "<header><h1>\(e(t(HistoryPhrase.diffTitle))) — \(e(t.region(diff.municipality)))</h1>"
            + "<p>\(e(t.date(diff.before.referenceDate))) → <strong>\(e(t.date(diff.after.referenceDate)))</strong></p></header>"
        body += "<section><h2>\(e(t(Phrase.indicators)))</h2>" + table(
            [t(Phrase.indicator), t(Phrase.previousYear), t(Phrase.value)],
            diff.indicators.map { change in
                let format = { (value: Decimal?) in ReportSentences.indicatorNumber(value, change.id, t) ?? "–" }
                return [t(change.id), format(change.before), format(change.after)]
            }, numeric: [1, 2]) + "</section>"
        body += "<section><h2>\(e(t(HistoryPhrase.changesPerContractor)))</h2>" + table(
            [t(Phrase.kvk), t(Phrase.contractor), t(HistoryPhrase.verdictBefore), t(HistoryPhrase.verdictAfter),
             t(HistoryPhrase.new), t(HistoryPhrase.resolved), t(HistoryPhrase.persisting), t(HistoryPhrase.waivedOfThem)],
            diff.contractors.map { change in
                [change.kvk, change.name, change.verdictBefore.map { t($0) } ?? "–", change.verdictAfter.map { t($0) } ?? "–",
                 t.format.number(change.new.count), t.format.number(change.resolved.count), t.format.number(change.persisting.count),
                 t.format.number(change.waived.count)]
            }, numeric: [4, 5, 6, 7]) + "</section>\n"
        let named = diff.contractors.filter {
            !$0.newFindings.isEmpty || !$0.resolvedFindings.isEmpty || $0.severityChanged.contains { $0.finding != nil }
        }
        if !named.isEmpty {
            body += "<section><h2>\(e(t(HistoryPhrase.namedChanges)))</h2>" + named.map { change in
                "<h3>\(e(change.name)) <small>\(e(t(Phrase.kvk))) \(e(change.kvk))</small></h3><ul>"
                    + change.newFindings.map { "<li>\(e(t(HistoryPhrase.newNamed))): \(e($0.line(t)))</li>" }.joined()
                    + change.resolvedFindings.map { "<li>\(e(t(HistoryPhrase.resolvedNamed))): \(e($0.line(t)))</li>" }.joined()
                    + change.severityChanged.compactMap { $0.line(t) }.map { "<li>\(e(t(HistoryPhrase.severityChangedNamed))): \(e($0))</li>" }.joined()
                    + "</ul>"
            }.joined() + "</section>\n"
        }
        return page(title: "\(t(HistoryPhrase.diffTitle)) — \(t.region(diff.municipality))", body: body)
    }

    func warnings(_ warnings: [AuditReport.WarningEntry], municipality: String) -> String {
        let sentences = ReportSentences.warnings(warnings, municipality: municipality, t)
        guard !sentences.isEmpty else { return "" }
        return "<section class=\"warnings\"><h2>\(e(t(Phrase.warnings)))</h2><ul>" + sentences.map { "<li>\(e($0))</li>" }.joined() + "</ul></section>\n"
    }

    func contractorSection(_ contractor: AuditReport.ContractorEntry, regional: Bool) -> String {
        var html = "<section class=\"contractor\" id=\"kvk-\(e(contractor.kvk))\"><h2>\(e(contractor.name)) <small>\(e(t(Phrase.kvk))) \(e(contractor.kvk))</small> "
            + "<span class=\"tag \(contractor.verdict.rawValue)\">\(e(t(contractor.verdict)))</span></h2>"
        if regional { html += "<p>\(e(t(RegionPhrase.perMunicipality))): \(e(contractor.perMunicipality(t)))</p>" }
        html += agreementsTable(contractor, regional: regional) + "<h3>\(e(t(Phrase.expectedActual(contractor.meldingen.map(\.source)))))"
            + (regional ? " <small>(\(e(t(RegionPhrase.rollUpNote))))</small>" : "") + "</h3>" + meldingenTable(contractor.meldingen)
        html += "<h3>\(e(t(Phrase.findings)))</h3>"
        if contractor.findings.isEmpty { return html + "<p>\(e(t(Phrase.noFindings)))</p></section>\n" }
        html += "<ul class=\"findings\">" + contractor.findings.filter { $0.status != .notAgreed }.map { finding in
            "<li class=\"\(finding.status.rawValue)\"><span class=\"tag \(finding.severity.rawValue)\">\(e(t(finding.severity)))</span> "
                + "<strong>\(e(finding.heading(t)))</strong> <small>\(e(finding.subject(t, regional: regional))) · \(e(t(finding.status))) · \(e(t(finding.basisKind)))"
                + (finding.location.map { " · \(e($0))" } ?? "") + (finding.history(t).map { " · <strong>\(e($0))</strong>" } ?? "") + "</small><br>"
                + "\(e(finding.why(t)))<br><em>\(e(t(Phrase.advice))):</em> \(e(finding.advice))</li>"
        }.joined() + ReportSentences.notAgreed(contractor.findings, t, regional: regional).map {
            "<li class=\"not-agreed\"><span class=\"tag\">\(e(t(ResultStatus.notAgreed)))</span> \(e($0))</li>"
        }.joined() + "</ul></section>\n"
        return html
    }

    func agreementsTable(_ contractor: AuditReport.ContractorEntry, regional: Bool) -> String {
        let heading = ReportSentences.agreementsHeading(contractor, t)
        return "<h3>\(e(heading.heading))" + (heading.note.map { " <small>(\(e($0)))</small>" } ?? "") + "</h3>" + table(
            [t(Phrase.agreement)] + (regional ? [t(RegionPhrase.municipality)] : []) + [t(Phrase.kind), t(Phrase.sector), t(Phrase.term), t(Phrase.verdict)],
            contractor.agreements.map {
                [$0.id] + (regional ? [$0.municipality ?? ""] : [])
                    + [t($0.type), t($0.sector), "\(t.date($0.start)) \(t(Phrase.until)) \(t.date($0.end))", t($0.verdict)]
            })
    }

    func meldingenTable(_ meldingen: [AuditReport.MeldingenEntry]) -> String {
        let history = meldingen.contains { !($0.history ?? []).isEmpty }
        var html = table([t(Phrase.source), t(Phrase.expected), t(Phrase.basis), t(Phrase.actual), t(Phrase.share), t(Phrase.alarmLimit),
                          t(Phrase.outcome)] + (history ? [t(Phrase.overTheYears)] : []),
                         meldingen.map { ReportSentences.meldingenCells($0, t) + [t($0.outcome)] + (history ? [Self.sparklineMarker] : []) },
                         numeric: [1, 3, 4, 5], flagged: meldingen.map(\.flagged))
        // The sparklines are SVG, put in after escaping.
        for entry in meldingen where history {
            if let range = html.range(of: Self.sparklineMarker) { html.replaceSubrange(range, with: sparkline(entry)) }
        }
        return html
    }

    static let sparklineMarker = "\u{E000}sparkline\u{E000}"

    /// Actual meldingen over the years as a small line (the expectation as grey dots), the last
    /// year emphasised; a title says the figures.
    func sparkline(_ entry: AuditReport.MeldingenEntry) -> String {
        let points = (entry.history ?? []).map { ($0.referenceDate, $0.actual, $0.expected) }
            + [("", entry.actual, entry.expected)]
        let values = points.flatMap { [$0.1.map(Double.init), $0.2.map { NSDecimalNumber(decimal: $0).doubleValue }] }.compactMap { $0 }
        let top = max(values.max() ?? 1, 1)
        let (width, height) = (80.0, 18.0)
        func x(_ index: Int) -> Double { points.count > 1 ? 4 + Double(index) / Double(points.count - 1) * (width - 8) : width / 2 }
        func y(_ value: Double) -> Double { height - 3 - value / top * (height - 6) }
        let line = points.enumerated().compactMap { index, point in point.1.map { "\(f(x(index))),\(f(y(Double($0))))" } }.joined(separator: " ")
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spark\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"80\" height=\"18\">"
        svg += "<title>\(e(points.map { "\($0.1.map(String.init) ?? "–")" }.joined(separator: " → ")))</title>"
        for (index, point) in points.enumerated() {
            if let expected = point.2 {
                svg += "<circle cx=\"\(f(x(index)))\" cy=\"\(f(y(NSDecimalNumber(decimal: expected).doubleValue)))\" r=\"1.5\" fill=\"#999\"/>"
            }
        }
        svg += "<polyline fill=\"none\" stroke=\"#2e6da4\" stroke-width=\"1.5\" points=\"\(line)\"/>"
        if let last = points.last?.1 {
            svg += "<circle cx=\"\(f(x(points.count - 1)))\" cy=\"\(f(y(Double(last))))\" r=\"2.5\" fill=\"#2e6da4\"/>"
        }
        return svg + "</svg>"
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    func indicators(_ report: AuditReport) -> String {
        let indicators = ReportSentences.indicatorTable(report.indicators, t)
        return "<section><h2>\(e(t(Phrase.indicators))) <small>(\(e(t(Phrase.indicatorsNote))))</small></h2>"
            + table(indicators.header, indicators.rows, numeric: indicators.figures) + "</section>\n"
    }

    /// Per source, horizontal bars per contractor with an expectation: expected as an outline,
    /// actual filled; a shortfall in red with a marker, so it shows in black and white too.
    func charts(_ report: AuditReport, _ emit: (String) throws -> Void) throws {
        let outlines = report.contractors.outlines
        for source in MeldingSource.allCases {
            let points = FunnelPlot.points(outlines, source)
            if let model = report.meldingenModel.first(where: { $0.source == source }), points.count > FunnelPlot.handful {
                try FunnelPlot(t: t, source: source, model: model, points: points).section(emit)
                continue
            }
            let rows = outlines.compactMap { contractor -> (String, Decimal, Int, Bool)? in
                guard let figures = contractor.meldingen.first(where: { $0.source == source }),
                      let expected = figures.expected, let actual = figures.actual else { return nil }
                return (contractor.name, expected, actual, figures.flagged)
            }
            guard !rows.isEmpty else { continue }
            let maximum = max(1, rows.map { max(NSDecimalNumber(decimal: $0.1).doubleValue, Double($0.2)) }.max() ?? 1)
            let (labelWidth, barWidth, rowHeight) = (260.0, 420.0, 18.0)
            let height = Double(rows.count) * rowHeight + 10
            var html = "<section><h2>\(e(t(Phrase.chartTitle(source))))</h2>"
                + "<p class=\"legend\">\(e(t(source))): \(e(t(Phrase.chartLegend)))</p>"
            html += "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(Int(labelWidth + barWidth + 170)) \(Int(height))\" "
                + "aria-label=\"\(e(t(Phrase.chartTitle(source))))\">"
            for (index, row) in rows.enumerated() {
                let y = Double(index) * rowHeight + 4
                let expected = NSDecimalNumber(decimal: row.1).doubleValue / maximum * barWidth
                let actual = Double(row.2) / maximum * barWidth
                let colour = row.3 ? "#c0392b" : "#2e6da4"
                html += "<text x=\"\(Int(labelWidth - 6))\" y=\"\(fmt(y + 12))\" text-anchor=\"end\" font-size=\"11\">\(e(row.0))</text>"
                html += "<rect x=\"\(Int(labelWidth))\" y=\"\(fmt(y + 3))\" width=\"\(fmt(max(actual, 0.5)))\" height=\"10\" fill=\"\(colour)\"/>"
                html += "<rect x=\"\(Int(labelWidth))\" y=\"\(fmt(y + 1))\" width=\"\(fmt(max(expected, 0.5)))\" height=\"14\" fill=\"none\" stroke=\"#333\" stroke-width=\"1\"/>"
                html += "<text x=\"\(fmt(labelWidth + max(expected, actual) + 6))\" y=\"\(fmt(y + 12))\" font-size=\"11\">"
                    + "\(t.format.number(row.2)) / \(t.format.count(row.1))\(row.3 ? " ▲ " + e(t(MeldingenOutcome.shortfall)) : "")</text>"
                try ReportPiece.handOn(&html, emit)
            }
            try emit(html + "</svg></section>\n")
        }
    }

    func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = [], flagged: [Bool] = []) -> String {
        var html = "<table><thead><tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>"
        for (index, row) in rows.enumerated() {
            let mark = index < flagged.count && flagged[index] ? " class=\"flagged\"" : ""
            html += "<tr\(mark)>" + row.enumerated().map { column, cell in
                numeric.contains(column) ? "<td class=\"num\">\(e(cell))</td>" : "<td>\(e(cell))</td>"
            }.joined() + "</tr>"
        }
        return html + "</tbody></table>"
    }

    func page(title: String, body: String) -> String {
        let (head, tail) = page(title: title)
        return head + body + tail
    }

    /// A page's beginning, up to its body, and its end.
    func page(title: String) -> (head: String, tail: String) {
        ("""
        <!DOCTYPE html>
        <html lang="\(t.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title))</title>
        <style>\(Self.style)</style>
        </head>
        <body>

        """, "</body>\n</html>\n")
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
        .verdict,.decision{font-size:14px;font-weight:bold}.warnings{border:1px solid #d35400;padding:0 8px;background:#fdf2e9}ul.findings{padding-left:18px}ul.findings li{margin-bottom:5px}
        li.waived{color:#555}ol.agenda li{margin-bottom:6px}.legend{color:#555}svg{width:100%;height:auto}
        footer{margin-top:20px;color:#555}footer td{font-family:monospace;font-size:10px}
        @page{size:A4;margin:14mm}
        @media print{body{margin:0;font-size:10px}section.contractor{break-inside:avoid-page}h2{break-after:avoid}
        .brief{break-after:page}}
        """

    private func fmt(_ value: Double) -> String { f(value) }

    /// Escapes text for HTML.
    func e(_ text: String) -> String {
        // By bytes: the four characters are ASCII, and most text has none of them.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else { return text }
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x26: result.append(contentsOf: "&amp;".utf8)
            case 0x3C: result.append(contentsOf: "&lt;".utf8)
            case 0x3E: result.append(contentsOf: "&gt;".utf8)
            case 0x22: result.append(contentsOf: "&quot;".utf8)
            default: result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
