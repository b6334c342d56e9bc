import ComplianceRules
import ContractImport

// The words of every identifier a report shows, in Dutch and English, keyed by the identifier's
// enum. JSON carries the identifiers; every other format shows these words. Domain words
// (meldcode, kindcheck, aandachtsfunctionaris, indringend gesprek, Veilig Thuis) stay Dutch.

extension Verdict: Worded {
    public var words: Words {
        switch self {
        case .severity(let severity): severity.words
        case .inOrde: Words(nl: "in orde", en: "in order")
        }
    }
}

extension Severity: Worded {
    public var words: Words {
        switch self {
        case .blokkerend: Words(nl: "blokkerend", en: "blocking")
        case .indringendGesprek: Words(both: "indringend gesprek")
        case .agendapunt: Words(nl: "agendapunt", en: "agenda item")
        case .informatief: Words(nl: "informatief", en: "for information")
        }
    }
}

extension ResultStatus: Worded {
    public var words: Words {
        switch self {
        case .pass: Words(nl: "voldoet", en: "met")
        case .fail: Words(nl: "voldoet niet", en: "not met")
        case .notApplicable: Words(nl: "niet van toepassing", en: "not applicable")
        case .missingEvidence: Words(nl: "niet aangetoond", en: "not shown")
        case .waived: Words(nl: "ontheffing", en: "waived")
        case .error: Words(nl: "niet te beoordelen", en: "cannot be judged")
        case .notAgreed: Words(nl: "niet afgesproken", en: "not agreed")
        }
    }
}

extension BasisKind: Worded {
    public var words: Words {
        switch self {
        case .wet: Words(nl: "wettelijke plicht", en: "legal duty")
        case .contract: Words(nl: "contractvoorwaarde", en: "contract condition")
        case .beleid: Words(nl: "lokaal beleid", en: "local policy")
        }
    }
}

extension ContractCondition: Worded {
    public var words: Words {
        switch self {
        case .meldcode: Words(both: "meldcode")
        case .kindcheck: Words(both: "kindcheck")
        case .verwijsindex: Words(nl: "aansluiting op de verwijsindex", en: "connection to the verwijsindex")
        case .aandachtsfunctionaris: Words(nl: "werkende aandachtsfunctionaris", en: "working aandachtsfunctionaris")
        case .keurmerk: Words(nl: "Keurmerk Meldcode", en: "Keurmerk Meldcode")
        case .kwaliteitskader: Words(nl: "kwaliteitskader voorkomen seksueel misbruik", en: "quality framework on preventing sexual abuse")
        case .training: Words(nl: "jaarlijkse verantwoording over scholing en intervisie", en: "yearly account of training and intervisie")
        case .meldingen: Words(nl: "vooraf afgesproken aantal meldingen", en: "number of meldingen agreed in advance")
        }
    }
}

extension ContractingDecision: Worded {
    public var words: Words {
        switch self {
        case .contracteerbaar: Words(nl: "contracteerbaar", en: "may be contracted")
        case .onderVoorwaarden: Words(nl: "contracteerbaar onder voorwaarden", en: "may be contracted on conditions")
        case .nietContracteerbaar: Words(nl: "niet contracteerbaar", en: "may not be contracted")
        }
    }
}

extension MeldingSource: Worded {
    public var words: Words {
        switch self {
        case .veiligThuis: Words(both: "Veilig Thuis")
        case .verwijsindex: Words(both: "Verwijsindex")
        }
    }
}

extension MeldingenOutcome: Worded {
    public var words: Words {
        switch self {
        case .shortfall: Words(nl: "achterstand", en: "shortfall")
        case .shortfallWaived: Words(nl: "achterstand, met ontheffing", en: "shortfall, waived")
        case .belowExpectation: Words(nl: "onder de verwachting", en: "below expectation")
        case .belowExpectationWaived: Words(nl: "onder de verwachting, met ontheffing", en: "below expectation, waived")
        // "as a condition": the expected number itself may well be agreed.
        case .shortfallNotAgreed:
            Words(nl: "ver onder de verwachting, niet als voorwaarde afgesproken", en: "far below expectation, not agreed as a condition")
        case .belowExpectationNotAgreed:
            Words(nl: "onder de verwachting, niet als voorwaarde afgesproken", en: "below expectation, not agreed as a condition")
        case .shortfallNotJudged:
            Words(nl: "ver onder de verwachting, in dit profiel niet beoordeeld", en: "far below expectation, not judged in this profile")
        case .belowExpectationNotJudged:
            Words(nl: "onder de verwachting, in dit profiel niet beoordeeld", en: "below expectation, not judged in this profile")
        case .inLine: Words(nl: "in lijn", en: "in line")
        case .aboveExpectation: Words(nl: "boven de verwachting", en: "above expectation")
        case .tooFewExpected: Words(nl: "te weinig verwacht om te beoordelen", en: "too few expected to judge")
        case .noData: Words(nl: "geen gegevens", en: "no data")
        case .noExpectation: Words(nl: "geen verwachting", en: "no expectation")
        case .error: Words(nl: "niet te beoordelen", en: "cannot be judged")
        }
    }
}

extension FunnelModel.Level: Worded {
    public var words: Words {
        switch self {
        case .alarm: Words(nl: "ver onder de verwachting, buiten de 99,8%-grens", en: "far below expectation, outside the 99.8% limit")
        case .alert: Words(nl: "onder de verwachting, buiten de 95%-grens", en: "below expectation, outside the 95% limit")
        case .within: Words(nl: "binnen de grenzen", en: "within the limits")
        case .high: Words(nl: "boven de verwachting, buiten de 95%-grens", en: "above expectation, outside the 95% limit")
        case .notJudged: Words(nl: "niet beoordeeld", en: "not judged")
        }
    }
}

extension Expectation.Kind: Worded {
    public var words: Words {
        switch self {
        case .agreed: Words(nl: "afgesproken", en: "agreed")
        case .modelled: Words(nl: "geschat", en: "estimated")
        case .mixed: Words(nl: "deels afgesproken, deels geschat", en: "partly agreed, partly estimated")
        }
    }
}

extension InputKind: Worded {
    public var words: Words {
        switch self {
        case .register: Words(nl: "register", en: "register")
        case .meldingen: Words(nl: "meldingenexport", en: "meldingen export")
        case .rules: Words(nl: "regels", en: "rules")
        case .profile: Words(nl: "profiel", en: "profile")
        case .waivers: Words(nl: "ontheffingen", en: "waivers")
        case .rates: Words(nl: "meldingskansen", en: "meldingen rates")
        }
    }
}

extension AgreementType: Worded {
    public var words: Words {
        switch self {
        case .contract: Words(nl: "inkoop", en: "procurement")
        case .subsidy: Words(nl: "subsidie", en: "subsidy")
        }
    }
}

extension Sector: Worded {
    public var words: Words {
        switch self {
        case .onderwijs: Words(nl: "onderwijs", en: "education")
        case .kinderopvang: Words(nl: "kinderopvang", en: "childcare")
        case .jeugdhulp: Words(nl: "jeugdhulp", en: "youth care")
        case .jeugdbescherming: Words(nl: "jeugdbescherming", en: "child protection")
        case .jeugdgezondheidszorg: Words(nl: "jeugdgezondheidszorg", en: "youth health care")
        case .gezondheidszorg: Words(nl: "gezondheidszorg", en: "health care")
        case .ggz: Words(nl: "ggz", en: "mental health care")
        case .verslavingszorg: Words(nl: "verslavingszorg", en: "addiction care")
        case .maatschappelijkeOndersteuning: Words(nl: "maatschappelijke ondersteuning", en: "social support")
        case .welzijn: Words(nl: "welzijn", en: "social work")
        case .sport: Words(nl: "sport", en: "sport")
        case .justitie: Words(nl: "justitie", en: "justice")
        case .lokaalTeam: Words(nl: "lokaal team", en: "local team")
        }
    }
}

extension ReporterCategory: Worded {
    public var words: Words {
        switch self {
        case .sector(let sector): sector.words
        case .politie: Words(nl: "politie", en: "police")
        case .burger: Words(nl: "burger", en: "citizen")
        case .anoniem: Words(nl: "anoniem", en: "anonymous")
        case .overig: Words(nl: "overig", en: "other")
        }
    }
}

extension WaiverNotice.Kind: Worded {
    public var words: Words {
        switch self {
        case .expired: Words(nl: "verlopen, geldt niet meer", en: "expired, no longer applied")
        case .waivesNothing: Words(nl: "ontheft niets", en: "waives nothing")
        case .unknownScope: Words(nl: "onbekende overeenkomst of opdrachtnemer", en: "unknown agreement or contractor")
        case .ruleOff: Words(nl: "niet toegepast: de voorwaarde staat uit in dit profiel", en: "not applied: the condition is off in this profile")
        }
    }
}

extension Indicator: Worded {
    public var words: Words {
        switch self {
        case .meldingen: Words(nl: "Meldingen (met politie-zorgmeldingen)", en: "Meldingen (with police zorgmeldingen)")
        case .uniekeMeldingen: Words(nl: "Unieke meldingen", en: "Unique meldingen")
        case .hermeldingen: Words(nl: "Hermeldingen", en: "Repeat meldingen")
        case .hermeldingPercentage: Words(nl: "Hermeldingpercentage", en: "Repeat meldingen percentage")
        case .adviesvragen: Words(nl: "Adviesvragen", en: "Requests for advice")
        case .signalen: Words(nl: "Signalen in de verwijsindex", en: "Signals in the verwijsindex")
        case .medianeZorgduur: Words(nl: "Mediane duur van zorg tot melding (dagen)", en: "Median days from concern to melding")
        }
    }
}

extension WarningKind: Worded {
    public var words: Words {
        switch self {
        case .regionMismatch: Words(nl: "andere regio", en: "other region")
        case .waiverExpired: Words(nl: "ontheffing verlopen", en: "waiver expired")
        case .outOfOrder: Words(nl: "niet in datumvolgorde", en: "not in date order")
        case .recordsRejected: Words(nl: "records afgewezen", en: "records rejected")
        case .kvkStoredAsNumber: Words(nl: "KvK-nummer als getal", en: "KvK number stored as a number")
        case .referenceDateGiven: Words(nl: "peildatum opgegeven", en: "reference date given")
        case .conditionsAfterEnd: Words(nl: "voorwaarden na het einde", en: "conditions after the end")
        }
    }
}

extension RejectionReason: Worded {
    public var words: Words {
        switch self {
        case .notInFormat: Words(nl: "een onderdeel dat niet in het formaat staat", en: "something not part of the format")
        case .missingRequired: Words(nl: "een verplicht gegeven ontbreekt", en: "a required item is missing")
        case .invalidValue: Words(nl: "een waarde in de verkeerde vorm", en: "a value of the wrong form")
        case .duplicateId: Words(nl: "hetzelfde id komt eerder in het bestand voor", en: "the same id occurs earlier in the file")
        case .dateOutsidePeriod: Words(nl: "de datum valt buiten de periode van het bestand", en: "the date lies outside the file's period")
        case .concernAfterDate: Words(nl: "de zorg begon na de datum van de melding", en: "the concern began after the melding's date")
        case .typeNotOfSource: Words(nl: "dit soort melding hoort niet bij deze bron", en: "this type of melding does not belong to this source")
        case .inconsistent: Words(nl: "gegevens spreken elkaar tegen", en: "values contradict each other")
        }
    }
}

/// Nouns that reports count, with their singular and plural.
public enum Noun: Sendable, CaseIterable {
    case agreement, contractor, rule, record, melding, signal, adviesvraag, intervisie, day, month, finding, staff, condition
    case otherMunicipality

    var forms: (nl: (String, String), en: (String, String)) {
        switch self {
        case .agreement: (("overeenkomst", "overeenkomsten"), ("agreement", "agreements"))
        case .contractor: (("opdrachtnemer", "opdrachtnemers"), ("contractor", "contractors"))
        case .rule: (("regel", "regels"), ("rule", "rules"))
        case .record: (("record", "records"), ("record", "records"))
        case .melding: (("melding", "meldingen"), ("melding", "meldingen"))
        case .signal: (("signaal", "signalen"), ("signal", "signals"))
        case .adviesvraag: (("adviesvraag", "adviesvragen"), ("request for advice", "requests for advice"))
        case .intervisie: (("intervisiebijeenkomst", "intervisiebijeenkomsten"), ("intervisie session", "intervisie sessions"))
        case .day: (("dag", "dagen"), ("day", "days"))
        case .month: (("maand", "maanden"), ("month", "months"))
        case .finding: (("bevinding", "bevindingen"), ("finding", "findings"))
        case .staff: (("medewerker", "medewerkers"), ("member of staff", "members of staff"))
        case .condition: (("voorwaarde", "voorwaarden"), ("condition", "conditions"))
        case .otherMunicipality: (("andere gemeente", "andere gemeenten"), ("other municipality", "other municipalities"))
        }
    }

    func singular(_ language: ReportLanguage) -> String { language == .nl ? forms.nl.0 : forms.en.0 }
    func plural(_ language: ReportLanguage) -> String { language == .nl ? forms.nl.1 : forms.en.1 }
}
