import ComplianceRules

/// The words of a regional report: several municipalities' registers in one run, with each
/// contractor judged once for the region (the roll-up) and per municipality on its own agreements.
enum RegionPhrase: Worded {
    case perMunicipality, perMunicipalityNote, municipality, municipalities, registers, contractors, tasks, rollUpNote, and

    var words: Words {
        switch self {
        case .perMunicipality: Words(nl: "Per gemeente", en: "Per municipality")
        case .perMunicipalityNote:
            Words(nl: "oordeel over de eigen overeenkomsten van elke gemeente; de meldingen worden per opdrachtnemer voor de hele regio beoordeeld",
                  en: "verdict on each municipality's own agreements; meldingen are judged per contractor for the whole region")
        case .municipality: Words(nl: "Gemeente", en: "Municipality")
        case .municipalities: Words(nl: "Gemeenten", en: "Municipalities")
        case .registers: Words(nl: "Registers", en: "Registers")
        case .contractors: Words(nl: "Opdrachtnemers", en: "Contractors")
        case .tasks: Words(nl: "Taken", en: "Tasks")
        case .and: Words(nl: "en", en: "and")
        case .rollUpNote:
            Words(nl: "verwacht: opgeteld over de overeenkomsten in alle gemeenten; werkelijk: één keer geteld per opdrachtnemer",
                  en: "expected: summed over the agreements in every municipality; actual: counted once per contractor")
        }
    }
}

extension AuditReport {
    /// Whether the run holds several municipalities' registers.
    public var isRegional: Bool { (municipalities?.count ?? 1) > 1 }

    /// The names gesprekken for this report may be recorded under: the run's municipality (in a
    /// regional run the region's joined name) and each municipality of the region.
    public var followUpMunicipalities: [String] {
        [run.municipality] + (municipalities ?? []).map(\.name).filter { $0 != run.municipality }
    }
}

extension ReportLanguage {
    /// A run's municipality as a title or a sentence names it: a region of more than three
    /// municipalities by its first two and how many more ("Groningen, Haren en 21 andere
    /// gemeenten"); the data (JSON, the history) keeps every name. A regional run's name is its
    /// municipalities' names joined by ", ".
    public func region(_ municipality: String) -> String {
        let names = municipality.components(separatedBy: ", ")
        guard names.count > 3 else { return municipality }
        return "\(names[0]), \(names[1]) \(self(RegionPhrase.and)) \(count(names.count - 2, .otherMunicipality))"
    }
}

extension [AuditReport.ContractorMunicipalityEntry] {
    /// "Groningen: blokkerend (2 overeenkomsten); Ten Boer: in orde (1 overeenkomst)".
    func sentence(_ t: ReportLanguage) -> String {
        map { "\($0.municipality): \(t($0.verdict)) (\(t.count($0.agreements, .agreement)))" }.joined(separator: "; ")
    }

    /// Held in several municipalities, or in one that is not the whole run's: then a document names
    /// each agreement with its municipality and gives the verdict per municipality too.
    func spansRegion(of runMunicipality: String) -> Bool {
        count > 1 || first.map { $0.municipality != runMunicipality } ?? false
    }
}

extension AuditReport.ContractorEntry {
    func perMunicipality(_ t: ReportLanguage) -> String { (municipalities ?? []).sentence(t) }
}

extension ContractorBriefing {
    /// Whether the run it comes from is regional for this contractor (`spansRegion`).
    public var isRegional: Bool { (contractor.municipalities ?? []).spansRegion(of: municipality) }
}

extension ContractCheck {
    /// Whether the run it comes from is regional for this contractor (`spansRegion`).
    public var isRegional: Bool { (municipalities ?? []).spansRegion(of: municipality) }
}
