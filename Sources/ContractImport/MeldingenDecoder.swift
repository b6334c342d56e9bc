import ComplianceRules

/// What receives the records of a meldingen export, one by one, as they are read.
///
/// A consumer must be ready to throw its work away: records arrive before the importer knows the
/// whole file is valid, and an invalid file fails the import as a whole.
public protocol MeldingenConsumer {
    mutating func begin(_ header: MeldingenExportHeader)
    mutating func consume(_ melding: Melding)
}

/// Decodes and checks meldingen records straight from libxml2's bytes, without a schema
/// validator in the loop (that would cost four times the parse). It enforces the whole record
/// contract of `meldingen.xsd` itself, plus what an XSD cannot say: unique ids, dates within the
/// export's period, concern-since not after the date, a type that belongs to the source.
///
/// Messages never repeat a value from a record: a record concerns a child.
final class MeldingenDecoder<Consumer: MeldingenConsumer>: SAXEventHandler {
    /// All per-record state lives in one non-generic struct: each event then takes one exclusive
    /// access to it, rather than one per property, and no generic metadata is looked up per record
    /// (the consumer's type is not known where this module is compiled).
    ///
    /// libxml2 calls back synchronously on the one parsing thread, one event at a time, so no two
    /// accesses to the state can overlap; the run-time exclusivity check is therefore switched off
    /// for this one property (it cost more per record than the rest of the bookkeeping).
    @exclusivity(unchecked) private var stream: RecordStream

    /// `piece`: the decoder reads one piece of an export (`PiecewiseExportRead`): it collects its
    /// records instead of handing them on, and leaves the case keys' verdict to the whole file.
    init(consumer: Consumer, piece: Bool = false) {
        stream = RecordStream(consumer: consumer, piece: piece)
    }

    /// Waits for the consumer's thread, if one was started, and returns the consumer.
    func finish() -> Consumer { stream.pipeline.finish() as! Consumer }
    var header: MeldingenExportHeader? { stream.header }
    var recordCount: Int { stream.recordCount }
    var acceptedCount: Int { stream.acceptedCount }
    /// A piece's records, ids and case-key statistics, for the whole file's reader to join.
    var piece: ExportPiece { ExportPiece(records: stream.pipeline.collected, ids: stream.ids, pseudonyms: stream.pseudonyms,
                                         recordCount: stream.recordCount, header: stream.header) }

    func startElement(_ element: ElementName, attributes: AttributeList, parse: SAXParse) {
        stream.startElement(element, attributes, parse: parse)
    }

    func endElement(_ element: ElementName, parse: SAXParse) {
        stream.depth -= 1
        if stream.depth == 0, !stream.isPiece { stream.judgePseudonyms(parse: parse) }
    }

    func characters(_ text: UnsafeRawBufferPointer, parse: SAXParse) {
        guard text.contains(where: { !isXMLWhitespace($0) }) else { return }
        parse.report("text is not allowed here; a meldingen export holds only <melding> elements")
    }
}

/// The decoder's state and work for one export.
struct RecordStream {
    let pipeline: ConsumerPipeline
    private(set) var header: MeldingenExportHeader?
    private(set) var recordCount = 0
    /// Records handed to the consumer; the rest were rejected.
    private(set) var acceptedCount = 0
    var depth = 0
    /// Reads one piece of an export: the whole file's reader judges the case keys.
    let isPiece: Bool
    private(set) var ids = IdentifierSet()
    private var caseHasher = CaseHasher()
    private var dates = DateCache()
    private var fieldNames = FieldNameCache()
    /// Its problems refuse the whole file, whatever `--lenient` says: a BSN, keys that are no pseudonyms.
    private(set) var pseudonyms = PseudonymGuard()
    /// The root's namespace pointer, checked once; records in the same namespace share it.
    private var rootNamespace: UnsafePointer<UInt8>?

    init(consumer: any MeldingenConsumer, piece: Bool) {
        pipeline = ConsumerPipeline(consumer: consumer, collecting: piece)
        isPiece = piece
    }

    /// The interned name pointer of `melding` once seen, so later records compare one pointer.
    private var meldingName: UnsafePointer<UInt8>?

    private mutating func isMelding(_ element: ElementName) -> Bool {
        guard element.localName == meldingName || element.isNamed("melding") else { return false }
        guard element.sharesNamespace(with: rootNamespace) || element.isIn(.meldingen) else { return false }
        meldingName = element.localName
        return true
    }

    mutating func startElement(_ element: ElementName, _ attributes: AttributeList, parse: SAXParse) {
        depth += 1
        switch depth {
        case 1:
            readHeader(element, attributes, parse: parse)
        case 2 where isMelding(element):
            recordCount += 1
            // A rejected record is reported by `decode`: a strict import then fails as a whole, a
            // lenient one lists it.
            parse.recordScope = recordCount
            defer { parse.recordScope = nil }
            if let melding = decode(attributes, parse: parse) {
                acceptedCount += 1
                pipeline.accept(melding)
            }
        default:
            // The element's name is not repeated: in an export, any name could be a case key.
            parse.report("an element that is not part of the meldingen format here; "
                + (depth == 2 ? "only <melding> elements may follow" : "<melding> has no child elements"))
        }
    }

    /// Judges the file's case keys once all are read (at the root's end tag).
    mutating func judgePseudonyms(parse: SAXParse) {
        for (location, message) in pseudonyms.verdict() {
            parse.report(message, at: location ?? parse.currentTagLocation(), fileLevel: true)
        }
    }

    /// A value other than the case key that holds a BSN-like number refuses the file.
    private func guardValue(_ value: UnsafeRawBufferPointer, _ element: StaticString, _ name: String, parse: SAXParse) {
        guard value.count >= 9, PseudonymGuard.containsBSN(value) else { return }
        parse.report("<\(element)>: \(name) holds a 9-digit number that passes the elfproef, as a BSN does; a meldingen "
            + "export must be pseudonymised (the value is not shown)", fileLevel: true)
    }

    private mutating func readHeader(_ element: ElementName, _ attributes: AttributeList, parse: SAXParse) {
        guard element.isNamed("meldingen"), element.isIn(.meldingen) else {
            rootNamespace = nil
            parse.report("the root element must be <meldingen xmlns=\"\(DocumentKind.meldingen.namespace)\">")
            return
        }
        rootNamespace = element.namespace
        var source: MeldingSource?
        var region: String?
        var from: Day?
        var to: Day?
        attributes.forEach { attribute in
            guardValue(attribute.value, "meldingen", attribute.isKnownMeldingenName ? attribute.name : "an attribute", parse: parse)
            if attribute.isNamed("source") {
                source = ValueReader.token(attribute.value).flatMap(MeldingSource.init(rawValue:))
                if source == nil { parse.report("<meldingen>: source must be veilig-thuis or verwijsindex") }
            } else if attribute.isNamed("region") {
                region = ValueReader.token(attribute.value)
                if region == nil { parse.report("<meldingen>: region must not be empty") }
            } else if attribute.isNamed("from") || attribute.isNamed("to") {
                let day = ValueReader.day(attribute.value)
                if day == nil { parse.report("<meldingen>: \(attribute.name) must be an existing date written YYYY-MM-DD") }
                if attribute.isNamed("from") { from = day } else { to = day }
            } else {
                parse.report("<meldingen>: an attribute that is not part of the format")
            }
        }
        // Absent attributes only: present-but-invalid ones were reported above.
        var present = Set<String>()
        attributes.forEach { present.insert($0.name) }
        let absent = ["source", "region", "from", "to"].filter { !present.contains($0) }
        if !absent.isEmpty {
            parse.report("<meldingen>: required attribute(s) missing: \(absent.joined(separator: ", "))")
        }
        guard let source, let region, let from, let to else { return }
        if to < from { parse.report("<meldingen>: to lies before from") }
        let header = MeldingenExportHeader(source: source, region: region, period: DayInterval(start: from, end: to))
        self.header = header
        pipeline.begin(header)
    }

    /// The hot path: one call per record, no allocation for a valid record.
    private mutating func decode(_ attributes: AttributeList, parse: SAXParse) -> Melding? {
        var seen = RecordAttributes()
        var date: Day?
        var reporter: KvKNumber?
        var category: ReporterCategory?
        var type: MeldingType?
        var caseToken: CaseToken?
        var isRepeat = false
        var concernSince: Day?
        var problems = 0

        attributes.forEach { attribute in
            let value = attribute.value
            guard attribute.namespace == nil, let field = fieldNames.field(attribute.localName) else {
                guardValue(value, "melding", "an attribute", parse: parse)
                problems += 1
                parse.report("<melding>: an attribute that is not part of the format", reason: .notInFormat)
                return
            }
            seen.insert(field)
            switch field {
            case .id:
                let id = value.trimmingXMLWhitespace
                guardValue(id, "melding", "id", parse: parse)
                if id.isEmpty {
                    problems += 1
                    parse.report("<melding>: id must not be empty", reason: .missingRequired)
                } else if !ids.insert(id) {
                    problems += 1
                    parse.report("<melding>: this id occurs earlier in the file; every melding needs its own id", reason: .duplicateId)
                }
            case .date:
                date = dates.day(value)
                if date == nil {
                    guardValue(value, "melding", "date", parse: parse)
                    problems += 1
                    parse.report("<melding>: date must be an existing date written YYYY-MM-DD")
                }
            case .reporterKvK:
                reporter = KvKNumber(bytes: value)
                if reporter == nil {
                    guardValue(value, "melding", "reporter-kvk", parse: parse)
                    problems += 1
                    parse.report("<melding>: reporter-kvk must be exactly 8 digits")
                }
            case .category:
                category = MeldingVocabulary.category(value.trimmingXMLWhitespace)
                if category == nil {
                    guardValue(value, "melding", "category", parse: parse)
                    problems += 1
                    parse.report("<melding>: category must be one of: "
                        + ReporterCategory.allCases.map(\.rawValue).joined(separator: ", "))
                }
            case .type:
                type = MeldingVocabulary.type(value.trimmingXMLWhitespace)
                if type == nil {
                    guardValue(value, "melding", "type", parse: parse)
                    problems += 1
                    parse.report("<melding>: type must be one of: "
                        + MeldingType.allCases.map(\.rawValue).joined(separator: ", "))
                }
            case .case:
                caseToken = caseHasher.token(value)
                if let caseToken {
                    if pseudonyms.observe(key: value, token: caseToken) {
                        pseudonyms.notePosition(parse.currentTagLocation())
                    }
                } else {
                    guardValue(value, "melding", "case", parse: parse)
                    problems += 1
                    parse.report("<melding>: case must be a pseudonymous key of 16 to 64 lowercase hexadecimal characters")
                }
            case .repeat:
                if let flag = ValueReader.bool(value) { isRepeat = flag } else {
                    guardValue(value, "melding", "repeat", parse: parse)
                    problems += 1
                    parse.report("<melding>: repeat must be true or false")
                }
            case .concernSince:
                concernSince = ValueReader.day(value)
                if concernSince == nil {
                    guardValue(value, "melding", "concern-since", parse: parse)
                    problems += 1
                    parse.report("<melding>: concern-since must be an existing date written YYYY-MM-DD")
                }
            }
        }
        if !seen.hasAllRequired, let missing = seen.missingRequired {
            parse.report("<melding>: required attribute(s) missing: \(missing)", reason: .missingRequired)
            return nil
        }
        guard problems == 0, let date, let category, let type, let caseToken, let header else { return nil }
        if !header.period.contains(date) {
            problems += 1
            parse.report("<melding>: date lies outside the export's period \(header.period)", reason: .dateOutsidePeriod)
        }
        if let concernSince, concernSince > date {
            problems += 1
            parse.report("<melding>: concern-since lies after the melding's date", reason: .concernAfterDate)
        }
        if !type.belongs(to: header.source) {
            problems += 1
            parse.report("<melding>: type \(type.rawValue) does not occur in a \(header.source.rawValue) export", reason: .typeNotOfSource)
        }
        guard problems == 0 else { return nil }
        return Melding(
            date: date, reporter: reporter, category: category, type: type, caseToken: caseToken,
            isRepeat: isRepeat, concernSince: concernSince)
    }
}
