import ComplianceRules
import Foundation

/// The funnel plot of one meldingen source as inline SVG: expected meldingen on a log scale against
/// actual ÷ expected, the centre line at 1, the limits chance alone would give (dashed) and those
/// that allow for the spread between organisations (solid), each contractor a point coloured by its
/// level (agreed expectations filled, modelled ones hollow), alarm and alert points named; with a
/// footnote in one plain sentence and a table for print.
struct FunnelPlot {
    /// Below this many placed contractors the bars read better than a funnel.
    static let handful = 8
    /// At most this many labels name contractors in the plot, those furthest below first: a
    /// region's plot may hold hundreds below the limits, and the table under it lists them all.
    static let namedAtMost = 12

    /// A label beside an alarm or alert point: the contractors on that spot, by name.
    struct Label {
        let x: Double
        let y: Double
        var names: [String]
        let level: FunnelModel.Level
        var zAdjusted: Double
    }

    struct Point {
        let name: String
        let expected: Double
        let observed: Int
        let level: FunnelModel.Level
        let agreed: Bool
        let zAdjusted: Double
    }

    let t: ReportLanguage
    let source: MeldingSource
    let model: AuditReport.MeldingenModelEntry
    let points: [Point]
    /// The expected meldingen the x-axis spans: worked out once, it is needed for every point.
    let xRange: (Double, Double)
    /// The labels named in the plot, and how many contractors below the limits they leave out:
    /// worked out once, for the plot and its footnote.
    private(set) var labels: (named: [Label], unnamed: Int) = ([], 0)

    init(t: ReportLanguage, source: MeldingSource, model: AuditReport.MeldingenModelEntry, points: [Point]) {
        self.t = t
        self.source = source
        self.model = model
        self.points = points
        let values = points.map(\.expected) + [model.minExpected]
        xRange = (max(0.05, (values.min() ?? 1) / 1.3), (values.max() ?? 10) * 1.3)
        labels = rankedLabels()
    }

    static func points(_ contractors: [ContractorOutline], _ source: MeldingSource) -> [Point] {
        contractors.compactMap { contractor in
            guard let entry = contractor.meldingen.first(where: { $0.source == source }), let expected = entry.expected,
                  let actual = entry.actual, let zAdjusted = entry.zAdjusted, expected > 0 else { return nil }
            return Point(name: contractor.name, expected: NSDecimalNumber(decimal: expected).doubleValue, observed: actual,
                         level: entry.level, agreed: entry.expectedBasis == .agreed,
                         zAdjusted: NSDecimalNumber(decimal: zAdjusted).doubleValue)
        }
    }

    // Plot area.
    let width = 760.0
    let height = 380.0
    let left = 56.0
    let right = 190.0
    let top = 16.0
    let bottom = 44.0

    let yMax = 2.5

    func x(_ expected: Double) -> Double {
        let (low, high) = xRange
        return left + (log(expected) - log(low)) / (log(high) - log(low)) * (width - left - right)
    }

    func y(_ ratio: Double) -> Double { top + (1 - min(ratio, yMax) / yMax) * (height - top - bottom) }

    func limit(_ k: Double, upper: Bool, tau2: Double) -> String {
        let (low, high) = xRange
        return (0...60).map { step -> String in
            let expected = exp(log(low) + Double(step) / 60 * (log(high) - log(low)))
            let root = 1 + (upper ? k : -k) * (1 / (4 * expected) + tau2).squareRoot()
            return "\(f(x(expected))),\(f(y(max(root, 0) * max(root, 0))))"
        }.joined(separator: " ")
    }

    func colour(_ level: FunnelModel.Level) -> String {
        switch level {
        case .alarm: "#c0392b"
        case .alert: "#d35400"
        case .within: "#2e6da4"
        case .high: "#1e8449"
        case .notJudged: "#8c8c8c"
        }
    }

    /// The plot, handed to `emit` in pieces as it is made: with thousands of contractors it is
    /// megabytes long.
    func svg(_ emit: (String) throws -> Void) rethrows {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" "
            + "aria-label=\"\(e(t(Phrase.funnelTitle(source))))\">"
        // Axes, with ticks at 1-2-5 steps on the log scale.
        let (low, high) = xRange
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(y(0)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(0)))\" stroke=\"#555\"/>"
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(y(0)))\" stroke=\"#555\"/>"
        for decade in [0.1, 1, 10, 100, 1000, 10000] {
            for step in [1.0, 2, 5] where decade * step >= low && decade * step <= high {
                let value = decade * step
                svg += "<line x1=\"\(f(x(value)))\" y1=\"\(f(y(0)))\" x2=\"\(f(x(value)))\" y2=\"\(f(y(0) + 4))\" stroke=\"#555\"/>"
                svg += "<text x=\"\(f(x(value)))\" y=\"\(f(y(0) + 16))\" text-anchor=\"middle\" font-size=\"10\">\(e(t.format.number(Decimal(value))))</text>"
            }
        }
        for ratio in stride(from: 0.0, through: yMax, by: 0.5) {
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y(ratio) + 3))\" text-anchor=\"end\" font-size=\"10\">\(e(t.format.percent(Decimal(ratio))))</text>"
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y(ratio)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(ratio)))\" stroke=\"#eee\"/>"
        }
        svg += "<text x=\"\(f((left + width - right) / 2))\" y=\"\(f(height - 6))\" text-anchor=\"middle\" font-size=\"11\">\(e(t(Phrase.funnelXAxis)))</text>"
        svg += "<text x=\"12\" y=\"\(f((top + y(0)) / 2))\" text-anchor=\"middle\" font-size=\"11\" transform=\"rotate(-90 12 \(f((top + y(0)) / 2)))\">\(e(t(Phrase.funnelYAxis)))</text>"
        // Minimum expectation, centre line, and the limits.
        svg += "<line x1=\"\(f(x(model.minExpected)))\" y1=\"\(f(top))\" x2=\"\(f(x(model.minExpected)))\" y2=\"\(f(y(0)))\" stroke=\"#999\" stroke-dasharray=\"1,3\"/>"
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(y(1)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(1)))\" stroke=\"#333\"/>"
        for (k, widthOfLine) in [(FunnelModel.k95, 1.0), (FunnelModel.k998, 1.6)] {
            for upper in [false, true] {
                svg += "<polyline fill=\"none\" stroke=\"#777\" stroke-width=\"1\" stroke-dasharray=\"4,3\" points=\"\(limit(k, upper: upper, tau2: 0))\"/>"
                if model.tau2 > 0 {
                    svg += "<polyline fill=\"none\" stroke=\"#333\" stroke-width=\"\(widthOfLine)\" points=\"\(limit(k, upper: upper, tau2: model.tau2))\"/>"
                }
            }
        }
        // The contractors: the judged ones last, so they are on top.
        for point in points.sorted(by: { ($0.level == .alarm || $0.level == .alert ? 1 : 0) < ($1.level == .alarm || $1.level == .alert ? 1 : 0) }) {
            let (px, py) = (x(point.expected), y(Double(point.observed) / point.expected))
            let fill = point.agreed ? colour(point.level) : "#fff"
            svg += "<circle cx=\"\(f(px))\" cy=\"\(f(py))\" r=\"4\" fill=\"\(fill)\" stroke=\"\(colour(point.level))\" stroke-width=\"1.5\">"
                + "<title>\(e(point.name)): \(t.format.number(point.observed)) / \(t.format.count(Decimal(point.expected)))</title></circle>"
            try ReportPiece.handOn(&svg, emit)
        }
        // Alarm and alert named (the furthest below, at most `namedAtMost` labels), kept apart
        // and inside the plot, on a white halo over the lines and points.
        let named = labels.named.sorted { $0.y < $1.y }
        var baselines = named.map { $0.y + 4 }
        for index in baselines.indices.dropFirst() { baselines[index] = max(baselines[index], baselines[index - 1] + 12) }
        if let last = baselines.indices.last, baselines[last] > y(0) + 4 {
            baselines[last] = y(0) + 4
            for index in baselines.indices.dropLast().reversed() { baselines[index] = min(baselines[index], baselines[index + 1] - 12) }
        }
        for (label, baseline) in zip(named, baselines) {
            let text = label.names.joined(separator: ", ")
            // Right of the point, or left of it where the text (about 5.5 units a character at this
            // size) would run off the plot's right edge.
            let fitsRight = label.x + 7 + 5.5 * Double(text.count) <= width
            svg += "<text x=\"\(f(fitsRight ? label.x + 7 : label.x - 7))\" y=\"\(f(baseline))\"\(fitsRight ? "" : " text-anchor=\"end\"") "
                + "font-size=\"10\" fill=\"\(colour(label.level))\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">\(e(text))</text>"
        }
        // Legend.
        var legendY = top + 4
        for level in FunnelModel.Level.allCases where points.contains(where: { $0.level == level }) {
            svg += "<circle cx=\"\(f(width - right + 16))\" cy=\"\(f(legendY))\" r=\"4\" fill=\"\(colour(level))\"/>"
            svg += "<text x=\"\(f(width - right + 26))\" y=\"\(f(legendY + 4))\" font-size=\"10\">\(e(t(level.short)))</text>"
            legendY += 16
        }
        svg += "<circle cx=\"\(f(width - right + 16))\" cy=\"\(f(legendY + 8))\" r=\"4\" fill=\"#fff\" stroke=\"#555\"/>"
        svg += "<text x=\"\(f(width - right + 26))\" y=\"\(f(legendY + 12))\" font-size=\"10\">\(e(t(Phrase.funnelHollow)))</text>"
        svg += "<line x1=\"\(f(width - right + 10))\" y1=\"\(f(legendY + 28))\" x2=\"\(f(width - right + 22))\" y2=\"\(f(legendY + 28))\" stroke=\"#777\" stroke-dasharray=\"4,3\"/>"
        svg += "<text x=\"\(f(width - right + 26))\" y=\"\(f(legendY + 32))\" font-size=\"10\">\(e(t(Phrase.funnelDashed)))</text>"
        if model.tau2 > 0 {
            svg += "<line x1=\"\(f(width - right + 10))\" y1=\"\(f(legendY + 46))\" x2=\"\(f(width - right + 22))\" y2=\"\(f(legendY + 46))\" stroke=\"#333\"/>"
            svg += "<text x=\"\(f(width - right + 26))\" y=\"\(f(legendY + 50))\" font-size=\"10\">\(e(t(Phrase.funnelSolid)))</text>"
        }
        try emit(svg + "</svg>")
    }

    /// The labels of the alarm and alert points, contractors on the same spot in one; those named
    /// in the plot (alarms first, then the furthest below), and how many contractors they leave out.
    private func rankedLabels() -> (named: [Label], unnamed: Int) {
        var labels: [Label] = []
        for point in points where point.level == .alarm || point.level == .alert {
            let (px, py) = (x(point.expected), y(Double(point.observed) / point.expected))
            if let index = labels.firstIndex(where: { abs($0.x - px) < 1 && abs($0.y - py) < 1 }) {
                labels[index].names.append(point.name)
                labels[index].zAdjusted = min(labels[index].zAdjusted, point.zAdjusted)
            } else {
                labels.append(Label(x: px, y: py, names: [point.name], level: point.level, zAdjusted: point.zAdjusted))
            }
        }
        let ranked = labels.sorted { ($0.level == .alarm ? 0 : 1, $0.zAdjusted) < ($1.level == .alarm ? 0 : 1, $1.zAdjusted) }
        let named = Array(ranked.prefix(Self.namedAtMost))
        return (named, ranked.dropFirst(Self.namedAtMost).reduce(0) { $0 + $1.names.count })
    }

    func footnote() -> String {
        let tau = t.format.number(Decimal(model.tau2.squareRoot()), decimals: 2)
        let phi = t.format.number(Decimal(model.phi), decimals: 2)
        let method = t(Phrase.funnelFootnote(source: source, n: t.count(model.n, .contractor), minExpected: t.format.number(Decimal(model.minExpected)),
                                             maxRatio: t.format.percent(Decimal(model.maxRatio)), phi: phi, tau: tau,
                                             estimated: model.overdispersionEstimated, minGroup: model.minGroup))
        let unnamed = labels.unnamed
        return unnamed == 0 ? method : method + " " + t(Phrase.funnelUnnamed(t.count(unnamed, .contractor)))
    }

    /// The judged contractors as a table for print, handed to `emit` in pieces as it is made.
    func table(_ emit: (String) throws -> Void) rethrows {
        var html = "<table class=\"funnel-table\"><thead><tr><th>\(e(t(Phrase.contractor)))</th><th>\(e(t(Phrase.expected)))</th>"
            + "<th>\(e(t(Phrase.actual)))</th><th>\(e(t(Phrase.share)))</th><th>\(e(t(Phrase.funnelLevel)))</th></tr></thead><tbody>"
        for point in points.filter({ $0.level != .notJudged }).sorted(by: { $0.zAdjusted < $1.zAdjusted }) {
            html += "<tr class=\"\(point.level == .alarm ? "flagged" : "")\"><td>\(e(point.name))</td><td class=\"num\">\(e(t.format.count(Decimal(point.expected))))</td>"
                + "<td class=\"num\">\(e(t.format.number(point.observed)))</td>"
                + "<td class=\"num\">\(e(t.format.percent(Decimal(Double(point.observed) / point.expected))))</td><td>\(e(t(point.level)))</td></tr>"
            try ReportPiece.handOn(&html, emit)
        }
        try emit(html + "</tbody></table>")
    }

    /// The plot's section of the page, handed to `emit` in pieces.
    func section(_ emit: (String) throws -> Void) rethrows {
        try emit("<section class=\"funnel\"><h2>\(e(t(Phrase.funnelTitle(source))))</h2>")
        try svg(emit)
        try emit("<p class=\"legend\">\(e(footnote()))</p>")
        try table(emit)
        try emit("</section>\n")
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    private func e(_ text: String) -> String { HTMLPage(t: t).e(text) }
}

extension FunnelModel.Level {
    /// The level's short name for a legend.
    var short: Words {
        switch self {
        case .alarm: Words(nl: "ver onder (99,8%)", en: "far below (99.8%)")
        case .alert: Words(nl: "onder (95%)", en: "below (95%)")
        case .within: Words(nl: "binnen de grenzen", en: "within the limits")
        case .high: Words(nl: "boven (95%)", en: "above (95%)")
        case .notJudged: Words(nl: "niet beoordeeld", en: "not judged")
        }
    }
}
