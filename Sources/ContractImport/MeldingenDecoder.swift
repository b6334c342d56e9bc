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

    init(consumer: Consumer) {
        stream = RecordStream(consumer: consumer)
    }

    /// Waits for the consumer's thread, if one was started, and returns the consumer.
    func finish() -> Consumer { stream.pipeline.finish() as! Consumer }
    var header: MeldingenExportHeader? { stream.header }
    var recordCount: Int { stream.recordCount }

    func startElement(_ element: ElementName, attributes: AttributeList, parse: SAXParse) {
        stream.startElement(element, attributes, parse: parse)
    }

    func endElement(_ element: ElementName, parse: SAXParse) {
        stream.depth -= 1
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
    private(set) var rejectedCount = 0
    var depth = 0
    private var ids = IdentifierSet()
    private var caseHasher = CaseHasher()
    private var dates = DateCache()
    private var fieldNames = FieldNameCache()
    /// The root's namespace pointer, checked once; records in the same namespace share it.
    private var rootNamespace: UnsafePointer<UInt8>?

    init(consumer: any MeldingenConsumer) {
        pipeline = ConsumerPipeline(consumer: consumer)
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
            if let melding = decode(attributes, parse: parse) {
                pipeline.accept(melding)
            } else {
                rejectedCount += 1
            }
        default:
            parse.report("element <\(element.name)> is not part of the meldingen format here; "
                + (depth == 2 ? "only <melding> elements may follow" : "<melding> has no child elements"))
        }
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

        attributes.forEachWithPosition { position, attribute in
            let value = attribute.value
            guard attribute.namespace == nil, let field = fieldNames.field(attribute.localName, at: position) else {
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
                date = dates.day(value)
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
        if !seen.hasAllRequired, let missing = seen.missingRequired {
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
struct RecordAttributes {
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

    private static let requiredBits: UInt16 = Field.id.rawValue | Field.date.rawValue | Field.category.rawValue
        | Field.type.rawValue | Field.case.rawValue

    var hasAllRequired: Bool { bits & Self.requiredBits == Self.requiredBits }

    private static let required: [(Field, String)] = [
        (.id, "id"), (.date, "date"), (.category, "category"), (.type, "type"), (.case, "case"),
    ]

    var missingRequired: String? {
        let missing = Self.required.filter { bits & $0.0.rawValue == 0 }.map(\.1)
        return missing.isEmpty ? nil : missing.joined(separator: ", ")
    }
}

/// The enumerations of the meldingen format, matched on bytes: only names of the same length
/// are compared, byte by byte.
private enum MeldingVocabulary {
    private static let categories = byLength(ReporterCategory.allCases.map { ($0.rawValue, $0) })
    private static let types = byLength(MeldingType.allCases.map { ($0.rawValue, $0) })

    static func category(_ bytes: UnsafeRawBufferPointer) -> ReporterCategory? { lookUp(bytes, in: categories) }
    static func type(_ bytes: UnsafeRawBufferPointer) -> MeldingType? { lookUp(bytes, in: types) }

    private static func byLength<Value>(_ entries: [(String, Value)]) -> [[(name: [UInt8], value: Value)]] {
        var buckets = [[(name: [UInt8], value: Value)]](repeating: [], count: 1 + entries.map(\.0.utf8.count).max()!)
        for (name, value) in entries { buckets[name.utf8.count].append((Array(name.utf8), value)) }
        return buckets
    }

    @inline(__always)
    private static func lookUp<Value>(_ bytes: UnsafeRawBufferPointer, in buckets: [[(name: [UInt8], value: Value)]]) -> Value? {
        guard bytes.count < buckets.count else { return nil }
        for entry in buckets[bytes.count] {
            var same = true
            for index in 0..<bytes.count where entry.name[index] != bytes[index] {
                same = false
                break
            }
            if same { return entry.value }
        }
        return nil
    }
}

/// Turns case keys into `CaseToken`s with a keyed hash whose 128-bit key is drawn anew by each
/// process, so a token reveals nothing of the case key outside this run, and equal keys give equal
/// tokens within it. Tokens never leave memory; a fast multiply-mix hash (not SipHash) keeps the
/// per-record cost low, with the distribution of a good 64-bit hash.
struct CaseHasher {
    private let seed: (UInt64, UInt64) = {
        var generator = SystemRandomNumberGenerator()
        return (generator.next(), generator.next() | 1)
    }()

    func token(_ key: UnsafeRawBufferPointer) -> CaseToken? {
        guard (16...64).contains(key.count) else { return nil }
        for byte in key where !((48...57).contains(byte) || (97...102).contains(byte)) { return nil }
        var hash = seed.0 ^ UInt64(key.count)
        var offset = 0
        while offset + 8 <= key.count {
            hash = Self.mix(hash ^ key.loadUnaligned(fromByteOffset: offset, as: UInt64.self), seed.1)
            offset += 8
        }
        if offset < key.count {
            var tail: UInt64 = 0
            for index in offset..<key.count { tail = tail << 8 | UInt64(key[index]) }
            hash = Self.mix(hash ^ tail, seed.1)
        }
        return CaseToken(fingerprint: Self.mix(hash, seed.0 | 1))
    }

    /// A 64×64→128-bit multiply folded to 64 bits, as in wyhash: fast and well mixing.
    @inline(__always)
    private static func mix(_ value: UInt64, _ key: UInt64) -> UInt64 {
        let product = value.multipliedFullWidth(by: key ^ 0x9E37_79B9_7F4A_7C15)
        return product.high ^ product.low
    }
}

/// Exports list many meldingen per day, usually in date order: reading a date that equals the
/// previous one costs a 10-byte comparison instead of a calendar calculation.
struct DateCache {
    private var lastBytes: (UInt64, UInt16) = (0, 0)
    private var lastDay: Day?

    mutating func day(_ bytes: UnsafeRawBufferPointer) -> Day? {
        guard bytes.count == 10 else { return ValueReader.day(bytes) }
        let key = (bytes.loadUnaligned(as: UInt64.self), bytes.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
        if let lastDay, key == lastBytes { return lastDay }
        let day = Day(isoBytes: bytes)
        if day != nil { (lastBytes, lastDay) = (key, day) }
        return day
    }
}

/// libxml2 interns names, so every record's attribute names are the same few pointers, mostly in
/// the same order: a field is found by comparing one pointer at its usual position. A name not seen
/// at that position is compared in full.
struct FieldNameCache {
    private var names = [UnsafePointer<UInt8>?](repeating: nil, count: 16)
    private var fields = [RecordAttributes.Field?](repeating: nil, count: 16)

    mutating func field(_ name: UnsafePointer<UInt8>, at position: Int) -> RecordAttributes.Field? {
        if position < 16, names[position] == name { return fields[position] }
        let field = RecordAttributes.Field(name)
        if position < 16 { (names[position], fields[position]) = (name, field) }
        return field
    }
}
