import Foundation

/// A long part of a report made as text (a table, a chart, a list of thousands of lines) is handed
/// on in pieces as it grows, never held whole.
enum ReportPiece {
    /// Hands `text` on to `emit` once it has grown past 64 KiB, and starts it again.
    static func handOn(_ text: inout String, _ emit: (String) throws -> Void) rethrows {
        guard text.utf8.count >= 1 << 16 else { return }
        try emit(text)
        text.removeAll(keepingCapacity: true)
    }
}

/// Where a report's bytes go as they are made: a buffer handed on in chunks (to a file, standard
/// output, or memory), so that a report of any size needs no more memory than one chunk and the
/// part being made. Reporters write to it; `flushIfFull()` passes a full buffer on.
public final class ReportSink {
    private var buffer: [UInt8] = []
    private let chunkSize: Int
    private let deliver: (UnsafeRawBufferPointer) throws -> Void

    /// `deliver` receives the bytes in order, a chunk at a time.
    public init(chunkSize: Int = 1 << 20, deliver: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.chunkSize = chunkSize
        self.deliver = deliver
        buffer.reserveCapacity(chunkSize + chunkSize / 4)
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    public func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
    }

    public func write(_ data: Data) {
        buffer.append(contentsOf: data)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
    }

    /// Lets `body` append to the buffer in place.
    func append(_ body: (inout [UInt8]) throws -> Void) rethrows {
        try body(&buffer)
    }

    /// Hands the buffer on when it holds a chunk or more.
    public func flushIfFull() throws {
        if buffer.count >= chunkSize { try flush() }
    }

    /// Hands on whatever is buffered.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try deliver($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// A sink that collects everything in memory: for tests and small documents.
    static func collecting() -> (sink: ReportSink, bytes: () -> Data) {
        let collected = Collected()
        let sink = ReportSink(chunkSize: 1 << 16) { collected.data.append(contentsOf: $0) }
        return (sink, { collected.data })
    }

    private final class Collected {
        var data = Data()
    }
}
