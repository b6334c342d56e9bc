import ComplianceRules
import Foundation

/// What each evidence field is called in a report, and how its yes and no read: never
/// `kwaliteitskader.compliant = nee`, always "Rouvoet-kwaliteitskader: niet conform".
extension EvidenceField: Worded {
    public var words: Words {
        switch self {
        case .id: Words(nl: "kenmerk overeenkomst", en: "agreement reference")
        case .type: Words(nl: "soort overeenkomst", en: "type of agreement")
        case .sector: Words(nl: "sector", en: "sector")
        case .contractorKvK, .meldingenContractorKvK: Words(nl: "KvK-nummer", en: "KvK number")
        case .contractorName, .meldingenContractorName: Words(nl: "naam opdrachtnemer", en: "contractor's name")
        case .periodStart: Words(nl: "begindatum", en: "start date")
        case .periodEnd: Words(nl: "einddatum", en: "end date")
        case .amount: Words(nl: "bedrag", en: "amount")
        case .amountCurrency: Words(nl: "valuta", en: "currency")
        case .caseloadChildren: Words(nl: "aantal kinderen per jaar", en: "children a year")
        case .caseloadAdults: Words(nl: "aantal volwassenen per jaar", en: "adults a year")
        case .meldcodePresent: Words(both: "meldcode")
        case .meldcodeAdopted: Words(nl: "datum vaststelling meldcode", en: "date the meldcode was adopted")
        case .meldcodeAfwegingskader: Words(nl: "afwegingskader in de meldcode", en: "afwegingskader in the meldcode")
        case .meldcodeReviewed: Words(nl: "datum laatste herziening meldcode", en: "date of the meldcode's last review")
        case .kindcheckApplied: Words(both: "kindcheck")
        case .verwijsindexConnected: Words(nl: "aansluiting op de verwijsindex", en: "connection to the verwijsindex")
        case .aandachtsfunctionarisName: Words(nl: "naam aandachtsfunctionaris", en: "aandachtsfunctionaris's name")
        case .aandachtsfunctionarisHours: Words(nl: "uren aandachtsfunctionaris per week", en: "aandachtsfunctionaris's hours a week")
        case .aandachtsfunctionarisTrained: Words(nl: "scholing aandachtsfunctionaris", en: "aandachtsfunctionaris's training")
        case .aandachtsfunctionarisVerified: Words(nl: "datum laatste controle werking aandachtsfunctionaris",
                                                   en: "date the aandachtsfunctionaris's work was last checked")
        case .keurmerkScheme: Words(nl: "keurmerk", en: "quality mark")
        case .keurmerkIssued: Words(nl: "datum toekenning keurmerk", en: "date the quality mark was granted")
        case .keurmerkValidUntil: Words(nl: "einddatum keurmerk", en: "quality mark's end date")
        case .kwaliteitskaderScheme: Words(nl: "kwaliteitskader", en: "quality framework")
        case .kwaliteitskaderCompliant: Words(nl: "Rouvoet-kwaliteitskader", en: "Rouvoet quality framework")
        case .kwaliteitskaderAssessed: Words(nl: "datum toetsing kwaliteitskader", en: "date the quality framework was assessed")
        case .trainingStaff: Words(nl: "aantal medewerkers", en: "number of staff")
        case .trainingTrained: Words(nl: "aantal geschoolden", en: "number trained")
        case .trainingIntervisie: Words(nl: "aantal intervisiebijeenkomsten", en: "number of intervisie sessions")
        case .trainingReported: Words(nl: "datum laatste verantwoording over scholing", en: "date of the last account of training")
        case .expectedVeiligThuis: Words(nl: "afgesproken meldingen bij Veilig Thuis", en: "meldingen agreed at Veilig Thuis")
        case .expectedVerwijsindex: Words(nl: "afgesproken signalen in de verwijsindex", en: "signals agreed in the verwijsindex")
        case .meldingenSource: Words(nl: "bron", en: "source")
        case .meldingenExpected: Words(nl: "verwacht aantal", en: "expected number")
        case .meldingenActual: Words(nl: "werkelijk aantal", en: "actual number")
        case .meldingenRatio: Words(nl: "werkelijk als deel van verwacht", en: "actual as a share of expected")
        case .meldingenPValue: Words(nl: "kans op zo weinig bij toeval", en: "chance of so few by chance")
        case .meldingenPValueOfNone: Words(nl: "kans op geen enkele bij toeval", en: "chance of none by chance")
        case .meldingenAdviesvragen: Words(nl: "adviesvragen", en: "requests for advice")
        case .meldingenLevel: Words(nl: "beoordeling", en: "judgement")
        case .meldingenConnected: Words(nl: "aansluiting op de verwijsindex", en: "connection to the verwijsindex")
        case .meldingenServesChildren: Words(nl: "werkt met kinderen", en: "works with children")
        case .meldingenZAdjusted: Words(nl: "afstand tot de verwachting (z, gecorrigeerd)", en: "distance from expectation (adjusted z)")
        case .meldingenLower95: Words(nl: "95%-ondergrens", en: "95% lower limit")
        case .meldingenLower998: Words(nl: "99,8%-ondergrens", en: "99.8% lower limit")
        }
    }

    /// How yes and no read for a yes/no field; nil for other fields.
    public var yesNo: (yes: Words, no: Words)? {
        switch self {
        case .meldcodePresent: (Words(nl: "aanwezig", en: "present"), Words(nl: "ontbreekt", en: "absent"))
        case .meldcodeAfwegingskader: (Words(nl: "opgenomen", en: "included"), Words(nl: "niet opgenomen", en: "not included"))
        case .kindcheckApplied: (Words(nl: "toegepast", en: "applied"), Words(nl: "niet toegepast", en: "not applied"))
        case .verwijsindexConnected: (Words(nl: "aangesloten", en: "connected"), Words(nl: "niet aangesloten", en: "not connected"))
        case .aandachtsfunctionarisTrained: (Words(nl: "geschoold", en: "trained"), Words(nl: "niet geschoold", en: "not trained"))
        case .kwaliteitskaderCompliant: (Words(nl: "conform", en: "compliant"), Words(nl: "niet conform", en: "not compliant"))
        default: nil
        }
    }

    /// "Rouvoet-kwaliteitskader: niet conform", "aantal medewerkers: 400", "meldcode laatst
    /// herzien op: 01-03-2014", or "aantal medewerkers: niet aangeleverd".
    public func statement(_ value: EvidenceValue?, _ t: ReportLanguage) -> String {
        "\(t(self)): " + (value.map { said($0, t) } ?? t(Phrase.notSupplied))
    }

    /// The value in words.
    public func said(_ value: EvidenceValue, _ t: ReportLanguage) -> String {
        switch value {
        case .boolean(let flag):
            guard let words = yesNo else { return flag ? t(Phrase.yes) : t(Phrase.no) }
            return t(flag ? words.yes : words.no)
        case .number(let number):
            switch self {
            case .meldingenRatio: return t.format.percent(number)
            case .meldingenPValue, .meldingenPValueOfNone: return t.format.chance(NSDecimalNumber(decimal: number).doubleValue)
            default: return t.format.number(number)
            }
        case .date(let day): return t.format.date(day)
        case .text(let text):
            switch self {
            case .sector: return Sector(rawValue: text).map { t($0) } ?? text
            case .type: return AgreementType(rawValue: text).map { t($0) } ?? text
            case .meldingenSource: return MeldingSource(rawValue: text).map { t($0) } ?? text
            case .meldingenLevel: return FunnelModel.Level(rawValue: text).map { t($0) } ?? text
            // The register writes the scheme as a code; a report names it.
            case .kwaliteitskaderScheme where text == "rouvoet": return "Rouvoet"
            default: return text
            }
        }
    }
}

extension Words: Worded {
    public var words: Words { self }
}
