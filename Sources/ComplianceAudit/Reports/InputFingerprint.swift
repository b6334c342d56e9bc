import ContractImport
import Crypto
import Foundation

/// An input of a run with the SHA-256 of its bytes, so a report says exactly what it judged.
public struct InputFile: Codable, Sendable, Hashable {
    public let kind: InputKind
    public let path: String
    public let sha256: String

    public init(kind: InputKind, path: String, sha256: String) {
        self.kind = kind
        self.path = path
        self.sha256 = sha256
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

/// Hashes the bytes an importer reads, as it reads them: one read, and the digest is of the bytes audited.
final class InputHasher: InputObserver {
    private var hasher = SHA256()

    func observe(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }

    var hexDigest: String { hasher.finalize().map { String(format: "%02x", $0) }.joined() }
}

/// The tool's version, as reports and `--version` state it.
public enum ToolVersion {
    public static let current = "0.6.0"
}
