import ComplianceRules
import Foundation

/// What a contractor is expected to report over an audit period, per source: the number agreed in
/// the register when there is one, otherwise children a year × the sector's rate per 1,000 — each
/// pro rata for the part of the period the agreement covers. Never an invented number: an agreement
/// with neither is listed as having no expectation.
public enum ExpectationModel {
    /// `yearFraction` gives a term's share of `period`; a caller with many agreements passes one
    /// that remembers what it worked out.
    public static func expectation(
        for agreements: [Agreement], source: MeldingSource, period: DayInterval, rates: ExpectationRates,
        yearFraction: ((DayInterval) -> Decimal)? = nil
    ) -> Expectation? {
        var components: [ExpectationComponent] = []
        var without: [String] = []
        for agreement in agreements {
            let fraction = yearFraction?(agreement.period) ?? Self.yearFraction(of: agreement.period, within: period)
            guard fraction > 0 else { continue }
            if let agreed = agreement.expectedMeldingen?.expected(from: source) {
                components.append(ExpectationComponent(
                    agreementID: agreement.id, basis: .agreed(perYear: agreed), yearFraction: fraction,
                    count: Decimal(agreed) * fraction))
            } else if let children = agreement.caseload?.children, let rate = rates.rate(for: source, sector: agreement.sector) {
                components.append(ExpectationComponent(
                    agreementID: agreement.id, basis: .modelled(children: children, ratePerThousand: rate),
                    yearFraction: fraction, count: Decimal(children) * rate / 1000 * fraction))
            } else {
                without.append(agreement.id)
            }
        }
        guard !components.isEmpty else { return nil }
        return Expectation(count: components.reduce(0) { $0 + $1.count }, components: components,
                           agreementsWithoutExpectation: without)
    }

    /// How many years of `period` the agreement covers: for each calendar year, the days covered
    /// divided by the days of that year, so a whole 2017 or a whole 2016 is exactly 1.
    public static func yearFraction(of term: DayInterval, within period: DayInterval) -> Decimal {
        let start = max(term.start, period.start)
        let end = min(term.end, period.end)
        guard start <= end else { return 0 }
        var fraction: Decimal = 0
        var year = start.parts.year
        while let yearStart = Day(year: year, month: 1, day: 1), yearStart <= end {
            let yearEnd = Day(year: year, month: 12, day: 31)!
            let covered = DayInterval(start: max(start, yearStart), end: min(end, yearEnd)).dayCount
            fraction += Decimal(covered) / Decimal(Day.isLeap(year) ? 366 : 365)
            year += 1
        }
        return fraction
    }
}
