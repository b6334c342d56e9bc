import ArgumentParser
@testable import compliance_audit
import Foundation
import Testing

@Suite("The yearly cycle on the command line")
struct HistoryCommandTests {
    @Test("two years audited into one database: the second marks what persists, and diff names what changed")
    func twoYears() async throws {
        let database = scratch("history.sqlite")
        let year2016 = ["--register", sample("register-2016.xml"),
                        "--meldingen", sample("veilig-thuis-2016.xml"), sample("verwijsindex-2016.xml")]
        let year2017 = ["--register", sample("register.xml"),
                        "--meldingen", sample("veilig-thuis-2017.xml"), sample("verwijsindex-2017.xml")]
        let first = scratch("2016.json")
        let second = scratch("2017.json")
        let common = ["--db", database, "--profile", "groningen", "--fail-on", "never", "--format", "json"]
        #expect(await exitStatus(["audit"] + year2016 + common + ["--output", first]) == 0)
        #expect(await exitStatus(["audit"] + year2017 + common + ["--output", second]) == 0)
        let report = try String(contentsOfFile: second, encoding: .utf8)
        #expect(report.contains("\"consecutiveRuns\" : 2"))
        #expect(report.contains("\"escalatedFrom\" : \"indringend-gesprek\""))
        let diff = scratch("diff.json")
        #expect(await exitStatus(["diff", "--db", database, "--format", "json", "--output", diff]) == 0)
        let changes = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: diff))) as? [String: Any]
        let contractors = try #require(changes?["contractors"] as? [[String: Any]])
        let elkerstroom = try #require(contractors.first { $0["kvk"] as? String == "22345678" })
        #expect(elkerstroom["resolved"] as? [String] == ["MELDINGEN-ACHTERSTAND/22345678/veilig-thuis"])
        #expect(elkerstroom["verdictAfter"] as? String == "in-orde")
        let noorderland = try #require(contractors.first { $0["kvk"] as? String == "06789012" })
        #expect(noorderland["verdictAfter"] as? String == "blokkerend")
    }
}
