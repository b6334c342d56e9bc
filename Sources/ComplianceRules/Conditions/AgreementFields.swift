import Foundation

/// What a condition is evaluated against: one agreement on a reference date.
struct EvaluationSubject: Sendable {
    let agreement: Agreement
    let referenceDate: Day
}

/// A field a condition may name, with its type and how to read it. `read` returns `nil` when the
/// evidence was not supplied (the element or the attribute is absent).
struct FieldDefinition: Sendable {
    let path: String
    let type: ValueType
    let read: @Sendable (Agreement) -> ConditionValue?
}

/// The fields of an agreement that conditions may use: the register format's elements and
/// attributes, by the names they have in the XML.
enum AgreementFields {
    static let sectorType = ValueType.enumeration(name: "sector", members: Sector.allCases.map(\.rawValue))
    static let agreementTypeType = ValueType.enumeration(
        name: "agreement type", members: AgreementType.allCases.map(\.rawValue))

    static let all: [String: FieldDefinition] = Dictionary(uniqueKeysWithValues: definitions.map { ($0.path, $0) })

    /// Evidence elements, for `X is present` / `X is absent`.
    static let elements: [String: @Sendable (Agreement) -> Bool] = [
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

    private static let definitions: [FieldDefinition] = [
        FieldDefinition(path: "id", type: .text) { .text($0.id) },
        FieldDefinition(path: "type", type: agreementTypeType) { .text($0.type.rawValue) },
        FieldDefinition(path: "sector", type: sectorType) { .text($0.sector.rawValue) },
        FieldDefinition(path: "contractor.kvk", type: .text) { .text($0.contractor.kvk.description) },
        FieldDefinition(path: "contractor.name", type: .text) { .text($0.contractor.name) },
        FieldDefinition(path: "period.start", type: .date) { .date($0.period.start) },
        FieldDefinition(path: "period.end", type: .date) { .date($0.period.end) },
        FieldDefinition(path: "amount", type: .number) { number($0.amount?.value) },
        FieldDefinition(path: "amount.currency", type: .text) { text($0.amount?.currency) },
        FieldDefinition(path: "caseload.children", type: .number) { number($0.caseload?.children) },
        FieldDefinition(path: "caseload.adults", type: .number) { number($0.caseload?.adults) },
        FieldDefinition(path: "meldcode.present", type: .boolean) { boolean($0.meldcode?.present) },
        FieldDefinition(path: "meldcode.adopted", type: .date) { date($0.meldcode?.adopted) },
        FieldDefinition(path: "meldcode.afwegingskader", type: .boolean) { boolean($0.meldcode?.afwegingskader) },
        FieldDefinition(path: "meldcode.reviewed", type: .date) { date($0.meldcode?.reviewed) },
        FieldDefinition(path: "kindcheck.applied", type: .boolean) { boolean($0.kindcheck?.applied) },
        FieldDefinition(path: "verwijsindex.connected", type: .boolean) { boolean($0.verwijsindex?.connected) },
        FieldDefinition(path: "aandachtsfunctionaris.name", type: .text) { text($0.aandachtsfunctionaris?.name) },
        FieldDefinition(path: "aandachtsfunctionaris.hours-per-week", type: .number) {
            number($0.aandachtsfunctionaris?.hoursPerWeek)
        },
        FieldDefinition(path: "aandachtsfunctionaris.trained", type: .boolean) { boolean($0.aandachtsfunctionaris?.trained) },
        FieldDefinition(path: "aandachtsfunctionaris.verified", type: .date) { date($0.aandachtsfunctionaris?.verified) },
        FieldDefinition(path: "keurmerk.scheme", type: .text) { text($0.keurmerk?.scheme) },
        FieldDefinition(path: "keurmerk.valid-until", type: .date) { date($0.keurmerk?.validUntil) },
        FieldDefinition(path: "kwaliteitskader.scheme", type: .text) { text($0.kwaliteitskader?.scheme) },
        FieldDefinition(path: "kwaliteitskader.compliant", type: .boolean) { boolean($0.kwaliteitskader?.compliant) },
        FieldDefinition(path: "kwaliteitskader.assessed", type: .date) { date($0.kwaliteitskader?.assessed) },
        FieldDefinition(path: "training.staff", type: .number) { number($0.training?.staff) },
        FieldDefinition(path: "training.trained", type: .number) { number($0.training?.trained) },
        FieldDefinition(path: "training.intervisie-sessions", type: .number) { number($0.training?.intervisieSessions) },
        FieldDefinition(path: "training.reported", type: .date) { date($0.training?.reported) },
        FieldDefinition(path: "expected-meldingen.veilig-thuis", type: .number) { number($0.expectedMeldingen?.veiligThuis) },
        FieldDefinition(path: "expected-meldingen.verwijsindex", type: .number) {
            number($0.expectedMeldingen?.verwijsindex)
        },
    ]
}
