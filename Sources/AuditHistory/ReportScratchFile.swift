import ComplianceAudit
import Foundation
import GRDB
import GRDBSQLite

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stored report on its way into the database: written to a file of no name (created owner-only
/// beside the database and unlinked at once, so nothing is left behind however the process ends),
/// then copied into its blob a piece at a time with SQLite's incremental blob I/O. A national
/// report is hundreds of megabytes; this way it is never in memory whole.
final class ReportScratchFile {
    let descriptor: Int32
    /// What messages name it by: the database's directory.
    let path: String

    init(beside databasePath: String) throws {
        path = URL(fileURLWithPath: databasePath).deletingLastPathComponent().path
        var descriptor: Int32 = -1
        for _ in 0..<16 {
            let name = path + "/.report-" + UUID().uuidString + ".json"
            descriptor = open(name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if descriptor >= 0 {
                unlink(name)
                break
            }
            if errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw ReportFile.WriteError.system(String(cString: strerror(errno)), path: path) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The bytes written so far.
    func size() throws -> Int {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw ReportFile.WriteError.system(String(cString: strerror(errno)), path: path) }
        return Int(status.st_size)
    }

    /// Copies the file into a blob made beforehand with `zeroblob(size())`.
    func copy(into db: Database, table: String, column: String, row: Int64) throws {
        var blob: OpaquePointer?
        try check(sqlite3_blob_open(db.sqliteConnection, "main", table, column, row, 1, &blob), db)
        defer { sqlite3_blob_close(blob) }
        try read(Int(sqlite3_blob_bytes(blob))) { piece, offset in
            try check(sqlite3_blob_write(blob, piece.baseAddress, Int32(piece.count), Int32(offset)), db)
        }
    }

    /// Hands the file on to `sink`, as it was written.
    func write(to sink: ReportSink) throws {
        try read(try size()) { piece, _ in
            sink.write(piece)
            try sink.flushIfFull()
        }
    }

    /// The file's first `length` bytes, a piece of up to 1 MiB at a time with its offset.
    private func read(_ length: Int, _ body: (UnsafeRawBufferPointer, Int) throws -> Void) throws {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset = 0
        while offset < length {
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, min($0.count, length - offset), off_t(offset)) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                throw ReportFile.WriteError.system(count < 0 ? String(cString: strerror(errno)) : "the report ended early", path: path)
            }
            try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[..<count]), offset) }
            offset += count
        }
    }

    private func check(_ code: Int32, _ db: Database) throws {
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}
