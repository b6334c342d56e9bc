@testable import ComplianceAudit
import ComplianceRules
import Foundation
import Testing

/// A data set built outside the project (in a scratch directory) with known expected and actual
/// counts per contractor, audited end to end. The truth comes from an independent computation, not
/// from the tool's own Poisson code.
@Suite("An audit of a data set with known counts")
struct KnownCountsTests {
    /// (expected per year, actual meldingen), chosen around every edge of the flag.
    static let cases: [(expected: Int, actual: Int)] = [
        (20, 4), (20, 9), (20, 10), (12, 11), (8, 2), (8, 3), (8, 4), (4, 1), (3, 0), (2, 0), (100, 49),
        (100, 80), (50, 24), (30, 14), (6, 2), (7, 2), (7, 3), (15, 15), (40, 19), (40, 21), (5, 0), (9, 4),
    ]

    /// P(X ≤ k) by the plain recurrence term(i) = term(i-1) × λ / i, fine for these small means.
    static func tail(_ k: Int, _ lambda: Double) -> Double {
        var term = exp(-lambda)
        var sum = term
        if k > 0 { for i in 1...k { term *= lambda / Double(i); sum += term } }
        return sum
    }

    /// The Handreiking's rule with the default ratio 0.5 and alpha 0.05.
    static func mustBeFlagged(expected: Int, actual: Int) -> Bool {
        let lambda = Double(expected)
        return exp(-lambda) < 0.05 && Double(actual) < 0.5 * lambda && tail(actual, lambda) < 0.05
    }

    @Test("every contractor that must be flagged is, and none that must not be")
    func flaggedExactly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("known-counts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let (register, export) = try Self.write(to: directory)
        let result = try Audit.run(AuditRequest(registerFile: register, meldingenFiles: [export]))

        let truth = Set(Self.cases.enumerated().filter { Self.mustBeFlagged(expected: $1.expected, actual: $1.actual) }
            .map { "\(Self.kvk($0.offset)) veilig-thuis" })
        #expect(truth.count >= 8 && truth.count < Self.cases.count - 8, "the table covers both sides")
        #expect(result.flagged == truth)
        for (index, item) in Self.cases.enumerated() {
            let figures = result.assessment.contractors.first { $0.contractor.kvk.description == Self.kvk(index) }?
                .meldingen.first { $0.figures.source == .veiligThuis }?.figures
            #expect(figures?.actual == item.actual)
            #expect(figures?.expected?.count == Decimal(item.expected))
        }
    }

    static func kvk(_ index: Int) -> String { String(format: "%08d", 30_000_000 + index) }

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
                  </agreement>

                """
            for n in 0..<item.actual {
                caseNumber += 1
                let day = (n * 37 + index * 11) % 330
                let key = String(format: "%016x", caseNumber * 7919)
                records.append((day, "reporter-kvk=\"\(kvk(index))\" category=\"jeugdhulp\" type=\"melding\" case=\"\(key)\""))
                if n % 2 == 0 {
                    records.append((day + 30, "reporter-kvk=\"\(kvk(index))\" category=\"jeugdhulp\" type=\"melding\" case=\"\(key)\""))
                }
            }
        }
        for n in 0..<200 {
            records.append((n % 365, "category=\"\(n % 2 == 0 ? "burger" : "politie")\" type=\"\(n % 2 == 0 ? "melding" : "politie-zorgmelding")\" case=\"\(String(format: "%016x", 900_000 + n))\""))
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
