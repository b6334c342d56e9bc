import ComplianceRules
import Foundation

// Readers for attribute values, matching the lexical forms the XSDs accept. Types derived from
// xs:token, xs:date, xs:boolean and the numeric types collapse white space before checking, so
// these readers trim it too; xs:string-based values (kvk, case key) are taken as they stand.

extension UnsafeRawBufferPointer {
    /// The bytes without leading and trailing XML white space.
    var trimmingXMLWhitespace: UnsafeRawBufferPointer {
        // Nearly every value has nothing to trim.
        if let first, let last, !isXMLWhitespace(first), !isXMLWhitespace(last) { return self }
        var start = 0
        var end = count
        while start < end, isXMLWhitespace(self[start]) { start += 1 }
        while end > start, isXMLWhitespace(self[end - 1]) { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: self[start..<end])
    }

    func equals(_ text: StaticString) -> Bool {
        guard count == text.utf8CodeUnitCount else { return false }
        return text.withUTF8Buffer { expected in
            for index in 0..<count where self[index] != expected[index] { return false }
            return true
        }
    }
}

@inline(__always)
func isXMLWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
}

enum ValueReader {
    static func day(_ bytes: UnsafeRawBufferPointer) -> Day? {
        Day(isoBytes: bytes.trimmingXMLWhitespace)
    }

    static func bool(_ bytes: UnsafeRawBufferPointer) -> Bool? {
        let trimmed = bytes.trimmingXMLWhitespace
        if trimmed.equals("true") { return true }
        if trimmed.equals("false") { return false }
        return nil
    }

    /// xs:nonNegativeInteger: an optional sign and digits ("-0" is allowed, being zero).
    static func wholeNumber(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let trimmed = bytes.trimmingXMLWhitespace
        var index = 0
        var negative = false
        if let first = trimmed.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        guard index < trimmed.count else { return nil }
        var value = 0
        while index < trimmed.count {
            let digit = Int(trimmed[index]) - 48
            guard (0...9).contains(digit) else { return nil }
            let (product, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = product.addingReportingOverflow(digit)
            guard !overflowA, !overflowB else { return nil }
            value = sum
            index += 1
        }
        return negative && value != 0 ? nil : value
    }

    /// xs:decimal: optional sign, digits with at most one point, at least one digit. Checked on
    /// the bytes; Foundation reads the value (a leading `+` dropped, which it does not take).
    static func decimal(_ bytes: UnsafeRawBufferPointer) -> Decimal? {
        let value = bytes.trimmingXMLWhitespace
        var digits = 0
        var points = 0
        for (index, byte) in value.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."): points += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"): if index > 0 { return nil }
            default: return nil
            }
        }
        guard digits > 0, points <= 1 else { return nil }
        let unsigned = value.first == UInt8(ascii: "+") ? UnsafeRawBufferPointer(rebasing: value.dropFirst()) : value
        return Decimal(string: String(decoding: unsigned, as: UTF8.self), locale: posix)
    }

    /// Made once: the locale, string, substring and split made for every value were about half of
    /// the time spent reading a register's decimals (10.3% of its samples, 5.4% without them).
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// xs:token: white space collapsed to single spaces; `nil` when empty.
    static func token(_ bytes: UnsafeRawBufferPointer) -> String? {
        if isCollapsedToken(bytes) { return String(decoding: bytes, as: UTF8.self) }
        let words = attributeText(bytes)
            .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// Whether the bytes are already a token as written: not empty, no reference to decode, and
    /// white space only as single spaces between words. Most values are; they need no collapsing.
    private static func isCollapsedToken(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return false }
        var previousWasSpace = false
        for byte in bytes {
            if byte == 0x20 {
                if previousWasSpace { return false }
                previousWasSpace = true
            } else {
                if byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == UInt8(ascii: "&") { return false }
                previousWasSpace = false
            }
        }
        return true
    }

    /// An attribute's value as text. Without entity substitution (never asked for: it would expand
    /// entities) libxml2 hands `&amp;` in an attribute value on as the character reference `&#38;`,
    /// so that "Jansen &amp; Zn" would read "Jansen &#38; Zn"; it is turned back into `&` here. Every
    /// other reference arrives replaced.
    static func attributeText(_ bytes: UnsafeRawBufferPointer) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard bytes.contains(UInt8(ascii: "&")) else { return text }
        return text.replacingOccurrences(of: "&#38;", with: "&")
    }
}

private extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
