import ComplianceRules

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the line and column of a byte offset by reading the file again up to it. Used only when
/// a file is refused, so the hot path never counts lines.
enum FilePosition {
    static func locate(byteOffset: Int, in file: String) -> SourceLocation {
        let descriptor = open(file, O_RDONLY)
        guard descriptor >= 0 else { return SourceLocation(file: file, line: 1, column: 1) }
        defer { close(descriptor) }
        var line = 1
        var column = 1
        var remaining = byteOffset
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while remaining > 0 {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, min($0.count, remaining)) }
            guard count > 0 else { break }
            for byte in buffer[0..<count] {
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80, byte != 0 {
                    // A character starts here (UTF-8); continuation bytes and UTF-16's zero halves do not.
                    column += 1
                }
            }
            remaining -= count
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
