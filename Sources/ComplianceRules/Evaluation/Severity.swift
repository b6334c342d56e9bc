/// How serious a failed condition is, worst first. The order is the order of `allCases`.
public enum Severity: String, CaseIterable, Comparable, Sendable, Codable {
    /// Do not contract or fund.
    case blokkerend
    /// Hold an indringend gesprek with the contractor.
    case indringendGesprek = "indringend-gesprek"
    /// Raise it in the accountgesprek.
    case agendapunt
    /// For information only.
    case informatief

    /// `a < b` means a is *worse* than b, so `min()` gives the worst severity.
    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The outcome of one rule for one agreement, after XCCDF's result states.
public enum ResultStatus: String, CaseIterable, Sendable, Codable {
    case pass
    case fail
    /// The rule does not apply: other sector or type, or not in force on the reference date.
    case notApplicable = "not-applicable"
    /// The evidence the rule needs was not supplied. Never a pass.
    case missingEvidence = "missing-evidence"
    /// A failure or missing evidence covered by a valid waiver; stays visible in every report.
    case waived
    /// The rule could not be evaluated (for example a division by zero).
    case error
    /// A contract condition that this agreement does not contain (or not yet): not a finding against
    /// the contractor, but a task for the municipality.
    case notAgreed = "not-agreed"

    /// Whether this result counts towards a verdict.
    public var counts: Bool { self == .fail || self == .missingEvidence || self == .error }

    /// Whether a report lists it: everything but a pass and a rule that does not apply.
    public var isListed: Bool { self != .pass && self != .notApplicable }

    /// Where a report lists it: counted results first, then waived, then not agreed.
    public var listOrder: Int { counts ? 0 : self == .notAgreed ? 2 : 1 }
}
