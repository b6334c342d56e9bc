/// A value a rule judged: `aandachtsfunctionaris.verified` was 2016-09-01. `nil` when the evidence
/// was not supplied.
public struct JudgedValue: Sendable, Hashable {
    public let field: EvidenceField
    public let value: EvidenceValue?
}

/// Why a result is not a plain pass: what was judged, what was missing, and any waiver.
/// Computed when a report asks for it (evaluation is deterministic), so judging a register of
/// 100,000 agreements keeps only each result's rule and status.
public struct FindingDetails: Sendable, Hashable {
    /// The values the rule read, in the order its condition names them, then the values its
    /// explanation states besides (only when the explanation could be given).
    public let judged: [JudgedValue]
    /// Evidence that was not supplied (for missing-evidence).
    public let missing: [EvidenceField]
    /// The rule's explanation with the agreement's values filled in; nil when the rule has none,
    /// or when a value it names is missing.
    public let explanation: String?
    /// Why evaluation failed (for error).
    public let problem: String?
}

/// A waiver as applied to one result: the waiver and the status it covers.
public final class AppliedWaiver: Sendable {
    public let waiver: Waiver
    /// What the result would have been without the waiver: fail or missing-evidence.
    public let waivedStatus: ResultStatus

    init(_ waiver: Waiver, waivedStatus: ResultStatus) {
        self.waiver = waiver
        self.waivedStatus = waivedStatus
    }
}

/// The outcome of one rule for one agreement. Its identity, stable across runs, is the rule id
/// plus the agreement id.
public struct RuleResult: Sendable {
    public let rule: Rule
    public let status: ResultStatus
    /// Set when the status is `waived`.
    public let waiver: AppliedWaiver?

    init(rule: Rule, status: ResultStatus, waiver: AppliedWaiver? = nil) {
        self.rule = rule
        self.status = status
        self.waiver = waiver
    }

    /// The severity in force, for results that count towards a verdict.
    public var severity: Severity { rule.severity }

    /// The finding's stable id for one agreement: `RULE/AGREEMENT`.
    public func findingID(agreementID: String) -> String { FindingID.agreement(rule: rule.id, agreement: agreementID) }

    /// The finding's stable id for one contractor's meldingen from one source: `RULE/KVK/SOURCE`.
    public func findingID(kvk: KvKNumber, source: MeldingSource) -> String {
        FindingID.meldingen(rule: rule.id, kvk: kvk, source: source)
    }
}

/// Where a finding's stable id is made, the one place: the same finding keeps its id from year to
/// year, so stored history can follow it.
public enum FindingID {
    public static func agreement(rule: String, agreement: String) -> String { "\(rule)/\(agreement)" }

    public static func meldingen(rule: String, kvk: KvKNumber, source: MeldingSource) -> String {
        "\(rule)/\(kvk)/\(source.rawValue)"
    }
}

/// A verdict: the worst severity among the failing, unproven or unevaluable results, or in orde.
public enum Verdict: Sendable, Hashable, Comparable, CustomStringConvertible {
    case severity(Severity)
    case inOrde

    public init(_ results: some Sequence<RuleResult>) {
        let worst = results.lazy.filter(\.status.counts).map(\.severity).min()
        self = worst.map(Verdict.severity) ?? .inOrde
    }

    /// Worse first: `.severity(.blokkerend) < .inOrde`.
    public static func < (lhs: Verdict, rhs: Verdict) -> Bool {
        switch (lhs, rhs) {
        case (.severity(let a), .severity(let b)): a < b
        case (.severity, .inOrde): true
        default: false
        }
    }

    public var description: String { rawValue }
}

extension Verdict: RawRepresentable, CaseIterable, Codable {
    /// The stable id reports and JSON use: a severity's id, or `in-orde`.
    public var rawValue: String {
        switch self {
        case .severity(let severity): severity.rawValue
        case .inOrde: "in-orde"
        }
    }

    public init?(rawValue: String) {
        if rawValue == "in-orde" { self = .inOrde } else if let severity = Severity(rawValue: rawValue) { self = .severity(severity) } else { return nil }
    }

    /// Worst first.
    public static let allCases: [Verdict] = Severity.allCases.map(Verdict.severity) + [.inOrde]
}
