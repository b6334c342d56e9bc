import Foundation
import Yams

/// Reads a rule's examples: an agreement written in YAML with the register format's names, of
/// which only what matters to the rule needs to be given.
///
/// ```yaml
/// - expect: fail
///   reference-date: 2017-12-31          # optional; 2017-12-31 when left out
///   agreement:
///     sector: ggz                       # optional; jeugdhulp when left out
///     kindcheck: {applied: false}
/// ```
enum ExampleReader {
    static let defaultReferenceDate = Day(year: 2017, month: 12, day: 31)!

    static func example(_ node: Node, _ what: String, scope: RuleScope, _ reader: inout YAMLReader) -> RuleExample? {
        let subjectKey = scope == .agreement ? "agreement" : "meldingen"
        guard let fields = reader.mapping(node, "\(what): example", required: ["expect", subjectKey], optional: ["reference-date"]),
              let expected = fields["expect"].flatMap({ reader.choice($0, "\(what): expect", ResultStatus.self) })
        else { return nil }
        let referenceDate = fields["reference-date"].flatMap { reader.day($0, "\(what): reference-date") } ?? defaultReferenceDate
        let subject: RuleExample.Subject?
        switch scope {
        case .agreement:
            subject = fields["agreement"].flatMap { agreement($0, referenceDate: referenceDate, what, &reader) }.map { .agreement($0) }
        case .meldingen:
            subject = fields["meldingen"].flatMap { meldingen($0, what, &reader) }.map { .meldingen($0) }
        }
        guard let subject else { return nil }
        return RuleExample(expected: expected, subject: subject, referenceDate: referenceDate, location: reader.location(node))
    }

    /// A contractor's meldingen from one source: `{source: veilig-thuis, expected: 20, actual: 4}`.
    /// Leaving out `expected` means no expectation; leaving out `actual`, no export supplied. The
    /// funnel is the standard one with the overdispersion `tau2` (0 when left out: plain Poisson).
    private static func meldingen(_ node: Node, _ what: String, _ reader: inout YAMLReader) -> MeldingenFigures? {
        let context = "\(what): example meldingen"
        guard let fields = reader.mapping(node, context, optional: ["source", "expected", "actual", "adviesvragen", "tau2", "connected", "serves-children"]) else { return nil }
        let expected = fields["expected"].flatMap { reader.decimal($0, "\(context): expected") }.map { count in
            Expectation(count: count, components: [], agreementsWithoutExpectation: [])
        }
        var figures = MeldingenFigures(
            contractor: Contractor(kvk: KvKNumber(value: 0)!, name: "Voorbeeld"),
            source: fields["source"].flatMap { reader.choice($0, "\(context): source", MeldingSource.self) } ?? .veiligThuis,
            expected: expected,
            actual: fields["actual"].flatMap { reader.wholeNumber($0, "\(context): actual") },
            adviesvragen: fields["adviesvragen"].flatMap { reader.wholeNumber($0, "\(context): adviesvragen") })
        figures.connected = fields["connected"].flatMap { reader.boolean($0, "\(context): connected") }
        figures.servesChildren = fields["serves-children"].flatMap { reader.boolean($0, "\(context): serves-children") } ?? true
        let tau2 = fields["tau2"].flatMap { reader.decimal($0, "\(context): tau2") }.map { NSDecimalNumber(decimal: $0).doubleValue } ?? 0
        let model = FunnelModel(settings: .standard, n: 0, phi: 0, tau2: tau2, overdispersionEstimated: tau2 > 0)
        figures.funnel = model.point(observed: figures.actual, expected: expected.map { NSDecimalNumber(decimal: $0.count).doubleValue })
        return figures
    }

    // swiftlint:disable:next function_body_length
    private static func agreement(_ node: Node, referenceDate: Day, _ what: String, _ reader: inout YAMLReader) -> Agreement? {
        let context = "\(what): example agreement"
        guard let fields = reader.mapping(node, context, optional: [
            "id", "type", "sector", "contractor", "period", "amount", "caseload", "meldcode", "kindcheck", "verwijsindex",
            "aandachtsfunctionaris", "keurmerk", "kwaliteitskader", "training", "expected-meldingen", "conditions",
        ]) else { return nil }
        let year = referenceDate.parts.year
        var agreement = Agreement(
            id: fields["id"].flatMap { reader.text($0, context) } ?? "VOORBEELD",
            type: fields["type"].flatMap { reader.choice($0, "\(context): type", AgreementType.self) } ?? .contract,
            contractor: Contractor(kvk: KvKNumber(value: 0)!, name: "Voorbeeld"),
            sector: fields["sector"].flatMap { reader.choice($0, "\(context): sector", Sector.self) } ?? .jeugdhulp,
            period: DayInterval(start: Day(year: year, month: 1, day: 1)!, end: Day(year: year, month: 12, day: 31)!),
            location: reader.location(node))

        // Each element: its attributes, the ones that are required, and how to fill the model. The
        // evidence elements take their attributes from the evidence table.
        func element(_ name: String, required: [String]? = nil, optional: [String]? = nil,
                     _ fill: (inout YAMLReader, [String: Node]) -> Void) {
            let table = EvidenceField.evidenceElements.first { $0.element == name }?.attributes ?? []
            let required = required ?? table.filter(\.required).map(\.name)
            let optional = optional ?? table.filter { !$0.required }.map(\.name)
            guard let elementNode = fields[name],
                  let attributes = reader.mapping(elementNode, "\(context): \(name)", required: required, optional: optional)
            else { return }
            fill(&reader, attributes)
        }
        func day(_ attributes: [String: Node], _ key: String, _ reader: inout YAMLReader) -> Day? {
            attributes[key].flatMap { reader.day($0, "\(context): \(key)") }
        }
        func bool(_ attributes: [String: Node], _ key: String, _ reader: inout YAMLReader) -> Bool? {
            attributes[key].flatMap { reader.boolean($0, "\(context): \(key)") }
        }
        func number(_ attributes: [String: Node], _ key: String, _ reader: inout YAMLReader) -> Int? {
            attributes[key].flatMap { reader.wholeNumber($0, "\(context): \(key)") }
        }

        element("contractor", required: ["kvk", "name"]) { reader, a in
            let kvk = a["kvk"].flatMap { reader.text($0, "\(context): kvk") }.flatMap { KvKNumber($0) }
            if let kvk, let name = a["name"].flatMap({ reader.text($0, "\(context): name") }) {
                agreement.contractor = Contractor(kvk: kvk, name: name)
            } else if kvk == nil, let node = a["kvk"] {
                reader.fail(node, "\(context): kvk must be exactly 8 digits")
            }
        }
        element("period", required: ["start", "end"]) { reader, a in
            if let start = day(a, "start", &reader), let end = day(a, "end", &reader) { agreement.period = DayInterval(start: start, end: end) }
        }
        element("amount", required: ["value"], optional: ["currency"]) { reader, a in
            if let value = a["value"].flatMap({ reader.decimal($0, "\(context): amount") }) {
                agreement.amount = Money(value: value, currency: a["currency"].flatMap { reader.text($0, context) } ?? "EUR")
            }
        }
        element("caseload") { reader, a in
            agreement.caseload = Caseload(children: number(a, "children", &reader), adults: number(a, "adults", &reader))
        }
        element("meldcode") { reader, a in
            if let present = bool(a, "present", &reader) {
                agreement.meldcode = MeldcodeEvidence(present: present, adopted: day(a, "adopted", &reader),
                                                      afwegingskader: bool(a, "afwegingskader", &reader), reviewed: day(a, "reviewed", &reader))
            }
        }
        element("kindcheck") { reader, a in
            agreement.kindcheck = bool(a, "applied", &reader).map(KindcheckEvidence.init(applied:))
        }
        element("verwijsindex") { reader, a in
            agreement.verwijsindex = bool(a, "connected", &reader).map(VerwijsindexEvidence.init(connected:))
        }
        element("aandachtsfunctionaris") { reader, a in
            agreement.aandachtsfunctionaris = AandachtsfunctionarisEvidence(
                name: a["name"].flatMap { reader.text($0, context) },
                hoursPerWeek: a["hours-per-week"].flatMap { reader.decimal($0, "\(context): hours-per-week") },
                trained: bool(a, "trained", &reader), verified: day(a, "verified", &reader))
        }
        element("keurmerk") { reader, a in
            if let scheme = a["scheme"].flatMap({ reader.text($0, context) }), let validUntil = day(a, "valid-until", &reader) {
                agreement.keurmerk = KeurmerkEvidence(scheme: scheme, validUntil: validUntil, issued: day(a, "issued", &reader))
            }
        }
        element("kwaliteitskader") { reader, a in
            if let scheme = a["scheme"].flatMap({ reader.text($0, context) }), let compliant = bool(a, "compliant", &reader) {
                agreement.kwaliteitskader = KwaliteitskaderEvidence(scheme: scheme, compliant: compliant, assessed: day(a, "assessed", &reader))
            }
        }
        element("training") { reader, a in
            if let staff = number(a, "staff", &reader), let trained = number(a, "trained", &reader) {
                agreement.training = TrainingEvidence(staff: staff, trained: trained,
                                                      intervisieSessions: number(a, "intervisie-sessions", &reader),
                                                      reported: day(a, "reported", &reader))
            }
        }
        element("conditions", optional: ["agreed", "since"]) { reader, a in
            let words = a["agreed"].flatMap { reader.text($0, "\(context): conditions agreed") }?.split(separator: " ") ?? []
            var agreed = Set<ContractCondition>()
            for word in words {
                if let condition = ContractCondition(rawValue: String(word)) { agreed.insert(condition) } else if let node = a["agreed"] {
                    reader.fail(node, "\(context): '\(word)' is not a contract condition; known: "
                        + ContractCondition.allCases.map(\.rawValue).joined(separator: ", "))
                }
            }
            agreement.conditions = AgreedConditions(agreed: agreed, since: day(a, "since", &reader))
        }
        element("expected-meldingen") { reader, a in
            agreement.expectedMeldingen = ExpectedMeldingen(veiligThuis: number(a, "veilig-thuis", &reader),
                                                            verwijsindex: number(a, "verwijsindex", &reader))
        }
        return agreement
    }
}
