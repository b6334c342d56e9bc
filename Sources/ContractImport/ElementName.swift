import CLibXML2

/// An element's local name and namespace as libxml2 hands them over, compared without
/// allocating. Valid only during the SAX event.
struct ElementName {
    let localName: UnsafePointer<xmlChar>
    let namespace: UnsafePointer<xmlChar>?

    func isNamed(_ name: StaticString) -> Bool {
        equalsCString(localName, name)
    }

    func isIn(_ kind: DocumentKind) -> Bool {
        guard let namespace else { return false }
        return equalsCString(namespace, kind.namespaceLiteral)
    }

    /// Whether this element's namespace is the very string `other` points at; libxml2 interns
    /// names, so within one parse equal namespaces are usually the same pointer.
    func sharesNamespace(with other: UnsafePointer<xmlChar>?) -> Bool {
        namespace != nil && namespace == other
    }

    var name: String { String(cString: localName) }
    var namespaceURI: String? { namespace.map { String(cString: $0) } }
}

/// The attributes of a start tag: libxml2's flat array of (localname, prefix, URI, value start,
/// value end) per attribute.
struct AttributeList {
    let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    struct Attribute {
        let localName: UnsafePointer<xmlChar>
        let namespace: UnsafePointer<xmlChar>?
        let value: UnsafeRawBufferPointer

        func isNamed(_ name: StaticString) -> Bool {
            namespace == nil && equalsCString(localName, name)
        }

        var name: String { String(cString: localName) }
        /// Whether this is one of the meldingen format's own attribute names, which messages may repeat.
        var isKnownMeldingenName: Bool {
            namespace == nil && SchemaMessage.meldingenNames.contains(Substring(name))
        }
        var text: String { ValueReader.attributeText(value) }
    }

    func forEach(_ body: (Attribute) -> Void) {
        guard let base else { return }
        for index in 0..<count { body(self[index, base]) }
    }

    private subscript(index: Int, base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>) -> Attribute {
        let fields = base + index * 5
        let start = UnsafeRawPointer(fields[3]!)
        let end = UnsafeRawPointer(fields[4]!)
        return Attribute(
            localName: fields[0]!, namespace: fields[2],
            value: UnsafeRawBufferPointer(start: start, count: end - start))
    }
}

@inline(__always)
func equalsCString(_ pointer: UnsafePointer<xmlChar>, _ name: StaticString) -> Bool {
    let length = name.utf8CodeUnitCount
    return name.withUTF8Buffer { expected in
        for index in 0..<length where pointer[index] != expected[index] { return false }
        return pointer[length] == 0
    }
}
