@testable import ComplianceAudit
import ComplianceRules
import Foundation
import Testing

@Suite("The funnel plot")
struct FunnelPlotTests {
    static let model = AuditReport.MeldingenModelEntry(
        source: .veiligThuis, method: "spiegelhalter-sqrt", trim: 0.1, minExpected: 5, maxRatio: 0.5, minGroup: 10,
        n: 400, phi: 1.9, tau2: 0.005, overdispersionEstimated: true)

    /// A region's plot: 300 contractors within the limits and 100 below them, each on a spot of its
    /// own, contractor `Laag i` the further below the smaller its `i`.
    static func region() -> FunnelPlot {
        let within = (0..<300).map { FunnelPlot.Point(name: "Binnen \($0)", expected: 20 + Double($0) / 10, observed: 20 + $0 % 5,
                                                      level: .within, agreed: true, zAdjusted: 0) }
        let below = (0..<100).map { FunnelPlot.Point(name: "Laag \($0)", expected: 30 + Double($0) / 4, observed: 2 + $0 / 10,
                                                     level: $0 < 40 ? .alarm : .alert, agreed: true, zAdjusted: -6 + Double($0) / 25) }
        return FunnelPlot(t: .nl, source: .veiligThuis, model: model, points: (within + below).shuffled())
    }

    static func labels(_ svg: String) -> [(baseline: Double, text: String)] {
        svg.matches(of: #/<text x="[\d.]+" y="(?<y>[\d.]+)"[^>]* stroke="#fff"[^>]*>(?<text>[^<]*)</text>/#)
            .map { (Double($0.output.y)!, String($0.output.text)) }
    }

    @Test("a region's plot names at most twelve, the furthest below first, inside the plot, and says the rest are in the table")
    func namesTheFurthestBelow() throws {
        let plot = Self.region()
        var svg = ""
        plot.svg { svg += $0 }
        let labels = Self.labels(svg)
        #expect(labels.map(\.text).sorted() == (0..<FunnelPlot.namedAtMost).map { "Laag \($0)" }.sorted())
        #expect(labels.allSatisfy { $0.baseline >= plot.top && $0.baseline <= plot.y(0) + 4 })
        let baselines = labels.map(\.baseline).sorted()
        #expect(zip(baselines, baselines.dropFirst()).allSatisfy { $1 - $0 >= 12 })
        #expect(plot.footnote().hasSuffix("De figuur noemt alleen wie het verst onder de grenzen ligt; 88 opdrachtnemers onder de grenzen staan alleen in de tabel."))
        var table = ""
        plot.table { table += $0 }
        #expect((0..<100).allSatisfy { table.contains("<td>Laag \($0)</td>") })
    }

    @Test("a plot with few below the limits names them all and says nothing more")
    func namesAFew() {
        let points = (0..<5).map { FunnelPlot.Point(name: "Laag \($0)", expected: 10 + Double($0) * 7, observed: 1, level: .alarm,
                                                    agreed: true, zAdjusted: -4) }
        let plot = FunnelPlot(t: .nl, source: .veiligThuis, model: Self.model, points: points)
        var svg = ""
        plot.svg { svg += $0 }
        #expect(Self.labels(svg).map(\.text).sorted() == (0..<5).map { "Laag \($0)" })
        #expect(plot.footnote().hasSuffix("(methode: trechter van Spiegelhalter op wortelschaal)."))
    }

    @Test("a label that would run off the plot's right edge is set to the left of its point")
    func keepsLabelsOnThePage() throws {
        let points = [FunnelPlot.Point(name: "Stichting Met Een Heel Lange Naam Voor Jeugdhulp", expected: 80, observed: 2, level: .alarm,
                                       agreed: true, zAdjusted: -5),
                      FunnelPlot.Point(name: "Kort", expected: 10, observed: 1, level: .alarm, agreed: true, zAdjusted: -4)]
        let plot = FunnelPlot(t: .nl, source: .veiligThuis, model: Self.model, points: points)
        var svg = ""
        plot.svg { svg += $0 }
        let long = try #require(svg.firstMatch(of: #/<text x="(?<x>[\d.]+)"[^>]*>Stichting Met Een/#))
        #expect(svg.contains(##"text-anchor="end" font-size="10" fill="#c0392b""##))
        #expect(Double(long.output.x)! < plot.x(80))
        let short = try #require(svg.firstMatch(of: #/<text x="(?<x>[\d.]+)"[^>]*>Kort/#))
        #expect(Double(short.output.x)! > plot.x(10))
    }
}
