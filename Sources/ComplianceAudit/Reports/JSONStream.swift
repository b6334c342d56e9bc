import Foundation

/// JSON written as it is made: the same bytes as Foundation's `JSONEncoder` with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` (tests hold the two together), but each
/// value rendered straight to text and handed to a `ReportSink`, so a national report is never
/// held whole, neither as a tree of values nor as one block of bytes. Only one value (one
/// contractor, say) is in memory at a time: its keys must be sorted before it is written.
struct JSONStream {
    let sink: ReportSink

    /// Writes an object whose members are written by the closures, in sorted key order, at `depth`.
    func object(depth: Int, _ members: [(key: String, write: () throws -> Void)]) throws {
        guard !members.isEmpty else {
            sink.append { JSONText.emptyContainer(open: 0x7B, close: 0x7D, depth: depth, into: &$0) }
            return
        }
        sink.write("{\n")
        for (index, member) in members.sorted(by: { JSONText.precedes($0.key, $1.key) }).enumerated() {
            sink.write(JSONText.indent(depth + 1))
            sink.write(JSONText.quoted(member.key))
            sink.write(" : ")
            try member.write()
            sink.write(index == members.count - 1 ? "\n" : ",\n")
        }
        sink.write(JSONText.indent(depth) + "}")
    }

    /// Writes an array of values at `depth`, each rendered on its own, on every core a batch at a
    /// time, in order.
    func array<Element: Encodable & Sendable>(_ elements: [Element], depth: Int) throws {
        try array(elements, depth: depth) { element, out in try JSONText.render(element, depth: depth + 1, into: &out) }
    }

    /// The same, for elements that write their own JSON.
    func array<Element: DirectJSON & Sendable>(_ elements: [Element], depth: Int) throws {
        try array(elements, depth: depth) { element, out in try element.writeJSON(depth: depth + 1, into: &out) }
    }

    /// The contractors, each entry made on the core that writes it.
    func array(_ contractors: ContractorEntries, depth: Int) throws {
        try array(contractors, depth: depth) { element, out in try element.writeJSON(depth: depth + 1, into: &out) }
    }

    private func array<Elements: RandomAccessCollection & Sendable>(
        _ elements: Elements, depth: Int, render: @escaping @Sendable (Elements.Element, inout [UInt8]) throws -> Void
    ) throws where Elements.Index == Int {
        guard !elements.isEmpty else {
            sink.append { JSONText.emptyContainer(open: 0x5B, close: 0x5D, depth: depth, into: &$0) }
            return
        }
        sink.write("[\n")
        try ParallelRender.forEach(elements, render: { element, position, out in
            if position > 0 {
                out.append(0x2C)
                out.append(0x0A)
            }
            JSONText.indent(depth + 1, into: &out)
            try render(element, &out)
        }, emit: { part in
            sink.write(part)
            try sink.flushIfFull()
        })
        sink.write("\n" + JSONText.indent(depth) + "]")
    }

    func value<T: Encodable>(_ value: T, depth: Int) throws {
        try sink.append { try JSONText.render(value, depth: depth, into: &$0) }
    }
}

/// One Encodable value as JSON text, as `JSONEncoder` writes it pretty-printed with sorted keys.
enum JSONText {
    static func render<T: Encodable>(_ value: T, depth: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        try render(value, depth: depth, into: &out)
        return out
    }

    static func render<T: Encodable>(_ value: T, depth: Int, into out: inout [UInt8]) throws {
        try Node.piece(value, depth: depth).write(into: &out)
    }

    static func indent(_ depth: Int) -> String { String(repeating: "  ", count: depth) }

    static func indent(_ depth: Int, into out: inout [UInt8]) {
        // Copied at once from static text (no reference count to share between threads);
        // `repeatElement` appended byte by byte, 2% of a report's samples.
        let width = 2 * depth
        guard width <= spaces.utf8CodeUnitCount else {
            return out.append(contentsOf: repeatElement(0x20, count: width))
        }
        spaces.withUTF8Buffer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<width])) }
    }

    private static let spaces: StaticString = "                                                                "

    /// `{`, an empty line, and `}` at the depth's indent: as `JSONEncoder` writes an empty container.
    static func emptyContainer(open: UInt8, close: UInt8, depth: Int, into out: inout [UInt8]) {
        out.append(contentsOf: [open, 0x0A, 0x0A])
        indent(depth, into: &out)
        out.append(close)
    }

    /// `quoted(text)`, written straight into `out`.
    static func quote(_ text: String, into out: inout [UInt8]) {
        // Native strings are contiguous UTF-8: scanned and copied in place.
        let done = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            if needsEscaping(bytes) { return false }
            out.append(0x22)
            out.append(contentsOf: bytes)
            out.append(0x22)
            return true
        }
        if done != true { out.append(contentsOf: quoted(text).utf8) }
    }

    /// `value.description`, written straight into `out`: a Decimal's text without `description`'s
    /// digit-by-digit division of the mantissa (it cost more than all the rest of a meldingen entry).
    /// The mantissa is not public; it is read as the significand's `Double`, which is exact below
    /// 2^53 (every other value is written by `description`). The layout is `description`'s: the
    /// mantissa's digits as they are (no trailing zeros dropped), a point `-exponent` digits from
    /// the right with `0.` and zeros before it when needed, zeros after it for a positive exponent.
    static func decimal(_ value: Decimal, into out: inout [UInt8]) {
        let exponent = value.exponent
        let significand = NSDecimalNumber(decimal: value.significand).doubleValue.magnitude
        guard !value.isNaN, significand < 0x1p53 else {
            out.append(contentsOf: value.description.utf8)
            return
        }
        var mantissa = UInt64(significand)
        guard mantissa != 0 else { return out.append(0x30) }
        // The digits, last first, in a fixed buffer: at most 16 below 2^53.
        var digits: (UInt64, UInt64) = (0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while mantissa != 0 {
                buffer[count] = UInt8(truncatingIfNeeded: mantissa % 10) + 0x30
                mantissa /= 10
                count += 1
            }
            if value.sign == .minus { out.append(0x2D) }
            let point = -exponent
            if point >= count {
                out.append(0x30)
                out.append(0x2E)
                out.append(contentsOf: repeatElement(0x30, count: point - count))
            }
            for index in stride(from: count - 1, through: 0, by: -1) {
                out.append(buffer[index])
                if index == point, index > 0 { out.append(0x2E) }
            }
            if exponent > 0 { out.append(contentsOf: repeatElement(0x30, count: exponent)) }
        }
    }

    static func decimal(_ value: Decimal) -> String {
        var out: [UInt8] = []
        decimal(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a byte is a control character, `"` or `\`: eight bytes at a time, by the bit tests
    /// "has a byte less than n" and "has a byte equal to n" (Anderson, *Bit Twiddling Hacks*), which
    /// are exact for the word as a whole; the last bytes one by one.
    static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        var index = 0
        let raw = UnsafeRawBufferPointer(bytes)
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if (word &- ones &* 0x20) & ~word & highs != 0 || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C)) {
                return true
            }
            index += 8
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return true }
            index += 1
        }
        return false
    }

    /// Keys sort by their UTF-8 bytes, as `JSONEncoder`'s `.sortedKeys` does.
    static func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// A JSON string: quotes, backslashes and control characters escaped; `/` and everything
    /// else as it is.
    static func quoted(_ text: String) -> String {
        var result = "\""
        var plain = true
        for unit in text.utf8 where unit < 0x20 || unit == 0x22 || unit == 0x5C {
            plain = false
            break
        }
        if plain { return result + text + "\"" }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{8}": result += "\\b"
            case "\u{C}": result += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    static func number<Number: BinaryFloatingPoint & CustomStringConvertible>(_ value: Number) throws -> String {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(codingPath: [], debugDescription: "not a finite number"))
        }
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}

/// A rendered piece of JSON: a number, `true`, `false` or `null` as written; a string still to be
/// quoted; or a container being filled.
private enum Piece {
    case raw(String)
    case string(String)
    case node(Node)

    func write(into out: inout [UInt8]) {
        switch self {
        case .raw(let text): out.append(contentsOf: text.utf8)
        case .string(let text): JSONText.quote(text, into: &out)
        case .node(let node): node.write(into: &out)
        }
    }
}

/// An object or array being encoded, rendered when complete; `single` when a value's own
/// `encode(to:)` wrote one plain value.
private final class Node {
    enum Content {
        case empty
        case single(Piece)
        case object([(key: String, piece: Piece)])
        case array([Piece])
    }

    let depth: Int
    var content: Content = .empty

    init(depth: Int) { self.depth = depth }

    static func render<T: Encodable>(_ value: T, depth: Int) throws -> Node {
        let node = Node(depth: depth)
        node.content = .single(try piece(value, depth: depth))
        return node
    }

    static func piece<T: Encodable>(_ value: T, depth: Int) throws -> Piece {
        if let literal = try literal(value) { return literal }
        let node = Node(depth: depth)
        try value.encode(to: NodeEncoder(node: node))
        if case .single(let piece) = node.content { return piece }
        return .node(node)
    }

    /// The plain values, without going through their own `encode(to:)`; Decimal as a number, as
    /// `JSONEncoder` writes it. The common types are told by their metatype, without a dynamic cast.
    static func literal<T: Encodable>(_ value: T) throws -> Piece? {
        if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if T.self == Int.self { return .raw(String(unsafeBitCast(value, to: Int.self))) }
        if T.self == Bool.self { return .raw(unsafeBitCast(value, to: Bool.self) ? "true" : "false") }
        if T.self == Decimal.self { return .raw(JSONText.decimal(value as! Decimal)) }
        if T.self == Double.self { return .raw(try JSONText.number(unsafeBitCast(value, to: Double.self))) }
        // The rarer plain types; anything else (an enum, a struct) encodes itself.
        if T.self == Int64.self { return .raw(String(unsafeBitCast(value, to: Int64.self))) }
        if T.self == Int32.self { return .raw(String(unsafeBitCast(value, to: Int32.self))) }
        if T.self == Int16.self { return .raw(String(unsafeBitCast(value, to: Int16.self))) }
        if T.self == Int8.self { return .raw(String(unsafeBitCast(value, to: Int8.self))) }
        if T.self == UInt.self { return .raw(String(unsafeBitCast(value, to: UInt.self))) }
        if T.self == UInt64.self { return .raw(String(unsafeBitCast(value, to: UInt64.self))) }
        if T.self == UInt32.self { return .raw(String(unsafeBitCast(value, to: UInt32.self))) }
        if T.self == UInt16.self { return .raw(String(unsafeBitCast(value, to: UInt16.self))) }
        if T.self == UInt8.self { return .raw(String(unsafeBitCast(value, to: UInt8.self))) }
        if T.self == Float.self { return .raw(try JSONText.number(unsafeBitCast(value, to: Float.self))) }
        return nil
    }

    func write(into out: inout [UInt8]) {
        switch content {
        case .empty:
            JSONText.emptyContainer(open: 0x7B, close: 0x7D, depth: depth, into: &out)
        case .single(let piece):
            piece.write(into: &out)
        case .object(let members):
            guard !members.isEmpty else {
                JSONText.emptyContainer(open: 0x7B, close: 0x7D, depth: depth, into: &out)
                return
            }
            out.append(contentsOf: [0x7B, 0x0A])
            let sorted = members.count == 1 ? members : members.sorted { JSONText.precedes($0.key, $1.key) }
            for (index, member) in sorted.enumerated() {
                JSONText.indent(depth + 1, into: &out)
                JSONText.quote(member.key, into: &out)
                out.append(contentsOf: [0x20, 0x3A, 0x20])
                member.piece.write(into: &out)
                if index < sorted.count - 1 { out.append(0x2C) }
                out.append(0x0A)
            }
            JSONText.indent(depth, into: &out)
            out.append(0x7D)
        case .array(let elements):
            guard !elements.isEmpty else {
                JSONText.emptyContainer(open: 0x5B, close: 0x5D, depth: depth, into: &out)
                return
            }
            out.append(contentsOf: [0x5B, 0x0A])
            for (index, element) in elements.enumerated() {
                JSONText.indent(depth + 1, into: &out)
                element.write(into: &out)
                if index < elements.count - 1 { out.append(0x2C) }
                out.append(0x0A)
            }
            JSONText.indent(depth, into: &out)
            out.append(0x5D)
        }
    }

    func append(key: String, _ piece: Piece) {
        if case .object(var members) = content {
            content = .empty
            members.append((key, piece))
            content = .object(members)
        } else {
            content = .object([(key, piece)])
        }
    }

    func append(_ piece: Piece) {
        if case .array(var elements) = content {
            content = .empty
            elements.append(piece)
            content = .array(elements)
        } else {
            content = .array([piece])
        }
    }
}

private struct NodeEncoder: Encoder {
    let node: Node
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .empty = node.content { node.content = .object([]) }
        return KeyedEncodingContainer(KeyedNodeContainer(node: node))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if case .empty = node.content { node.content = .array([]) }
        return UnkeyedNodeContainer(node: node)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { SingleNodeContainer(node: node) }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: Node
    var codingPath: [CodingKey] { [] }

    func encodeNil(forKey key: Key) { node.append(key: key.stringValue, .raw("null")) }

    func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.append(key: key.stringValue, try Node.piece(value, depth: node.depth + 1))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = Node(depth: node.depth + 1)
        child.content = .object([])
        node.append(key: key.stringValue, .node(child))
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child))
    }

    func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let child = Node(depth: node.depth + 1)
        child.content = .array([])
        node.append(key: key.stringValue, .node(child))
        return UnkeyedNodeContainer(node: child)
    }

    func superEncoder() -> Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    func superEncoder(forKey key: Key) -> Encoder {
        let child = Node(depth: node.depth + 1)
        node.append(key: key.stringValue, .node(child))
        return NodeEncoder(node: child)
    }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: Node
    var codingPath: [CodingKey] { [] }
    var count: Int {
        if case .array(let elements) = node.content { return elements.count }
        return 0
    }

    func encodeNil() { node.append(.raw("null")) }

    func encode<T: Encodable>(_ value: T) throws { node.append(try Node.piece(value, depth: node.depth + 1)) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = Node(depth: node.depth + 1)
        child.content = .object([])
        node.append(.node(child))
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child))
    }

    func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let child = Node(depth: node.depth + 1)
        child.content = .array([])
        node.append(.node(child))
        return UnkeyedNodeContainer(node: child)
    }

    func superEncoder() -> Encoder {
        let child = Node(depth: node.depth + 1)
        node.append(.node(child))
        return NodeEncoder(node: child)
    }
}

private struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: Node
    var codingPath: [CodingKey] { [] }

    func encodeNil() { node.content = .single(.raw("null")) }

    func encode<T: Encodable>(_ value: T) throws {
        node.content = .single(try Node.piece(value, depth: node.depth))
    }
}
