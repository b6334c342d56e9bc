import ComplianceRules

/// One problem found in an input file, printed the way compilers print them so editors can
/// jump to it: `file:line:column: error: message`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    /// Who found the problem; used to prefer the importer's plain-words message over the
    /// schema validator's when both report the same spot.
    enum Origin: Hashable, Sendable {
        case parser
        case schema
        case content
    }

    public let location: SourceLocation
    public let severity: Severity
    public let message: String
    let origin: Origin
    /// The ordinal of the record (agreement or melding) this problem rejects; nil for a problem of
    /// the file as a whole, which `--lenient` cannot pass over.
    var record: Int?
    /// What kind of problem it is, for a report that names a rejected record's reason in its own words.
    let reason: RejectionReason

    init(location: SourceLocation, severity: Severity = .error, message: String, origin: Origin, record: Int? = nil,
         reason: RejectionReason = .invalidValue) {
        self.location = location
        self.severity = severity
        self.message = message
        self.origin = origin
        self.record = record
        self.reason = reason
    }

    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Why a record was rejected, in a few kinds a report can word in any language; the diagnostic's
/// message says it in detail.
public enum RejectionReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// An element or attribute that is not part of the format.
    case notInFormat = "not-in-format"
    /// A required element or attribute is missing.
    case missingRequired = "missing-required"
    /// A value of the wrong form: a date, a KvK number, a category, a case key, a number.
    case invalidValue = "invalid-value"
    /// An id used before in the same file.
    case duplicateId = "duplicate-id"
    /// A melding dated outside the export's period.
    case dateOutsidePeriod = "date-outside-period"
    /// A melding whose concern-since lies after its date.
    case concernAfterDate = "concern-after-date"
    /// A type of melding that does not occur in the export's source.
    case typeNotOfSource = "type-not-of-source"
    /// Values that contradict each other: a period ending before it starts, more trained than staff.
    case inconsistent
}

/// The two documents of formats.md.
public enum DocumentKind: String, Sendable, CaseIterable {
    case register
    case meldingen

    var namespace: String { namespaceLiteral.description }

    var namespaceLiteral: StaticString {
        switch self {
        case .register: "urn:kindveilig:register:1"
        case .meldingen: "urn:kindveilig:meldingen:1"
        }
    }

    var rootElement: String { rawValue }
}

/// Everything that can go wrong while importing a file.
public enum ImportError: Error, Sendable, CustomStringConvertible {
    /// The file does not exist or cannot be read.
    case unreadable(file: String, reason: String)
    /// The root element is neither a register nor a meldingen export.
    case unknownKind(location: SourceLocation, found: String)
    /// A document of another kind than the one asked for.
    case wrongKind(file: String, expected: DocumentKind, found: DocumentKind)
    /// The document breaks the format; `diagnostics` holds the first problems, `omitted` how
    /// many more were found.
    case invalid(file: String, diagnostics: [Diagnostic], omitted: Int)
    /// The tool's own schema could not be loaded: an installation problem, not the user's.
    case schemaUnavailable(name: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            "\(file): error: cannot read the file: \(reason)"
        case .unknownKind(let location, let found):
            "\(location): error: not a register or meldingen export (\(found)); expected root element "
                + "<register xmlns=\"\(DocumentKind.register.namespace)\"> or "
                + "<meldingen xmlns=\"\(DocumentKind.meldingen.namespace)\">"
        case .wrongKind(let file, let expected, let found):
            "\(file): error: this is a \(found.rawValue) document; a \(expected.rawValue) document was expected"
        case .invalid(let file, let diagnostics, let omitted):
            (diagnostics.map(\.description)
                + (omitted > 0 ? ["\(file): note: \(omitted) more problem(s) not shown"] : []))
                .joined(separator: "\n")
        case .schemaUnavailable(let name, let reason):
            "error: the tool's schema \(name) could not be loaded (\(reason)); reinstall the tool"
        }
    }
}
