import ComplianceRules

/// The words of the reports themselves: titles, headings, column headers and sentences, in Dutch
/// and English. A phrase without both does not compile.
public enum Phrase: Worded, Sendable, Hashable {
    case auditTitle, checkTitle, briefTitle
    case referenceDate, profile, register, region, until, and, yes, no
    case noExportGiven, warnings
    case kvk, contractor, agreementsShort, verdict, verdictPerContractor
    case source, expected, basis, actual, share, chance, alarmLimit, outcome
    case expectedActual(meldingen: Bool, signalen: Bool), meldingenTableNote
    case indicator, value, target, met, targetMet, targetNotMet, indicators, indicatorsNote
    case reporterCategory, meldingen, meldingenPerCategory
    case findings, noFindings, meldingenOrSignals, adviesvragen, unattributed, waivers, waivedUntil, waivedUntilHeading
    case unproven, waived, cannotJudge, notMet, notSupplied, tooLongAgo
    case decision, allConditionsMet, allMetOrWaived, conditionsNotMet, askFor
    case proposedAgenda, noAgenda, agreement, agreements, agreementVerdictsNote, kind, sector, term
    case summary, chartTitle(MeldingSource), chartLegend, inputs, madeWith, status, severity, rule, explanation, advice, location
    case flaggedShortfalls(String)
    case regionMismatch(source: String, region: String, municipality: String)
    case outOfOrder(source: String, count: String)
    case recordsRejected(file: String, records: String, one: Bool)
    case kvkStoredAsNumber(cell: String)
    case referenceDateGiven(registers: String)
    case conditionsAfterEnd(agreement: String, contractor: String, since: String, end: String, location: String)
    case reconciliation, lenientRun, recordsRead, recordsAudited, recordsRejectedHeading
    case recordCounts(read: String, audited: String, rejected: String)
    case unlistedRejections(String)
    case reasonConditions(count: Int, counted: String)
    case reasonBlocked(count: Int, counted: String)
    case reasonNotAgreed(count: Int, counted: String)
    case ruleTextsDutch
    case repeated(runs: Int), raisedFrom, previousYear, overTheYears, stillOpen, findingPersists
    case dueByDate, gesprekOn, followUpTitle, alarmWithoutGesprek(MeldingSource), overdueAction, nothingToFollowUp, lastGesprek, agreedActions
    case basisKind, municipalityTasks, municipalityTasksNote, notAgreedLine, writeIntoContract, runsUntil, overdueSince
    case task(TaskKind, conditions: String), noneOnRecord(TaskKind)
    case agreedLaterLine(date: String)
    case laterConditions, rulesOff, basedOn, rulesBasis, rulesBasisNote, unmetIfAgreed, allAgreedConditionsMet, allAgreedMetOrWaived, now
    case funnelTitle(MeldingSource), funnelXAxis, funnelYAxis, funnelHollow, funnelDashed, funnelSolid, funnelLevel
    case funnelFootnote(source: MeldingSource, n: String, minExpected: String, maxRatio: String, phi: String, tau: String, estimated: Bool, minGroup: Int)
    case funnelUnnamed(String)

    /// What a source counts, with where: "meldingen bij Veilig Thuis", "signalen in de verwijsindex".
    static func counted(_ source: MeldingSource) -> Words {
        switch source {
        case .veiligThuis: Words(nl: "meldingen bij Veilig Thuis", en: "meldingen at Veilig Thuis")
        case .verwijsindex: Words(nl: "signalen in de verwijsindex", en: "signals in the verwijsindex")
        }
    }

    /// The heading of a table of expected and actual counts, naming what its rows count: meldingen
    /// at Veilig Thuis, signals in the verwijsindex, or both.
    static func expectedActual<Sources: Sequence<MeldingSource>>(_ sources: Sources) -> Phrase {
        let shown = Set(sources)
        return .expectedActual(meldingen: shown.contains(.veiligThuis) || shown.isEmpty, signalen: shown.contains(.verwijsindex))
    }

    /// What a source counts, in one word: meldingen, or signalen.
    static func countedWord(_ source: MeldingSource) -> Words {
        switch source {
        case .veiligThuis: Words(both: "meldingen")
        case .verwijsindex: Words(nl: "signalen", en: "signals")
        }
    }

    public var words: Words {
        switch self {
        case .auditTitle: Words(nl: "Audit voorwaarden kindermishandeling", en: "Audit of the child abuse conditions")
        case .checkTitle: Words(nl: "Toets voor contractering", en: "Check before contracting")
        case .briefTitle: Words(nl: "Briefing accountgesprek", en: "Briefing for the accountgesprek")
        case .referenceDate: Words(nl: "peildatum", en: "reference date")
        case .profile: Words(nl: "Profiel", en: "Profile")
        case .register: Words(nl: "Register", en: "Register")
        case .region: Words(nl: "regio", en: "region")
        case .until: Words(nl: "t/m", en: "to")
        case .and: Words(nl: "en", en: "and")
        case .yes: Words(nl: "ja", en: "yes")
        case .no: Words(nl: "nee", en: "no")
        case .noExportGiven: Words(nl: "geen export opgegeven, dus geen gegevens", en: "no export given, so no data")
        case .warnings: Words(nl: "Let op", en: "Please note")
        case .kvk: Words(both: "KvK")
        case .contractor: Words(nl: "Opdrachtnemer", en: "Contractor")
        case .agreementsShort: Words(nl: "Overeenk.", en: "Agreem.")
        case .verdict: Words(nl: "Oordeel", en: "Verdict")
        case .verdictPerContractor: Words(nl: "Oordeel per opdrachtnemer", en: "Verdict per contractor")
        case .source: Words(nl: "Bron", en: "Source")
        case .expected: Words(nl: "Verwacht", en: "Expected")
        case .basis: Words(nl: "Verwachting", en: "Expectation")
        case .actual: Words(nl: "Werkelijk", en: "Actual")
        case .share: Words(nl: "Deel", en: "Share")
        case .chance: Words(nl: "Kans bij toeval", en: "Chance")
        case .alarmLimit: Words(nl: "Ondergrens 99,8%", en: "99.8% lower limit")
        case .outcome: Words(nl: "Uitkomst", en: "Outcome")
        case .expectedActual(meldingen: true, signalen: true):
            Words(nl: "Meldingen en signalen: verwacht en werkelijk", en: "Meldingen and signals: expected and actual")
        case .expectedActual(meldingen: false, signalen: true):
            Words(nl: "Signalen in de verwijsindex: verwacht en werkelijk", en: "Signals in the verwijsindex: expected and actual")
        case .expectedActual: Words(nl: "Meldingen: verwacht en werkelijk", en: "Meldingen: expected and actual")
        case .meldingenTableNote: Words(nl: "per opdrachtnemer, geteld met de 30-dagenregel",
                                        en: "per contractor, counted with the 30-day rule")
        case .indicator: Words(nl: "Indicator", en: "Indicator")
        case .value: Words(nl: "Waarde", en: "Value")
        case .target: Words(nl: "Doel", en: "Target")
        case .met: Words(nl: "Behaald", en: "Met")
        case .targetMet: Words(nl: "behaald", en: "met")
        case .targetNotMet: Words(nl: "niet behaald", en: "not met")
        case .indicators: Words(nl: "Indicatoren jaarverslag", en: "Annual report indicators")
        case .indicatorsNote: Words(nl: "geteld als in het Jaarverslag 2017 van de gemeente Groningen, 4.2.3; percentages met één decimaal, "
                                        + "waar het jaarverslag afrondt op hele procenten",
                                    en: "counted as in the City of Groningen's 2017 annual report, 4.2.3; percentages to one decimal, "
                                        + "where the annual report rounds to whole percent")
        case .reporterCategory: Words(nl: "Melder", en: "Reporter")
        case .meldingen: Words(both: "Meldingen")
        case .meldingenPerCategory: Words(nl: "Meldingen bij Veilig Thuis per soort melder (met politie-zorgmeldingen)",
                                          en: "Meldingen at Veilig Thuis per kind of reporter (with police zorgmeldingen)")
        case .findings: Words(nl: "Bevindingen", en: "Findings")
        case .noFindings: Words(nl: "Geen bevindingen.", en: "No findings.")
        case .meldingenOrSignals: Words(nl: "Meldingen of signalen", en: "Meldingen or signals")
        case .adviesvragen: Words(nl: "Adviesvragen", en: "Requests for advice")
        case .unattributed: Words(nl: "Niet toe te rekenen: melders met een KvK-nummer zonder overeenkomst",
                                  en: "Not attributed: reporters with a KvK number but no agreement")
        case .waivers: Words(nl: "Ontheffingen", en: "Waivers")
        case .waivedUntil: Words(nl: "ontheffing tot", en: "waived until")
        case .waivedUntilHeading: Words(nl: "Ontheffing tot", en: "Waived until")
        case .unproven: Words(nl: "Niet aangetoond", en: "Not shown")
        case .waived: Words(nl: "Ontheffing", en: "Waived")
        case .cannotJudge: Words(nl: "Niet te beoordelen", en: "Cannot be judged")
        case .notMet: Words(nl: "Niet voldaan", en: "Not met")
        case .decision: Words(nl: "Besluit", en: "Decision")
        case .allConditionsMet: Words(nl: "Aan alle voorwaarden is voldaan.", en: "All conditions are met.")
        case .allMetOrWaived: Words(nl: "Aan alle voorwaarden is voldaan, of er is ontheffing voor (zie hieronder).",
                                    en: "All conditions are met, or waived (see below).")
        case .conditionsNotMet: Words(nl: "Voorwaarden waaraan niet is voldaan", en: "Conditions not met")
        case .askFor: Words(nl: "Advies", en: "Advice")
        case .proposedAgenda: Words(nl: "Voorgestelde agenda", en: "Proposed agenda")
        case .noAgenda: Words(nl: "Geen agendapunten: aan alle voorwaarden is voldaan.", en: "No agenda items: all conditions are met.")
        case .agreement: Words(nl: "Overeenkomst", en: "Agreement")
        case .agreements: Words(nl: "Overeenkomsten", en: "Agreements")
        case .agreementVerdictsNote:
            Words(nl: "oordeel over de eigen voorwaarden van elke overeenkomst; de meldingen worden per opdrachtnemer beoordeeld",
                  en: "verdict on each agreement's own conditions; meldingen are judged per contractor")
        case .kind: Words(nl: "Soort", en: "Type")
        case .sector: Words(nl: "Sector", en: "Sector")
        case .term: Words(nl: "Looptijd", en: "Term")
        case .summary: Words(nl: "Samenvatting", en: "Summary")
        case .chartTitle(let source):
            Words(nl: "Verwacht en werkelijk aantal \(Self.counted(source).nl) per opdrachtnemer",
                  en: "Expected and actual \(Self.counted(source).en) per contractor")
        case .chartLegend: Words(nl: "verwacht (omlijnd) en werkelijk (gevuld); rood is een achterstand",
                                 en: "expected (outlined) and actual (filled); red is a shortfall")
        case .inputs: Words(nl: "Invoer", en: "Inputs")
        case .madeWith: Words(nl: "Gemaakt met compliance-audit", en: "Made with compliance-audit")
        case .status: Words(nl: "Status", en: "Status")
        case .severity: Words(nl: "Ernst", en: "Severity")
        case .rule: Words(nl: "Voorwaarde", en: "Condition")
        case .explanation: Words(nl: "Toelichting", en: "Explanation")
        case .advice: Words(nl: "Advies", en: "Advice")
        case .location: Words(nl: "Vindplaats", en: "Location")
        case .flaggedShortfalls(let count):
            Words(nl: "\(count) keer een achterstand in meldingen of signalen", en: "\(count) shortfalls in meldingen or signals")
        case .regionMismatch(let source, let region, let municipality):
            Words(nl: "De export van \(source) is voor regio \(region), het register voor \(municipality). "
                    + "Controleer of dit de goede export is; noem de regio in het profiel als die de gemeente dekt.",
                  en: "The \(source) export is for region \(region), the register for \(municipality). "
                    + "Check that this is the right export; name the region in the profile if it covers the municipality.")
        case .recordsRejected(let file, let records, let one):
            Words(nl: "Ruime controle: \(records) in \(file) \(one ? "is" : "zijn") afgewezen en niet beoordeeld; "
                    + "de audit noemt \(one ? "het" : "elk") met de reden.",
                  en: "Lenient run: \(records) in \(file) \(one ? "was" : "were") rejected and not audited; "
                    + "the audit lists \(one ? "it" : "each") with its reason.")
        case .referenceDateGiven(let registers):
            Words(nl: "Getoetst op de opgegeven peildatum bovenaan dit rapport, niet op die van het register (\(registers)); "
                    + "termijnen als 'gecontroleerd binnen 12 maanden' tellen terug vanaf de opgegeven datum.",
                  en: "Judged against the reference date given at the top of this report, not the register's (\(registers)); "
                    + "periods such as 'checked within 12 months' count back from the date given.")
        case .conditionsAfterEnd(let agreement, let contractor, let since, let end, let location):
            Words(nl: "Overeenkomst \(agreement) met \(contractor): volgens het register gelden de voorwaarden pas vanaf \(since), "
                    + "na het einde van de overeenkomst op \(end). Ze tellen daarom als niet afgesproken. "
                    + "Controleer de datum in het register (\(location)).",
                  en: "Agreement \(agreement) with \(contractor): according to the register its conditions apply only from \(since), "
                    + "after the agreement ends on \(end), so they count as not agreed. "
                    + "Check the date in the register (\(location)).")
        case .kvkStoredAsNumber(let cell):
            Words(nl: "In \(cell) stond het KvK-nummer als getal; de weggevallen voorloopnul is teruggezet. "
                    + "Controleer het nummer en zet KvK-nummers als tekst in het rekenblad.",
                  en: "In \(cell) the KvK number was stored as a number; the lost leading zero was put back. "
                    + "Check the number and store KvK numbers as text in the spreadsheet.")
        case .reconciliation: Words(nl: "Verantwoording van de invoer", en: "Records read, audited and rejected")
        case .lenientRun:
            Words(nl: "Ruime controle: records met fouten zijn overgeslagen in plaats van de controle te stoppen; elk staat hieronder met de reden.",
                  en: "Lenient run: records with errors were left out instead of stopping the run; each is listed below with its reason.")
        case .recordsRead: Words(nl: "Ingelezen", en: "Read")
        case .recordsAudited: Words(nl: "Beoordeeld", en: "Audited")
        case .recordsRejectedHeading: Words(nl: "Afgewezen", en: "Rejected")
        case .recordCounts(let read, let audited, let rejected):
            Words(nl: "ingelezen \(read), beoordeeld \(audited), afgewezen \(rejected)",
                  en: "read \(read), audited \(audited), rejected \(rejected)")
        case .unlistedRejections(let count):
            Words(nl: "en nog \(count) afgewezen records, niet afzonderlijk genoemd", en: "and \(count) more rejected records, not listed")
        case .outOfOrder(let source, let count):
            Words(nl: "\(count) meldingen in de export van \(source) stonden niet in datumvolgorde; voor hen is de 30-dagenregel benaderd.",
                  en: "\(count) meldingen in the \(source) export were not in date order; for them the 30-day rule is approximated.")
        case .reasonConditions(let count, let counted):
            Words(nl: "\(count == 1 ? "Er is" : "Er zijn") \(counted), geen blokkerende: maak afspraken over wat hieronder staat.",
                  en: "\(count == 1 ? "There is" : "There are") \(counted), none blocking: agree on what is listed below.")
        case .reasonBlocked(let count, let counted):
            Words(nl: "\(count == 1 ? "Een blokkerende voorwaarde is" : "\(counted) blokkerende voorwaarden zijn") niet vervuld: niet contracteren of subsidiëren zolang dat zo is.",
                  en: "\(count == 1 ? "A blocking condition is" : "\(counted) blocking conditions are") not met: do not contract or fund while that is so.")
        case .reasonNotAgreed(let count, let counted):
            Words(nl: "Dit besluit gaat over wat is afgesproken. Aan \(counted) die nog niet \(count == 1 ? "is" : "zijn") afgesproken, voldoet de organisatie nu niet (zie hieronder).",
                  en: "This decision judges what is agreed. The organisation does not meet \(counted) not yet agreed (see below).")
        case .funnelTitle(let source):
            Words(nl: "Trechter: werkelijk tegen verwacht aantal \(Self.counted(source).nl)",
                  en: "Funnel: actual against expected \(Self.counted(source).en)")
        case .funnelXAxis: Words(nl: "verwacht aantal (logaritmische schaal)", en: "expected number (log scale)")
        case .funnelYAxis: Words(nl: "werkelijk als deel van verwacht", en: "actual as a share of expected")
        case .funnelHollow: Words(nl: "open: verwachting geschat", en: "hollow: expectation estimated")
        case .funnelDashed: Words(nl: "grenzen bij alleen toeval", en: "limits by chance alone")
        case .funnelSolid: Words(nl: "grenzen met spreiding", en: "limits with spread")
        case .funnelLevel: Words(nl: "Beoordeling", en: "Judgement")
        case .funnelFootnote(let source, let n, let minExpected, let maxRatio, let phi, let tau, let estimated, let minGroup):
            estimated
                ? Words(nl: "Beoordeeld: \(n) met ten minste \(minExpected) verwachte \(Self.countedWord(source).nl). De stippellijnen zijn de 95%- en 99,8%-grenzen als alleen toeval speelt; de doorgetrokken lijnen houden ook rekening met de gewone verschillen tussen organisaties (φ = \(phi), τ = \(tau)). Onder de buitenste lijn én onder \(maxRatio) van de verwachting volgt een indringend gesprek; onder de binnenste een agendapunt (methode: trechter van Spiegelhalter op wortelschaal).",
                        en: "Judged: \(n) expecting at least \(minExpected) \(Self.countedWord(source).en). The dashed lines are the 95% and 99.8% limits by chance alone; the solid lines also allow for the usual differences between organisations (φ = \(phi), τ = \(tau)). Below the outer line and below \(maxRatio) of the expectation follows an indringend gesprek; below the inner one an agenda item (method: Spiegelhalter's funnel on the square-root scale).")
                : Words(nl: "Beoordeeld: \(n) met ten minste \(minExpected) verwachte \(Self.countedWord(source).nl); dat zijn er minder dan \(minGroup), te weinig om de verschillen tussen organisaties te schatten, dus gelden de grenzen bij alleen toeval (Poisson). Onder de 99,8%-grens én onder \(maxRatio) van de verwachting volgt een indringend gesprek; onder de 95%-grens een agendapunt.",
                        en: "Judged: \(n) expecting at least \(minExpected) \(Self.countedWord(source).en); fewer than \(minGroup), too few to estimate the differences between organisations, so the limits are those of chance alone (Poisson). Below the 99.8% limit and below \(maxRatio) of the expectation follows an indringend gesprek; below the 95% limit an agenda item.")
        case .funnelUnnamed(let count):
            Words(nl: "De figuur noemt alleen wie het verst onder de grenzen ligt; \(count) onder de grenzen staan alleen in de tabel.",
                  en: "The figure names only those furthest below the limits; \(count) below the limits are in the table only.")
        case .basisKind: Words(nl: "Grondslag", en: "Basis")
        case .repeated(let runs): Words(nl: "herhaald, \(runs) audits op rij", en: "repeated, \(runs) audits in a row")
        case .raisedFrom: Words(nl: "verhoogd van", en: "raised from")
        case .stillOpen: Words(nl: "stond ook bij de vorige audit open", en: "was open at the previous audit too")
        case .findingPersists: Words(nl: "de bevinding is er nog steeds", en: "the finding is still there")
        case .previousYear: Words(nl: "Vorige audit", en: "Previous audit")
        case .overTheYears: Words(nl: "Door de jaren", en: "Over the years")
        case .dueByDate: Words(nl: "uiterlijk", en: "by")
        case .gesprekOn: Words(nl: "gesprek van", en: "gesprek of")
        case .followUpTitle: Words(nl: "Opvolging indringend gesprek", en: "Follow-up of the indringend gesprek")
        case .alarmWithoutGesprek(let source):
            Words(nl: "achterstand in \(Self.countedWord(source).nl), geen gesprek vastgelegd sinds het begin van de periode",
                  en: "shortfall in \(Self.countedWord(source).en), no gesprek recorded since the period began")
        case .overdueAction: Words(nl: "afspraak over de termijn, bevindingen nog open", en: "action past its due date, findings still open")
        case .nothingToFollowUp: Words(nl: "Geen achterstand zonder gesprek en geen afspraak over de termijn.",
                                       en: "No shortfall without a gesprek and no action past its due date.")
        case .lastGesprek: Words(nl: "Laatste indringend gesprek", en: "Last indringend gesprek")
        case .agreedActions: Words(nl: "Afgesproken", en: "Agreed")
        case .municipalityTasks: Words(nl: "Taken van de gemeente", en: "Tasks for the municipality")
        case .municipalityTasksNote: Words(nl: "geen gesprekspunten voor de opdrachtnemer; eerstvolgende verlenging eerst",
                                           en: "not talking points for the contractor; the next renewal first")
        case .notAgreedLine: Words(nl: "niet afgesproken, dus geen bevinding; een taak voor de gemeente",
                                   en: "not agreed, so no finding; a task for the municipality")
        case .agreedLaterLine(let date): Words(nl: "pas afgesproken vanaf \(date), na de peildatum, dus geen bevinding",
                                               en: "agreed only from \(date), after the reference date, so no finding")
        case .basedOn: Words(nl: "Op grond van", en: "Based on")
        case .rulesBasis: Words(nl: "Waarop de voorwaarden berusten", en: "What the conditions rest on")
        case .rulesBasisNote: Words(nl: "de voorwaarden van dit profiel, met de wet, de afspraak of het beleid waar elk op berust",
                                    en: "this profile's conditions, each with the law, agreement or policy it rests on")
        case .rulesOff: Words(nl: "Uitgeschakeld in dit profiel, dus niet beoordeeld", en: "Switched off in this profile, so not judged")
        case .laterConditions: Words(nl: "Voorwaarden die later ingaan", en: "Conditions that take effect later")
        case .unmetIfAgreed:
            Words(nl: "Nog niet afgesproken en nu niet voldaan (regel dit vóór het contract)",
                  en: "Not yet agreed and not met now (settle this before the contract)")
        case .now: Words(nl: "nu", en: "now")
        case .allAgreedConditionsMet: Words(nl: "Aan alle afgesproken voorwaarden is voldaan.", en: "All agreed conditions are met.")
        case .allAgreedMetOrWaived: Words(nl: "Aan alle afgesproken voorwaarden is voldaan, of er is ontheffing voor (zie hieronder).",
                                          en: "All agreed conditions are met, or waived (see below).")
        case .writeIntoContract: Words(nl: "Neem in het contract of de beschikking op", en: "Write into the contract or beschikking")
        case .runsUntil: Words(nl: "loopt t/m", en: "runs to")
        case .overdueSince: Words(nl: "achterstallig sinds", en: "overdue since")
        case .notSupplied: Words(nl: "niet aangeleverd", en: "not supplied")
        case .tooLongAgo: Words(nl: "te lang geleden", en: "too long ago")
        case .task(let kind, let conditions):
            switch kind {
            case .agreeConditions:
                Words(nl: "neem bij verlenging of de volgende beschikking op: \(conditions)",
                      en: "write into the renewal or the next beschikking: \(conditions)")
            case .checkAandachtsfunctionaris:
                Words(nl: "controleer of de aandachtsfunctionaris werkt (jaarlijkse controle, handhaving b)",
                      en: "check that the aandachtsfunctionaris works (yearly check, handhaving b)")
            case .requestTrainingAccount:
                Words(nl: "vraag de jaarlijkse verantwoording over scholing en intervisie op (handhaving c)",
                      en: "ask for the yearly account of training and intervisie (handhaving c)")
            case .agreeExpectation:
                Words(nl: "leg vooraf vast hoeveel meldingen en signalen worden verwacht (handhaving a)",
                      en: "fix in advance how many meldingen and signals are expected (handhaving a)")
            }
        case .noneOnRecord(let kind):
            kind == .requestTrainingAccount ? Words(nl: "geen eerdere verantwoording vastgelegd", en: "no earlier account on record")
                : Words(nl: "geen eerdere controle vastgelegd", en: "no earlier check on record")
        case .ruleTextsDutch: Words(nl: "", en: "The conditions' titles, explanations and advice are quoted in Dutch, as the rule files state them.")
        }
    }
}
