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
    private(set) var consumer: Consumer
    private(set) var header: MeldingenExportHeader?
    private(set) var recordCount = 0
    private(set) var rejectedCount = 0
    private var depth = 0
    private var ids = IdentifierSet()
    private var caseHasher = CaseHasher()

    init(consumer: Consumer) {
        self.consumer = consumer
    }

    func startElement(_ element: ElementName, attributes: AttributeList, parse: SAXParse) {
        depth += 1
        switch depth {
        case 1:
            readHeader(element, attributes, parse: parse)
        case 2 where element.isNamed("melding") && element.isIn(.meldingen):
            recordCount += 1
            if let melding = decode(attributes, parse: parse) {
                consumer.consume(melding)
            } else {
                rejectedCount += 1
            }
        default:
            parse.report("element <\(element.name)> is not part of the meldingen format here; "
                + (depth == 2 ? "only <melding> elements may follow" : "<melding> has no child elements"))
        }
    }

    func endElement(_ element: ElementName, parse: SAXParse) {
        depth -= 1
    }

    func characters(_ text: UnsafeRawBufferPointer, parse: SAXParse) {
        guard text.contains(where: { !isXMLWhitespace($0) }) else { return }
        parse.report("text is not allowed here; a meldingen export holds only <melding> elements")
    }

    private func readHeader(_ element: ElementName, _ attributes: AttributeList, parse: SAXParse) {
        guard element.isNamed("meldingen"), element.isIn(.meldingen) else {
            parse.report("the root element must be <meldingen xmlns=\"\(DocumentKind.meldingen.namespace)\">")
            return
        }
        var source: MeldingSource?
        var region: String?
        var from: Day?
        var to: Day?
        attributes.forEach { attribute in
            if attribute.isNamed("source") {
                source = ValueReader.token(attribute.value).flatMap(MeldingSource.init(rawValue:))
                if source == nil { parse.report("<meldingen>: source must be veilig-thuis or verwijsindex") }
            } else if attribute.isNamed("region") {
                region = ValueReader.token(attribute.value)
                if region == nil { parse.report("<meldingen>: region must not be empty") }
            } else if attribute.isNamed("from") || attribute.isNamed("to") {
                let day = ValueReader.day(attribute.value)
                if day == nil { parse.report("<meldingen>: \(attribute.name) must be a date written YYYY-MM-DD") }
                if attribute.isNamed("from") { from = day } else { to = day }
            } else {
                parse.report("<meldingen>: attribute \(attribute.name) is not part of the format")
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
        if to < from { parse.report("<meldingen>: to (\(to)) lies before from (\(from))") }
        let header = MeldingenExportHeader(source: source, region: region, period: DayInterval(start: from, end: to))
        self.header = header
        consumer.begin(header)
    }

    /// The hot path: one call per record, no allocation for a valid record.
    private func decode(_ attributes: AttributeList, parse: SAXParse) -> Melding? {
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
            guard attribute.namespace == nil, let field = RecordAttributes.Field(attribute.localName) else {
                problems += 1
                parse.report("<melding>: attribute \(attribute.name) is not part of the format")
                return
            }
            seen.insert(field)
            switch field {
            case .id:
                let id = value.trimmingXMLWhitespace
                if id.isEmpty {
                    problems += 1
                    parse.report("<melding>: id must not be empty")
                } else if !ids.insert(id) {
                    problems += 1
                    parse.report("<melding>: this id occurs earlier in the file; every melding needs its own id")
                }
            case .date:
                date = ValueReader.day(value)
                if date == nil { problems += 1; parse.report("<melding>: date must be a date written YYYY-MM-DD") }
            case .reporterKvK:
                reporter = KvKNumber(bytes: value)
                if reporter == nil { problems += 1; parse.report("<melding>: reporter-kvk must be exactly 8 digits") }
            case .category:
                category = MeldingVocabulary.category(value.trimmingXMLWhitespace)
                if category == nil {
                    problems += 1
                    parse.report("<melding>: category must be one of: "
                        + ReporterCategory.allCases.map(\.rawValue).joined(separator: ", "))
                }
            case .type:
                type = MeldingVocabulary.type(value.trimmingXMLWhitespace)
                if type == nil {
                    problems += 1
                    parse.report("<melding>: type must be one of: "
                        + MeldingType.allCases.map(\.rawValue).joined(separator: ", "))
                }
            case .case:
                caseToken = caseHasher.token(value)
                if caseToken == nil {
                    problems += 1
                    parse.report("<melding>: case must be a pseudonymous key of 16 to 64 lowercase hexadecimal characters")
                }
            case .repeat:
                if let flag = ValueReader.bool(value) { isRepeat = flag } else {
                    problems += 1
                    parse.report("<melding>: repeat must be true or false")
                }
            case .concernSince:
                concernSince = ValueReader.day(value)
                if concernSince == nil {
                    problems += 1
                    parse.report("<melding>: concern-since must be a date written YYYY-MM-DD")
                }
            }
        }
        if let missing = seen.missingRequired {
            parse.report("<melding>: required attribute(s) missing: \(missing)")
            return nil
        }
        guard problems == 0, let date, let category, let type, let caseToken, let header else { return nil }
        if !header.period.contains(date) {
            problems += 1
            parse.report("<melding>: date lies outside the export's period \(header.period)")
        }
        if let concernSince, concernSince > date {
            problems += 1
            parse.report("<melding>: concern-since lies after the melding's date")
        }
        if !type.belongs(to: header.source) {
            problems += 1
            parse.report("<melding>: type \(type.rawValue) does not occur in a \(header.source.rawValue) export")
        }
        guard problems == 0 else { return nil }
        return Melding(
            date: date, reporter: reporter, category: category, type: type, caseToken: caseToken,
            isRepeat: isRepeat, concernSince: concernSince)
    }
}

/// Which attributes a record carried, as bits.
private struct RecordAttributes {
    enum Field: UInt16 {
        case id = 1, date = 2, reporterKvK = 4, category = 8, type = 16, `case` = 32, `repeat` = 64
        case concernSince = 128

        init?(_ name: UnsafePointer<UInt8>) {
            // Dispatch on the first byte, then confirm the whole name.
            switch name[0] {
            case UInt8(ascii: "i") where equalsCString(name, "id"): self = .id
            case UInt8(ascii: "d") where equalsCString(name, "date"): self = .date
            case UInt8(ascii: "r") where equalsCString(name, "reporter-kvk"): self = .reporterKvK
            case UInt8(ascii: "r") where equalsCString(name, "repeat"): self = .repeat
            case UInt8(ascii: "c") where equalsCString(name, "category"): self = .category
            case UInt8(ascii: "c") where equalsCString(name, "case"): self = .case
            case UInt8(ascii: "c") where equalsCString(name, "concern-since"): self = .concernSince
            case UInt8(ascii: "t") where equalsCString(name, "type"): self = .type
            default: return nil
            }
        }
    }

    private var bits: UInt16 = 0

    mutating func insert(_ field: Field) { bits |= field.rawValue }

    private static let required: [(Field, String)] = [
        (.id, "id"), (.date, "date"), (.category, "category"), (.type, "type"), (.case, "case"),
    ]

    var missingRequired: String? {
        let missing = Self.required.filter { bits & $0.0.rawValue == 0 }.map(\.1)
        return missing.isEmpty ? nil : missing.joined(separator: ", ")
    }
}

/// The enumerations of the meldingen format, matched on bytes.
private enum MeldingVocabulary {
    private static let categories: [([UInt8], ReporterCategory)] =
        ReporterCategory.allCases.map { (Array($0.rawValue.utf8), $0) }
    private static let types: [([UInt8], MeldingType)] = MeldingType.allCases.map { (Array($0.rawValue.utf8), $0) }

    static func category(_ bytes: UnsafeRawBufferPointer) -> ReporterCategory? { lookUp(bytes, in: categories) }
    static func type(_ bytes: UnsafeRawBufferPointer) -> MeldingType? { lookUp(bytes, in: types) }

    private static func lookUp<Value>(_ bytes: UnsafeRawBufferPointer, in table: [([UInt8], Value)]) -> Value? {
        for (name, value) in table where name.count == bytes.count && name.elementsEqual(bytes) {
            return value
        }
        return nil
    }
}

/// Turns case keys into `CaseToken`s with a keyed hash whose key is drawn anew by each process
/// (Swift's `Hasher` is randomly seeded per process), so a token reveals nothing of the key.
struct CaseHasher {
    func token(_ key: UnsafeRawBufferPointer) -> CaseToken? {
        guard (16...64).contains(key.count) else { return nil }
        for byte in key where !((48...57).contains(byte) || (97...102).contains(byte)) { return nil }
        var hasher = Hasher()
        hasher.combine(bytes: key)
        return CaseToken(fingerprint: UInt64(bitPattern: Int64(hasher.finalize())))
    }
}
