import Foundation

// The evidence an agreement may carry for each condition of the Handreiking. An absent element
// (a `nil` evidence on `Agreement`) means "no evidence supplied", which rules report as missing
// evidence, never as a pass. Inside an element, an absent optional attribute is `nil` likewise.

/// Whether the organisation has a meldcode huiselijk geweld en kindermishandeling.
public struct MeldcodeEvidence: Hashable, Sendable {
    public var present: Bool
    public var adopted: Day?
    /// Whether the meldcode contains the 2019 afwegingskader.
    public var afwegingskader: Bool?
    public var reviewed: Day?

    public init(present: Bool, adopted: Day? = nil, afwegingskader: Bool? = nil, reviewed: Day? = nil) {
        self.present = present
        self.adopted = adopted
        self.afwegingskader = afwegingskader
        self.reviewed = reviewed
    }
}

/// Whether professionals who serve adults check on the children in their care.
public struct KindcheckEvidence: Hashable, Sendable {
    public var applied: Bool
    public init(applied: Bool) { self.applied = applied }
}

/// Whether the organisation is connected to, and signals in, the Verwijsindex risicojongeren.
public struct VerwijsindexEvidence: Hashable, Sendable {
    public var connected: Bool
    public init(connected: Bool) { self.connected = connected }
}

/// The aandachtsfunctionaris and the last check that the function actually works.
public struct AandachtsfunctionarisEvidence: Hashable, Sendable {
    public var name: String?
    public var hoursPerWeek: Decimal?
    public var trained: Bool?
    public var verified: Day?

    public init(name: String? = nil, hoursPerWeek: Decimal? = nil, trained: Bool? = nil, verified: Day? = nil) {
        self.name = name
        self.hoursPerWeek = hoursPerWeek
        self.trained = trained
        self.verified = verified
    }
}

/// A quality mark such as the Keurmerk Meldcode of the LVAK (Landelijke Vakgroep
/// Aandachtsfunctionarissen Kindermishandeling), valid for two years from issue.
public struct KeurmerkEvidence: Hashable, Sendable {
    public var scheme: String
    public var validUntil: Day
    public var issued: Day?

    public init(scheme: String, validUntil: Day, issued: Day? = nil) {
        self.scheme = scheme
        self.validUntil = validUntil
        self.issued = issued
    }
}

/// A quality framework such as the Rouvoet kwaliteitskader voorkomen seksueel misbruik.
public struct KwaliteitskaderEvidence: Hashable, Sendable {
    public var scheme: String
    public var compliant: Bool
    public var assessed: Day?

    public init(scheme: String, compliant: Bool, assessed: Day? = nil) {
        self.scheme = scheme
        self.compliant = compliant
        self.assessed = assessed
    }
}

/// The yearly account of training and intervisie.
public struct TrainingEvidence: Hashable, Sendable {
    public var staff: Int
    public var trained: Int
    public var intervisieSessions: Int?
    public var reported: Day?

    public init(staff: Int, trained: Int, intervisieSessions: Int? = nil, reported: Day? = nil) {
        self.staff = staff
        self.trained = trained
        self.intervisieSessions = intervisieSessions
        self.reported = reported
    }
}

/// Distinct clients per year: the basis for a modelled expectation of meldingen.
public struct Caseload: Hashable, Sendable {
    public var children: Int?
    public var adults: Int?

    public init(children: Int? = nil, adults: Int? = nil) {
        self.children = children
        self.adults = adults
    }
}

/// The number of meldingen and signals agreed in advance for one year.
public struct ExpectedMeldingen: Hashable, Sendable {
    public var veiligThuis: Int?
    public var verwijsindex: Int?

    public init(veiligThuis: Int? = nil, verwijsindex: Int? = nil) {
        self.veiligThuis = veiligThuis
        self.verwijsindex = verwijsindex
    }

    public func expected(from source: MeldingSource) -> Int? {
        switch source {
        case .veiligThuis: veiligThuis
        case .verwijsindex: verwijsindex
        }
    }
}

/// An amount of money; decimal, never floating point.
public struct Money: Hashable, Sendable {
    public var value: Decimal
    /// ISO 4217 code.
    public var currency: String

    public init(value: Decimal, currency: String = "EUR") {
        self.value = value
        self.currency = currency
    }
}

/// A condition the municipality may write into a contract or beschikking (Handreiking ch. 2,
/// 10 van Noord actions 4 and 5), as `conditions/@agreed` lists it.
public enum ContractCondition: String, CaseIterable, Hashable, Sendable, Codable {
    case meldcode, kindcheck, verwijsindex, aandachtsfunctionaris, keurmerk, kwaliteitskader, training, meldingen
}

/// Which contract conditions an agreement contains, and from when (`conditions`).
public struct AgreedConditions: Hashable, Sendable {
    public var agreed: Set<ContractCondition>
    /// From when they apply; the agreement's start when nil.
    public var since: Day?

    public init(agreed: Set<ContractCondition>, since: Day? = nil) {
        self.agreed = agreed
        self.since = since
    }
}
