import ComplianceRules
import Foundation

/// What a report says about one contractor's meldingen from one source, derived from the data and
/// the meldingen rules' results, so the report never judges differently from the rules.
public enum MeldingenOutcome: String, Sendable, CaseIterable {
    /// The rule flags a substantial shortfall: an indringend gesprek.
    case achterstand
    /// A flagged shortfall covered by a waiver.
    case achterstandMetOntheffing = "achterstand (ontheffing)"
    case inLijn = "in lijn"
    /// So little was expected that not even zero meldingen would be significant.
    case teWeinigVerwacht = "te weinig verwacht om te beoordelen"
    /// No export for this source was supplied: never zero, never a shortfall.
    case geenGegevens = "geen gegevens"
    /// Nothing agreed and no rate for the sector: nothing to judge against.
    case geenVerwachting = "geen verwachting"
    case fout

    public init(_ assessment: MeldingenAssessment) {
        if assessment.figures.actual == nil { self = .geenGegevens; return }
        if assessment.figures.expected == nil { self = .geenVerwachting; return }
        let statuses = assessment.results.map(\.status)
        if statuses.contains(.fail) { self = .achterstand }
        else if statuses.contains(.error) || statuses.contains(.missingEvidence) { self = .fout }
        else if statuses.contains(.waived) { self = .achterstandMetOntheffing }
        else if statuses.contains(.pass) { self = .inLijn }
        else { self = .teWeinigVerwacht }
    }

    public var isFlagged: Bool { self == .achterstand || self == .achterstandMetOntheffing }
}

/// Numbers as the reports write them: a decimal point, at most one decimal for counts.
public enum ReportNumber {
    public static func count(_ value: Decimal, decimals: Int = 1) -> String {
        var rounded = Decimal()
        var input = value
        NSDecimalRound(&rounded, &input, decimals, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }

    public static func percent(_ share: Decimal) -> String { count(share * 100) + "%" }

    public static func probability(_ p: Double) -> String {
        p < 0.0001 ? "< 0.0001" : String(format: "%.4f", p)
    }
}
