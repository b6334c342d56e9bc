import ComplianceRules
import Foundation

// The pieces the meldingen decoder reads a record with: which attributes it carried, the format's
// vocabularies, case keys turned into tokens, and caches for what repeats from record to record.

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
/// are compared.
enum MeldingVocabulary {
    private static let categories = ByteVocabulary(ReporterCategory.allCases.map { ($0.rawValue, $0) })
    private static let types = ByteVocabulary(MeldingType.allCases.map { ($0.rawValue, $0) })

    static func category(_ bytes: UnsafeRawBufferPointer) -> ReporterCategory? { categories.lookUp(bytes) }
    static func type(_ bytes: UnsafeRawBufferPointer) -> MeldingType? { types.lookUp(bytes) }
}

/// Names and their values in memory allocated once for the process and never freed, so that a
/// lookup, once per record, touches no reference-counted storage (an array of arrays cost a retain
/// and a release of the inner array per lookup, a fifth of the decoder's time).
struct ByteVocabulary<Value: Sendable>: @unchecked Sendable {
    private let names: UnsafeMutablePointer<UInt8>
    private let entries: UnsafeMutablePointer<(offset: Int, length: Int, value: Value)>
    private let count: Int

    init(_ pairs: [(String, Value)]) {
        let bytes = pairs.flatMap { Array($0.0.utf8) }
        names = .allocate(capacity: max(1, bytes.count))
        names.initialize(from: bytes, count: bytes.count)
        entries = .allocate(capacity: max(1, pairs.count))
        var offset = 0
        for (index, (name, value)) in pairs.enumerated() {
            (entries + index).initialize(to: (offset, name.utf8.count, value))
            offset += name.utf8.count
        }
        count = pairs.count
    }

    @inline(__always)
    func lookUp(_ bytes: UnsafeRawBufferPointer) -> Value? {
        guard let base = bytes.baseAddress else { return nil }
        for index in 0..<count {
            let entry = entries[index]
            if entry.length == bytes.count, memcmp(names + entry.offset, base, entry.length) == 0 { return entry.value }
        }
        return nil
    }
}

/// Turns case keys into `CaseToken`s with a keyed hash whose 128-bit key is drawn anew by each
/// process, so a token reveals nothing of the case key outside this run, and equal keys give equal
/// tokens within it. Tokens never leave memory; a fast multiply-mix hash (not SipHash) keeps the
/// per-record cost low, with the distribution of a good 64-bit hash.
struct CaseHasher {
    /// One key per process: the same case key gives the same token in every export of a run, so
    /// distinct cases and the 30-day rule hold across the files of one source.
    private static let processSeed: (UInt64, UInt64) = {
        var generator = SystemRandomNumberGenerator()
        return (generator.next(), generator.next() | 1)
    }()
    private let seed = Self.processSeed

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

/// libxml2 interns names, so every record's attribute names are the same few pointers: a field is
/// found by comparing one pointer, in a slot chosen by the pointer's value; only a name not yet in
/// its slot is compared in full. (A slot per position missed often: optional attributes shift the
/// others' positions from record to record.)
struct FieldNameCache {
    private static let slots = 64
    private var names = [UnsafePointer<UInt8>?](repeating: nil, count: slots)
    private var fields = [RecordAttributes.Field?](repeating: nil, count: slots)

    @inline(__always)
    mutating func field(_ name: UnsafePointer<UInt8>) -> RecordAttributes.Field? {
        let slot = Int(bitPattern: UInt(bitPattern: name) >> 3) & (Self.slots - 1)
        if names[slot] == name { return fields[slot] }
        let field = RecordAttributes.Field(name)
        (names[slot], fields[slot]) = (name, field)
        return field
    }
}
