import Foundation

/// What a rule judges: one agreement, or one contractor's meldingen from one source.
public enum RuleScope: String, Sendable, CaseIterable {
    case agreement
    /// Evaluated per contractor and source over the meldingen counts and expectations.
    case meldingen
}

/// What a condition is evaluated against, on a reference date.
struct EvaluationSubject: Sendable {
    let referenceDate: Day
    let scope: RuleScope
    /// For the agreement scope; a blank stand-in otherwise. Not optional, so a field read borrows
    /// it in place instead of copying the whole agreement (and retaining all its text).
    let agreement: Agreement
    let meldingen: MeldingenFigures?

    init(agreement: Agreement, referenceDate: Day) {
        self.referenceDate = referenceDate
        scope = .agreement
        self.agreement = agreement
        meldingen = nil
    }

    init(meldingen: MeldingenFigures, referenceDate: Day) {
        self.referenceDate = referenceDate
        scope = .meldingen
        agreement = Self.blank
        self.meldingen = meldingen
    }

    static let blank = Agreement(
        id: "", type: .contract, contractor: Contractor(kvk: KvKNumber(value: 0)!, name: ""), sector: .welzijn,
        period: DayInterval(start: Day(dayNumber: 0), end: Day(dayNumber: 0)))
}

/// A field a condition may name, with its type and how to read it. `read` returns `nil` when the
/// evidence was not supplied (the element or the attribute is absent).
struct FieldDefinition: Sendable {
    let field: EvidenceField
    let read: @Sendable (EvaluationSubject) -> ConditionValue?

    var path: String { field.path }

    /// The type conditions check the field against, from the evidence table.
    var type: ValueType {
        switch field.kind {
        case .boolean: .boolean
        case .number: .number
        case .date: .date
        case .text: .text
        case .sector: AgreementFields.sectorType
        case .agreementType: AgreementFields.agreementTypeType
        case .source: MeldingenFields.sourceType
        case .level: MeldingenFields.levelType
        }
    }
}

/// The fields the conditions of one scope may use, and the elements `is present` can ask about.
struct FieldCatalogue: Sendable {
    let fields: [String: FieldDefinition]
    let elements: [String: @Sendable (EvaluationSubject) -> Bool]

    static func of(_ scope: RuleScope) -> FieldCatalogue {
        switch scope {
        case .agreement: AgreementFields.catalogue
        case .meldingen: MeldingenFields.catalogue
        }
    }
}

/// The fields of an agreement: the register format's elements and attributes, by their XML names.
enum AgreementFields {
    static let sectorType = ValueType.enumeration(name: "sector", members: Sector.allCases.map(\.rawValue))
    static let agreementTypeType = ValueType.enumeration(
        name: "agreement type", members: AgreementType.allCases.map(\.rawValue))

    static let catalogue = FieldCatalogue(
        fields: Dictionary(uniqueKeysWithValues: definitions.map { ($0.path, $0) }),
        elements: elements.mapValues { present in { subject in subject.scope == .agreement && present(subject.agreement) } })

    /// Evidence elements, for `X is present` / `X is absent`.
    private static let elements: [String: @Sendable (Agreement) -> Bool] = [
        "amount": { $0.amount != nil },
        "caseload": { $0.caseload != nil },
        "meldcode": { $0.meldcode != nil },
        "kindcheck": { $0.kindcheck != nil },
        "verwijsindex": { $0.verwijsindex != nil },
        "aandachtsfunctionaris": { $0.aandachtsfunctionaris != nil },
        "keurmerk": { $0.keurmerk != nil },
        "kwaliteitskader": { $0.kwaliteitskader != nil },
        "training": { $0.training != nil },
        "expected-meldingen": { $0.expectedMeldingen != nil },
    ]

    private static func number(_ value: Int?) -> ConditionValue? { value.map { .number(Decimal($0)) } }
    private static func number(_ value: Decimal?) -> ConditionValue? { value.map { .number($0) } }
    private static func date(_ value: Day?) -> ConditionValue? { value.map { .date($0) } }
    private static func boolean(_ value: Bool?) -> ConditionValue? { value.map { .boolean($0) } }
    private static func text(_ value: String?) -> ConditionValue? { value.map { .text($0) } }

    private static func field(_ field: EvidenceField, _ read: @escaping @Sendable (Agreement) -> ConditionValue?) -> FieldDefinition {
        FieldDefinition(field: field) { subject in subject.scope == .agreement ? read(subject.agreement) : nil }
    }

    private static let definitions: [FieldDefinition] = [
        field(.id) { .text($0.id) },
        field(.type) { .text($0.type.rawValue) },
        field(.sector) { .text($0.sector.rawValue) },
        field(.contractorKvK) { .text($0.contractor.kvk.description) },
        field(.contractorName) { .text($0.contractor.name) },
        field(.periodStart) { .date($0.period.start) },
        field(.periodEnd) { .date($0.period.end) },
        field(.amount) { number($0.amount?.value) },
        field(.amountCurrency) { text($0.amount?.currency) },
        field(.caseloadChildren) { number($0.caseload?.children) },
        field(.caseloadAdults) { number($0.caseload?.adults) },
        field(.meldcodePresent) { boolean($0.meldcode?.present) },
        field(.meldcodeAdopted) { date($0.meldcode?.adopted) },
        field(.meldcodeAfwegingskader) { boolean($0.meldcode?.afwegingskader) },
        field(.meldcodeReviewed) { date($0.meldcode?.reviewed) },
        field(.kindcheckApplied) { boolean($0.kindcheck?.applied) },
        field(.verwijsindexConnected) { boolean($0.verwijsindex?.connected) },
        field(.aandachtsfunctionarisName) { text($0.aandachtsfunctionaris?.name) },
        field(.aandachtsfunctionarisHours) {
            number($0.aandachtsfunctionaris?.hoursPerWeek)
        },
        field(.aandachtsfunctionarisTrained) { boolean($0.aandachtsfunctionaris?.trained) },
        field(.aandachtsfunctionarisVerified) { date($0.aandachtsfunctionaris?.verified) },
        field(.keurmerkScheme) { text($0.keurmerk?.scheme) },
        field(.keurmerkValidUntil) { date($0.keurmerk?.validUntil) },
        field(.keurmerkIssued) { date($0.keurmerk?.issued) },
        field(.kwaliteitskaderScheme) { text($0.kwaliteitskader?.scheme) },
        field(.kwaliteitskaderCompliant) { boolean($0.kwaliteitskader?.compliant) },
        field(.kwaliteitskaderAssessed) { date($0.kwaliteitskader?.assessed) },
        field(.trainingStaff) { number($0.training?.staff) },
        field(.trainingTrained) { number($0.training?.trained) },
        field(.trainingIntervisie) { number($0.training?.intervisieSessions) },
        field(.trainingReported) { date($0.training?.reported) },
        field(.expectedVeiligThuis) { number($0.expectedMeldingen?.veiligThuis) },
        field(.expectedVerwijsindex) {
            number($0.expectedMeldingen?.verwijsindex)
        },
    ]
}

/// The fields of one contractor's meldingen from one source.
enum MeldingenFields {
    static let sourceType = ValueType.enumeration(name: "source", members: MeldingSource.allCases.map(\.rawValue))
    static let levelType = ValueType.enumeration(name: "level", members: FunnelModel.Level.allCases.map(\.rawValue))

    static let catalogue = FieldCatalogue(
        fields: Dictionary(uniqueKeysWithValues: definitions.map { ($0.path, $0) }),
        elements: [:])

    private static func field(_ field: EvidenceField, _ read: @escaping @Sendable (MeldingenFigures) -> ConditionValue?) -> FieldDefinition {
        FieldDefinition(field: field) { subject in subject.meldingen.flatMap(read) }
    }

    private static func number(_ value: Double?) -> ConditionValue? { value.map { .number(Decimal($0)) } }

    /// A count from floating point, to one decimal, as reports show counts.
    private static func rounded(_ value: Decimal) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, 1, .plain)
        return result
    }

    private static let definitions: [FieldDefinition] = [
        field(.meldingenSource) { .text($0.source.rawValue) },
        field(.meldingenExpected) { $0.expected.map { .number($0.count) } },
        field(.meldingenActual) { $0.actual.map { .number(Decimal($0)) } },
        field(.meldingenRatio) { $0.ratio.map { .number($0) } },
        field(.meldingenPValue) { number($0.pValue) },
        field(.meldingenPValueOfNone) { number($0.pValueOfNone) },
        field(.meldingenAdviesvragen) { $0.adviesvragen.map { .number(Decimal($0)) } },
        field(.meldingenConnected) { $0.connected.map { .boolean($0) } },
        field(.meldingenServesChildren) { .boolean($0.servesChildren) },
        field(.meldingenLevel) { $0.funnel.map { .text($0.level.rawValue) } },
        field(.meldingenZAdjusted) { number($0.funnel?.zAdjusted) },
        field(.meldingenLower95) { $0.funnel.map { .number(rounded(Decimal($0.limits.lower95 * $0.expected))) } },
        field(.meldingenLower998) { $0.funnel.map { .number(rounded(Decimal($0.limits.lower998 * $0.expected))) } },
        field(.meldingenContractorKvK) { .text($0.contractor.kvk.description) },
        field(.meldingenContractorName) { .text($0.contractor.name) },
    ]
}
