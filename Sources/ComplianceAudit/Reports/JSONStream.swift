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
            sink.write("{\n\n" + JSONText.indent(depth) + "}")
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

    /// Writes an array of values one by one at `depth`, each rendered on its own.
    func array<Element: Encodable>(_ elements: some Collection<Element>, depth: Int) throws {
        guard !elements.isEmpty else {
            sink.write("[\n\n" + JSONText.indent(depth) + "]")
            return
        }
        sink.write("[\n")
        var remaining = elements.count
        for element in elements {
            sink.write(JSONText.indent(depth + 1))
            try value(element, depth: depth + 1)
            remaining -= 1
            sink.write(remaining == 0 ? "\n" : ",\n")
            try sink.flushIfFull()
        }
        sink.write(JSONText.indent(depth) + "]")
    }

    func value<T: Encodable>(_ value: T, depth: Int) throws {
        sink.write(try JSONText.render(value, depth: depth))
    }
}

/// One Encodable value as JSON text, as `JSONEncoder` writes it pretty-printed with sorted keys.
enum JSONText {
    static func render<T: Encodable>(_ value: T, depth: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        try Node.render(value, depth: depth).write(into: &out)
        return out
    }

    static func indent(_ depth: Int) -> String { String(repeating: "  ", count: depth) }

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

/// A value being encoded: a literal, an object or an array, rendered when complete.
private final class Node {
    enum Content {
        case empty
        case literal(String)
        case object([(key: String, node: Node)])
        case array([Node])
    }

    let depth: Int
    var content: Content = .empty

    init(depth: Int) { self.depth = depth }

    init(depth: Int, literal: String) {
        self.depth = depth
        content = .literal(literal)
    }

    static func render<T: Encodable>(_ value: T, depth: Int) throws -> Node {
        if let literal = try literal(value) { return Node(depth: depth, literal: literal) }
        let node = Node(depth: depth)
        try value.encode(to: NodeEncoder(node: node))
        return node
    }

    /// The plain values, without going through their own `encode(to:)`; Decimal as a number, as
    /// `JSONEncoder` writes it.
    static func literal<T: Encodable>(_ value: T) throws -> String? {
        switch value {
        case let string as String: JSONText.quoted(string)
        case let number as Int: String(number)
        case let flag as Bool: flag ? "true" : "false"
        case let number as Decimal: number.description
        case let number as Double: try JSONText.number(number)
        case let number as Int64: String(number)
        case let number as any BinaryInteger: String(describing: number)
        case let number as Float: try JSONText.number(number)
        default: nil
        }
    }

    func write(into out: inout [UInt8]) {
        switch content {
        case .empty:
            out += Array("{\n\n\(JSONText.indent(depth))}".utf8)
        case .literal(let text):
            out += text.utf8
        case .object(let members):
            guard !members.isEmpty else {
                out += Array("{\n\n\(JSONText.indent(depth))}".utf8)
                return
            }
            out += "{\n".utf8
            let inner = JSONText.indent(depth + 1)
            for (index, member) in members.sorted(by: { JSONText.precedes($0.key, $1.key) }).enumerated() {
                out += inner.utf8
                out += JSONText.quoted(member.key).utf8
                out += " : ".utf8
                member.node.write(into: &out)
                out += (index == members.count - 1 ? "\n" : ",\n").utf8
            }
            out += JSONText.indent(depth).utf8
            out += "}".utf8
        case .array(let elements):
            guard !elements.isEmpty else {
                out += Array("[\n\n\(JSONText.indent(depth))]".utf8)
                return
            }
            out += "[\n".utf8
            let inner = JSONText.indent(depth + 1)
            for (index, element) in elements.enumerated() {
                out += inner.utf8
                element.write(into: &out)
                out += (index == elements.count - 1 ? "\n" : ",\n").utf8
            }
            out += JSONText.indent(depth).utf8
            out += "]".utf8
        }
    }

    func append(key: String, _ node: Node) {
        if case .object(var members) = content {
            content = .empty
            members.append((key, node))
            content = .object(members)
        } else {
            content = .object([(key, node)])
        }
    }

    func append(_ node: Node) {
        if case .array(var elements) = content {
            content = .empty
            elements.append(node)
            content = .array(elements)
        } else {
            content = .array([node])
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

    func encodeNil(forKey key: Key) { node.append(key: key.stringValue, Node(depth: node.depth + 1, literal: "null")) }

    func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.append(key: key.stringValue, try Node.render(value, depth: node.depth + 1))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = Node(depth: node.depth + 1)
        child.content = .object([])
        node.append(key: key.stringValue, child)
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child))
    }

    func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let child = Node(depth: node.depth + 1)
        child.content = .array([])
        node.append(key: key.stringValue, child)
        return UnkeyedNodeContainer(node: child)
    }

    func superEncoder() -> Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    func superEncoder(forKey key: Key) -> Encoder {
        let child = Node(depth: node.depth + 1)
        node.append(key: key.stringValue, child)
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

    func encodeNil() { node.append(Node(depth: node.depth + 1, literal: "null")) }

    func encode<T: Encodable>(_ value: T) throws { node.append(try Node.render(value, depth: node.depth + 1)) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = Node(depth: node.depth + 1)
        child.content = .object([])
        node.append(child)
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child))
    }

    func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let child = Node(depth: node.depth + 1)
        child.content = .array([])
        node.append(child)
        return UnkeyedNodeContainer(node: child)
    }

    func superEncoder() -> Encoder {
        let child = Node(depth: node.depth + 1)
        node.append(child)
        return NodeEncoder(node: child)
    }
}

private struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: Node
    var codingPath: [CodingKey] { [] }

    func encodeNil() { node.content = .literal("null") }

    func encode<T: Encodable>(_ value: T) throws {
        let rendered = try Node.render(value, depth: node.depth)
        node.content = rendered.content
    }
}
