/// A Chamber of Commerce (KvK) number: exactly eight digits, leading zeros significant.
///
/// Held as an integer so the meldingen import can key its counts by it without allocating.
///
/// ```swift
/// KvKNumber("01234567")?.description   // "01234567"
/// KvKNumber("1234567")                  // nil: seven digits
/// ```
public struct KvKNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: UInt32

    public init?(value: UInt32) {
        guard value <= 99_999_999 else { return nil }
        self.value = value
    }

    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard let number = bytes.withUnsafeBytes({ KvKNumber(bytes: $0) }) else { return nil }
        self = number
    }

    /// Parses exactly eight ASCII digits, without allocating.
    public init?(bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 8 else { return nil }
        var value: UInt32 = 0
        for byte in bytes {
            let digit = UInt32(byte) &- 48
            guard digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        self.value = value
    }

    public var description: String {
        let digits = String(value)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    public static func < (lhs: KvKNumber, rhs: KvKNumber) -> Bool { lhs.value < rhs.value }
}
