#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes the report's temporary file when the run is interrupted (SIGINT, SIGTERM) while writing
/// it, then lets the signal end the process as it would have. A run killed with SIGKILL cannot clean
/// up: its file stays behind, recognisable by its name (`.NAME.compliance-audit-<16 hex>.tmp`
/// beside the destination) and safe to delete.
///
/// The handler may only do what is async-signal-safe: it reads a fixed C buffer and calls
/// `unlink`, `signal` and `raise`. One temporary file is registered at a time.
enum InterruptCleanup {
    nonisolated(unsafe) private static var installed = false

    static func register(_ temporary: String) {
        let buffer = registeredPath
        buffer[0] = 0
        let bytes = Array(temporary.utf8)
        guard bytes.count < capacity else { return }
        // Write the first byte last, so the handler never sees half a path.
        for (index, byte) in bytes.enumerated().dropFirst() { buffer[index] = CChar(bitPattern: byte) }
        buffer[bytes.count] = 0
        if !installed {
            installed = true
            signal(SIGINT, handleInterrupt)
            signal(SIGTERM, handleInterrupt)
        }
        buffer[0] = CChar(bitPattern: bytes.first ?? 0)
    }

    static func clear() {
        registeredPath[0] = 0
    }
}

private let capacity = Int(PATH_MAX) + 1

/// The registered path, NUL-terminated; empty when none. Written only by the main flow, read by
/// the handler, which is why it is a raw buffer and not a Swift string.
nonisolated(unsafe) private let registeredPath: UnsafeMutablePointer<CChar> = {
    let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
    buffer.initialize(repeating: 0, count: capacity)
    return buffer
}()

private func handleInterrupt(_ signalNumber: Int32) {
    if registeredPath[0] != 0 { unlink(registeredPath) }
    signal(signalNumber, SIG_DFL)
    raise(signalNumber)
}
