import ComplianceRules
import Foundation

/// Builds a `Register` from the SAX events of a register document, and checks what the XSD
/// cannot say: unique agreement ids, period end not before start, trained not above staff.
///
/// The XSD, plugged into the same pass, judges every element and value. The builder therefore
/// reads values without repeating the XSD's complaints; should it meet a value the XSD let
/// through but it cannot read, it says so rather than drop the value silently.
final class RegisterBuilder: SAXEventHandler {
    private(set) var register: Register?
    private var municipality: String?
    private var referenceDate: Day?
    private var agreements: [Agreement] = []
    private var draft: AgreementDraft?
    private var firstSeen: [String: SourceLocation] = [:]
    private var text: [UInt8] = []
    private var collectingText = false
    private var unreadable: [(SourceLocation, String)] = []
    /// Agreements read; those with a problem are left out again when their scope closes.
    private(set) var agreementsRead = 0
    /// The agreement whose problems are still being collected: the XSD judges an end tag after
    /// this builder has seen it, so the scope closes at the next event, not at `</agreement>`.
    private var scope: (ordinal: Int, appended: Bool, ended: Bool)?

    /// Closes the agreement's scope: an agreement any problem rejected is left out of the register.
    private func closeScope(_ parse: SAXParse) {
        guard let current = scope, current.ended else { return }
        scope = nil
        parse.recordScope = nil
        if current.appended, parse.log.lastRejectedRecord == current.ordinal { agreements.removeLast() }
    }

    func startElement(_ element: ElementName, attributes: AttributeList, parse: SAXParse) {
        closeScope(parse)
        guard element.isIn(.register) else { return }
        // An XSD validator lets xsi: attributes through; the format allows no attribute in any namespace.
        attributes.forEach { attribute in
            if let namespace = attribute.namespace {
                parse.report("<\(element.name)>: attribute \(attribute.name) in namespace \(String(cString: namespace)) "
                    + "is not part of the format", reason: .notInFormat)
            }
        }
        if element.isNamed("register") {
            attributes.forEach { attribute in
                if attribute.isNamed("municipality") {
                    municipality = ValueReader.token(attribute.value)
                } else if attribute.isNamed("reference-date") {
                    referenceDate = read(attribute, ValueReader.day, parse)
                }
            }
        } else if element.isNamed("agreement") {
            startAgreement(attributes, parse: parse)
        } else if draft != nil {
            readEvidence(element, attributes, parse: parse)
        }
    }

    func endElement(_ element: ElementName, parse: SAXParse) {
        closeScope(parse)
        guard element.isIn(.register) else { return }
        if element.isNamed("sector") || element.isNamed("amount") {
            let value = text.withUnsafeBytes { ValueReader.token($0) }
            if element.isNamed("sector") {
                draft?.sector = value.flatMap(Sector.init(rawValue:))
            } else if let value {
                draft?.amountValue = text.withUnsafeBytes { ValueReader.decimal($0) }
                if draft?.amountValue == nil { unreadable.append((parse.currentTagLocation(), "amount '\(value)'")) }
            }
            collectingText = false
            text.removeAll(keepingCapacity: true)
        } else if element.isNamed("agreement") {
            finishAgreement(parse: parse)
        } else if element.isNamed("register") {
            finishRegister(parse: parse)
        }
    }

    func characters(_ bytes: UnsafeRawBufferPointer, parse: SAXParse) {
        if collectingText {
            text.append(contentsOf: bytes)
        } else if bytes.contains(where: { !isXMLWhitespace($0) }) {
            closeScope(parse)
        }
    }

    private func startAgreement(_ attributes: AttributeList, parse: SAXParse) {
        agreementsRead += 1
        scope = (agreementsRead, false, false)
        parse.recordScope = agreementsRead
        var next = AgreementDraft(location: parse.currentTagLocation())
        attributes.forEach { attribute in
            if attribute.isNamed("id") {
                next.id = ValueReader.token(attribute.value)
            } else if attribute.isNamed("type") {
                next.type = ValueReader.token(attribute.value).flatMap(AgreementType.init(rawValue:))
            }
        }
        if let id = next.id {
            if let first = firstSeen[id] {
                parse.report("<agreement>: id '\(id)' is used twice (first at line \(first.line)); "
                    + "every agreement needs its own id", reason: .duplicateId)
            } else {
                firstSeen[id] = next.location
            }
        }
        draft = next
    }

    private func readEvidence(_ element: ElementName, _ attributes: AttributeList, parse: SAXParse) {
        // An element has a handful of attributes: finding one by comparing names in place is
        // cheaper than building a dictionary of strings for each element.
        func value(_ name: StaticString) -> UnsafeRawBufferPointer? {
            var found: UnsafeRawBufferPointer?
            attributes.forEach { if found == nil, $0.isNamed(name) { found = $0.value } }
            return found
        }
        func day(_ name: StaticString) -> Day? { value(name).flatMap { readValue($0, "\(name)", ValueReader.day, parse) } }
        func bool(_ name: StaticString) -> Bool? { value(name).flatMap { readValue($0, "\(name)", ValueReader.bool, parse) } }
        func number(_ name: StaticString) -> Int? {
            value(name).flatMap { readValue($0, "\(name)", ValueReader.wholeNumber, parse) }
        }
        func decimal(_ name: StaticString) -> Decimal? {
            value(name).flatMap { readValue($0, "\(name)", ValueReader.decimal, parse) }
        }
        func token(_ name: StaticString) -> String? { value(name).flatMap(ValueReader.token) }

        let kind = EvidenceElement(element)
        if let kind, let required = AgreementDraft.Required(kind) { draft?.requiredSeen.insert(required) }
        switch kind {
        case .contractor:
            if let kvk = value("kvk").flatMap({ readValue($0, "kvk", KvKNumber.init(bytes:), parse) }),
               let name = token("name") {
                draft?.contractor = Contractor(kvk: kvk, name: name)
            }
        case .sector, .amount:
            collectingText = true
            text.removeAll(keepingCapacity: true)
            if element.isNamed("amount") { draft?.currency = token("currency") ?? "EUR" }
        case .period:
            let (start, end) = (day("start"), day("end"))
            if let start, let end {
                if end < start {
                    parse.report("<period>: the end (\(end)) lies before the start (\(start))", reason: .inconsistent)
                }
                draft?.period = DayInterval(start: start, end: end)
            }
        case .caseload:
            draft?.caseload = Caseload(children: number("children"), adults: number("adults"))
        case .meldcode:
            if let present = bool("present") {
                draft?.meldcode = MeldcodeEvidence(
                    present: present, adopted: day("adopted"),
                    afwegingskader: bool("afwegingskader"), reviewed: day("reviewed"))
            }
        case .kindcheck:
            draft?.kindcheck = bool("applied").map(KindcheckEvidence.init(applied:))
        case .verwijsindex:
            draft?.verwijsindex = bool("connected").map(VerwijsindexEvidence.init(connected:))
        case .aandachtsfunctionaris:
            draft?.aandachtsfunctionaris = AandachtsfunctionarisEvidence(
                name: token("name"), hoursPerWeek: decimal("hours-per-week"),
                trained: bool("trained"), verified: day("verified"))
        case .keurmerk:
            if let scheme = token("scheme"), let validUntil = day("valid-until") {
                let issued = day("issued")
                if let issued {
                    if validUntil < issued {
                        parse.report("<keurmerk>: valid-until (\(validUntil)) lies before issued (\(issued))", reason: .inconsistent)
                    } else if validUntil > CalendarDuration(months: 24).added(to: issued) {
                        parse.report("<keurmerk>: valid-until (\(validUntil)) is more than two years after issued (\(issued)); "
                            + "a Keurmerk Meldcode is valid for two years from issue", reason: .inconsistent)
                    }
                }
                draft?.keurmerk = KeurmerkEvidence(scheme: scheme, validUntil: validUntil, issued: issued)
            }
        case .kwaliteitskader:
            if let scheme = token("scheme"), let compliant = bool("compliant") {
                draft?.kwaliteitskader = KwaliteitskaderEvidence(
                    scheme: scheme, compliant: compliant, assessed: day("assessed"))
            }
        case .training:
            if let staff = number("staff"), let trained = number("trained") {
                if trained > staff {
                    parse.report("<training>: trained (\(trained)) is more than staff (\(staff)); "
                        + "trained counts staff members, so it cannot exceed staff", reason: .inconsistent)
                }
                draft?.training = TrainingEvidence(
                    staff: staff, trained: trained,
                    intervisieSessions: number("intervisie-sessions"), reported: day("reported"))
            }
        case .expectedMeldingen:
            draft?.expectedMeldingen = ExpectedMeldingen(
                veiligThuis: number("veilig-thuis"), verwijsindex: number("verwijsindex"))
        case .conditions:
            // The XSD checks every word; an unknown one never reaches the model.
            let words = value("agreed").map { String(decoding: $0, as: UTF8.self).split(whereSeparator: \.isWhitespace) } ?? []
            draft?.conditions = AgreedConditions(agreed: Set(words.compactMap { ContractCondition(rawValue: String($0)) }),
                                                 since: day("since"))
            draft?.conditionsLocation = parse.currentTagLocation()
        case nil:
            break // Not in the format: the XSD reports it.
        }
    }

    private func finishAgreement(parse: SAXParse) {
        defer {
            draft = nil
            scope?.ended = true
        }
        guard let draft else { return }
        // The XSD lists every element allowed at this point; name just the required ones absent.
        let missing = AgreementDraft.Required.allCases.filter { !draft.requiredSeen.contains($0) }.map(\.rawValue)
        if !missing.isEmpty {
            parse.report("<agreement>: required element(s) missing: "
                + missing.map { "<\($0)>" }.joined(separator: ", "), reason: .missingRequired)
            return
        }
        guard let agreement = draft.build() else {
            unreadable.append((draft.location, "agreement without id, type, contractor, sector or period"))
            return
        }
        agreements.append(agreement)
        scope?.appended = true
    }

    private func finishRegister(parse: SAXParse) {
        guard let municipality, let referenceDate else {
            unreadable.append((parse.currentTagLocation(), "register without municipality or reference-date"))
            reportUnreadable(parse)
            return
        }
        reportUnreadable(parse)
        for index in agreements.indices { agreements[index].municipality = municipality }
        register = Register(municipality: municipality, referenceDate: referenceDate, agreements: agreements)
    }

    /// Only when the XSD found nothing: otherwise these are the values it already rejected.
    private func reportUnreadable(_ parse: SAXParse) {
        guard parse.log.isEmpty else { return }
        for (location, what) in unreadable {
            parse.report("could not read \(what), although the schema accepted it", at: location)
        }
    }

    private func read<Value>(
        _ attribute: AttributeList.Attribute, _ reader: (UnsafeRawBufferPointer) -> Value?, _ parse: SAXParse
    ) -> Value? {
        readValue(attribute.value, attribute.name, reader, parse)
    }

    private func readValue<Value>(
        _ bytes: UnsafeRawBufferPointer, _ name: @autoclosure () -> String, _ reader: (UnsafeRawBufferPointer) -> Value?,
        _ parse: SAXParse
    ) -> Value? {
        if let value = reader(bytes) { return value }
        unreadable.append((parse.currentTagLocation(), "\(name()) '\(String(decoding: bytes, as: UTF8.self))'"))
        return nil
    }
}

/// An agreement while its elements are being read, in any order.
private struct AgreementDraft {
    let location: SourceLocation
    var id: String?
    var type: AgreementType?
    var contractor: Contractor?
    var sector: Sector?
    var period: DayInterval?
    var amountValue: Decimal?
    var currency = "EUR"
    var caseload: Caseload?
    var meldcode: MeldcodeEvidence?
    var kindcheck: KindcheckEvidence?
    var verwijsindex: VerwijsindexEvidence?
    var aandachtsfunctionaris: AandachtsfunctionarisEvidence?
    var keurmerk: KeurmerkEvidence?
    var kwaliteitskader: KwaliteitskaderEvidence?
    var training: TrainingEvidence?
    var expectedMeldingen: ExpectedMeldingen?
    var conditions: AgreedConditions?
    var conditionsLocation: SourceLocation?
    var requiredSeen = Set<Required>()

    /// The elements every agreement must have.
    enum Required: String, CaseIterable {
        case contractor, sector, period

        init?(_ element: EvidenceElement) {
            switch element {
            case .contractor: self = .contractor
            case .sector: self = .sector
            case .period: self = .period
            default: return nil
            }
        }
    }

    init(location: SourceLocation) {
        self.location = location
    }

    func build() -> Agreement? {
        guard let id, let type, let contractor, let sector, let period else { return nil }
        return Agreement(
            id: id, type: type, contractor: contractor, sector: sector, period: period,
            amount: amountValue.map { Money(value: $0, currency: currency) },
            caseload: caseload, meldcode: meldcode, kindcheck: kindcheck, verwijsindex: verwijsindex,
            aandachtsfunctionaris: aandachtsfunctionaris, keurmerk: keurmerk,
            kwaliteitskader: kwaliteitskader, training: training, expectedMeldingen: expectedMeldingen,
            conditions: conditions, location: location, conditionsLocation: conditionsLocation)
    }
}

/// The child elements of an agreement, told apart by comparing the name in place.
private enum EvidenceElement {
    case contractor, sector, period, amount, caseload, meldcode, kindcheck, verwijsindex
    case aandachtsfunctionaris, keurmerk, kwaliteitskader, training, expectedMeldingen, conditions

    init?(_ element: ElementName) {
        let names: [(StaticString, EvidenceElement)] = [
            ("contractor", .contractor), ("sector", .sector), ("period", .period), ("amount", .amount),
            ("caseload", .caseload), ("meldcode", .meldcode), ("kindcheck", .kindcheck), ("verwijsindex", .verwijsindex),
            ("aandachtsfunctionaris", .aandachtsfunctionaris), ("keurmerk", .keurmerk), ("kwaliteitskader", .kwaliteitskader),
            ("training", .training), ("expected-meldingen", .expectedMeldingen), ("conditions", .conditions),
        ]
        guard let match = names.first(where: { element.isNamed($0.0) }) else { return nil }
        self = match.1
    }
}

extension RegisterBuilder {
    /// What a valid register holds that is most likely a slip, where it is written: conditions that
    /// start after the agreement ends (the audit's report says the same).
    static func warnings(_ register: Register) -> [Diagnostic] {
        register.agreements.compactMap { agreement in
            guard let since = agreement.conditionsStartAfterEnd,
                  let location = agreement.conditionsLocation ?? agreement.location else { return nil }
            return Diagnostic(
                location: location, severity: .warning,
                message: "<conditions> since: \(since) is after the agreement's end, \(agreement.period.end); "
                    + "its conditions count as not agreed", origin: .content)
        }
    }
}
