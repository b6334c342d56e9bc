import Crypto
import Foundation

/// An input of a run with the SHA-256 of its bytes, so a report says exactly what it judged.
public struct InputFile: Codable, Sendable, Hashable {
    /// register, meldingen, rules, profile, waivers or rates.
    public let kind: String
    public let path: String
    public let sha256: String

    /// Hashes the file in chunks, so a large export is never held in memory.
    static func fingerprint(kind: String, path: String, displayPath: String? = nil) -> InputFile {
        var hasher = SHA256()
        if let handle = FileHandle(forReadingAtPath: path) {
            defer { try? handle.close() }
            while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                hasher.update(data: chunk)
            }
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return InputFile(kind: kind, path: displayPath ?? path, sha256: digest)
    }
}

extension InputFile {
    /// A short digest over several inputs' kinds and contents (not their paths, so the same files
    /// give the same digest wherever they lie), in a fixed order.
    static func combinedDigest(_ files: [InputFile]) -> String {
        let lines = files.map { "\($0.kind) \($0.sha256)" }.sorted().joined(separator: "\n")
        return SHA256.hash(data: Data(lines.utf8)).map { String(format: "%02x", $0) }.joined().prefix(16).description
    }
}

/// The tool's version, as reports and `--version` state it.
public enum ToolVersion {
    public static let current = "0.5.0"
}
