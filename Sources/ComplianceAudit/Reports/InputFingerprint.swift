import ContractImport
import Crypto
import Foundation

/// An input of a run with the SHA-256 of its bytes, so a report says exactly what it judged.
public struct InputFile: Codable, Sendable, Hashable {
    public let kind: InputKind
    public let path: String
    public let sha256: String
    /// For a register or an export: the records read, audited and rejected; null for rule files.
    public var records: InputRecords?

    public init(kind: InputKind, path: String, sha256: String, records: InputRecords? = nil) {
        self.kind = kind
        self.path = path
        self.sha256 = sha256
        self.records = records
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(path, forKey: .path)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(records, forKey: .records)
    }

    /// Hashes a file in chunks, so a large one is never held in memory; a file that cannot be
    /// read fails, never hashes as nothing.
    static func fingerprint(kind: InputKind, path: String, displayPath: String? = nil) throws(ImportError) -> InputFile {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(file: displayPath ?? path, reason: String(cString: strerror(errno)))
        }
        defer { try? handle.close() }
        let hasher = InputHasher()
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                chunk.withUnsafeBytes { hasher.observe($0) }
            }
        } catch {
            throw .unreadable(file: displayPath ?? path, reason: error.localizedDescription)
        }
        return InputFile(kind: kind, path: displayPath ?? path, sha256: hasher.hexDigest)
    }

    /// A short digest over several inputs' kinds and contents (not their paths, so the same files
    /// give the same digest wherever they lie), in a fixed order.
    static func combinedDigest(_ files: [InputFile]) -> String {
        let lines = files.map { "\($0.kind.rawValue) \($0.sha256)" }.sorted().joined(separator: "\n")
        return SHA256.hash(data: Data(lines.utf8)).map { String(format: "%02x", $0) }.joined().prefix(16).description
    }
}

/// What became of a file's records: every one read was audited or rejected (only `--lenient`
/// rejects; a strict run stops at the first invalid file instead).
public struct InputRecords: Codable, Sendable, Hashable {
    /// Agreements in a register, meldingen in an export.
    public var read: Int
    public var audited: Int
    public var rejected: Int
    /// The rejected records with their position and reasons, up to the problem cap.
    public var rejections: [RejectedRecord]
    /// Rejected records past the cap, counted but not listed.
    public var unlisted: Int
    /// In a register workbook, the cells whose KvK number the spreadsheet had stored as a number
    /// and that were read back as 8 digits; absent when there are none.
    public var kvkStoredAsNumber: [String]?

    public init(_ reconciliation: RecordReconciliation) {
        read = reconciliation.read
        audited = reconciliation.audited
        rejected = reconciliation.rejected
        rejections = reconciliation.rejections.map {
            RejectedRecord(location: $0.location.description, reasons: $0.reasons, messages: $0.messages)
        }
        unlisted = reconciliation.unlisted
        let repaired = reconciliation.warnings.map(\.location.description)
        kvkStoredAsNumber = repaired.isEmpty ? nil : repaired
    }
}

/// One record a lenient run left out: where it stands (`file:line:column`) and why.
public struct RejectedRecord: Codable, Sendable, Hashable {
    public var location: String
    /// The kinds of problem (`not-in-format`, `missing-required`, `invalid-value`, `duplicate-id`,
    /// `date-outside-period`, `concern-after-date`, `type-not-of-source`, `inconsistent`).
    public var reasons: [RejectionReason]
    /// The problems in the tool's own English words, as `validate` prints them.
    public var messages: [String]
}

/// Hashes the bytes an importer reads, as it reads them: one read, and the digest is of the bytes audited.
///
/// The bytes are gathered into batches of 256 KiB, and a full batch is hashed on a queue of the
/// hasher's own, so hashing does not lengthen the parse that reads the file: in a national run the
/// longest export's parse is what the audit waits for, and hashing its 270 MB took a fifth of a
/// second of it. At most four batches wait for the queue (the reader waits beyond that), so memory
/// stays bounded; a small file (a register) never fills a batch and is hashed when its digest is asked.
final class InputHasher: InputObserver, @unchecked Sendable {
    private static let batchSize = 1 << 18
    /// The reading thread's: the bytes not yet handed on.
    private var batch: [UInt8] = []
    /// The queue's alone once the first batch is handed on (`hashing` is made then).
    private var hasher = SHA256()
    private var hashing: DispatchQueue?
    private let room = DispatchSemaphore(value: 4)

    func observe(_ bytes: UnsafeRawBufferPointer) {
        batch.append(contentsOf: bytes)
        if batch.count >= Self.batchSize { handOn() }
    }

    private func handOn() {
        let full = batch
        batch = []
        batch.reserveCapacity(Self.batchSize + (1 << 16))
        let queue = hashing ?? DispatchQueue(label: "compliance-audit.input-hash")
        hashing = queue
        room.wait()
        queue.async { [self] in
            full.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            room.signal()
        }
    }

    /// Waits for the batches handed on, then runs `body` on the hasher's state.
    private func withHasher<Result>(_ body: (inout SHA256) -> Result) -> Result {
        if let hashing { return hashing.sync { body(&hasher) } }
        return body(&hasher)
    }

    func restart() {
        batch.removeAll(keepingCapacity: true)
        withHasher { $0 = SHA256() }
    }

    var hexDigest: String {
        let rest = batch
        batch = []
        return withHasher { hasher in
            rest.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            return hasher.finalize().map { String(format: "%02x", $0) }.joined()
        }
    }
}

/// The tool's version, as reports and `--version` state it.
public enum ToolVersion {
    public static let current = "0.6.0"
}
