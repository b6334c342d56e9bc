@testable import ComplianceAudit
import ComplianceRules
import Foundation
import SyntheticData
import Testing

private let reporter = KvKNumber("01234567")!
private let otherReporter = KvKNumber("07654321")!
private let start = Day(iso: "2017-01-01")!

private func melding(day: Int, reporter: KvKNumber? = reporter, case key: UInt64 = 42, type: MeldingType = .melding,
                     category: ReporterCategory = .sector(.jeugdhulp), repeat isRepeat: Bool = false) -> Melding {
    Melding(date: start + day, reporter: reporter, category: category, type: type,
            caseToken: CaseToken(fingerprint: key), isRepeat: isRepeat)
}

private func counted(_ meldingen: [Melding], for kvk: KvKNumber = reporter) -> Int {
    var tally = MeldingenTally()
    tally.begin(MeldingenExportHeader(source: .veiligThuis, region: "Groningen",
                                      period: DayInterval(start: start, end: start + 364)))
    meldingen.forEach { tally.consume($0) }
    return tally.summary(file: "test.xml")?.reporters[kvk]?.counted ?? 0
}

@Suite("Hermeldingen")
struct HermeldingenTests {
    @Test("only meldingen count as hermeldingen: a police zorgmelding or an adviesvraag marked as repeat does not")
    func onlyMeldingen() throws {
        var tally = MeldingenTally()
        tally.begin(MeldingenExportHeader(source: .veiligThuis, region: "G", period: DayInterval(start: start, end: start + 364)))
        for item in [melding(day: 0, case: 1, repeat: true), melding(day: 5, case: 2, type: .politieZorgmelding, category: .politie, repeat: true),
                     melding(day: 9, case: 3, type: .advies, repeat: true), melding(day: 12, case: 4)] {
            tally.consume(item)
        }
        let summary = try #require(tally.summary(file: "t.xml"))
        #expect(summary.repeatCases == 1)
        #expect(summary.uniqueCases == 2)
    }
}

@Suite("The 30-day rule")
struct ThirtyDayRuleTests {
    @Test("the same case from the same reporter 30 days later counts once")
    func thirtyDays() {
        #expect(counted([melding(day: 0), melding(day: 30)]) == 1)
    }

    @Test("31 days later it counts again")
    func thirtyOneDays() {
        #expect(counted([melding(day: 0), melding(day: 31)]) == 2)
    }

    @Test("the window runs from the last counted melding, so a report every 20 days counts every other time")
    func chain() {
        #expect(counted([melding(day: 0), melding(day: 20), melding(day: 40), melding(day: 60), melding(day: 80)]) == 3)
    }

    @Test("a melding dated before its pair's counted one is counted as it comes, and reported as out of order")
    func outOfOrder() {
        var tally = MeldingenTally()
        tally.begin(MeldingenExportHeader(source: .veiligThuis, region: "G", period: DayInterval(start: start, end: start + 364)))
        for item in [melding(day: 40), melding(day: 0), melding(day: 50, case: 7)] { tally.consume(item) }
        let summary = tally.summary(file: "t.xml")!
        #expect(summary.outOfOrder == 1)
        #expect(summary.reporters[reporter]?.counted == 3)  // 0 and 40 are 40 days apart: both count
    }

    @Test("other reporters and other cases count on their own")
    func independentPairs() {
        let meldingen = [melding(day: 0), melding(day: 5, case: 43), melding(day: 5, reporter: otherReporter)]
        #expect(counted(meldingen) == 2)
        #expect(counted(meldingen, for: otherReporter) == 1)
    }

    @Test("adviesvragen and police zorgmeldingen are not a contractor's meldingen")
    func otherTypes() {
        var tally = MeldingenTally()
        tally.begin(MeldingenExportHeader(source: .veiligThuis, region: "G", period: DayInterval(start: start, end: start + 364)))
        tally.consume(melding(day: 0, type: .advies))
        tally.consume(melding(day: 1, reporter: nil, type: .politieZorgmelding, category: .politie))
        let summary = tally.summary(file: "t.xml")!
        #expect(summary.reporters[reporter]?.counted == 0)
        #expect(summary.reporters[reporter]?.adviesvragen == 1)
        #expect(summary.reporters.count == 1)
    }

    @Test("annual report counting: meldingen with duplicates, unique and repeated cases")
    func annualCounting() {
        var tally = MeldingenTally()
        tally.begin(MeldingenExportHeader(source: .veiligThuis, region: "G", period: DayInterval(start: start, end: start + 364)))
        for item in [melding(day: 0, case: 1), melding(day: 1, case: 1, repeat: true), melding(day: 2, case: 2),
                     melding(day: 3, reporter: nil, case: 3, type: .politieZorgmelding, category: .politie),
                     melding(day: 4, case: 4, type: .advies)] {
            tally.consume(item)
        }
        let summary = tally.summary(file: "t.xml")!
        let indicators = IndicatorValue.all(veiligThuis: summary, verwijsindex: nil, targets: [])
        let values = Dictionary(uniqueKeysWithValues: indicators.map { ($0.indicator, $0.value) })
        #expect(values[.meldingen] == 4)
        #expect(values[.uniekeMeldingen] == 2)
        #expect(values[.hermeldingen] == 1)
        #expect(values[.hermeldingPercentage] == Decimal(string: "0.5"))
        #expect(values[.adviesvragen] == 1)
        #expect(values[.signalen] == .some(nil))
    }
}

@Suite("The tally's hash tables")
struct HashTableTests {
    @Test("every (reporter, case) pair keeps its own day through the tables' growth, as a dictionary keeps it")
    func pairsThroughGrowth() {
        var table = ReporterCaseTable(capacity: 16)
        var tokens = CaseTokenSet(capacity: 16)
        var reference: [UInt64: Int32] = [:]
        var generator = SeededGenerator(seed: 7)
        var differences = 0
        for step in 0..<30_000 {
            // Few reporters and a narrow range of tokens: pairs come back, and clash in the low bits.
            let reporter = UInt32.random(in: 0..<20, using: &generator)
            let token = UInt64.random(in: 0..<2_000, using: &generator) << 20
            let key = UInt64(reporter) << 40 | token >> 20
            var seen: Int32?
            table.update(reporter: reporter, token: token) { last in
                seen = last
                return Int32(step)
            }
            if seen != reference[key] { differences += 1 }
            reference[key] = Int32(step)
            tokens.insert(CaseToken(fingerprint: token))
        }
        #expect(differences == 0)
        #expect(reference.count > 15_000 && table.count == reference.count)
        #expect(tokens.count == Set(reference.keys.map { $0 & 0xFF_FFFF }).count)
    }
}

@Suite("The Poisson tail")
struct PoissonTests {
    /// Reference values from scipy.stats.poisson.cdf(k, λ).
    @Test("P(X ≤ k) matches known values", arguments: [
        (2, 8.0, 0.013753967744002971), (4, 20.0, 1.694474393006737e-05), (0, 2.0, 0.1353352832366127),
        (9, 30.0, 7.121750862815593e-06), (0, 10.0, 4.539992976248486e-05), (11, 12.0, 0.46159733306361805),
        (3, 8.0, 0.04238011199168396), (50, 80.0, 0.0002154805664879084), (100, 150.0, 9.050259570857834e-06),
        (1000, 1100.0, 0.001175230568136558), (5, 5.5, 0.5289186865258626), (0, 0.5, 0.6065306597126334),
    ])
    func knownValues(k: Int, lambda: Double, expected: Double) {
        let value = Poisson.lowerTail(k, mean: lambda)
        #expect(abs(value - expected) <= expected * 1e-9, "P(X ≤ \(k) | \(lambda)) = \(value), expected \(expected)")
    }

    @Test("the edges: nothing expected, and a large mean that underflows a naive sum")
    func edges() {
        #expect(Poisson.lowerTail(0, mean: 0) == 1)
        #expect(Poisson.lowerTail(-1, mean: 3) == 0)
        #expect(Poisson.lowerTail(900, mean: 1000) > 0)
        #expect(Poisson.lowerTail(2000, mean: 1000) > 1 - 1e-9)
    }
}

@Suite("Expectations")
struct ExpectationTests {
    private let year2017 = DayInterval(start: Day(iso: "2017-01-01")!, end: Day(iso: "2017-12-31")!)

    private func agreement(_ id: String, sector: Sector = .jeugdhulp, from: String = "2017-01-01", to: String = "2018-12-31",
                           agreed: Int? = nil, children: Int? = nil) -> Agreement {
        Agreement(id: id, type: .contract, contractor: Contractor(kvk: reporter, name: "X"), sector: sector,
                  period: DayInterval(start: Day(iso: from)!, end: Day(iso: to)!),
                  caseload: children.map { Caseload(children: $0, adults: 0) },
                  expectedMeldingen: agreed.map { ExpectedMeldingen(veiligThuis: $0) })
    }

    private let rates = ExpectationRates(file: nil, perThousandChildren: [.veiligThuis: [.jeugdhulp: 6, .onderwijs: 2]])

    @Test("an agreed number covering the whole year is taken as it is")
    func agreed() throws {
        let expectation = try #require(ExpectationModel.expectation(for: [agreement("A", agreed: 12)], source: .veiligThuis, period: year2017, rates: rates))
        #expect(expectation.count == 12)
        #expect(expectation.kind == .agreed)
    }

    @Test("an agreement covering half the year counts half, pro rata by days")
    func proRata() throws {
        let expectation = try #require(ExpectationModel.expectation(
            for: [agreement("A", from: "2017-07-01", agreed: 12)], source: .veiligThuis, period: year2017, rates: rates))
        #expect(HumanFormat.english.number(expectation.count, decimals: 3) == "6.049")  // 184 of 365 days
        #expect(ExpectationModel.yearFraction(of: DayInterval(start: Day(iso: "2016-01-01")!, end: Day(iso: "2016-12-31")!),
                                              within: DayInterval(start: Day(iso: "2016-01-01")!, end: Day(iso: "2016-12-31")!)) == 1)
    }

    @Test("without an agreed number, children × the sector's rate per 1,000")
    func modelled() throws {
        let expectation = try #require(ExpectationModel.expectation(for: [agreement("A", children: 840)], source: .veiligThuis, period: year2017, rates: rates))
        #expect(expectation.count == Decimal(string: "5.04"))
        #expect(expectation.kind == .modelled)
    }

    @Test("no rate for the sector and nothing agreed: no expectation, never an invented one")
    func noExpectation() {
        #expect(ExpectationModel.expectation(for: [agreement("A", sector: .sport, children: 3000)],
                                             source: .veiligThuis, period: year2017, rates: rates) == nil)
        #expect(ExpectationModel.expectation(for: [agreement("A", children: 840)], source: .verwijsindex, period: year2017, rates: rates) == nil)
    }

    @Test("an agreement outside the audit period expects nothing")
    func outsidePeriod() {
        #expect(ExpectationModel.expectation(for: [agreement("A", from: "2018-01-01", agreed: 12)],
                                             source: .veiligThuis, period: year2017, rates: rates) == nil)
    }
}

extension MeldingenTally {
    /// The counts of one file read into the tally.
    func summary(file: String) -> MeldingenCount? {
        header.flatMap { summary(files: [MeldingenCount.ExportFile(file: file, header: $0, records: records, outOfOrder: outOfOrder)]) }
    }
}
