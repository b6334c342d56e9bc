/// Every field a rule may judge, in one table: the register format's evidence elements and their
/// attributes (formats.md §1), and the figures of the meldingen check.
///
/// The raw value is the field's path as conditions name it (`kwaliteitskader.compliant`). The
/// field catalogue takes its fields and types from here, the rule examples take the attributes
/// each element accepts from here, and tests hold `register.xsd` and the synthetic generator to
/// it; reports look up the field's words by this case. Adding a field means adding it here, and
/// the compiler then asks for its words in every language.
public enum EvidenceField: String, CaseIterable, Sendable, Codable {
    case id
    case type
    case sector
    case contractorKvK = "contractor.kvk"
    case contractorName = "contractor.name"
    case periodStart = "period.start"
    case periodEnd = "period.end"
    case amount
    case amountCurrency = "amount.currency"
    case caseloadChildren = "caseload.children"
    case caseloadAdults = "caseload.adults"
    case meldcodePresent = "meldcode.present"
    case meldcodeAdopted = "meldcode.adopted"
    case meldcodeAfwegingskader = "meldcode.afwegingskader"
    case meldcodeReviewed = "meldcode.reviewed"
    case kindcheckApplied = "kindcheck.applied"
    case verwijsindexConnected = "verwijsindex.connected"
    case aandachtsfunctionarisName = "aandachtsfunctionaris.name"
    case aandachtsfunctionarisHours = "aandachtsfunctionaris.hours-per-week"
    case aandachtsfunctionarisTrained = "aandachtsfunctionaris.trained"
    case aandachtsfunctionarisVerified = "aandachtsfunctionaris.verified"
    case keurmerkScheme = "keurmerk.scheme"
    case keurmerkValidUntil = "keurmerk.valid-until"
    case keurmerkIssued = "keurmerk.issued"
    case kwaliteitskaderScheme = "kwaliteitskader.scheme"
    case kwaliteitskaderCompliant = "kwaliteitskader.compliant"
    case kwaliteitskaderAssessed = "kwaliteitskader.assessed"
    case trainingStaff = "training.staff"
    case trainingTrained = "training.trained"
    case trainingIntervisie = "training.intervisie-sessions"
    case trainingReported = "training.reported"
    case expectedVeiligThuis = "expected-meldingen.veilig-thuis"
    case expectedVerwijsindex = "expected-meldingen.verwijsindex"

    case meldingenSource = "meldingen.source"
    case meldingenExpected = "meldingen.expected"
    case meldingenActual = "meldingen.actual"
    case meldingenRatio = "meldingen.ratio"
    case meldingenPValue = "meldingen.p-value"
    case meldingenPValueOfNone = "meldingen.p-value-of-none"
    case meldingenAdviesvragen = "meldingen.adviesvragen"
    case meldingenLevel = "meldingen.level"
    case meldingenConnected = "meldingen.connected"
    case meldingenServesChildren = "meldingen.serves-children"
    case meldingenZAdjusted = "meldingen.z-adjusted"
    case meldingenLower95 = "meldingen.alert-limit"
    case meldingenLower998 = "meldingen.alarm-limit"
    case meldingenContractorKvK = "meldingen.contractor.kvk"
    case meldingenContractorName = "meldingen.contractor.name"

    /// The kind of value the field holds.
    public enum Kind: Sendable {
        case boolean, number, date, text, sector, agreementType, source, level
    }

    public var path: String {
        switch self {
        // In the meldingen scope the contractor is named as in the agreement scope.
        case .meldingenContractorKvK: "contractor.kvk"
        case .meldingenContractorName: "contractor.name"
        default: rawValue
        }
    }

    public var scope: RuleScope {
        switch self {
        case .meldingenSource, .meldingenExpected, .meldingenActual, .meldingenRatio, .meldingenPValue,
             .meldingenPValueOfNone, .meldingenAdviesvragen, .meldingenContractorKvK, .meldingenContractorName,
             .meldingenLevel, .meldingenZAdjusted, .meldingenLower95, .meldingenLower998, .meldingenConnected,
             .meldingenServesChildren:
            .meldingen
        default: .agreement
        }
    }

    public var kind: Kind {
        switch self {
        case .id, .contractorKvK, .contractorName, .amountCurrency, .aandachtsfunctionarisName, .keurmerkScheme,
             .kwaliteitskaderScheme, .meldingenContractorKvK, .meldingenContractorName:
            .text
        case .type: .agreementType
        case .sector: .sector
        case .meldingenSource: .source
        case .meldingenLevel: .level
        case .periodStart, .periodEnd, .meldcodeAdopted, .meldcodeReviewed, .aandachtsfunctionarisVerified,
             .keurmerkValidUntil, .keurmerkIssued, .kwaliteitskaderAssessed, .trainingReported:
            .date
        case .meldcodePresent, .meldcodeAfwegingskader, .kindcheckApplied, .verwijsindexConnected,
             .aandachtsfunctionarisTrained, .kwaliteitskaderCompliant, .meldingenConnected, .meldingenServesChildren:
            .boolean
        case .amount, .caseloadChildren, .caseloadAdults, .aandachtsfunctionarisHours, .trainingStaff, .trainingTrained,
             .trainingIntervisie, .expectedVeiligThuis, .expectedVerwijsindex, .meldingenExpected, .meldingenActual,
             .meldingenRatio, .meldingenPValue, .meldingenPValueOfNone, .meldingenAdviesvragen, .meldingenZAdjusted,
             .meldingenLower95, .meldingenLower998:
            .number
        }
    }

    /// The register element that carries an evidence attribute, and the attribute's name; nil for
    /// what is not an evidence attribute of an agreement (the agreement's own attributes, the
    /// meldingen figures). `amount` is the element's text.
    public var evidence: (element: String, attribute: String, required: Bool)? {
        guard scope == .agreement else { return nil }
        switch self {
        case .id, .type, .sector, .contractorKvK, .contractorName, .periodStart, .periodEnd, .amount, .amountCurrency:
            return nil
        default:
            let parts = rawValue.split(separator: ".", maxSplits: 1).map(String.init)
            return (parts[0], parts[1], Self.requiredAttributes.contains(self))
        }
    }

    /// Attributes an element cannot be given without (`use="required"` in `register.xsd`).
    static let requiredAttributes: Set<EvidenceField> = [
        .meldcodePresent, .kindcheckApplied, .verwijsindexConnected, .keurmerkScheme, .keurmerkValidUntil,
        .kwaliteitskaderScheme, .kwaliteitskaderCompliant, .trainingStaff, .trainingTrained,
    ]

    /// The evidence elements in the register's order, each with its attributes (worked out once:
    /// every rule example's every element reads it).
    public static let evidenceElements: [(element: String, attributes: [(name: String, required: Bool)])] = {
        var result: [(element: String, attributes: [(name: String, required: Bool)])] = []
        for field in allCases {
            guard let evidence = field.evidence else { continue }
            if result.last?.element == evidence.element {
                result[result.count - 1].attributes.append((evidence.attribute, evidence.required))
            } else {
                result.append((evidence.element, [(evidence.attribute, evidence.required)]))
            }
        }
        return result
    }()

    /// The field a condition names by `path` in `scope`.
    public static func named(_ path: String, in scope: RuleScope) -> EvidenceField? {
        allCases.first { $0.scope == scope && $0.path == path }
    }
}
