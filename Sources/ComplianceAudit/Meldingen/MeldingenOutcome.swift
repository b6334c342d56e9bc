import ComplianceRules
import Foundation

/// What a report says about one contractor's meldingen from one source, derived from the data and
/// the meldingen rules' results, so the report never judges differently from the rules.
public enum MeldingenOutcome: String, Sendable, CaseIterable, Codable {
    /// Far below expectation (alarm): the rule calls for an indringend gesprek.
    case shortfall
    /// A shortfall covered by a waiver.
    case shortfallWaived = "shortfall-waived"
    /// Below expectation (alert): a point for the accountgesprek.
    case belowExpectation = "below-expectation"
    /// Below expectation, covered by a waiver.
    case belowExpectationWaived = "below-expectation-waived"
    /// As far below expectation as a shortfall, but the agreements do not contain the meldingen
    /// condition: no indringend gesprek can be asked for, and writing the condition in is a task
    /// for the municipality.
    case shortfallNotAgreed = "shortfall-not-agreed"
    /// Below expectation as an alert is, but the meldingen condition is not agreed.
    case belowExpectationNotAgreed = "below-expectation-not-agreed"
    /// As far below expectation as a shortfall, but no rule in force judged it: the profile switched
    /// the rule off. Said, never called in line; no finding.
    case shortfallNotJudged = "shortfall-not-judged"
    /// Below expectation as an alert is, and no rule in force judged it.
    case belowExpectationNotJudged = "below-expectation-not-judged"
    case inLine = "in-line"
    /// Above the upper limit: shown, not judged.
    case aboveExpectation = "above-expectation"
    /// So little was expected that the count says too little to judge.
    case tooFewExpected = "too-few-expected"
    /// No export for this source was supplied: never zero, never a shortfall.
    case noData = "no-data"
    /// Nothing agreed and no rate for the sector: nothing to judge against.
    case noExpectation = "no-expectation"
    case error

    public init(_ assessment: MeldingenAssessment) {
        let figures = assessment.figures
        if figures.actual == nil { self = .noData; return }
        if figures.expected == nil { self = .noExpectation; return }
        let statuses = assessment.results.map(\.status)
        let level = figures.funnel?.level ?? .notJudged
        if statuses.contains(.error) || statuses.contains(.missingEvidence) { self = .error }
        else if statuses.contains(.fail) { self = level == .alarm ? .shortfall : .belowExpectation }
        else if statuses.contains(.waived) { self = level == .alarm ? .shortfallWaived : .belowExpectationWaived }
        else if statuses.contains(.notAgreed) && (level == .alarm || level == .alert) {
            self = level == .alarm ? .shortfallNotAgreed : .belowExpectationNotAgreed
        }
        else if level == .alarm { self = .shortfallNotJudged }
        else if level == .alert { self = .belowExpectationNotJudged }
        else if level == .notJudged { self = .tooFewExpected }
        else if level == .high { self = .aboveExpectation }
        else { self = .inLine }
    }

    /// An indringend gesprek is called for (waived or not).
    public var isFlagged: Bool { self == .shortfall || self == .shortfallWaived }
}
