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
    let path: String
    let type: ValueType
    let read: @Sendable (EvaluationSubject) -> ConditionValue?
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

    private static func field(_ path: String, _ type: ValueType, _ read: @escaping @Sendable (Agreement) -> ConditionValue?) -> FieldDefinition {
        FieldDefinition(path: path, type: type) { subject in subject.scope == .agreement ? read(subject.agreement) : nil }
    }

    private static let definitions: [FieldDefinition] = [
        field("id", .text) { .text($0.id) },
        field("type", agreementTypeType) { .text($0.type.rawValue) },
        field("sector", sectorType) { .text($0.sector.rawValue) },
        field("contractor.kvk", .text) { .text($0.contractor.kvk.description) },
        field("contractor.name", .text) { .text($0.contractor.name) },
        field("period.start", .date) { .date($0.period.start) },
        field("period.end", .date) { .date($0.period.end) },
        field("amount", .number) { number($0.amount?.value) },
        field("amount.currency", .text) { text($0.amount?.currency) },
        field("caseload.children", .number) { number($0.caseload?.children) },
        field("caseload.adults", .number) { number($0.caseload?.adults) },
        field("meldcode.present", .boolean) { boolean($0.meldcode?.present) },
        field("meldcode.adopted", .date) { date($0.meldcode?.adopted) },
        field("meldcode.afwegingskader", .boolean) { boolean($0.meldcode?.afwegingskader) },
        field("meldcode.reviewed", .date) { date($0.meldcode?.reviewed) },
        field("kindcheck.applied", .boolean) { boolean($0.kindcheck?.applied) },
        field("verwijsindex.connected", .boolean) { boolean($0.verwijsindex?.connected) },
        field("aandachtsfunctionaris.name", .text) { text($0.aandachtsfunctionaris?.name) },
        field("aandachtsfunctionaris.hours-per-week", .number) {
            number($0.aandachtsfunctionaris?.hoursPerWeek)
        },
        field("aandachtsfunctionaris.trained", .boolean) { boolean($0.aandachtsfunctionaris?.trained) },
        field("aandachtsfunctionaris.verified", .date) { date($0.aandachtsfunctionaris?.verified) },
        field("keurmerk.scheme", .text) { text($0.keurmerk?.scheme) },
        field("keurmerk.valid-until", .date) { date($0.keurmerk?.validUntil) },
        field("kwaliteitskader.scheme", .text) { text($0.kwaliteitskader?.scheme) },
        field("kwaliteitskader.compliant", .boolean) { boolean($0.kwaliteitskader?.compliant) },
        field("kwaliteitskader.assessed", .date) { date($0.kwaliteitskader?.assessed) },
        field("training.staff", .number) { number($0.training?.staff) },
        field("training.trained", .number) { number($0.training?.trained) },
        field("training.intervisie-sessions", .number) { number($0.training?.intervisieSessions) },
        field("training.reported", .date) { date($0.training?.reported) },
        field("expected-meldingen.veilig-thuis", .number) { number($0.expectedMeldingen?.veiligThuis) },
        field("expected-meldingen.verwijsindex", .number) {
            number($0.expectedMeldingen?.verwijsindex)
        },
    ]
}

/// The fields of one contractor's meldingen from one source.
enum MeldingenFields {
    static let sourceType = ValueType.enumeration(name: "source", members: MeldingSource.allCases.map(\.rawValue))

    static let catalogue = FieldCatalogue(
        fields: Dictionary(uniqueKeysWithValues: definitions.map { ($0.path, $0) }),
        elements: [:])

    private static func field(_ path: String, _ type: ValueType, _ read: @escaping @Sendable (MeldingenFigures) -> ConditionValue?) -> FieldDefinition {
        FieldDefinition(path: path, type: type) { subject in subject.meldingen.flatMap(read) }
    }

    private static func number(_ value: Double?) -> ConditionValue? { value.map { .number(Decimal($0)) } }

    private static let definitions: [FieldDefinition] = [
        field("meldingen.source", sourceType) { .text($0.source.rawValue) },
        field("meldingen.expected", .number) { $0.expected.map { .number($0.count) } },
        field("meldingen.actual", .number) { $0.actual.map { .number(Decimal($0)) } },
        field("meldingen.ratio", .number) { $0.ratio.map { .number($0) } },
        field("meldingen.p-value", .number) { number($0.pValue) },
        field("meldingen.p-value-of-none", .number) { number($0.pValueOfNone) },
        field("meldingen.adviesvragen", .number) { $0.adviesvragen.map { .number(Decimal($0)) } },
        field("contractor.kvk", .text) { .text($0.contractor.kvk.description) },
        field("contractor.name", .text) { .text($0.contractor.name) },
    ]
}
