import ComplianceRules
import Foundation

/// Reads a register of agreements (formats.md §1) into memory, validating it against
/// `schemas/register.xsd` and the checks an XSD cannot make, in one streaming pass.
///
/// ```swift
/// let register = try RegisterImporter().load("samples/register.xml")
/// print(register.agreements.count)
/// ```
public struct RegisterImporter: Sendable {
    /// How many problems to keep per file; the rest are counted.
    public var diagnosticLimit: Int
    /// Leave out the agreements with a problem instead of failing; a problem of the file as a
    /// whole still fails.
    public var lenient: Bool

    public init(diagnosticLimit: Int = 50, lenient: Bool = false) {
        self.diagnosticLimit = diagnosticLimit
        self.lenient = lenient
    }

    /// Reads the register; `observer` sees every byte of the file as it is read.
    public func load(_ file: String, observer: InputObserver? = nil) throws(ImportError) -> Register {
        try read(file, observer: observer).register
    }

    /// Reads the register and says what became of each agreement read.
    /// A workbook (.xlsx, recognised by its content) is read by `RegisterWorkbookReader`.
    public func read(_ file: String, observer: InputObserver? = nil) throws(ImportError)
        -> (register: Register, records: RecordReconciliation) {
        if WorkbookArchive.isArchive(file) {
            let outcome = try RegisterWorkbookReader(file: file).read(diagnosticLimit: diagnosticLimit, lenient: lenient)
            if let observer { try Self.observe(file, observer) }
            return (outcome.register, outcome.records)
        }
        let kind = try DocumentSniffer.kind(of: file, diagnosticLimit: diagnosticLimit)
        guard kind == .register else { throw .wrongKind(file: file, expected: .register, found: kind) }
        return try readDocument(named: file, bytes: nil, observer: observer)
    }

    /// Reads a register document from the file, or from `bytes` (then `file` only names it).
    func readDocument(named file: String, bytes: [UInt8]?, observer: InputObserver? = nil) throws(ImportError)
        -> (register: Register, records: RecordReconciliation) {
        let builder = RegisterBuilder()
        let parse = SAXParse(
            file: file, handler: builder, schema: try CompiledSchema.forKind(.register),
            diagnosticLimit: diagnosticLimit, echoesContent: true, bytes: bytes)
        parse.observer = observer
        try parse.run()
        if let error = lenient ? parse.log.fileLevelError() : parse.log.error() { throw error }
        guard let register = builder.register else {
            throw .invalid(file: file, diagnostics: [], omitted: 0)
        }
        return (register, RecordReconciliation(read: builder.agreementsRead, audited: register.agreements.count,
                                               rejections: parse.log.rejections()))
    }

    /// Hands the file's bytes to the observer, which hashes what the audit judged.
    private static func observe(_ file: String, _ observer: InputObserver) throws(ImportError) {
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw .unreadable(file: file, reason: "the file could not be opened again")
        }
        defer { try? handle.close() }
        while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            chunk.withUnsafeBytes { observer.observe($0) }
        }
    }
}

/// One record (an agreement or a melding) that a lenient import left out, and why.
public struct Rejection: Sendable, Hashable {
    public var location: SourceLocation
    /// The kinds of problem, each once, in the order found.
    public var reasons: [RejectionReason]
    /// The problems in the tool's own (English) words; never a value from a meldingen export.
    public var messages: [String]
}

/// What an import did with the records of one file: every record read is audited or rejected.
public struct RecordReconciliation: Sendable, Hashable {
    public var read: Int
    public var audited: Int
    public var rejected: Int { read - audited }
    /// The rejected records, up to the problem cap; `unlisted` more were rejected.
    public var rejections: [Rejection]
    public var unlisted: Int { max(0, rejected - rejections.count) }
    /// What the import read other than the file said, and why (a KvK number a spreadsheet stored
    /// as a number, read back as its 8 digits).
    public var warnings: [Diagnostic] = []

    public init(read: Int, audited: Int, rejections: [Rejection] = []) {
        self.read = read
        self.audited = audited
        self.rejections = rejections
    }
}

/// What one streaming read of a meldingen export saw.
public struct MeldingenReadSummary: Sendable, Hashable {
    public var file: String
    public var header: MeldingenExportHeader
    /// Every record read.
    public var recordCount: Int
    /// What became of them: audited (handed to the consumer) or, in a lenient read, rejected.
    public var records: RecordReconciliation
}

/// Streams a meldingen export (formats.md §2) record by record to a consumer. Memory does not
/// grow with the file; records arrive without id or case key.
///
/// The whole record contract is checked on the fly. Any problem fails the read as a whole,
/// after the complete file has been read so that every problem can be listed: the consumer must
/// discard what it gathered when this throws.
public struct MeldingenImporter: Sendable {
    public var diagnosticLimit: Int
    /// Hand on the valid records and list the others instead of failing; a problem of the file as
    /// a whole (not well-formed, the header, a BSN, keys that are no pseudonyms) still fails.
    public var lenient: Bool

    /// Threads that may read one large export, in pieces (`PiecewiseExportRead`); a valid export
    /// gives the same result as one pass. 1 reads every export in one pass.
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    /// The size of those pieces; an export smaller than two is read in one pass.
    public var pieceBytes = 512 << 10

    public init(diagnosticLimit: Int = 50, lenient: Bool = false) {
        self.diagnosticLimit = diagnosticLimit
        self.lenient = lenient
    }

    /// The export's source and the first day it covers, from its root start tag alone: the audit
    /// orders the exports of one source by it. Nil when the header cannot be read; `read` says why.
    public static func header(of file: String) -> (source: MeldingSource, start: Day)? {
        DocumentSniffer.exportHeader(of: file)
    }

    /// Streams the export into `consumer`; `observer` sees every byte of the file as it is read.
    public func read<Consumer: MeldingenConsumer>(
        _ file: String, into consumer: inout Consumer, observer: InputObserver? = nil
    ) throws(ImportError) -> MeldingenReadSummary {
        if WorkbookArchive.isArchive(file) {
            throw .unreadable(file: file, reason: "this is a workbook (a zip archive); a meldingen export is XML "
                + "(docs/FORMATS.md), only a register may be a workbook")
        }
        let kind = try DocumentSniffer.kind(of: file, diagnosticLimit: diagnosticLimit)
        guard kind == .meldingen else { throw .wrongKind(file: file, expected: .meldingen, found: kind) }
        if let summary = PiecewiseExportRead(pieceBytes: pieceBytes, workers: workers).read(file, into: &consumer, observer: observer) {
            return summary
        }
        let decoder = MeldingenDecoder(consumer: consumer)
        let parse = SAXParse(file: file, handler: decoder, schema: nil, diagnosticLimit: diagnosticLimit)
        parse.observer = observer
        defer { consumer = decoder.finish() }
        try parse.run()
        if let error = lenient ? parse.log.fileLevelError() : parse.log.error() { throw error }
        guard let header = decoder.header else { throw .invalid(file: file, diagnostics: [], omitted: 0) }
        return MeldingenReadSummary(
            file: file, header: header, recordCount: decoder.recordCount,
            records: RecordReconciliation(read: decoder.recordCount, audited: decoder.acceptedCount,
                                          rejections: parse.log.rejections()))
    }
}

/// Checks documents of either kind without auditing them: the work of `compliance-audit validate`.
public struct DocumentValidator: Sendable {
    public var diagnosticLimit: Int

    public init(diagnosticLimit: Int = 50) {
        self.diagnosticLimit = diagnosticLimit
    }

    /// The kind of a valid document and how many records (agreements or meldingen) it holds.
    public struct Outcome: Sendable, Hashable {
        public var kind: DocumentKind
        public var recordCount: Int
        /// What was read other than the file said (a register workbook's KvK numbers stored as numbers).
        public var warnings: [Diagnostic] = []
    }

    /// Validates against the kind's XSD and every other check of the import. Throws `.invalid`
    /// with the problems found, `.unreadable` or `.unknownKind` when it cannot judge the file.
    public func validate(_ file: String) throws(ImportError) -> Outcome {
        if WorkbookArchive.isArchive(file) {
            let (register, records, slips) = try RegisterWorkbookReader(file: file).read(diagnosticLimit: diagnosticLimit, lenient: false)
            return Outcome(kind: .register, recordCount: register.agreements.count, warnings: records.warnings + slips)
        }
        let kind = try DocumentSniffer.kind(of: file, diagnosticLimit: diagnosticLimit)
        let schema = try CompiledSchema.forKind(kind)
        switch kind {
        case .register:
            let builder = RegisterBuilder()
            try run(file, builder, schema)
            return Outcome(kind: kind, recordCount: builder.register?.agreements.count ?? 0,
                           warnings: builder.register.map(RegisterBuilder.warnings) ?? [])
        case .meldingen:
            // The decoder's own checks and the XSD run side by side here: the XSD is the contract,
            // the decoder what the audit relies on; where both speak, the decoder's words are kept.
            let decoder = MeldingenDecoder(consumer: DiscardingConsumer())
            defer { _ = decoder.finish() }
            try run(file, decoder, schema)
            return Outcome(kind: kind, recordCount: decoder.recordCount)
        }
    }

    private func run(_ file: String, _ handler: SAXEventHandler, _ schema: CompiledSchema) throws(ImportError) {
        let parse = SAXParse(file: file, handler: handler, schema: schema, diagnosticLimit: diagnosticLimit,
                             echoesContent: handler is RegisterBuilder)
        try parse.run()
        if let error = parse.log.error() { throw error }
    }
}

private struct DiscardingConsumer: MeldingenConsumer {
    mutating func begin(_ header: MeldingenExportHeader) {}
    mutating func consume(_ melding: Melding) {}
}
