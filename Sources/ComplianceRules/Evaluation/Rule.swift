import Foundation

/// Which agreements a rule is about.
public struct Applicability: Sendable, Hashable {
    /// `nil`: every sector.
    public let sectors: Set<Sector>?
    public let types: Set<AgreementType>
    /// An extra condition, such as "serves adults", as written in the rule file.
    public let when: String?
}

/// What makes a rule enforceable: a law, a condition written into the contract, or a norm the
/// municipality chose.
public enum BasisKind: String, CaseIterable, Sendable, Codable {
    /// A legal duty (the Wet verplichte meldcode and its Besluit, the Jeugdwet): applies whatever
    /// the contract says.
    case wet
    /// A condition the municipality may attach to inkoop and subsidies (Handreiking ch. 2, 10 van
    /// Noord actions 4 and 5): enforceable only where the agreement contains it.
    case contract
    /// A local norm the municipality chose, such as a number of hours; says so in its rationale.
    case beleid
}

/// When the contract conditions count as agreed for agreements that do not record them
/// (`conditions`): a municipality's general purchase and subsidy terms, from a start date.
public struct AgreedConditionsDefault: Sendable, Hashable {
    /// Agreements that start on or after this day carry the conditions.
    public let from: Day
    public let conditions: Set<ContractCondition>
    public let types: Set<AgreementType>
}

/// A named threshold, with the value in force after the profile and the rule file's default.
public struct RuleParameter: Sendable, Hashable {
    public let name: String
    public let value: String
    public let defaultValue: String
}

/// A condition of the Handreiking as a policy officer wrote it in a rule file, ready to evaluate.
///
/// A rule is immutable and shared: every result of it refers to the same instance.
public final class Rule: Sendable, CustomStringConvertible {
    /// Stable identity, never renamed (`MELDCODE-AANWEZIG`).
    public let id: String
    public let title: String
    public let rationale: String
    /// What to ask the contractor for.
    public let advice: String
    /// What is wrong when the rule is not met, as an agenda point says it; `title` states the norm.
    public let problem: String?
    /// A meldingen rule's own words for a source, where its rule file gives them (see `wording(for:)`).
    public let wordings: [MeldingSource: RuleWording]
    /// Law article, Handreiking chapter, 10 van Noord action.
    public let basis: [String]
    public let basisKind: BasisKind
    /// The contract condition the rule enforces; its result is not-agreed where the agreement does
    /// not contain it.
    public let contractCondition: ContractCondition?
    /// Off unless a profile enables it.
    public let optIn: Bool
    /// The profile's defaults for agreements that do not record their conditions.
    let agreedDefaults: [AgreedConditionsDefault]
    /// What the rule judges: each agreement, or each contractor's meldingen per source.
    public let scope: RuleScope
    public let appliesTo: Applicability
    public let effectiveFrom: Day?
    public let effectiveUntil: Day?
    /// In force after the profile; `defaultSeverity` is the rule file's.
    public let severity: Severity
    public let defaultSeverity: Severity
    public let condition: String
    public let parameters: [RuleParameter]
    public let examples: [RuleExample]
    public let location: SourceLocation

    let compiledCondition: CompiledCondition
    let compiledWhen: CompiledCondition?
    let explanation: ExplanationTemplate?
    /// The condition with the rule file's own thresholds, for its examples: they document the rule
    /// as written, whatever a profile makes of it.
    let writtenCondition: CompiledCondition
    /// `appliesTo` as bits by ordinal, so the per-agreement check hashes nothing.
    private let applicabilityMask: (types: UInt8, sectors: UInt16)

    init(
        id: String, title: String, rationale: String, advice: String, problem: String?, wordings: [MeldingSource: RuleWording], basis: [String],
        basisKind: BasisKind, contractCondition: ContractCondition?, optIn: Bool, agreedDefaults: [AgreedConditionsDefault], scope: RuleScope, appliesTo: Applicability,
        effectiveFrom: Day?, effectiveUntil: Day?, severity: Severity, defaultSeverity: Severity, condition: String,
        parameters: [RuleParameter], examples: [RuleExample], location: SourceLocation,
        compiledCondition: CompiledCondition, compiledWhen: CompiledCondition?, explanation: ExplanationTemplate?,
        writtenCondition: CompiledCondition
    ) {
        self.id = id
        self.title = title
        self.rationale = rationale
        self.advice = advice
        self.problem = problem
        self.wordings = wordings
        self.basis = basis
        self.basisKind = basisKind
        self.contractCondition = contractCondition
        self.optIn = optIn
        self.agreedDefaults = agreedDefaults
        self.scope = scope
        self.appliesTo = appliesTo
        self.effectiveFrom = effectiveFrom
        self.effectiveUntil = effectiveUntil
        self.severity = severity
        self.defaultSeverity = defaultSeverity
        self.condition = condition
        self.parameters = parameters
        self.examples = examples
        self.location = location
        self.compiledCondition = compiledCondition
        self.compiledWhen = compiledWhen
        self.explanation = explanation
        self.writtenCondition = writtenCondition
        applicabilityMask = (
            appliesTo.types.reduce(0) { $0 | 1 << $1.ordinal },
            (appliesTo.sectors ?? Set(Sector.allCases)).reduce(0) { $0 | 1 << $1.ordinal })
    }

    public var description: String { id }

    /// The condition with the thresholds in force written in: what a report shows as the norm.
    public var norm: String {
        parameters.reduce(condition) { text, parameter in
            text.replacingOccurrences(
                of: "(?<![A-Za-z0-9.-])\(NSRegularExpression.escapedPattern(for: parameter.name))(?![A-Za-z0-9-])",
                with: parameter.value, options: .regularExpression)
        }
    }

    /// Whether the agreement contains this rule's contract condition on `day`: by its own
    /// `conditions` (from `since`, or its start), or else by the profile's defaults. A rule without
    /// a contract condition (a legal duty) is always "agreed".
    public func isAgreed(in agreement: Agreement, on day: Day) -> Bool {
        guard let condition = contractCondition else { return true }
        if let recorded = agreement.conditions {
            return recorded.agreed.contains(condition) && (recorded.since ?? agreement.period.start) <= day
        }
        return agreedDefaults.contains { rule in
            rule.conditions.contains(condition) && rule.types.contains(agreement.type) && agreement.period.start >= rule.from
                && agreement.period.start <= day
        }
    }

    /// The later day from which the agreement contains this rule's contract condition, when it
    /// does not yet on `day` but will within its term: conditions recorded from a later `since`, or
    /// the profile's defaults for an agreement that starts later. Nil when the condition is agreed
    /// on `day`, or not at all before the agreement ends.
    public func agreedLater(in agreement: Agreement, after day: Day) -> Day? {
        guard contractCondition != nil, !isAgreed(in: agreement, on: day) else { return nil }
        let from = agreement.conditions.map { $0.since ?? agreement.period.start } ?? agreement.period.start
        return from > day && from <= agreement.period.end && isAgreed(in: agreement, on: from) ? from : nil
    }

    func applies(to type: AgreementType, _ sector: Sector) -> Bool {
        applicabilityMask.types & (1 << type.ordinal) != 0 && applicabilityMask.sectors & (1 << sector.ordinal) != 0
    }

    /// Whether the rule is in force on `day`.
    public func isInForce(on day: Day) -> Bool {
        (effectiveFrom.map { $0 <= day } ?? true) && (effectiveUntil.map { day <= $0 } ?? true)
    }
}

/// An example that a rule must judge as stated: its documentation and its test.
public struct RuleExample: Sendable {
    public enum Subject: Sendable {
        case agreement(Agreement)
        case meldingen(MeldingenFigures)
    }

    public let expected: ResultStatus
    public let subject: Subject
    public let referenceDate: Day
    public let location: SourceLocation

    var evaluationSubject: EvaluationSubject {
        switch subject {
        case .agreement(let agreement): EvaluationSubject(agreement: agreement, referenceDate: referenceDate)
        case .meldingen(let figures): EvaluationSubject(meldingen: figures, referenceDate: referenceDate)
        }
    }
}
