import ComplianceRules
import Foundation

/// One column of the register workbook's sheet "Overeenkomsten": a field of the register format
/// (formats.md §1) with its Dutch header, the group it belongs to, and one line that explains it.
///
/// The columns are the agreement fields of `EvidenceField` in its order, then one column per
/// contract condition and the date they apply from. The template, its "Toelichting" sheet, the
/// reader and the writer all take the columns from here, and a test holds `docs/FORMATS.md` to it.
public struct RegisterColumn: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case text, kvk, date, yesNo, wholeNumber, decimal, sector, agreementType
    }

    public enum Source: Sendable, Hashable {
        case field(EvidenceField)
        case condition(ContractCondition)
        case conditionsSince
    }

    public let source: Source
    public let header: String
    public let group: String
    public let kind: Kind
    /// Whether an agreement cannot be without it (formats.md's "yes").
    public let required: Bool
    /// One line for the sheet Toelichting: what the column holds and, unless it is required, what an
    /// empty cell means.
    public let explanation: String
    /// The register element and attribute (nil: the element's text) it is written to.
    public let element: String
    public let attribute: String?

    public static let all: [RegisterColumn] = EvidenceField.allCases.compactMap(column(for:))
        + ContractCondition.allCases.map(column(for:))
        + [RegisterColumn(source: .conditionsSince, header: "Voorwaarden sinds", group: "Voorwaarden", kind: .date,
                          required: false, explanation: "De datum waarop de voorwaarden ingaan; leeg: de begindatum.",
                          element: "conditions", attribute: "since")]

    /// The column a header names: its exact words, or the same words in other capitals.
    public static func named(_ header: String) -> RegisterColumn? {
        let wanted = header.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return all.first { $0.header.lowercased() == wanted }
    }

    /// The column of an element's attribute (nil: its text).
    public static func of(element: String, attribute: String?) -> RegisterColumn? {
        all.first { $0.element == element && $0.attribute == attribute }
    }

    /// The values allowed, for a drop-down list: sectors, types, ja/nee.
    public var choices: [String]? {
        switch kind {
        case .sector: Sector.allCases.map(\.rawValue)
        case .agreementType: AgreementType.allCases.map(Self.dutchWord)
        case .yesNo: ["ja", "nee"]
        default: nil
        }
    }

    /// The word a workbook uses for an agreement type: inkoop or subsidie (the XML's `contract`
    /// and `subsidy` are read too).
    public static func dutchWord(_ type: AgreementType) -> String {
        switch type {
        case .contract: "inkoop"
        case .subsidy: "subsidie"
        }
    }

    private static func column(for condition: ContractCondition) -> RegisterColumn {
        let subject: String = switch condition {
        case .meldcode: "een meldcode die wordt gebruikt"
        case .kindcheck: "de kindcheck"
        case .verwijsindex: "aansluiting op en signaleren in de verwijsindex"
        case .aandachtsfunctionaris: "een werkende aandachtsfunctionaris"
        case .keurmerk: "het LVAK Keurmerk Meldcode"
        case .kwaliteitskader: "het Rouvoet-kwaliteitskader"
        case .training: "jaarlijkse verantwoording over scholing en intervisie"
        case .meldingen: "een vooraf afgesproken aantal meldingen"
        }
        return RegisterColumn(
            source: .condition(condition), header: "Voorwaarde \(condition.rawValue)", group: "Voorwaarden",
            kind: .yesNo, required: false,
            explanation: "ja als de overeenkomst de voorwaarde \(subject) bevat; nee of leeg als niet. "
                + "Zijn alle voorwaarden leeg, dan zijn de voorwaarden niet vastgelegd.",
            element: "conditions", attribute: nil)
    }

    // The exhaustive switch makes a new field in the register format a compile error here until
    // it has its column.
    private static func column(for field: EvidenceField) -> RegisterColumn? {
        func make(_ header: String, _ group: String, _ kind: Kind, _ explanation: String, required: Bool = false,
                  _ element: String, _ attribute: String?) -> RegisterColumn {
            RegisterColumn(source: .field(field), header: header, group: group, kind: kind, required: required,
                           explanation: explanation, element: element, attribute: attribute)
        }
        func evidence(_ header: String, _ group: String, _ kind: Kind, _ explanation: String) -> RegisterColumn? {
            guard let place = field.evidence else { return nil }
            // An empty evidence cell is evidence not supplied, never "nee".
            return make(header, group, kind, explanation + " Leeg: niet aangeleverd.", required: false, place.element,
                        place.attribute)
        }
        switch field {
        case .id:
            return make("Kenmerk", "Overeenkomst", .text, "Het kenmerk van de overeenkomst; uniek in het register.",
                        required: true, "agreement", "id")
        case .type:
            return make("Soort", "Overeenkomst", .agreementType, "inkoop (een contract) of subsidie (een beschikking).",
                        required: true, "agreement", "type")
        case .contractorKvK:
            return make("KvK-nummer", "Opdrachtnemer", .kvk, "Het KvK-nummer van de organisatie: precies 8 cijfers, als tekst.",
                        required: true, "contractor", "kvk")
        case .contractorName:
            return make("Naam opdrachtnemer", "Opdrachtnemer", .text, "De naam van de organisatie.",
                        required: true, "contractor", "name")
        case .sector:
            return make("Sector", "Overeenkomst", .sector, "De sector van de organisatie, uit de keuzelijst.",
                        required: true, "sector", nil)
        case .periodStart:
            return make("Begindatum", "Looptijd", .date, "De eerste dag van de overeenkomst.", required: true, "period", "start")
        case .periodEnd:
            return make("Einddatum", "Looptijd", .date, "De laatste dag van de overeenkomst; niet voor de begindatum.",
                        required: true, "period", "end")
        case .amount:
            return make("Bedrag", "Bedrag", .decimal, "Het bedrag van de overeenkomst. Leeg: niet aangeleverd.", "amount", nil)
        case .amountCurrency:
            return make("Valuta", "Bedrag", .text, "De valuta van het bedrag, drie letters; leeg: EUR.", "amount", "currency")
        case .caseloadChildren:
            return evidence("Kinderen per jaar", "Cliënten", .wholeNumber,
                            "Het aantal verschillende kinderen dat de organisatie per jaar helpt.")
        case .caseloadAdults:
            return evidence("Volwassenen per jaar", "Cliënten", .wholeNumber,
                            "Het aantal verschillende volwassenen dat de organisatie per jaar helpt.")
        case .meldcodePresent:
            return evidence("Meldcode aanwezig", "Meldcode", .yesNo,
                            "ja als de organisatie een meldcode huiselijk geweld en kindermishandeling heeft.")
        case .meldcodeAdopted:
            return evidence("Meldcode vastgesteld", "Meldcode", .date, "De datum waarop de meldcode is vastgesteld.")
        case .meldcodeAfwegingskader:
            return evidence("Meldcode met afwegingskader", "Meldcode", .yesNo,
                            "ja als de meldcode het afwegingskader van 2019 bevat.")
        case .meldcodeReviewed:
            return evidence("Meldcode herzien", "Meldcode", .date, "De datum van de laatste herziening van de meldcode.")
        case .kindcheckApplied:
            return evidence("Kindcheck toegepast", "Kindcheck", .yesNo, "ja als de organisatie de kindcheck toepast.")
        case .verwijsindexConnected:
            return evidence("Aangesloten op verwijsindex", "Verwijsindex", .yesNo,
                            "ja als de organisatie is aangesloten op de verwijsindex risicojongeren en erin signaleert.")
        case .aandachtsfunctionarisName:
            return evidence("Aandachtsfunctionaris", "Aandachtsfunctionaris", .text, "De naam van de aandachtsfunctionaris.")
        case .aandachtsfunctionarisHours:
            return evidence("Aandachtsfunctionaris uren per week", "Aandachtsfunctionaris", .decimal,
                            "Het aantal uren per week voor de functie, zoals 8 of 2,5.")
        case .aandachtsfunctionarisTrained:
            return evidence("Aandachtsfunctionaris geschoold", "Aandachtsfunctionaris", .yesNo,
                            "ja als de aandachtsfunctionaris voor de functie is geschoold.")
        case .aandachtsfunctionarisVerified:
            return evidence("Aandachtsfunctionaris gecontroleerd", "Aandachtsfunctionaris", .date,
                            "De datum van de laatste controle dat de functie echt werkt.")
        case .keurmerkScheme:
            return evidence("Keurmerk", "Keurmerk", .text, "Het keurmerk, zoals LVAK (Keurmerk Meldcode).")
        case .keurmerkValidUntil:
            return evidence("Keurmerk geldig tot", "Keurmerk", .date, "De laatste dag waarop het keurmerk geldt.")
        case .keurmerkIssued:
            return evidence("Keurmerk toegekend", "Keurmerk", .date, "De datum waarop het keurmerk is toegekend.")
        case .kwaliteitskaderScheme:
            return evidence("Kwaliteitskader", "Kwaliteitskader", .text,
                            "Het kwaliteitskader, zoals rouvoet (Voorkomen seksueel misbruik).")
        case .kwaliteitskaderCompliant:
            return evidence("Kwaliteitskader conform", "Kwaliteitskader", .yesNo,
                            "ja als de organisatie aan het kwaliteitskader voldoet.")
        case .kwaliteitskaderAssessed:
            return evidence("Kwaliteitskader getoetst", "Kwaliteitskader", .date, "De datum van de toetsing.")
        case .trainingStaff:
            return evidence("Medewerkers", "Scholing", .wholeNumber, "Het aantal medewerkers dat scholing nodig heeft.")
        case .trainingTrained:
            return evidence("Geschoold", "Scholing", .wholeNumber, "Hoeveel van hen zijn geschoold; niet meer dan Medewerkers.")
        case .trainingIntervisie:
            return evidence("Intervisiebijeenkomsten", "Scholing", .wholeNumber, "Het aantal intervisiebijeenkomsten per jaar.")
        case .trainingReported:
            return evidence("Scholing verantwoord", "Scholing", .date, "De datum van de laatste jaarlijkse verantwoording.")
        case .expectedVeiligThuis:
            return evidence("Afgesproken meldingen Veilig Thuis", "Afgesproken meldingen", .wholeNumber,
                            "Het vooraf afgesproken aantal meldingen bij Veilig Thuis per jaar.")
        case .expectedVerwijsindex:
            return evidence("Afgesproken signalen verwijsindex", "Afgesproken meldingen", .wholeNumber,
                            "Het vooraf afgesproken aantal signalen in de verwijsindex per jaar.")
        case .meldingenSource, .meldingenExpected, .meldingenActual, .meldingenRatio, .meldingenPValue,
             .meldingenPValueOfNone, .meldingenAdviesvragen, .meldingenLevel, .meldingenConnected,
             .meldingenServesChildren, .meldingenZAdjusted, .meldingenLower95, .meldingenLower998,
             .meldingenContractorKvK, .meldingenContractorName:
            return nil // Figures of the meldingen check, not of the register.
        }
    }
}

/// The sheets of a register workbook and the labels of the sheet "Gemeente".
public enum RegisterWorkbookLayout {
    public static let agreementsSheet = "Overeenkomsten"
    public static let municipalitySheet = "Gemeente"
    public static let explanationSheet = "Toelichting"
    public static let municipalityLabel = "Gemeente"
    public static let referenceDateLabel = "Peildatum"
}
