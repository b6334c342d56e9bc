@testable import ComplianceAudit
import ComplianceRules
import Foundation
import TestSupport
import Testing

/// A data set built outside the project (in a scratch directory) with known expected and actual
/// counts per contractor, audited end to end. The truth comes from an independent computation, not
/// from the tool's own Poisson code.
@Suite("An audit of a data set with known counts")
struct KnownCountsTests {
    /// (expected per year, actual meldingen): organisations that report as expected, with the
    /// spread chance gives, some below the minimum expectation, and shortfalls around the limits.
    static let cases: [(expected: Int, actual: Int)] = [
        (10, 12), (10, 8), (12, 14), (12, 9), (15, 17), (15, 13), (20, 23), (20, 17), (25, 22), (25, 29), (30, 33), (30, 27),
        (8, 10), (8, 6), (6, 8), (6, 4), (9, 11), (9, 7), (40, 44), (40, 36), (50, 46), (50, 55), (18, 16), (18, 21), (14, 12),
        (14, 16), (4, 1), (3, 0), (2, 0), (5, 0), (20, 4), (10, 0), (15, 0), (30, 9), (50, 20), (8, 2), (100, 70), (40, 19),
        (12, 5), (25, 10),
    ]

    /// The funnel judgement computed here, apart from `FunnelModel`, step by step as the method
    /// states it: the contractors expecting 5 or more, z on the square-root scale, winsorised at the
    /// 10th and 90th percentiles (type 7), φ, τ² (DerSimonian–Laird), and alarm when
    /// zD < −3.090232 and actual < 50% of expected.
    static func alarms() -> Set<Int> {
        let judged = cases.indices.filter { cases[$0].expected >= 5 }
        func z(_ i: Int) -> Double {
            let (e, o) = (Double(cases[i].expected), Double(cases[i].actual))
            return ((o / e).squareRoot() - 1) * 2 * e.squareRoot()
        }
        let sorted = judged.map(z).sorted()
        func percentile(_ p: Double) -> Double {
            let h = Double(sorted.count - 1) * p
            let below = Int(h)
            return below + 1 < sorted.count ? sorted[below] + (h - Double(below)) * (sorted[below + 1] - sorted[below]) : sorted[below]
        }
        let (low, high) = (percentile(0.1), percentile(0.9))
        let n = Double(judged.count)
        let phi = judged.map { min(max(z($0), low), high) }.map { $0 * $0 }.reduce(0, +) / n
        let weights = judged.map { 4 * Double(cases[$0].expected) }
        let sum = weights.reduce(0, +)
        let tau2 = n * phi <= n - 1 ? 0 : (n * phi - (n - 1)) / (sum - weights.map { $0 * $0 }.reduce(0, +) / sum)
        return Set(judged.filter { i in
            let (e, o) = (Double(cases[i].expected), Double(cases[i].actual))
            let zD = ((o / e).squareRoot() - 1) / (1 / (4 * e) + tau2).squareRoot()
            return zD < -3.090232 && o < 0.5 * e
        })
    }

    @Test("every contractor that must be flagged is, and none that must not be")
    func flaggedExactly() async throws {
        let directory = Scratch.directory("known-counts")
        let (register, export) = try Self.write(to: directory)
        let result = try await Audit.run(AuditRequest(registerFile: register, meldingenFiles: [export]))

        let truth = Set(Self.alarms().map { "\(Self.kvk($0)) veilig-thuis" })
        #expect(truth.count >= 3 && truth.count < Self.cases.count - 8, "the table covers both sides")
        #expect(result.flagged == truth)
        for (index, item) in Self.cases.enumerated() {
            let figures = result.assessment.contractors.first { $0.contractor.kvk.description == Self.kvk(index) }?
                .meldingen.first { $0.figures.source == .veiligThuis }?.figures
            #expect(figures?.actual == item.actual)
            #expect(figures?.expected?.count == Decimal(item.expected))
        }
    }

    static func kvk(_ index: Int) -> String { String(format: "%08d", 30_000_000 + index) }

    /// A pseudonymous key as an exporter makes one: a keyed hash (here splitmix64) of a case
    /// number, never the number itself, which the privacy guard would refuse as not pseudonymised.
    static func pseudonym(_ number: Int) -> String {
        var z = UInt64(number) &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        let hex = String(z ^ (z >> 31), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Each contractor reports its actual number of distinct cases, plus the same cases again within
    /// 30 days (which must not count); citizens and the police report too.
    static func write(to directory: URL) throws -> (register: String, export: String) {
        var register = """
            <?xml version="1.0" encoding="UTF-8"?>
            <register xmlns="urn:kindveilig:register:1" municipality="Proefstad" reference-date="2017-12-31">

            """
        var records: [(day: Int, line: String)] = []
        var caseNumber = 0
        for (index, item) in cases.enumerated() {
            register += """
                  <agreement id="INK-\(index)" type="contract">
                    <contractor kvk="\(kvk(index))" name="Aanbieder \(index)"/>
                    <sector>jeugdhulp</sector>
                    <period start="2017-01-01" end="2017-12-31"/>
                    <expected-meldingen veilig-thuis="\(item.expected)"/>
                    <conditions agreed="meldingen"/>
                  </agreement>

                """
            for n in 0..<item.actual {
                caseNumber += 1
                let day = (n * 37 + index * 11) % 330
                let key = Self.pseudonym(caseNumber)
                records.append((day, "reporter-kvk=\"\(kvk(index))\" category=\"jeugdhulp\" type=\"melding\" case=\"\(key)\""))
                if n % 2 == 0 {
                    records.append((day + 30, "reporter-kvk=\"\(kvk(index))\" category=\"jeugdhulp\" type=\"melding\" case=\"\(key)\""))
                }
            }
        }
        for n in 0..<200 {
            records.append((n % 365, "category=\"\(n % 2 == 0 ? "burger" : "politie")\" type=\"\(n % 2 == 0 ? "melding" : "politie-zorgmelding")\" case=\"\(Self.pseudonym(900_000 + n))\""))
        }
        register += "</register>\n"
        let start = Day(iso: "2017-01-01")!
        var export = """
            <?xml version="1.0" encoding="UTF-8"?>
            <meldingen xmlns="urn:kindveilig:meldingen:1" source="veilig-thuis" region="Proefstad" from="2017-01-01" to="2017-12-31">

            """
        for (number, record) in records.sorted(by: { $0.day < $1.day }).enumerated() {
            export += "  <melding id=\"P-\(number + 1)\" date=\"\(start + record.day)\" \(record.line)/>\n"
        }
        export += "</meldingen>\n"
        let registerURL = directory.appendingPathComponent("register.xml")
        let exportURL = directory.appendingPathComponent("veilig-thuis.xml")
        try register.write(to: registerURL, atomically: true, encoding: .utf8)
        try export.write(to: exportURL, atomically: true, encoding: .utf8)
        return (registerURL.path, exportURL.path)
    }
}
