import Foundation
import ZIPFoundation

/// An .xlsx file as a zip archive (ZIPFoundation), opened for reading with limits that refuse a
/// hostile archive before much of it is inflated: too many entries, an entry declared too large or
/// compressed far more than XML ever is (a zip bomb), and an entry that inflates to more than its
/// header declared.
struct WorkbookArchive {
    enum Limits {
        /// Entries in the archive: a workbook has a dozen or two.
        static let entries = 1_000
        /// Bytes of one part once inflated: a national register's sheet is some tens of MB.
        static let partBytes: Int64 = 256 << 20
        /// Bytes inflated per byte stored, above which an entry is taken for a zip bomb. A sheet
        /// of repeated rows compresses some 20 to 50 times; a bomb a thousand times or more.
        static let compressionRatio: Int64 = 200
        /// Below this size the ratio is not judged: a small part of repeated markup compresses well.
        static let ratioJudgedFrom: Int64 = 1 << 20
    }

    let file: String
    private let archive: Archive
    private let entries: [String: Entry]

    init(file: String) throws(ImportError) {
        self.file = file
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw .unreadable(file: file, reason: FileManager.default.fileExists(atPath: file)
                ? "permission denied" : "no such file")
        }
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: file), accessMode: .read)
        } catch {
            throw .unreadable(file: file, reason: "not an .xlsx workbook: the file is not a zip archive")
        }
        var entries: [String: Entry] = [:]
        for entry in archive {
            guard entries.count < Limits.entries else {
                throw .unreadable(file: file, reason: "the workbook holds more than \(Limits.entries) entries; "
                    + "an .xlsx file has a few dozen, so it is refused")
            }
            entries[entry.path] = entry
        }
        self.archive = archive
        self.entries = entries
    }

    func contains(_ path: String) -> Bool { entries[path] != nil }

    /// The inflated bytes of one part, or nil when the archive has no such part.
    func part(_ path: String) throws(ImportError) -> [UInt8]? {
        guard let entry = entries[path] else { return nil }
        let declared = Int64(entry.uncompressedSize)
        let stored = Int64(entry.compressedSize)
        if declared > Limits.partBytes {
            throw refusal(path, "declares \(declared) bytes, more than the \(Limits.partBytes >> 20) MiB a workbook part may have")
        }
        if declared > Limits.ratioJudgedFrom, declared > stored * Limits.compressionRatio {
            throw refusal(path, "would inflate \(declared / max(stored, 1)) times (a zip bomb); XML compresses "
                + "at most some 50 times")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(declared))
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data in
                guard Int64(bytes.count + data.count) <= declared else { throw PartTooLarge() }
                bytes.append(contentsOf: data)
            }
        } catch is PartTooLarge {
            throw refusal(path, "inflates to more than the \(declared) bytes its header declares")
        } catch {
            throw .unreadable(file: file, reason: "the workbook part \(path) is damaged (\(error))")
        }
        return bytes
    }

    private func refusal(_ path: String, _ what: String) -> ImportError {
        .unreadable(file: file, reason: "the workbook part \(path) \(what); the workbook is refused")
    }

    private struct PartTooLarge: Error {}

    /// Whether a file starts as a zip archive does (`PK\3\4`): a workbook rather than XML.
    static func isArchive(_ file: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: file) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4)) ?? Data()
        return head.elementsEqual([0x50, 0x4B, 0x03, 0x04])
    }
}
