import Foundation

/// How an expectation of meldingen came about, for one agreement.
public struct ExpectationComponent: Sendable, Hashable {
    public enum Basis: Sendable, Hashable {
        /// Agreed in the register (`expected-meldingen`), per year.
        case agreed(perYear: Int)
        /// Modelled from the caseload: children a year × a rate per 1,000 children for the sector.
        case modelled(children: Int, ratePerThousand: Decimal)
    }

    public let agreementID: String
    public let basis: Basis
    /// The share of a year of the audit period that the agreement covers (1 for a whole year).
    public let yearFraction: Decimal
    public let count: Decimal

    public init(agreementID: String, basis: Basis, yearFraction: Decimal, count: Decimal) {
        self.agreementID = agreementID
        self.basis = basis
        self.yearFraction = yearFraction
        self.count = count
    }
}

/// What is expected from a contractor for one source, and on what basis.
public struct Expectation: Sendable, Hashable {
    public let count: Decimal
    public let components: [ExpectationComponent]
    /// Agreements without an agreed number and without a known rate for their sector.
    public let agreementsWithoutExpectation: [String]

    public init(count: Decimal, components: [ExpectationComponent], agreementsWithoutExpectation: [String]) {
        self.count = count
        self.components = components
        self.agreementsWithoutExpectation = agreementsWithoutExpectation
    }

    /// Whether the expectation was agreed, modelled from rates, or partly each.
    public enum Kind: String, Sendable, CaseIterable, Codable { case agreed, modelled, mixed }

    public var kind: Kind {
        let agreed = components.filter { if case .agreed = $0.basis { true } else { false } }.count
        return agreed == components.count ? .agreed : agreed == 0 ? .modelled : .mixed
    }
}

/// A contractor's meldingen from one source: what was expected, what was counted.
public struct MeldingenFigures: Sendable, Hashable {
    public let contractor: Contractor
    public let source: MeldingSource
    /// `nil`: nothing agreed and no modelled rate for the sector, so nothing to judge against.
    public let expected: Expectation?
    /// `nil`: no export for this source was supplied ("geen gegevens"), which is not zero.
    public let actual: Int?
    /// Adviesvragen from the contractor, counted apart (Veilig Thuis only).
    public let adviesvragen: Int?
    /// Where the contractor lies in the source's funnel plot; nil without an expectation or an export.
    public var funnel: FunnelModel.Point?
    /// Whether the contractor is connected to the verwijsindex (any agreement saying so); nil
    /// without evidence.
    public var connected: Bool?
    /// Whether the contractor works with children: an agreement in a sector that does (education,
    /// childcare, youth care and protection, youth health care, local teams, welfare, justice).
    public var servesChildren = false

    public init(contractor: Contractor, source: MeldingSource, expected: Expectation?, actual: Int?, adviesvragen: Int? = nil) {
        self.contractor = contractor
        self.source = source
        self.expected = expected
        self.actual = actual
        self.adviesvragen = adviesvragen
    }

    /// actual ÷ expected, when both are known and something was expected.
    public var ratio: Decimal? {
        guard let actual, let expected, expected.count > 0 else { return nil }
        return Decimal(actual) / expected.count
    }

    /// P(X ≤ actual) when `expected` were expected: how likely so few meldingen are by chance.
    public var pValue: Double? {
        guard let actual, let expected else { return nil }
        return Poisson.lowerTail(actual, mean: NSDecimalNumber(decimal: expected.count).doubleValue)
    }

    /// P(X = 0): below the significance level only if a total absence of meldingen would be
    /// significant; otherwise too little is expected for any shortfall to mean anything.
    public var pValueOfNone: Double? {
        expected.map { exp(-NSDecimalNumber(decimal: $0.count).doubleValue) }
    }
}
