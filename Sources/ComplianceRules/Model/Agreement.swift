/// The organisation holding an agreement. One contractor may hold several agreements.
public struct Contractor: Hashable, Sendable {
    public var kvk: KvKNumber
    public var name: String

    public init(kvk: KvKNumber, name: String) {
        self.kvk = kvk
        self.name = name
    }
}

/// A contract (inkoop) or subsidy with an organisation that works with children or parents,
/// with the evidence supplied for each condition.
public struct Agreement: Hashable, Sendable, Identifiable {
    public var id: String
    public var type: AgreementType
    public var contractor: Contractor
    public var sector: Sector
    public var period: DayInterval
    public var amount: Money?
    public var caseload: Caseload?
    public var meldcode: MeldcodeEvidence?
    public var kindcheck: KindcheckEvidence?
    public var verwijsindex: VerwijsindexEvidence?
    public var aandachtsfunctionaris: AandachtsfunctionarisEvidence?
    public var keurmerk: KeurmerkEvidence?
    public var kwaliteitskader: KwaliteitskaderEvidence?
    public var training: TrainingEvidence?
    public var expectedMeldingen: ExpectedMeldingen?
    /// The contract conditions written into it; nil when the register does not record them (the
    /// profile's `agreed-conditions` then decide).
    public var conditions: AgreedConditions?
    /// Where the agreement starts in the register file, so findings can point at it.
    public var location: SourceLocation?
    /// Where its `conditions` are written, so a warning about them can point there.
    public var conditionsLocation: SourceLocation?
    /// The municipality whose register holds it (`register/@municipality`); nil outside a register.
    public var municipality: String?

    public init(
        id: String,
        type: AgreementType,
        contractor: Contractor,
        sector: Sector,
        period: DayInterval,
        amount: Money? = nil,
        caseload: Caseload? = nil,
        meldcode: MeldcodeEvidence? = nil,
        kindcheck: KindcheckEvidence? = nil,
        verwijsindex: VerwijsindexEvidence? = nil,
        aandachtsfunctionaris: AandachtsfunctionarisEvidence? = nil,
        keurmerk: KeurmerkEvidence? = nil,
        kwaliteitskader: KwaliteitskaderEvidence? = nil,
        training: TrainingEvidence? = nil,
        expectedMeldingen: ExpectedMeldingen? = nil,
        conditions: AgreedConditions? = nil,
        location: SourceLocation? = nil,
        conditionsLocation: SourceLocation? = nil,
        municipality: String? = nil
    ) {
        self.id = id
        self.type = type
        self.contractor = contractor
        self.sector = sector
        self.period = period
        self.amount = amount
        self.caseload = caseload
        self.meldcode = meldcode
        self.kindcheck = kindcheck
        self.verwijsindex = verwijsindex
        self.aandachtsfunctionaris = aandachtsfunctionaris
        self.keurmerk = keurmerk
        self.kwaliteitskader = kwaliteitskader
        self.training = training
        self.expectedMeldingen = expectedMeldingen
        self.conditions = conditions
        self.location = location
        self.conditionsLocation = conditionsLocation
        self.municipality = municipality
    }

    /// The day `conditions/@since` names when it is after the agreement's end: the agreement then
    /// never contains its conditions, so they count as not agreed. The format sets no bound on the
    /// date; such a day is most likely a slip, which the audit and `validate` warn about.
    public var conditionsStartAfterEnd: Day? {
        guard let since = conditions?.since, since > period.end else { return nil }
        return since
    }
}

/// A municipality's register of agreements, judged against its reference date (peildatum).
public struct Register: Hashable, Sendable {
    public var municipality: String
    public var referenceDate: Day
    public var agreements: [Agreement]

    public init(municipality: String, referenceDate: Day, agreements: [Agreement]) {
        self.municipality = municipality
        self.referenceDate = referenceDate
        self.agreements = agreements
    }

    /// Every contractor once, in the order of their first agreement.
    public var contractors: [Contractor] {
        var seen = Set<KvKNumber>()
        return agreements.map(\.contractor).filter { seen.insert($0.kvk).inserted }
    }
}
