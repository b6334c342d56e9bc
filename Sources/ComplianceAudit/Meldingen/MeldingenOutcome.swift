import ComplianceRules
import Foundation

/// What a report says about one contractor's meldingen from one source, derived from the data and
/// the meldingen rules' results, so the report never judges differently from the rules.
public enum MeldingenOutcome: String, Sendable, CaseIterable, Codable {
    /// The rule flags a substantial shortfall: an indringend gesprek.
    case shortfall
    /// A flagged shortfall covered by a waiver.
    case shortfallWaived = "shortfall-waived"
    case inLine = "in-line"
    /// So little was expected that not even zero meldingen would be significant.
    case tooFewExpected = "too-few-expected"
    /// No export for this source was supplied: never zero, never a shortfall.
    case noData = "no-data"
    /// Nothing agreed and no rate for the sector: nothing to judge against.
    case noExpectation = "no-expectation"
    case error

    public init(_ assessment: MeldingenAssessment) {
        if assessment.figures.actual == nil { self = .noData; return }
        if assessment.figures.expected == nil { self = .noExpectation; return }
        let statuses = assessment.results.map(\.status)
        if statuses.contains(.fail) { self = .shortfall }
        else if statuses.contains(.error) || statuses.contains(.missingEvidence) { self = .error }
        else if statuses.contains(.waived) { self = .shortfallWaived }
        else if statuses.contains(.pass) { self = .inLine }
        else { self = .tooFewExpected }
    }

    public var isFlagged: Bool { self == .shortfall || self == .shortfallWaived }
}
