import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a report to `--output`. A regular file (or a new one) is written so that a reader never
/// sees half of it: the bytes go to a new temporary file beside the destination, renamed over it
/// only when complete, and a failed run leaves nothing. A destination that is not a regular file
/// (a terminal, `/dev/stdout`, a fifo, or a link to one) is written straight to, never replaced.
public enum ReportFile {
    public enum WriteError: Error, CustomStringConvertible {
        case missingDirectory(String)
        case system(String, path: String)

        public var description: String {
            switch self {
            case .missingDirectory(let directory): "the directory \(directory) does not exist"
            case .system(let reason, let path): "\(path): \(reason)"
            }
        }
    }

    public static func write(_ data: Data, to path: String) throws(WriteError) {
        do {
            try write(to: path) { sink in sink.write(data) }
        } catch let error as WriteError {
            throw error
        } catch {
            throw .system("\(error)", path: path)
        }
    }

    /// Writes what `produce` writes to its sink, chunk by chunk as it comes, with the same
    /// guarantees: a regular file appears whole or not at all (also when `produce` throws).
    public static func write(to path: String, _ produce: (ReportSink) throws -> Void) throws {
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            let descriptor = open(path, O_WRONLY)
            guard descriptor >= 0 else { throw WriteError.system(String(cString: strerror(errno)), path: path) }
            defer { close(descriptor) }
            try stream(to: descriptor, path: path, produce)
            return
        }
        let destination = URL(fileURLWithPath: path)
        let directory = destination.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WriteError.missingDirectory(directory)
        }
        // A name of its own, unpredictable, created exclusively and never through a link, in the
        // destination's directory so that the rename is atomic.
        var temporary = ""
        var descriptor: Int32 = -1
        for _ in 0..<16 {
            temporary = destination.deletingLastPathComponent()
                .appendingPathComponent(temporaryName(for: destination.lastPathComponent)).path
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw WriteError.system(String(cString: strerror(errno)), path: path) }
        InterruptCleanup.register(temporary)
        defer { InterruptCleanup.clear() }
        do {
            var writeback = EarlyWriteback(descriptor: descriptor)
            try stream(to: descriptor, path: path, produce, wrote: { writeback.wrote($0) })
            guard fsync(descriptor) == 0 || errno == EINVAL else { throw WriteError.system(String(cString: strerror(errno)), path: path) }
            close(descriptor)
            descriptor = -1
            guard rename(temporary, path) == 0 else { throw WriteError.system(String(cString: strerror(errno)), path: path) }
        } catch {
            if descriptor >= 0 { close(descriptor) }
            unlink(temporary)
            throw error
        }
    }

    /// Writes what `produce` writes straight to an open descriptor (standard output, say).
    public static func stream(to descriptor: Int32, path: String, _ produce: (ReportSink) throws -> Void) throws {
        try stream(to: descriptor, path: path, produce, wrote: { _ in })
    }

    /// The same, telling `wrote` how many bytes each chunk put into the file.
    private static func stream(
        to descriptor: Int32, path: String, _ produce: (ReportSink) throws -> Void, wrote: @escaping (Int) -> Void
    ) throws {
        let sink = ReportSink { bytes throws(WriteError) in
            try writeAll(bytes, to: descriptor, path: path)
            wrote(bytes.count)
        }
        try produce(sink)
        try sink.flush()
    }

    /// `.NAME.compliance-audit-<16 random hex digits>.tmp`: hidden, unpredictable, and recognisable
    /// as this tool's should a killed run (SIGKILL, a power cut) leave one behind.
    static func temporaryName(for name: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let random = String(generator.next() as UInt64, radix: 16)
        return ".\(name).compliance-audit-\(String(repeating: "0", count: 16 - random.count))\(random).tmp"
    }

    private static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws(WriteError) {
        var offset = 0
        while offset < buffer.count {
            let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw .system(String(cString: strerror(errno)), path: path)
            }
            offset += written
        }
    }
}

/// libc's write(2), out of reach of `ReportFile.write`'s name.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// Has the kernel start writing a new report file to disk while the rest is still being made, a
/// step at a time, so that the `fsync` before the rename finds little left to wait for: it took
/// 0.05–0.07 s for a 133 MB report with the machine's cores idle, and 0.004 s after this. Linux's
/// `sync_file_range(2)` with `SYNC_FILE_RANGE_WRITE` starts the writing of a range and returns;
/// it promises nothing, which is why the `fsync` stays. Swift's Glibc does not import it (a GNU
/// extension), so it is looked up by name; where there is none, nothing is started.
struct EarlyWriteback {
    /// How many bytes are written before their writing to disk is started.
    static let step = 8 << 20

    private typealias SyncFileRange = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32
    private static let syncFileRange: SyncFileRange? = {
        guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "sync_file_range") else { return nil }
        return unsafeBitCast(symbol, to: SyncFileRange.self)
    }()
    /// `SYNC_FILE_RANGE_WRITE` in `<fcntl.h>`.
    private static let startWriting: UInt32 = 2

    let descriptor: Int32
    private var written = 0
    private var started = 0

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Whether this system can start the writing early.
    static var isAvailable: Bool { syncFileRange != nil }

    /// Counts `count` more bytes written, and starts the writing of the step or more not yet started.
    mutating func wrote(_ count: Int) {
        written += count
        guard written - started >= Self.step, let syncFileRange = Self.syncFileRange else { return }
        _ = syncFileRange(descriptor, Int64(started), Int64(written - started), Self.startWriting)
        started = written
    }
}
